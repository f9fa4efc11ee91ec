/** one input line a value was read from, for "where did this number come from" */
export interface SourceRef {
  /** the input's name */
  source: string;
  /** 1-based line; 0 = the input as a whole */
  line: number;
  /** the last line, when the value was read from the lines `line`…`to` (a table summed) */
  to?: number;
}

/** `name:12`, `name:3–9` for a range of lines, `name` for the input as a whole */
export const refText = (r: SourceRef): string =>
  r.line > 0 ? `${r.source}:${r.line}${r.to !== undefined && r.to > r.line ? `–${r.to}` : ''}` : r.source;

/** a side's references as text, lines of one input after its name once: `meminfo:8, 9, 14` */
export function refsText(refs: readonly SourceRef[], max = Number.POSITIVE_INFINITY): string {
  const parts: string[] = [];
  let prev = '';
  for (const r of refs.slice(0, max)) {
    const lines = r.line > 0 ? `${r.line}${r.to !== undefined && r.to > r.line ? `–${r.to}` : ''}` : '';
    parts.push(r.source === prev && lines ? lines : refText(r));
    prev = r.source;
  }
  const shown = parts.join(', ');
  return refs.length > max ? `${shown} (+${refs.length - max})` : shown;
}
