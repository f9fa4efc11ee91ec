/**
 * Which lines of a cell's label fit in it: the name wrapped at spaces (and between CJK
 * characters, where text breaks anyway), never cut mid-word; then the size; then the
 * share. A name that does not fit whole is not shown (the tooltip and the table say it).
 * Widths are estimated from the font size, on the wide side, so nothing drawn overflows.
 */

/** an estimate of a text's width in px at `font` px: CJK full width, the rest ~0.62 em */
export function textWidth(s: string, font: number): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? font : font * 0.62;
  return w;
}

/** words to wrap at: runs between spaces, every CJK character on its own */
const words = (s: string): string[] => s.match(/[\u2e80-\uffff]|[^\s\u2e80-\uffff]+/g) ?? [];

/** the name in lines no wider than `width`, or null when a word alone is wider */
export function wrap(name: string, width: number, font: number): string[] | null {
  const lines: string[] = [];
  let line = '';
  for (const word of words(name)) {
    if (textWidth(word, font) > width) return null;
    const cjk = /^[\u2e80-\uffff]$/.test(word) && /[\u2e80-\uffff]$/.test(line);
    const next = line ? `${line}${cjk ? '' : ' '}${word}` : word;
    if (textWidth(next, font) <= width) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export interface Label {
  /** the name's lines; none when it does not fit */
  name: string[];
  /** then the size and the share, as many as fit */
  extra: string[];
}

/** the lines of a label that fit a `w`×`h` px cell: name lines, then size, then share */
export function fitLabel(name: string, size: string, share: string, w: number, h: number, font: number): Label {
  const pad = 4;
  const lineH = font * 1.25;
  const room = Math.floor((h - 2 * pad) / lineH);
  const named = wrap(name, w - 2 * pad, font);
  if (!named || named.length > room) return { name: [], extra: [] };
  const extra: string[] = [];
  for (const x of [size, share])
    if (x && named.length + extra.length < room && textWidth(x, font) <= w - 2 * pad) extra.push(x);
    else break;
  return { name: named, extra };
}

/** how many lines a label takes */
export const labelLines = (l: Label): number => l.name.length + l.extra.length;
