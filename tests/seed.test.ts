// The first acceptance test: the seed article's arithmetic, from the files as a person
// pasted them (fixtures/seed-mt7981: a 256 MiB MT7981 router; expected.json is the answer).
import { describe, expect, it } from 'vitest';
import { errors, read, run, SEED, SEED_FILES } from './helpers';

const expected = JSON.parse(read(SEED, 'expected.json'));
const FILES = SEED_FILES;

function assertSeed(r: ReturnType<typeof run>) {
  const { json, a } = r;
  const p = json.physical!;
  expect(p.spanKiB).toBe(expected.physical.span.sizeKiB);
  expect(p.start).toBe('0x40000000');
  expect(p.end).toBe('0x50000000');
  expect(p.noMapKiB).toBe(expected.physical.noMapTotalKiB);
  expect(p.memblockMemoryKiB).toBe(expected.physical.memblockMemoryKiB);
  expect(p.holesKiB).toBe(expected.physical.holesNotExplainedKiB);
  expect(p.memblockReservedKiB).toBe(expected.physical.memblockReservedPageRoundedKiB);
  // every no-map carve-out, by name, label, start and size
  const noMap = p.regions.filter((x) => x.kind === 'no-map');
  expect(noMap.map((x) => [x.start, x.sizeKiB])).toEqual(
    expected.physical.noMap.map((n: { start: string; sizeKiB: number }) => [n.start.toLowerCase(), n.sizeKiB]),
  );
  for (const n of expected.physical.noMap) expect(noMap.some((x) => x.name.includes(n.name) && x.name.includes(n.label))).toBe(true);
  expect(p.regions.filter((x) => x.kind === 'memblock-reserved').map((x) => x.sizeKiB)).toEqual(
    expected.physical.memblockReservedGroupsKiB,
  );
  const kernel = p.regions.find((x) => x.name === 'kernel image');
  expect(kernel?.start).toBe('0x48080000');

  const b = expected.bootLine;
  expect(json.boot).toMatchObject({
    availableKiB: b.availableKiB,
    physKiB: b.physKiB,
    reservedKiB: b.reservedKiB,
    cmaReservedKiB: b.cmaReservedKiB,
    initKiB: b.initKiB,
  });
  expect(json.boot?.fields).toMatchObject({
    'kernel code': b.kernelCodeKiB,
    rwdata: b.rwdataKiB,
    rodata: b.rodataKiB,
    init: b.initKiB,
    bss: b.bssKiB,
  });
  expect(json.boot?.expectedMemTotalKiB).toBe(expected.meminfo.MemTotal);
  expect(json.boot?.changedAfterBootKiB).toBe(0);

  const acc = json.accounting;
  expect(acc.memTotalKiB).toBe(expected.meminfo.MemTotal);
  expect(acc.kernelKiB).toBe(expected.meminfo.kernelAccounted.sum);
  expect(acc.userKiB).toBe(expected.meminfo.userAccounted.sum);
  expect(acc.freeKiB).toBe(expected.meminfo.free);
  expect(acc.unaccountedKiB).toBe(expected.meminfo.unaccountedKiB);
  for (const [k, v] of Object.entries(expected.meminfo.kernelAccounted))
    if (k !== 'sum') expect(acc.lines.find((l) => l.id === k)?.kib).toBe(v);
  for (const [k, v] of Object.entries(expected.meminfo.userAccounted))
    if (k !== 'sum') expect(acc.lines.find((l) => l.id === k)?.kib).toBe(v);

  const byId = Object.fromEntries(a.checks.map((c) => [c.id, c]));
  const pairs: [string, string][] = [
    ['activePlusInactiveEqualsAnonPlusCachedPlusBuffers', 'lru'],
    ['slabEqualsSReclaimablePlusSUnreclaim', 'slab'],
    ['freeTotalEqualsMemTotal', 'free-total'],
    ['memblockMemoryEqualsBootPhys', 'memblock-phys'],
    ['memblockReservedEqualsBootReserved', 'memblock-reserved'],
    ['spanEqualsMemoryPlusNoMap', 'span'],
  ];
  for (const [name, id] of pairs) {
    expect(byId[id], id).toBeDefined();
    expect([byId[id]?.left, byId[id]?.right], name).toEqual(expected.checks[name]);
  }
  expect(a.checks.every((c) => c.ok)).toBe(true);

  const row = json.free?.rows.find((x) => x.label === 'Mem') as Record<string, number> | undefined;
  expect(row).toMatchObject({
    total: expected.free.total,
    used: expected.free.used,
    free: expected.free.free,
    shared: expected.free.shared,
    'buff/cache': expected.free.buffCache,
    available: expected.free.available,
  });

  const s = expected.smaps;
  expect(json.processes).toHaveLength(1);
  const proc = json.processes[0]!;
  expect(proc.mappings).toHaveLength(s.mappings);
  expect(proc.mappings?.[0]?.path).toBe(s.path);
  expect([proc.rssKiB, proc.pssKiB, proc.ussKiB, proc.swapKiB]).toEqual([s.rssKiB, s.pssKiB, s.ussKiB, s.swapKiB]);
}

describe('seed MT7981 router', () => {
  it('reproduces expected.json from the separate files, with no line left unread', () => {
    const r = run(FILES.map((f) => ({ name: f, text: read(SEED, f) })));
    assertSeed(r);
    expect(errors(r.parsed)).toEqual([]);
    // the seed's meminfo starts with the shell prompt it was pasted with
    expect(r.snap.sources.find((x) => x.name === 'meminfo.txt')?.segments[0]).toMatchObject({
      format: 'meminfo',
      firstLine: 2,
      hint: 'cat /proc/meminfo',
    });
  });

  it('reads the annotated memblock paste the same way, keeping the notes', () => {
    const files = FILES.map((f) => (f === 'memblock-reserved.txt' ? 'memblock-reserved.annotated.txt' : f));
    const r = run(files.map((f) => ({ name: f, text: read(SEED, f) })));
    assertSeed(r);
    expect(errors(r.parsed)).toEqual([]);
    const kernel = r.json.physical?.regions.find((x) => x.name === 'kernel image');
    expect(kernel?.rule).toContain('the paste says: kernel');
    expect(r.json.physical?.regions.find((x) => x.sizeKiB === 14336)?.rule).toContain('CONFIG_SPARSEMEM');
  });

  it('reads every file pasted into one text, with shell prompts between them', () => {
    const text = FILES.map((f) => {
      const cmd = f.includes('memblock-memory')
        ? 'cat /sys/kernel/debug/memblock/memory'
        : f.includes('memblock-reserved')
          ? 'cat /sys/kernel/debug/memblock/reserved'
          : f.includes('free')
            ? 'free'
            : f.includes('dmesg')
              ? 'dmesg | grep Memory:'
              : f.includes('smaps')
                ? 'cat /proc/self/smaps'
                : null;
      return `${cmd ? `root@OpenWrt:~# ${cmd}\n` : ''}${read(SEED, f)}`;
    }).join('\n');
    const r = run([{ name: 'paste', text }]);
    assertSeed(r);
    expect(errors(r.parsed)).toEqual([]);
    expect(r.snap.sources[0]?.formats.sort()).toEqual(['dts', 'free', 'kmsg', 'memblock', 'meminfo', 'smaps']);
  });

  it('reads every file pasted into one text with nothing between them', () => {
    // no prompts: memblock memory then reserved are told apart by the index going back to 0 and by their content
    const text = FILES.map((f) => read(SEED, f)).join('');
    const r = run([{ name: 'paste', text }]);
    assertSeed(r);
    expect(errors(r.parsed)).toEqual([]);
  });

  it('reads a tail -n +1 bundle with CRLF line ends', () => {
    const text = FILES.map((f) => `==> /tmp/capture/${f} <==\n${read(SEED, f)}\n`)
      .join('')
      .replace(/\n/g, '\r\n');
    const r = run([{ name: 'bundle.txt', text }]);
    assertSeed(r);
    expect(errors(r.parsed)).toEqual([]);
  });
});
