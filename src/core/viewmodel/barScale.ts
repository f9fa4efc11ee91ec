import type { Breakdown } from './bar';
/**
 * What 100 % of the bar's width stands for: the whole, or the sum of the positive segments
 * when they overrun it (a negative unaccounted is shown beside the bar, not in it).
 */
export function barScale(b: Breakdown): number {
  return (
    Math.max(
      b.totalKiB,
      b.segments.reduce((s, x) => s + (x.kib > 0 ? x.kib : 0), 0),
    ) || 1
  );
}
