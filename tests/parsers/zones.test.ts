// zoneinfo, buddyinfo and pagetypeinfo on real dumps (fixtures/real-zones: this machine's
// 6.18, a 4.14 ARM board, a 4.0 i686 with HighMem, a 3.4 Android phone), cut records,
// garbage lines and older shapes; then the model, the checks and the reports built on them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText, segmentsOf } from '../../src/core/index';
import { analyze } from '../../src/core/model/accounting/index';
import { buildSnapshot } from '../../src/core/model/snapshot';
import { buddyView, pageSize, zonesView } from '../../src/core/model/zones/index';
import { toJson } from '../../src/core/report/json';
import { toMarkdown } from '../../src/core/report/markdown';
import { zoneRegions } from '../../src/core/viewmodel/zones-lane';
import { en } from '../helpers';

const REAL = join(__dirname, '..', '..', 'fixtures', 'real-zones');
const real = (p: string) => readFileSync(join(REAL, p), 'utf8');
const THIS = 'this-machine-x86_64-6.18/root';
const notRead = (p: ReturnType<typeof parseText>) => p.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'unread');
const model = (files: Record<string, string>) => {
  const parsed = Object.entries(files).map(([name, text]) => parseText(text, name, name));
  const snap = buildSnapshot(parsed);
  return { parsed, snap, a: analyze(snap) };
};

describe('zoneinfo', () => {
  it.each([
    [`${THIS}/zoneinfo`, 5, ['DMA', 'DMA32', 'Normal', 'Movable', 'Device']],
    ['arm32-4.14-linux-mm-oom/zoneinfo', 4, ['DMA', 'Normal', 'HighMem', 'Movable']],
    ['i686-4.0-highmem/zoneinfo', 3, ['DMA', 'Normal', 'HighMem']],
  ])('reads every line of %s', (file, _n, names) => {
    const p = parseText(real(file), file, file);
    expect(notRead(p)).toEqual([]);
    expect(p.segments.map((s) => s.format)).toEqual(['zoneinfo']);
    const z = segmentsOf(p.segments, 'zoneinfo')[0]?.data;
    expect(z?.zones.map((x) => x.name)).toEqual(names);
    expect(z?.zones.every((x) => !x.cut)).toBe(true);
  });

  it('keeps each field: 6.18 Normal zone, its pagesets and the per-node stats', () => {
    const p = parseText(real(`${THIS}/zoneinfo`), 'zoneinfo');
    const z = segmentsOf(p.segments, 'zoneinfo')[0]?.data;
    const normal = z?.zones[2];
    expect(Object.fromEntries(normal?.fields ?? [])).toMatchObject({
      free: 907868,
      boost: 0,
      min: 11387,
      promo: 19925,
      spanned: 5505024,
      present: 5505024,
      managed: 1605632,
      start_pfn: 1048576,
    });
    expect(normal?.protection).toEqual([0, 0, 0, 0, 0]);
    expect(normal?.counters.get('numa_hit')).toBe(561135322);
    expect(normal?.pagesets.map((s) => [s.cpu, s.count, s.threshold])).toEqual([
      [0, 12280, 28],
      [1, 5003, 28],
    ]);
    expect(z?.nodeStats.get(0)?.get('nr_kernel_stack')).toBe(4688);
    // per-node stats are the node's, not the DMA zone's
    expect(z?.zones[0]?.counters.has('nr_kernel_stack')).toBe(false);
  });

  it('reads the 3.x shape (counters before protection, all_unreclaimable, inactive_ratio) and 2.6 pagesets (cpu: 0 pcp: 0, scanned (a: i:))', () => {
    const old = [
      'Node 0, zone   Normal',
      '  pages free     11121',
      '        min      939',
      '        low      1173',
      '        high     1408',
      '        active   151351',
      '        inactive 38572',
      '        scanned  0 (a: 0 i: 0)',
      '        tscanned 3480599',
      '        spanned  225280',
      '        present  225280',
      '        protection: (0, 0, 948)',
      '  pagesets',
      '    cpu: 0 pcp: 0',
      '              count: 121',
      '              low:   62',
      '              high:  186',
      '              batch: 31',
      '    cpu: 0 pcp: 1',
      '              count: 1',
      '              low:   0',
      '              high:  62',
      '              batch: 31',
      '  all_unreclaimable: 0',
      '  prev_priority:     12',
      '  temp_priority:     12',
      '  start_pfn:         4096',
    ].join('\n');
    const p = parseText(old, 'zoneinfo-2.6');
    expect(notRead(p)).toEqual([]);
    const z = segmentsOf(p.segments, 'zoneinfo')[0]?.data.zones[0];
    expect(z?.fields.get('spanned')).toBe(225280);
    expect(z?.fields.has('managed')).toBe(false);
    expect(z?.pagesets.map((s) => s.count)).toEqual([121, 1]);
  });

  it('says a zone cut off, and lists a garbage line with its number', () => {
    const text = real(`${THIS}/zoneinfo`).split('\n').slice(0, 110).join('\n');
    const p = parseText(`${text}\n  this is not zoneinfo\n`, 'cut');
    const z = segmentsOf(p.segments, 'zoneinfo')[0]?.data;
    expect(z?.zones.map((x) => [x.name, x.cut])).toEqual([
      ['DMA', false],
      ['DMA32', true],
    ]);
    expect(p.diagnostics.some((d) => d.line === 111 && d.severity === 'error')).toBe(true);
    expect(p.diagnostics.some((d) => d.line === 99 && d.message.includes('cut off'))).toBe(true);
  });
});

describe('buddyinfo and pagetypeinfo', () => {
  it('reads buddyinfo rows (trailing space on 6.18, none on the 3.4 phone)', () => {
    for (const f of [`${THIS}/buddyinfo`, 'aries-arm32-3.4-android/buddyinfo']) {
      const p = parseText(real(f), f, f);
      expect(notRead(p)).toEqual([]);
      expect(segmentsOf(p.segments, 'buddyinfo')[0]?.data.zones.every((z) => z.free.length === 11)).toBe(true);
    }
  });

  it('reads pagetypeinfo: free table by type, block counts (CMA, Reserve on 3.4), and its block rows stay inside it', () => {
    const p = parseText(real('aries-arm32-3.4-android/pagetypeinfo'), 'pti', 'pti');
    expect(notRead(p)).toEqual([]);
    expect(p.segments.map((s) => s.format)).toEqual(['pagetypeinfo']);
    const d = segmentsOf(p.segments, 'pagetypeinfo')[0]?.data;
    expect(d?.pageblockOrder).toBe(10);
    expect(d?.free.filter((r) => r.type === 'CMA').map((r) => r.free[1])).toEqual([951, 0]);
    expect(Object.fromEntries(d?.blocks[0]?.blocks ?? [])).toEqual({
      Unmovable: 44,
      Reclaimable: 10,
      Movable: 99,
      Reserve: 1,
      CMA: 26,
      Isolate: 0,
    });
  });

  it('takes `>100000` as a floor and says so; a row with the wrong column count is an error', () => {
    const text = [
      'Page block order: 9',
      'Pages per block:  512',
      'Free pages count per migrate type at order       0      1',
      'Node    0, zone   Normal, type      Movable >100000      5',
      'Number of blocks type     Unmovable      Movable',
      'Node 0, zone   Normal            1',
    ].join('\n');
    const p = parseText(text, 'pti');
    const d = segmentsOf(p.segments, 'pagetypeinfo')[0]?.data;
    expect(d?.free[0]).toMatchObject({ free: [100000, 5], atLeast: true });
    expect(p.diagnostics.filter((x) => x.severity === 'error').map((x) => x.line)).toEqual([6]);
  });
});

describe('the zones model', () => {
  const files = Object.fromEntries(['meminfo', 'zoneinfo', 'buddyinfo', 'pagetypeinfo'].map((f) => [f, real(`${THIS}/${f}`)]));

  it('places the zones at start_pfn × 4 KiB, spanned pages long, on a lane of the map', () => {
    const { snap } = model(files);
    const v = zonesView(snap);
    expect(v?.zones.filter((z) => z.start !== undefined).map((z) => [z.name, z.start?.toString(16), z.end?.toString(16)])).toEqual([
      ['DMA', '1000', '1000000'],
      ['DMA32', '1000000', '100000000'],
      ['Normal', '100000000', '640000000'],
    ]);
    expect(v?.managedKiB).toBe((3840 + 772808 + 1605632) * 4);
    expect(zoneRegions(v ?? null).map((r) => r.lane)).toEqual(['zones', 'zones', 'zones']);
  });

  it('answers 1, 2 and 4 MiB from the free lists, and only-CMA / compaction / too large', () => {
    const { snap } = model(files);
    expect(buddyView(snap)?.answers.map((a) => [a.sizeKiB, a.order, a.verdict])).toEqual([
      [1024, 8, 'now'],
      [2048, 9, 'now'],
      [4096, 10, 'now'],
    ]);
    // the 3.4 phone's buddyinfo: nothing above order 6 free, enough free pages for compaction to make room
    const phone = model({ b: real('aries-arm32-3.4-android/buddyinfo') });
    expect(buddyView(phone.snap)?.answers.map((a) => a.verdict)).toEqual(['compaction', 'compaction', 'compaction']);
    // its pagetypeinfo (read at another moment) has three unmovable order-8 blocks: pagetypeinfo is preferred, its stack adds up
    const typed = buddyView(model({ b: real('aries-arm32-3.4-android/buddyinfo'), p: real('aries-arm32-3.4-android/pagetypeinfo') }).snap);
    expect(typed?.answers.map((a) => a.verdict)).toEqual(['now', 'compaction', 'compaction']);
    for (const z of typed?.zones ?? [])
      for (const o of z.orders) expect(Object.values(o.byType ?? {}).reduce((x, y) => x + y, 0)).toBe(o.kib);
    const cmaOnly = model({
      p: [
        'Page block order: 9',
        'Free pages count per migrate type at order       0      1      2      3      4      5      6      7      8      9     10',
        'Node    0, zone   Normal, type      Movable      1      0      0      0      0      0      0      0      0      0      0',
        'Node    0, zone   Normal, type          CMA      0      0      0      0      0      0      0      0      1      0      0',
      ].join('\n'),
    });
    expect(buddyView(cmaOnly.snap)?.answers.map((a) => a.verdict)).toEqual(['cma-only', 'no', 'no']);
    const short = model({ b: 'Node 0, zone   Normal    3    2    1' });
    expect(buddyView(short.snap)?.answers.map((a) => a.verdict)).toEqual(['too-large', 'too-large', 'too-large']);
  });

  it('on this machine (lazy struct-page init: MemFree beyond what the zones manage) does not run zones-managed and buddy-free, says why; buddy-zone-free holds', () => {
    const { a } = model(files);
    const byId = Object.fromEntries(a.checks.map((c) => [c.id, c]));
    const notRun = Object.fromEntries(a.checksNotRun.map((c) => [c.id, en(c.reason)]));
    expect(byId['zones-managed']).toBeUndefined();
    expect(byId['buddy-free']).toBeUndefined();
    for (const id of ['zones-managed', 'buddy-free'])
      expect(notRun[id]).toContain('zones that hold every free page (MemFree no more than the zones manage)');
    expect(byId['buddy-zone-free']?.ok).toBe(true);
    // with MemFree within the zones (an upstream kernel), the same zoneinfo runs the check and it says the gap
    const upstream = model({ ...files, meminfo: 'MemTotal: 24683656 kB\nMemFree: 9000000 kB\n' }).a.checks.find(
      (c) => c.id === 'zones-managed',
    );
    expect(upstream).toMatchObject({ left: 9529120, right: 24683656, ok: false, tolerance: 0 });
    expect(zonesView(model(files).snap)?.notes.map((n) => n.key)).toContain('zones.free-beyond-managed');
  });

  it('holds on the 4.14 ARM board and the 4.0 i686 machine when MemTotal is Σ managed (HighMem counted in both)', () => {
    for (const [f, managed] of [
      ['arm32-4.14-linux-mm-oom/zoneinfo', 105724 + 381696],
      ['i686-4.0-highmem/zoneinfo', 3970 + 96773 + 3017668],
    ] as const) {
      const { a } = model({ zoneinfo: real(f), meminfo: `MemTotal: ${managed * 4} kB\nMemFree: 1000 kB\n` });
      expect(a.checks.find((c) => c.id === 'zones-managed')).toMatchObject({ left: managed * 4, ok: true });
    }
  });

  it('does not run zones-managed without managed lines (2.6) and says what it needs', () => {
    const { a } = model({
      z: 'Node 0, zone   Normal\n  pages free 1\n  spanned 4\n  present 4\n  protection: (0)\n  start_pfn: 0\n',
      m: 'MemTotal: 16 kB\n',
    });
    expect(a.checksNotRun.find((c) => c.id === 'zones-managed')).toBeDefined();
  });

  // 5.6+ pagetypeinfo stops counting a free list at 100,000 and prints `>100000` (mm/vmstat.c
  // pagetypeinfo_showfree_print): a floor. 150,000 order-0 pages free print as >100000.
  const floored = {
    meminfo: 'MemTotal: 1160000 kB\nMemFree: 1000000 kB\n',
    zoneinfo: [
      'Node 0, zone   Normal',
      '  pages free     250000',
      '        spanned  300000',
      '        present  300000',
      '        managed  290000',
      '        protection: (0, 0)',
      '  node_unreclaimable:  0',
      '  start_pfn:           0',
    ].join('\n'),
    buddyinfo: 'Node 0, zone   Normal 150000  50000      0      0      0      0      0      0      0      0      0',
    pagetypeinfo: [
      'Page block order: 9',
      'Pages per block:  512',
      '',
      'Free pages count per migrate type at order       0      1      2      3      4      5      6      7      8      9     10',
      'Node    0, zone   Normal, type    Unmovable      0      0      0      0      0      0      0      0      0      0      0',
      'Node    0, zone   Normal, type      Movable >100000  50000      0      0      0      0      0      0      0      0      0',
    ].join('\n'),
  };

  it('takes the free totals from buddyinfo when pagetypeinfo printed a list as >100000 (a floor), and the checks hold', () => {
    const { snap, a } = model(floored);
    expect(buddyView(snap)?.freeKiB).toBe(1000000);
    expect(buddyView(snap)?.atLeast).toBeUndefined();
    const byId = Object.fromEntries(a.checks.map((c) => [c.id, c]));
    expect(byId['buddy-free']).toMatchObject({ left: 1000000, right: 1000000, ok: true });
    expect(byId['buddy-zone-free']).toMatchObject({ left: 1000000, right: 1000000, ok: true });
  });

  it('without buddyinfo, a floored pagetypeinfo gives a floor: the checks only ask that it be no more than the other side', () => {
    const { snap, a } = model({ ...floored, buddyinfo: '' });
    const v = buddyView(snap);
    expect(v?.freeKiB).toBe(800000);
    expect(v?.atLeast).toBe(true);
    expect(v?.notes.map((n) => n.key)).toContain('zones.free-at-least');
    const byId = Object.fromEntries(a.checks.map((c) => [c.id, c]));
    expect(byId['buddy-free']).toMatchObject({ left: 800000, right: 1000000, ok: true, atMost: true });
    expect(byId['buddy-zone-free']).toMatchObject({ left: 800000, right: 1000000, ok: true, atMost: true });
  });

  it('writes the zones and buddy keys to JSON and their sections to Markdown', () => {
    const { snap, a } = model(files);
    const j = toJson(snap, a);
    expect(j.zones?.zones[2]).toMatchObject({ name: 'Normal', start: '0x100000000', managedKiB: 6422528 });
    expect(j.buddy?.answers[2]).toMatchObject({ sizeKiB: 4096, verdict: 'now' });
    const md = toMarkdown(snap, a);
    expect(md).toContain('## Zones');
    expect(md).toContain('## Free blocks by order');
  });
});

describe('the page size the zones are counted in', () => {
  const mapping = (start: string, kps: number) =>
    `${start}-${start.replace(/0000$/, '2000')} rw-p 00000000 00:00 0\nSize:               8 kB\nRss:                8 kB\nKernelPageSize:    ${kps} kB\nMMUPageSize:       ${kps} kB\n`;
  it('is the smallest KernelPageSize of the smaps given (a hugetlb mapping prints its huge page), else 4 KiB assumed', () => {
    const smaps = `${mapping('7f0000000000', 2048)}${mapping('7f0000010000', 4)}`;
    expect(pageSize(model({ smaps }).snap)).toEqual({ kib: 4, assumed: false });
    expect(pageSize(model({ smaps: mapping('7f0000000000', 64) }).snap)).toEqual({ kib: 64, assumed: false });
    expect(pageSize(model({ m: 'MemTotal: 16 kB\n' }).snap)).toEqual({ kib: 4, assumed: true });
  });
});
