/** Range arithmetic on [start, end) bigint ranges. */
import { bytesToKiB, PAGE } from '../units';

export interface Range {
  start: bigint;
  end: bigint;
}

export const sizeOf = (r: Range): bigint => (r.end > r.start ? r.end - r.start : 0n);
export const totalKiB = (rs: readonly Range[]): number => bytesToKiB(rs.reduce((s, r) => s + sizeOf(r), 0n));

/** Sorted, merged union; ranges that touch are merged. */
export function union(rs: readonly Range[]): Range[] {
  const sorted = rs.filter((r) => r.end > r.start).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) {
      if (r.end > last.end) last.end = r.end;
    } else out.push({ start: r.start, end: r.end });
  }
  return out;
}

/** Parts of `a` not covered by any of `bs`: both sorted, then walked once together. */
export function subtract(a: readonly Range[], bs: readonly Range[]): Range[] {
  const b = union(bs);
  const out: Range[] = [];
  let j = 0;
  for (const r of union(a)) {
    // ranges of b that end before r cannot touch r or any later range of a
    while (j < b.length && (b[j]?.end ?? 0n) <= r.start) j++;
    let s = r.start;
    for (let k = j; k < b.length; k++) {
      const x = b[k] as Range;
      if (x.start >= r.end) break;
      if (x.start > s) out.push({ start: s, end: x.start });
      if (x.end > s) s = x.end;
      if (s >= r.end) break;
    }
    if (s < r.end) out.push({ start: s, end: r.end });
  }
  return out;
}

export function intersect(a: readonly Range[], b: readonly Range[]): Range[] {
  return subtract(a, subtract(a, b));
}

/** widened to whole pages: the kernel counts every page a reserved range touches */
export const pageRound = (r: Range, page = PAGE): Range => ({
  start: r.start - (r.start % page),
  end: r.end % page === 0n ? r.end : r.end - (r.end % page) + page,
});
