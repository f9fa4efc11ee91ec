/**
 * Squarified treemap layout (Bruls, Huizing, van Wijk 2000): rows of cells laid along the
 * shorter side of what is left, a row closed when adding the next cell would make its
 * worst aspect ratio worse. Written here (60 lines) rather than taking d3-hierarchy: the
 * page lays out one level at a time (zooming re-lays the node shown), so a hierarchy
 * library's tree walking buys nothing, and the layout stays pure and tested in core.
 */

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Cells for `values` (≥ 0, any order) inside `rect`, each with an area in proportion to its
 * value; the result is in the order of `values`. Zero values get empty cells.
 */
export function squarify(values: readonly number[], rect: Rect): Rect[] {
  const out: Rect[] = values.map(() => ({ x: rect.x, y: rect.y, w: 0, h: 0 }));
  const total = values.reduce((s, v) => s + Math.max(0, v), 0);
  if (total <= 0 || rect.w <= 0 || rect.h <= 0) return out;
  const scale = (rect.w * rect.h) / total;
  // largest first: the rows come out squarer
  const order = values
    .map((v, i) => ({ i, area: Math.max(0, v) * scale }))
    .filter((c) => c.area > 0)
    .sort((a, b) => b.area - a.area);
  let free = { ...rect };
  let row: typeof order = [];
  for (const cell of order) {
    const side = Math.min(free.w, free.h);
    if (row.length === 0 || worst([...row, cell], side) <= worst(row, side)) row.push(cell);
    else {
      free = place(row, free, out);
      row = [cell];
    }
  }
  if (row.length > 0) place(row, free, out);
  return out;
}

/** the worst aspect ratio of a row of cells laid along a side of length `side` */
function worst(row: readonly { area: number }[], side: number): number {
  const sum = row.reduce((s, c) => s + c.area, 0);
  let max = 0;
  for (const c of row) {
    const r = Math.max((side * side * c.area) / (sum * sum), (sum * sum) / (side * side * c.area));
    if (r > max) max = r;
  }
  return max;
}

/** lays a row along the shorter side of `free`; returns what is left of it */
function place(row: readonly { i: number; area: number }[], free: Rect, out: Rect[]): Rect {
  const sum = row.reduce((s, c) => s + c.area, 0);
  const wide = free.w >= free.h;
  // the row's thickness: its area over the side it lies along
  const thick = wide ? sum / free.h : sum / free.w;
  let at = wide ? free.y : free.x;
  for (const c of row) {
    const len = c.area / thick;
    out[c.i] = wide ? { x: free.x, y: at, w: thick, h: len } : { x: at, y: free.y, w: len, h: thick };
    at += len;
  }
  return wide
    ? { x: free.x + thick, y: free.y, w: Math.max(0, free.w - thick), h: free.h }
    : { x: free.x, y: free.y + thick, w: free.w, h: Math.max(0, free.h - thick) };
}
