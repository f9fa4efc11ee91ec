/** The DRAM bar of the snapshot shown, as an SVG file (barSvg.ts) in the reader's words and unit. */
import { bucketLabel } from '../../core/model/buckets';
import type { Breakdown } from '../../core/viewmodel/bar';
import { LIGHT_BUCKETS } from '../colors';
import { fmtPct, fmtSize } from '../format';
import { type BarContext, useBarContext } from './barContext';
import { barSvg } from './barSvg';
import { stamp } from './names';
import { captionOf } from './stamp';
import { cssVar, type SvgFile } from './svg';

/**
 * `live`: colours stay CSS variables, for the SVG drawn in the page (it follows the theme,
 * and print's black on white); otherwise they are resolved, for a file opened alone.
 */
export function useBarSvg(): (breakdown: Breakdown, live?: boolean) => SvgFile {
  const ctx = useBarContext();
  return (bd, live = false) => drawBar(ctx, bd, live);
}

export function drawBar({ t, tm, unit }: BarContext, bd: Breakdown, live = false): SvgFile {
  const v = (name: string) => (live ? `var(${name})` : cssVar(name));
  const whole = bd.basis === 'dram' ? 'DRAM' : 'MemTotal';
  const s = stamp();
  const names = new Map(bd.segments.map((x) => [x.id, tm(x.label)]));
  return barSvg({
    breakdown: bd,
    title: captionOf('', s),
    caption: `${t('ov.bar')} ${whole} (${fmtSize(bd.totalKiB, unit)})`,
    name: (id) => names.get(id) ?? id,
    size: (kib) => fmtSize(kib, unit),
    pct: (kib) => fmtPct(kib, bd.totalKiB),
    bucketName: (b) => tm(bucketLabel(b)),
    color: (b) => v(`--b-${b}`),
    light: (b) => LIGHT_BUCKETS.has(b),
    heading: !live,
    theme: {
      bg: v('--bg'),
      ink: v('--ink'),
      muted: v('--muted'),
      line: v('--line'),
      font: live ? 'inherit' : getComputedStyle(document.body).fontFamily,
    },
  });
}
