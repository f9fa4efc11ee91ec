/**
 * The kernel part and the user part of the DRAM bar, each a stacked bar of its own on the
 * Overview: the same segments (and colours) as the bar, gathered by family. Unaccounted
 * stands with the kernel: what it most often is (pages drivers took with alloc_pages).
 */
import { BUCKETS } from '../model/buckets';
import type { BarSegment, Breakdown } from './bar';

export interface Part {
  id: 'kernel' | 'user';
  segments: BarSegment[];
  /** Σ segments: the part's 100 % */
  totalKiB: number;
}

export function barParts(b: Breakdown): Part[] {
  const of = (id: Part['id'], pick: (s: BarSegment) => boolean): Part => {
    const segments = b.segments.filter(pick);
    return { id, segments, totalKiB: segments.reduce((s, x) => s + x.kib, 0) };
  };
  return [
    of('kernel', (s) => BUCKETS[s.bucket].family === 'kernel' || s.bucket === 'unaccounted'),
    of('user', (s) => BUCKETS[s.bucket].family === 'user'),
  ].filter((p) => p.segments.length > 0);
}
