import { describe, expect, test } from 'vitest';
import { diffProcesses, diffRegions, diffSnapshots, type Side } from '../src/core/compare/index';
import { m } from '../src/core/messages/catalogue';
import type { PhysRegion } from '../src/core/model/physical/index';
import type { ProcessSummary } from '../src/core/model/processes';
import { changeSeed } from './changed-seed';
import { en, read, run, SEED, SEED_FILES } from './helpers';

const seed = SEED_FILES.map((name) => ({ name, text: read(SEED, name) }));
const changed = seed.map((f) => ({ ...f, text: changeSeed(f.name, f.text) }));
const side = (files: { name: string; text: string }[]): Side => {
  const r = run(files);
  return { snap: r.snap, analysis: r.a };
};

describe('the seed against the changed seed (wocpu_data removed, MemFree +2,304 KiB)', () => {
  const d = diffSnapshots(side(seed), side(changed));

  test('the one region removed is wocpu_data; its place becomes an unexplained hole', () => {
    const rows = d.regions.rows.map((r) => [r.change, r.kind, en(r.label), r.before?.sizeKiB ?? r.after?.sizeKiB]);
    // memblock.memory still leaves 0x47c80000–0x48000000 out, and no node claims the 2,304 KiB at
    // 0x47dc0000 any more: the layout shows a hole of that size where the carve-out was
    expect(rows).toEqual([
      ['removed', 'no-map', 'wocpu_data@47DC0000 (wocpu_data)', 2304],
      ['added', 'hole', en(m('region.hole')), 2304],
    ]);
    expect(d.regions.rows[0]?.before?.start).toBe(0x47dc0000n);
    expect(d.regions.rows[1]?.after?.start).toBe(0x47dc0000n);
    expect(d.regions.unchanged).toBeGreaterThan(10);
  });

  test('meminfo: MemFree +2,304 KiB and nothing else', () => {
    expect(d.meminfo.rows).toEqual([{ field: 'MemFree', change: 'changed', unit: 'kB', before: 49516, after: 51820, delta: 2304 }]);
  });

  test('the ledger lines that follow from those two changes, each by 2,304 KiB', () => {
    const rows = Object.fromEntries(d.lines.rows.map((l) => [l.id, [l.before, l.after, l.delta]]));
    expect(rows).toEqual({
      // the carve-out's KiB leave the no-map line (3,776 = 2,304 wocpu_data + 1,472 of the others)
      'no-map': [3776, 1472, -2304],
      // MemTotal is the same, so the free KiB move out of what nothing explained
      MemFree: [49516, 51820, 2304],
      unaccounted: [50504, 48200, -2304],
      // the DRAM range memblock.memory skips is now claimed by nothing: a hole line appears
      holes: [null, 2304, 2304],
    });
    expect(d.lines.rows.find((l) => l.id === 'holes')?.change).toBe('added');
    expect(d.lines.unchanged).toBeGreaterThan(10);
  });

  test('the DRAM check turns: memblock.memory + no-map is 2,304 KiB short of the span', () => {
    expect(d.checks.rows.map((c) => [c.id, c.before?.ok, c.after?.ok, c.before?.right, c.after?.right, c.after?.delta])).toEqual([
      ['span', true, false, 262144, 259840, 2304],
    ]);
    expect(d.checks.rows[0]?.verdictChanged).toBe(true);
  });

  test('no process changed; the DRAM of both sides is 256 MiB', () => {
    expect(d.processes.rows).toEqual([]);
    expect(d.processes.unchanged).toBe(1);
    expect(d.dramKiB).toEqual({ before: 262144, after: 262144 });
  });

  test('a snapshot against itself has no changes', () => {
    const same = diffSnapshots(side(seed), side(seed));
    expect([same.lines, same.checks, same.processes, same.regions, same.meminfo].map((t) => t.rows.length)).toEqual([0, 0, 0, 0, 0]);
  });
});

const proc = (name: string, pid: number | null, pss: number, rss = pss): ProcessSummary => ({
  pid,
  name,
  pssKiB: pss,
  ussKiB: pss,
  rssKiB: rss,
  swapKiB: 0,
  mappingCount: 1,
  fromRollup: false,
});

describe('processes', () => {
  test('matched by name (a restarted daemon has a new pid), then pid among the same name', () => {
    const d = diffProcesses(
      [proc('netifd', 100, 500), proc('sh', 7, 10), proc('sh', 8, 20), proc('old', 3, 40)],
      [proc('netifd', 900, 800), proc('sh', 8, 25), proc('sh', 7, 10), proc('new', 4, 1000)],
    );
    expect(d.rows.map((r) => [r.change, r.name, r.pidBefore, r.pidAfter, r.delta.pssKiB])).toEqual([
      ['added', 'new', null, 4, 1000],
      ['changed', 'netifd', 100, 900, 300],
      ['removed', 'old', 3, null, -40],
      ['changed', 'sh', 8, 8, 5],
    ]);
    expect(d.unchanged).toBe(1);
  });
});

const region = (kind: PhysRegion['kind'], name: string, start: number, kib: number): PhysRegion => ({
  kind,
  role: kind === 'no-map' ? 'carve-out' : 'hole',
  label: kind === 'hole' ? m('region.hole') : m('region.dt', { name, label: '' }),
  start: BigInt(start),
  end: BigInt(start + kib * 1024),
  source: 'x.dts',
});

describe('regions', () => {
  test('moved keeps kind, name (without unit address) and size; resized keeps kind, name and start', () => {
    const d = diffRegions(
      [
        region('no-map', 'a@1000', 0x1000, 8),
        region('no-map', 'b@10000', 0x10000, 16),
        region('hole', '', 0x40000, 4),
        region('no-map', 'c@80000', 0x80000, 4),
      ],
      [
        region('no-map', 'a@2000', 0x2000, 8),
        region('no-map', 'b@10000', 0x10000, 64),
        region('hole', '', 0x40000, 12),
        region('no-map', 'c@80000', 0x80000, 4),
      ],
    );
    expect(d.rows.map((r) => [r.change, en(r.label), r.size])).toEqual([
      ['resized', 'b@10000', 48],
      // a tie keeps the before side's address order
      ['moved', 'a@2000', 8],
      ['resized', en(m('region.hole')), 8],
    ]);
    expect(d.unchanged).toBe(1);
  });

  test('a nameless region at another place is removed and added, not moved', () => {
    const d = diffRegions([region('hole', '', 0x1000, 4)], [region('hole', '', 0x9000, 4)]);
    expect(d.rows.map((r) => r.change)).toEqual(['removed', 'added']);
  });
});
