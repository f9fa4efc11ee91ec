import { describe, expect, it } from 'vitest';
import { breakdown, fileTable, groupMappings, mapRegions, pssByKind } from '../src/core/model/views';
import { read, run, SEED, SEED_FILES } from './helpers';

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
    expect(image?.formula).toContain('448 KiB init freed');
    // Cached split into three parts that add up
    expect((by.Shmem?.kib ?? 0) + (by['file-mapped']?.kib ?? 0) + (by['file-unmapped']?.kib ?? 0)).toBe(20736);
  });

  it('without memblock.reserved: one boot segment and a note naming what to add', () => {
    const { snap, a } = run(SEED_FILES.filter((f) => f !== 'memblock-reserved.txt').map((f) => ({ name: f, text: read(SEED, f) })));
    const b = breakdown(snap, a);
    expect(b.segments.find((s) => s.id === 'boot-held')?.kib).toBe(258368 - 230856);
    expect(b.residualKiB).toBe(0);
    expect(b.notes.join(' ')).toContain('add memblock/reserved');
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
    const g = groupMappings(snap.processes[0]?.mappings ?? []);
    expect(g.map((x) => x.kind)).toEqual(['heap', 'file code', 'anonymous']);
    expect(g.reduce((s, x) => s + x.pssKiB, 0)).toBe(45);
    expect(pssByKind(snap.processes[1]?.mappings ?? [])).toMatchObject({ 'file code': 10, 'shared memory': 7 });
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
      expect(r.flags.some((f) => f.startsWith('overlaps '))).toBe(true);
      expect(r.flags.some((f) => f.includes('not flagged NOMAP'))).toBe(true);
    }
  });
});
