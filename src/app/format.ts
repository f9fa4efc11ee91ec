import { visible } from '../core/messages/catalogue';

/**
 * Numbers and text on the page. Sizes, shares and addresses come from the core's one set
 * of formatters (src/core/units.ts), so the page, the CLI and exports agree to the digit;
 * this file adds what only the page shows.
 */
export { visible } from '../core/messages/catalogue';
export { fmtKiB as fmtInt, fmtNum, fmtPct, fmtSize, hex as fmtHex, hexWidth } from '../core/units';

/** a file's size: "1.2 MiB", "512 B" */
export function fmtBytes(n: number): string {
  if (n >= 1048576) return `${(n / 1048576).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

/**
 * A name or path from an input, made safe to show (control and bidi characters written
 * as escapes) and cut in the middle when long; the caller sets the full name as `title`.
 */
export function middle(raw: string, max = 48): string {
  const s = visible(raw);
  if (s.length <= max) return s;
  const head = Math.ceil((max - 1) * 0.6);
  return `${s.slice(0, head)}…${s.slice(s.length - (max - 1 - head))}`;
}
