/** Number and address formatting for the page (DESIGN.md "Numbers and text"). */
import type { Unit } from './store';

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const fmtInt = (n: number): string => int.format(Math.round(n));

/** KiB with thousands separators, or MiB with one decimal; negatives keep their sign */
export function fmtSize(kib: number, unit: Unit): string {
  return unit === 'MiB' ? `${one.format(kib / 1024)} MiB` : `${int.format(Math.round(kib))} KiB`;
}

/** the number only, for table cells whose header names the unit */
export function fmtNum(kib: number, unit: Unit): string {
  return unit === 'MiB' ? one.format(kib / 1024) : int.format(Math.round(kib));
}

export const fmtPct = (part: number, whole: number): string => (whole ? `${one.format((part / whole) * 100)} %` : '');

export function fmtHex(v: bigint, width: number): string {
  return `0x${v.toString(16).padStart(width, '0')}`;
}

/** hex width for a layout: 8 digits below 4 GiB, else 16 */
export const hexWidth = (end: bigint | null | undefined): number => (end !== null && end !== undefined && end > 0x1_0000_0000n ? 16 : 8);

export function fmtBytes(n: number): string {
  if (n >= 1048576) return `${one.format(n / 1048576)} MiB`;
  if (n >= 1024) return `${one.format(n / 1024)} KiB`;
  return `${n} B`;
}

/** long names truncated in the middle (DESIGN.md), full name on hover */
export function middle(s: string, max = 48): string {
  if (s.length <= max) return s;
  const head = Math.ceil((max - 1) * 0.6);
  return `${s.slice(0, head)}…${s.slice(s.length - (max - 1 - head))}`;
}
