/**
 * The DRAM bar as an SVG file, with the drawing code loaded on the first export (the
 * Overview is part of the page's first load; the drawing is not).
 */
import type { Breakdown } from '../../core/viewmodel/bar';
import { useBarContext } from './barContext';
import type { SvgFile } from './svg';

export function useBarSvgLater(): (breakdown: Breakdown) => Promise<SvgFile> {
  const ctx = useBarContext();
  return async (bd) => (await import('./useBarSvg')).drawBar(ctx, bd);
}
