import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { m } from '../src/core/messages/catalogue';
import type { RegionKind } from '../src/core/model/physical/types';
import { type Lane, laneMarks, type MapRegion, mapAxis } from '../src/core/viewmodel/lanes';

const KiB = 1024n;
const BASE = 0x40000000n;

function region(start: bigint, size: bigint, kind: RegionKind = 'no-map', lane: Lane = 'device tree', flagged = false): MapRegion {
  return {
    start,
    end: start + size,
    kind,
    role: 'carve-out',
    label: m('region.dram'),
    source: 'test',
    lane,
    flags: flagged ? [m('flag.hole')] : [],
  };
}

/** `n` regions of 4 KiB, 8 KiB apart, from BASE */
const dense = (n: number) => Array.from({ length: n }, (_, i) => region(BASE + BigInt(i) * 8n * KiB, 4n * KiB));

const marksOf = (regions: MapRegion[], win: [number, number], width = 1000, lane: Lane = 'device tree') =>
  laneMarks(regions, mapAxis(regions, BASE), lane, win, width, 3);

describe('the address map draws at most a few marks per pixel, however many regions', () => {
  it('regions wide enough are each their own mark', () => {
    const regions = [region(BASE, 64n * 1024n * KiB), region(BASE + 128n * 1024n * KiB, 64n * 1024n * KiB)];
    const marks = marksOf(regions, [0, 256 * 1024 * 1024]);
    expect(marks.map((k) => [k.region, k.count, k.narrow])).toEqual([
      [0, 1, false],
      [1, 1, false],
    ]);
    expect(marks[1]?.x0).toBeCloseTo(500);
    expect(marks[1]?.x1).toBeCloseTo(750);
  });

  it('a lone region narrower than a pixel is still its own mark', () => {
    const regions = [region(BASE, 64n * 1024n * KiB), region(BASE + 200n * 1024n * KiB, 20n * KiB, 'memblock-reserved')];
    const marks = marksOf(regions, [0, 256 * 1024 * 1024]);
    expect(marks.map((k) => [k.region, k.count, k.narrow])).toEqual([
      [0, 1, false],
      [1, 1, true],
    ]);
  });

  it('250,000 regions narrower than a pixel become a handful of marks that count every one of them', () => {
    const regions = dense(250_000);
    regions[7] = region(regions[7]?.start ?? 0n, 4n * KiB, 'no-map', 'device tree', true);
    const span = 250_000 * 8 * 1024;
    const marks = marksOf(regions, [0, span]);
    expect(marks.length).toBeLessThanOrEqual(2);
    expect(marks.reduce((s, k) => s + k.count, 0)).toBe(250_000);
    expect(marks[0]?.bytes).toBe(250_000 * 4096);
    expect(marks[0]?.flagged).toBe(1);
    expect(marks[0]?.kind).toBe('no-map');
    expect(marks[0]?.narrow).toBe(true);
  });

  it('zooming into a window shows its regions one by one', () => {
    const regions = dense(250_000);
    // 10 regions (80 KiB) from the 1,000th
    const from = 1000 * 8 * 1024;
    const marks = marksOf(regions, [from, from + 80 * 1024]);
    expect(marks.map((k) => [k.region, k.count])).toEqual(Array.from({ length: 10 }, (_, i) => [1000 + i, 1]));
  });

  it('a mixed group says so: its kind is null', () => {
    const regions = [region(BASE, 4n * KiB, 'no-map'), region(BASE + 8n * KiB, 4n * KiB, 'cma')];
    const [k] = marksOf(regions, [0, 1 << 30]);
    expect(k?.count).toBe(2);
    expect(k?.kind).toBeNull();
  });

  it('regions stacked on each other (or starting left of the window) are one mark', () => {
    // 10,000 wide regions, each starting 4 KiB after the previous, all ending past the window
    const regions = Array.from({ length: 10_000 }, (_, i) => region(BASE + BigInt(i) * 4n * KiB, 1024n * 1024n * KiB));
    const marks = marksOf(regions, [40_000 * 1024, 50_000 * 1024]);
    expect(marks.reduce((s, k) => s + k.count, 0)).toBe(10_000);
    expect(marks.length).toBeLessThanOrEqual(2 * (1000 / 3) + 4);
    // from the left of the window: the 9,766 that start before it are one mark at its edge
    expect(marks[0]?.x0).toBe(-3);
    expect(marks[0]?.count).toBe(Math.ceil((40_000 * 1024) / 4096));
  });

  it('only its lane, only what is in the window', () => {
    const regions = [
      region(BASE, 4n * KiB),
      region(BASE, 4n * KiB, 'memblock-reserved', 'memblock.reserved'),
      region(BASE + 1024n * KiB, 4n * KiB),
    ];
    expect(marksOf(regions, [0, 512 * 1024]).map((k) => k.region)).toEqual([0]);
    expect(marksOf(regions, [0, 512 * 1024], 1000, 'memblock.reserved').map((k) => k.region)).toEqual([1]);
    expect(marksOf(regions, [0, 512 * 1024], 1000, 'dram')).toEqual([]);
  });

  it('any regions, any window: each visible region counted once, and never more marks than the width allows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 << 20 }), fc.integer({ min: 1, max: 1 << 18 })), { maxLength: 400 }),
        fc.integer({ min: 0, max: 1 << 20 }),
        fc.integer({ min: 4096, max: 1 << 21 }),
        fc.integer({ min: 50, max: 2000 }),
        (spans, v0, w, width) => {
          const regions = spans.map(([s, n]) => region(BASE + BigInt(s), BigInt(n)));
          const marks = marksOf(regions, [v0, v0 + w], width);
          const seen = spans.filter(([s, n]) => s + n > v0 && s < v0 + w).length;
          expect(marks.reduce((s, k) => s + k.count, 0)).toBe(seen);
          expect(marks.length).toBeLessThanOrEqual(Math.ceil((2 * width) / 3) + 4);
          for (const k of marks) expect(k.x0).toBeGreaterThanOrEqual(-3);
        },
      ),
    );
  });
});
