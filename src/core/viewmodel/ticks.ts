/**
 * Ticks of the address map on round addresses: the step is a power of two (in hex, 1, 2,
 * 4 or 8 followed by zeros: 0x1000000, 0x2000000…), the smallest that keeps at most
 * `max` ticks in the window, and every tick is a multiple of it (0x40000000, 0x41000000…).
 */

export interface Tick {
  /** the address */
  at: bigint;
  /** bytes from the map's base (a number: the axis is in bytes from the base) */
  off: number;
}

/** round ticks inside [base + v0, base + v1]; none when the window is empty or max < 1 */
export function roundTicks(base: bigint, v0: number, v1: number, max: number): Tick[] {
  if (!(v1 > v0) || max < 1) return [];
  const want = (v1 - v0) / max;
  let step = 1n;
  while (Number(step) < want) step *= 2n;
  const lo = base + BigInt(Math.ceil(v0));
  const hi = base + BigInt(Math.floor(v1));
  const out: Tick[] = [];
  for (let at = ((lo + step - 1n) / step) * step; at <= hi; at += step) out.push({ at, off: Number(at - base) });
  return out;
}
