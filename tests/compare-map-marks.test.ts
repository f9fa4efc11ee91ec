/** The compare marks on the address map (src/core/compare/mapMarks.ts): from the diff's typed kinds, placed in pixels of the window. */
import { describe, expect, test } from 'vitest';
import { diffSnapshots, type RegionChange, type Side } from '../src/core/compare/index';
import { changeMarks, changeOfRegion, changesByPlace, MAX_CHANGE_MARKS } from '../src/core/compare/mapMarks';
import { m } from '../src/core/messages/catalogue';
import { LANES, type Lane } from '../src/core/viewmodel/lanes';
import { changeSeed } from './changed-seed';
import { read, run, SEED, SEED_FILES } from './helpers';

const ALL = new Set<Lane>(LANES);
const BASE = 0x40000000n;
const MIB = 0x100000n;
const span = (start: bigint, end: bigint) => ({ start, end, sizeKiB: Number(end - start) / 1024 });
const change = (c: RegionChange['change'], before: [bigint, bigint] | null, after: [bigint, bigint] | null): RegionChange => ({
  change: c,
  kind: 'no-map',
  // the words are never read: a label that says "added" on a removed region changes nothing
  label: m('region.named', { name: 'added' }),
  before: before && span(...before),
  after: after && span(...after),
  size: 1,
});

describe('changeMarks', () => {
  // a 256 MiB window 1,024 px wide: 4 px a MiB
  const win = [0, 256 * 0x100000] as const;
  test('each kind keeps its place before and after, in px of the window, on the lane of its kind', () => {
    const rows = [
      change('removed', [BASE + 10n * MIB, BASE + 12n * MIB], null),
      change('added', null, [BASE, BASE + MIB]),
      change('moved', [BASE + 20n * MIB, BASE + 21n * MIB], [BASE + 30n * MIB, BASE + 31n * MIB]),
      change('resized', [BASE + 40n * MIB, BASE + 41n * MIB], [BASE + 40n * MIB, BASE + 43n * MIB]),
    ];
    const { marks, hidden } = changeMarks(rows, BASE, win, 1024, ALL);
    expect(hidden).toBe(0);
    expect(marks).toEqual([
      { change: 'removed', lane: 'device tree', row: 0, was: { x0: 40, x1: 48 }, now: null },
      { change: 'added', lane: 'device tree', row: 1, was: null, now: { x0: 0, x1: 4 } },
      { change: 'moved', lane: 'device tree', row: 2, was: { x0: 80, x1: 84 }, now: { x0: 120, x1: 124 } },
      { change: 'resized', lane: 'device tree', row: 3, was: { x0: 160, x1: 164 }, now: { x0: 160, x1: 172 } },
    ]);
  });

  test('a change outside the window, or on a lane the map does not draw, has no mark', () => {
    const rows = [change('removed', [BASE + 200n * MIB, BASE + 201n * MIB], null), change('added', null, [BASE, BASE + MIB])];
    expect(changeMarks(rows, BASE, [0, 100 * 0x100000], 1000, ALL).marks.map((k) => k.row)).toEqual([1]);
    expect(changeMarks(rows, BASE, win, 1000, new Set<Lane>(['dram'])).marks).toEqual([]);
  });

  test('a moved region half out of the window keeps the half that is in it', () => {
    const rows = [change('moved', [BASE + 200n * MIB, BASE + 201n * MIB], [BASE, BASE + MIB])];
    const [k] = changeMarks(rows, BASE, [0, 100 * 0x100000], 1000, ALL).marks;
    expect(k?.was).toBeNull();
    expect(k?.now).toEqual({ x0: 0, x1: 10 });
  });

  test('the marks drawn are bounded; the rest are counted, largest changes drawn first', () => {
    const many = Array.from({ length: 3 * MAX_CHANGE_MARKS }, (_, i) =>
      change('added', null, [BASE + BigInt(i) * 4096n, BASE + BigInt(i + 1) * 4096n]),
    );
    const { marks, hidden } = changeMarks(many, BASE, win, 1024, ALL);
    expect(marks.length).toBe(MAX_CHANGE_MARKS);
    expect(hidden).toBe(2 * MAX_CHANGE_MARKS);
    expect(marks.at(-1)?.row).toBe(MAX_CHANGE_MARKS - 1);
  });
});

describe('the seed against the changed seed, on the map', () => {
  const side = (files: { name: string; text: string }[]): Side => {
    const r = run(files);
    return { snap: r.snap, analysis: r.a };
  };
  const seed = SEED_FILES.map((name) => ({ name, text: read(SEED, name) }));
  const before = side(seed);
  const after = side(seed.map((f) => ({ ...f, text: changeSeed(f.name, f.text) })));
  const d = diffSnapshots(before, after);
  const phys = after.analysis.physical;
  if (!phys || phys.start === null || phys.end === null) throw new Error('the seed has a physical map');
  const [start, end] = [phys.start, phys.end];

  test('wocpu_data: a ghost where it was, on the device-tree lane; the hole in its place: added, on the DRAM lane', () => {
    const { marks } = changeMarks(d.regions.rows, start, [0, Number(end - start)], 1024, ALL);
    expect(marks.map((k) => [k.change, k.lane, k.was !== null, k.now !== null])).toEqual([
      ['removed', 'device tree', true, false],
      ['added', 'dram', false, true],
    ]);
    // 0x47dc0000 is 125.75 MiB into 256 MiB: at 503 px of 1,024
    expect(marks[0]?.was?.x0).toBeCloseTo(503, 0);
  });

  test('the region table finds the change of a region shown by its kind and place', () => {
    const byPlace = changesByPlace(d.regions.rows);
    const changed = phys.regions.filter((r) => changeOfRegion(byPlace, r));
    expect(changed.map((r) => [r.kind, r.start, changeOfRegion(byPlace, r)?.change])).toEqual([['hole', 0x47dc0000n, 'added']]);
  });
});
