import { describe, expect, it } from 'vitest';
import { MappingTable } from '../src/core/formats/smaps/index';
import { m } from '../src/core/messages/catalogue';
import { breakdown } from '../src/core/viewmodel/bar';
import { mapRegions } from '../src/core/viewmodel/lanes';
import { fileTable } from '../src/core/viewmodel/librank';
import { groupMappings, pssByKind } from '../src/core/viewmodel/mappings';
import { headline, usedTable } from '../src/core/viewmodel/overview';
import { orderLines } from '../src/core/viewmodel/waterfall';
import { en, read, run, SEED, SEED_FILES } from './helpers';

const seed = () => run(SEED_FILES.map((f) => ({ name: f, text: read(SEED, f) })));

describe('the stacked DRAM bar', () => {
  it('closes on the seed: every segment adds up to DRAM, unaccounted as expected', () => {
    const { snap, a } = seed();
    const b = breakdown(snap, a);
    expect(b.basis).toBe('dram');
    expect(b.totalKiB).toBe(262144);
    expect(b.residualKiB).toBe(0);
    expect(b.segments.reduce((s, x) => s + x.kib, 0)).toBe(262144);
    const by = Object.fromEntries(b.segments.map((s) => [s.id, s]));
    expect(by['no-map']?.kib).toBe(3776);
    expect(by.unaccounted?.kib).toBe(50504);
    expect(by.MemFree?.kib).toBe(49516);
    // the kernel image loses the 448 KiB of init freed after boot
    const image = b.segments.find((s) => s.bucket === 'boot-kernel');
    expect(image?.kib).toBe(10396 - 448);
    expect(en(image?.formula ?? { key: '' })).toContain('448 KiB init freed');
    // Cached split into three parts that add up
    expect((by.Shmem?.kib ?? 0) + (by['file-mapped']?.kib ?? 0) + (by['file-unmapped']?.kib ?? 0)).toBe(20736);
  });

  it('without memblock.reserved: one boot segment and a note naming what to add', () => {
    const { snap, a } = run(SEED_FILES.filter((f) => f !== 'memblock-reserved.txt').map((f) => ({ name: f, text: read(SEED, f) })));
    const b = breakdown(snap, a);
    expect(b.segments.find((s) => s.id === 'boot-held')?.kib).toBe(258368 - 230856);
    expect(b.residualKiB).toBe(0);
    // asked once, by the ledger (the page shows both lists): not twice
    expect([...a.accounting.missing, ...b.missing].map(en).filter((x) => /memblock\/reserved/.test(x))).toHaveLength(1);
  });

  it('meminfo only: 100 % is MemTotal; a negative unaccounted stays negative', () => {
    const { snap, a } = run([
      { name: 'm', text: 'MemTotal: 100000 kB\nMemFree: 50000 kB\nCached: 10000 kB\nSlab: 45000 kB\nAnonPages: 4000 kB\n' },
    ]);
    const b = breakdown(snap, a);
    expect(b.basis).toBe('memtotal');
    expect(b.segments.find((s) => s.id === 'unaccounted')?.kib).toBe(-9000);
    expect(b.segments.reduce((s, x) => s + x.kib, 0)).toBe(100000);
  });
});

describe('process views', () => {
  const smaps = (path: string, perms: string, pss: number, priv: number) =>
    `7f0000000000-7f0000004000 ${perms} 00000000 08:01 ${path.startsWith('/') ? 12 : 0}${path ? ` ${path}` : ''}\nSize: 16 kB\nRss: ${pss * 2} kB\nPss: ${pss} kB\nPrivate_Clean: 0 kB\nPrivate_Dirty: ${priv} kB\n`;
  const two = () =>
    run([
      { name: '1/smaps', text: smaps('/usr/lib/libc.so', 'r-xp', 10, 0) + smaps('[heap]', 'rw-p', 30, 30) + smaps('', 'rw-p', 5, 5) },
      { name: '2/smaps', text: smaps('/usr/lib/libc.so', 'r-xp', 10, 0) + smaps('/dev/shm/ring', 'rw-s', 7, 0) },
    ]);

  it('groups mappings by kind, largest PSS first, with totals that match the process', () => {
    const { snap } = two();
    const g = groupMappings(snap.processes[0]?.mappings ?? new MappingTable());
    expect(g.map((x) => x.kind)).toEqual(['heap', 'file code', 'anonymous']);
    expect(g.reduce((s, x) => s + x.pssKiB, 0)).toBe(45);
    expect(pssByKind(snap.processes[1]?.mappings ?? new MappingTable())).toMatchObject({ 'file code': 10, 'shared memory': 7 });
  });

  it('librank: a path across processes counts each process once', () => {
    const { snap } = two();
    const f = fileTable(snap.processes);
    const libc = f.find((r) => r.path === '/usr/lib/libc.so');
    expect(libc).toMatchObject({ pssKiB: 20, rssKiB: 40, processes: 2, mappings: 2 });
    expect(f.find((r) => r.path === '[anon]')?.pssKiB).toBe(5);
    expect(f.reduce((s, r) => s + r.pssKiB, 0)).toBe(62);
  });
});

describe('the address map', () => {
  it('the seed has no overlaps and no holes', () => {
    const { a } = seed();
    const m = mapRegions(a.physical as NonNullable<typeof a.physical>);
    expect(m.filter((r) => r.flags.length > 0)).toEqual([]);
    expect(new Set(m.map((r) => r.lane))).toEqual(new Set(['dram', 'device tree', 'memblock.memory', 'memblock.reserved']));
  });

  it('flags overlapping reservations and no-map inside memory not flagged NOMAP', () => {
    const dts = `/ { reserved-memory { #address-cells = <1>; #size-cells = <1>; ranges;
      a@48000000 { reg = <0x48000000 0x100000>; no-map; };
      b@48080000 { reg = <0x48080000 0x100000>; no-map; }; }; };`;
    const mem = '   0: 0x0000000040000000..0x000000004fffffff\n';
    const { a } = run([
      { name: 'x.dts', text: dts },
      { name: 'memblock/memory', text: mem },
    ]);
    const m = mapRegions(a.physical as NonNullable<typeof a.physical>);
    const flagged = m.filter((r) => r.kind === 'no-map');
    expect(flagged).toHaveLength(2);
    for (const r of flagged) {
      expect(r.flags.map(en).some((f) => f.startsWith('overlaps '))).toBe(true);
      expect(r.flags.map(en).some((f) => f.includes('not flagged NOMAP'))).toBe(true);
    }
  });
});

describe('the Overview, computed in the core', () => {
  it('orders the ledger parent first, its parts under it, in reading order', () => {
    const { a } = seed();
    const order = orderLines(a.accounting.lines).map(({ line, depth }) => `${depth}:${line.id}`);
    expect(order.slice(0, 4)).toEqual(['0:dram', '1:no-map', '1:memblock-memory', '2:boot-reserved']);
    expect(order).toContain('3:boot-reserved:48080000');
    const kernel = order.indexOf('1:kernel');
    expect(order.slice(kernel, kernel + 6)).toEqual(['1:kernel', '2:Slab', '2:KernelStack', '2:PageTables', '2:VmallocUsed', '2:Percpu']);
    expect(order.indexOf('3:Cached:Shmem')).toBe(order.indexOf('2:Cached') + 1);
    expect(order).toHaveLength(a.accounting.lines.length);
  });

  it('keeps a line whose parent is missing, and survives a cycle of parents', () => {
    const line = (id: string, parent?: string) => ({
      id,
      label: m('line.dram'),
      kib: 1,
      level: 0,
      formula: m('formula.holes'),
      refs: [],
      ...(parent ? { parent } : {}),
    });
    expect(orderLines([line('a', 'nowhere'), line('b', 'a')]).map((l) => [l.line.id, l.depth])).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
    expect(orderLines([line('x', 'y'), line('y', 'x')])).toEqual([]);
  });

  it('gives the headline figures as shares of DRAM, else of MemTotal', () => {
    const h = headline(seed().a);
    expect(h).toMatchObject({ whole: 262144, wholeIs: 'dram' });
    expect(h.figures.map((f) => [f.id, f.kib])).toEqual([
      ['dram', 262144],
      ['memtotal', 230856],
      ['used', 173508],
      ['free', 49516],
      ['unaccounted', 50504],
    ]);
    // with the pasted free, "used" is what it printed, and the tool whose formula gives that
    const { a, snap } = seed();
    const used = headline(a, snap.free).figures.find((f) => f.id === 'used');
    expect(used).toMatchObject({ kib: 146008, printed: true, tool: { key: 'tool.procps-ng-3.3.12' } });
    const only = headline(run([{ name: 'm', text: read(SEED, 'meminfo.txt') }]).a);
    expect(only).toMatchObject({ whole: 230856, wholeIs: 'memtotal' });
  });

  it('marks the tools whose "used" is what the pasted free printed', () => {
    const { a, snap } = seed();
    const rows = usedTable(a, snap.free);
    expect(rows[0]).toMatchObject({ id: 'printed', usedKiB: 146008, buffCacheKiB: 34484, source: 'free.txt', line: 2 });
    expect(rows.filter((r) => r.matchesPrinted).map((r) => r.id)).toEqual(['procps-ng-3.3.12', 'busybox-srecl']);
    expect(usedTable(a, undefined).every((r) => r.id !== 'printed' && !r.matchesPrinted)).toBe(true);
  });
});

describe('no-map regions in memory the kernel was given', () => {
  it('are flagged against every memory range they overlap, overlapping ranges too', async () => {
    const { mapRegions } = await import('../src/core/viewmodel/lanes');
    const region = (kind: string, role: string, start: bigint, end: bigint) => ({ kind, role, start, end, label: m('bucket.anon') });
    const phys = {
      regions: [
        region('memblock-memory', 'memory', 0n, 0x10000000n),
        region('memblock-memory', 'memory', 0x100000n, 0x200000n),
        region('no-map', 'carve-out', 0x5000000n, 0x5100000n),
      ],
    } as unknown as Parameters<typeof mapRegions>[0];
    const nomap = mapRegions(phys).find((r) => r.kind === 'no-map');
    expect(nomap?.flags.map((f) => f.key)).toContain('flag.nomap-unflagged');
  });
});
