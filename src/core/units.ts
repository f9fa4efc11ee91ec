/**
 * Units and number formats: the one place that turns addresses into hex and KiB into
 * text, for the core, the CLI and the page alike (docs/architecture.md, "Numbers").
 *
 * Addresses are `bigint` (physical addresses pass 4 GiB, virtual ones pass 2^53);
 * sizes are KiB in a `number` (exact up to 2^53 KiB).
 */

export const PAGE = 4096n;

/** `0x` + hex digits, zero-padded to `width` (8 below 4 GiB, 16 above: see hexWidth) */
export function hex(v: bigint, width = 8): string {
  return `0x${v.toString(16).padStart(width, '0')}`;
}

/** the padding a layout's addresses get: 8 digits when it ends at or below 4 GiB, else 16 */
export const hexWidth = (end: bigint | null | undefined): number => (end !== null && end !== undefined && end > 0x1_0000_0000n ? 16 : 8);

/** Parses a hex string (with or without 0x) into a bigint; null when it is not hex. */
export function hexToBigInt(s: string): bigint | null {
  const h = s.startsWith('0x') || s.startsWith('0X') ? s.slice(2) : s;
  if (h.length === 0 || !/^[0-9a-fA-F]+$/.test(h)) return null;
  return BigInt(`0x${h}`);
}

/**
 * A decimal count as printed (`230856`, `-4`), or null when it cannot be held exactly: more
 * digits than 2^53 has, or past it (a 400-digit number would become Infinity, a 17-digit
 * one be rounded). The digits are checked before they are converted.
 */
export function exactInt(digits: string): number | null {
  const body = digits.startsWith('-') ? digits.slice(1) : digits;
  if (body.length === 0 || body.length > 16 || !/^\d+$/.test(body)) return null;
  const v = Number(digits);
  return Number.isSafeInteger(v) ? v : null;
}

/** bytes → KiB; exact for any size a device can have */
export const bytesToKiB = (bytes: bigint): number => Number(bytes / 1024n) + Number(bytes % 1024n) / 1024;

// made on first use: loading the locale data costs a CLI run that prints no number ~20 ms
let INT: Intl.NumberFormat | undefined;
let ONE: Intl.NumberFormat | undefined;
const int = () => (INT ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }));
const one = () => (ONE ??= new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }));

/** KiB as an integer with thousands separators: 230856 → "230,856" (negatives keep their sign) */
export const fmtKiB = (kib: number): string => int().format(Math.round(kib));

/** KiB shown as MiB with one decimal: 230856 → "225.4" */
export const fmtMiB = (kib: number): string => one().format(kib / 1024);

export type SizeUnit = 'KiB' | 'MiB';

/** a size with its unit: "230,856 KiB" or "225.4 MiB" */
export const fmtSize = (kib: number, unit: SizeUnit): string => (unit === 'MiB' ? `${fmtMiB(kib)} MiB` : `${fmtKiB(kib)} KiB`);

/** the number only, for table cells whose header names the unit */
export const fmtNum = (kib: number, unit: SizeUnit): string => (unit === 'MiB' ? fmtMiB(kib) : fmtKiB(kib));

/** a share with one decimal: "12.3 %"; empty when the whole is 0 */
export const fmtPct = (part: number, whole: number): string => (whole ? `${one().format((part / whole) * 100)} %` : '');
