/** Range arithmetic on [start, end) bigint ranges. */
export interface Range {
  start: bigint;
  end: bigint;
}

export const sizeOf = (r: Range): bigint => (r.end > r.start ? r.end - r.start : 0n);
export const kib = (bytes: bigint): number => Number(bytes) / 1024;
export const totalKiB = (rs: readonly Range[]): number => kib(rs.reduce((s, r) => s + sizeOf(r), 0n));

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

/** Parts of `a` not covered by any of `bs`. */
export function subtract(a: readonly Range[], bs: readonly Range[]): Range[] {
  const b = union(bs);
  const out: Range[] = [];
  for (const r of union(a)) {
    let s = r.start;
    for (const x of b) {
      if (x.end <= s || x.start >= r.end) continue;
      if (x.start > s) out.push({ start: s, end: x.start });
      s = x.end > s ? x.end : s;
      if (s >= r.end) break;
    }
    if (s < r.end) out.push({ start: s, end: r.end });
  }
  return out;
}

export function intersect(a: readonly Range[], b: readonly Range[]): Range[] {
  return subtract(a, subtract(a, b));
}

export const pageRound = (r: Range, page = 4096n): Range => ({
  start: r.start - (r.start % page),
  end: r.end % page === 0n ? r.end : r.end - (r.end % page) + page,
});

export const hex = (v: bigint, width = 8): string => `0x${v.toString(16).padStart(width, '0')}`;
