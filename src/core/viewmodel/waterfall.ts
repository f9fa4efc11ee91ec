/** The ledger in reading order: each line followed by its parts, depth-first, as the Overview's table shows it. */
import type { Line } from '../model/accounting/index';

export interface OrderedLine {
  line: Line;
  /** 0 for a line with no parent among the lines given */
  depth: number;
}

export function orderLines(lines: readonly Line[]): OrderedLine[] {
  const ids = new Set(lines.map((l) => l.id));
  const kids = new Map<string, Line[]>();
  const roots: Line[] = [];
  for (const l of lines) {
    if (l.parent && ids.has(l.parent)) {
      const list = kids.get(l.parent) ?? [];
      list.push(l);
      kids.set(l.parent, list);
    } else roots.push(l);
  }
  const out: OrderedLine[] = [];
  const seen = new Set<string>();
  const walk = (l: Line, depth: number) => {
    if (seen.has(l.id)) return; // a cycle of parents would otherwise never end
    seen.add(l.id);
    out.push({ line: l, depth });
    for (const k of kids.get(l.id) ?? []) walk(k, depth + 1);
  };
  for (const r of roots) walk(r, 0);
  return out;
}
