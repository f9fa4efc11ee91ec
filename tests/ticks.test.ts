import { describe, expect, it } from 'vitest';
import { roundTicks } from '../src/core/viewmodel/ticks';

const hex = (b: bigint) => `0x${b.toString(16)}`;

describe('roundTicks', () => {
  it('puts the map ticks of the seed (256 MiB from 0x40000000) on round addresses, not 0x42aaaaab', () => {
    const t = roundTicks(0x4000_0000n, 0, 0x1000_0000, 6).map((x) => hex(x.at));
    expect(t).toEqual(['0x40000000', '0x44000000', '0x48000000', '0x4c000000', '0x50000000']);
  });
  it('follows a zoomed window: a power-of-two step, every tick a multiple of it', () => {
    const t = roundTicks(0x4000_0000n, 0x7c8_0000, 0x7c8_0000 + 0x60_0000, 6);
    expect(t.length).toBeGreaterThanOrEqual(3);
    expect(t.length).toBeLessThanOrEqual(6);
    const step = (t[1]?.at ?? 0n) - (t[0]?.at ?? 0n);
    expect(step & (step - 1n)).toBe(0n);
    for (const x of t) expect(x.at % step).toBe(0n);
  });
  it('handles 64-bit addresses and tiny windows', () => {
    const t = roundTicks(0x8_0000_0000n, 10, 100, 4);
    expect(t.every((x) => x.at >= 0x8_0000_000an && x.at <= 0x8_0000_0064n)).toBe(true);
    expect(roundTicks(0n, 5, 5, 4)).toEqual([]);
  });
});
