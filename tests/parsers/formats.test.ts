// Each variant of the formats in docs/formats.md, as a fixture under fixtures/formats.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { DeviceTree } from '../../src/core/formats/dts/index';
import type { DataMap } from '../../src/core/formats/registry';
import { type FormatId, parseText, segmentsOf } from '../../src/core/index';
import { en, errors, FORMATS, read, run } from '../helpers';

type DataOf<K extends FormatId> = NonNullable<DataMap[K]>;

/** the first segment of a format in a fixture, and the fixture parsed */
function one<K extends FormatId>(file: string, format: K): { data: DataOf<K>; parsed: ReturnType<typeof parseText> } {
  const parsed = parseText(read(FORMATS, file), file, file);
  const data = segmentsOf(parsed.segments, format)[0]?.data;
  if (data === undefined || data === null)
    throw new Error(`${file}: no ${format} segment in ${JSON.stringify(parsed.segments.map((s) => s.format))}`);
  return { data, parsed };
}
const dataOf = <K extends FormatId>(p: ReturnType<typeof parseText>, format: K): DataOf<K> => {
  const data = segmentsOf(p.segments, format)[0]?.data;
  if (data === undefined || data === null) throw new Error(`no ${format} segment`);
  return data;
};
const hex = (v: bigint) => `0x${v.toString(16)}`;

describe('device tree source', () => {
  it('reads a whole .dts: banks, /memreserve/, expressions, dynamic CMA, /delete-node/, &label amendments, #include reported', () => {
    const { data: dt, parsed } = one('dts-full.dts', 'dts');
    expect(dt.banks.map((b) => [hex(b.start), hex(b.end)])).toEqual([
      ['0x40000000', '0x50000000'],
      ['0x100000000', '0x110000000'],
    ]);
    expect(dt.memreserve.map((m) => [hex(m.start), hex(m.end)])).toEqual([['0x48000000', '0x48100000']]);
    const byName = Object.fromEntries(dt.reservations.map((r) => [r.name, r]));
    expect(Object.keys(byName)).toEqual(['secmon@43000000', 'ramoops@44000000', 'linux,cma', 'off@46000000', 'chars@47000000']);
    expect(byName['secmon@43000000']).toMatchObject({ label: 'secmon_reserved', noMap: true, reusable: false });
    expect(byName['ramoops@44000000']?.ranges.map((r) => [hex(r.start), hex(r.end)])).toEqual([['0x44001000', '0x44100000']]);
    expect(byName['linux,cma']).toMatchObject({
      reusable: true,
      dynamicSizeBytes: 0x4000000n,
      alignmentBytes: 0x400000n,
      compatible: ['shared-dma-pool'],
    });
    expect(byName['linux,cma']?.flags).toContain('linux,cma-default');
    expect(byName['off@46000000']?.status).toBe('disabled');
    expect(byName['chars@47000000']?.ranges[0]?.end).toBe(0x47001000n);
    const include = parsed.diagnostics.find((d) => d.message.includes('mt7981.dtsi'));
    expect(include).toMatchObject({ line: 3, severity: 'warning' });
    expect(errors([parsed])).toEqual([]);
  });

  it('agrees with dtc: its compiled output reads the same as the source', () => {
    // dtc 1.6.1 rejects a /delete-node/ inside a node body (duplicate_node_names check): that
    // construct is tested above; here both read the text without it
    const src = read(FORMATS, 'dts-full.dts')
      .replace(/^#include.*$/m, '')
      .replace(/\t\tdropped@45100000 \{[^}]*\};\n\t\t\/delete-node\/ dropped@45100000;\n/, '');
    expect(src).not.toContain('dropped');
    const out = execFileSync('dtc', ['-q', '-I', 'dts', '-O', 'dts', '-'], { input: src, encoding: 'utf8' });
    const a = dataOf(parseText(src, 'source.dts'), 'dts');
    const b = dataOf(parseText(out, 'dtc-output.dts'), 'dts');
    const shape = (dt: DeviceTree) => ({
      banks: dt.banks.map((x) => [x.start, x.end]),
      memreserve: dt.memreserve.map((x) => [x.start, x.end]),
      res: dt.reservations.map((r) => [r.name, r.noMap, r.reusable, r.status, r.dynamicSizeBytes, r.ranges.map((x) => [x.start, x.end])]),
    });
    expect(shape(b)).toEqual(shape(a));
  });

  it('reads 1+1 cells (32-bit boards)', () => {
    const dt = one('dts-cells1.dtsi', 'dts').data;
    expect(dt.banks.map((b) => [hex(b.start), hex(b.end)])).toEqual([['0x80000000', '0x88000000']]);
    expect(dt.reservations.map((r) => [r.name, r.noMap, hex(r.ranges[0]!.start), hex(r.ranges[0]!.end)])).toEqual([
      ['fw@87f00000', true, '0x87f00000', '0x88000000'],
      ['dsp@87000000', false, '0x87000000', '0x87800000'],
    ]);
  });

  it('reads a pasted list of reservation nodes without #address-cells, saying what it assumed', () => {
    const { data: dt, parsed } = one('dts-snippet-nocells.txt', 'dts');
    expect(dt.reservations.map((r) => [r.name, r.noMap, r.reusable, hex(r.ranges[0]!.start)])).toEqual([
      ['tz@4e000000', true, false, '0x4e000000'],
      ['cma@50000000', false, true, '0x50000000'],
    ]);
    expect(parsed.diagnostics.some((d) => d.message.includes('1+1 assumed'))).toBe(true);
  });

  it('reports a node that is never closed, keeps what came before, and the next input still reads', () => {
    const text =
      'reserved-memory {\n #address-cells = <1>; #size-cells = <1>;\n a@1000 { reg = <0x1000 0x1000>; no-map; };\nMemTotal: 1000 kB\nMemFree: 10 kB\n';
    const p = parseText(text, 'cut.txt');
    expect(p.segments.map((s) => s.format)).toEqual(['dts', 'meminfo']);
    expect(p.diagnostics.find((d) => d.severity === 'error')?.message).toMatch(/not closed/);
  });
});

describe('memblock', () => {
  it('reads the newer format with node and flags; NOMAP stays in memory and counts as a carve-out once', () => {
    const r = run([
      { name: 'memblock/memory', text: read(FORMATS, 'memblock-memory-new.txt') },
      { name: 'memblock/reserved', text: read(FORMATS, 'memblock-reserved-new.txt') },
    ]);
    expect(errors(r.parsed)).toEqual([]);
    const t = dataOf(r.parsed[0]!, 'memblock');
    expect(t.regions.map((x) => [x.node, x.flagText])).toEqual([
      ['0', 'NONE'],
      ['0', 'NOMAP'],
      ['0', 'NONE'],
    ]);
    const p = r.json.physical!;
    expect(p.spanKiB).toBe(2 * 1024 * 1024);
    expect(p.memblockMemoryKiB).toBe(2 * 1024 * 1024);
    expect(p.memblockNomapKiB).toBe(3584);
    expect(p.noMapKiB).toBe(3584);
    expect(r.a.checks.find((c) => c.id === 'span')).toMatchObject({ left: 2097152, right: 2097152, ok: true });
    expect(p.memblockReservedKiB).toBe(32256 + 65536 + 408 + 4);
  });

  it('tells reserved from memory by content when unnamed (x nodes, byte-granular ranges)', () => {
    const t = dataOf(parseText(read(FORMATS, 'memblock-reserved-new.txt'), 'paste'), 'memblock');
    expect(t.kind).toBe('reserved');
    expect(en(t.kindEvidence)).toMatch(/node/);
  });

  it('reads 32-bit %pa (8 hex digits)', () => {
    const t = dataOf(parseText(read(FORMATS, 'memblock-32bit.txt'), 'memblock/memory'), 'memblock');
    expect(t.regions.map((x) => [hex(x.start), hex(x.end)])).toEqual([
      ['0x80000000', '0x87f00000'],
      ['0x88000000', '0x90000000'],
    ]);
  });

  it('reads memblock=debug boot lines as both tables', () => {
    const r = run([{ name: 'dmesg.txt', text: read(FORMATS, 'dmesg-memblock-debug.txt') }]);
    expect(errors(r.parsed)).toEqual([]);
    expect(r.json.physical?.memblockMemoryKiB).toBe(258368);
    expect(r.json.physical?.memblockReservedKiB).toBe(10396);
  });
});

describe('kernel log', () => {
  it('reads an arm64 6.x dmesg: Memory line with cma, OF reserved mem (new and old), CMA pool, zones, nodes, Freeing', () => {
    const { data: log, parsed } = one('dmesg-arm64.txt', 'kmsg');
    expect(errors([parsed])).toEqual([]);
    expect(log.memoryLine).toMatchObject({ availableKiB: 1948904, physKiB: 2097152 });
    expect(log.memoryLine?.fields).toEqual({
      'kernel code': 9472,
      rwdata: 1180,
      rodata: 3004,
      init: 1088,
      bss: 441,
      reserved: 82712,
      'cma-reserved': 65536,
    });
    expect(log.reservedMem.map((r) => [r.name, hex(r.start), hex(r.end), r.sizeKiB, r.noMap])).toEqual([
      ['secmon@43000000', '0x43000000', '0x43030000', 192, true],
      ['wmcpu-reserved@47C80000', '0x47c80000', '0x47d80000', 1024, true],
    ]);
    expect(log.reservedMemInitialized).toEqual([{ name: 'linux,cma', compatible: 'shared-dma-pool', line: 6 }]);
    expect(log.cma.map((c) => [hex(c.start), hex(c.end)])).toEqual([
      ['0xb8000000', '0xbc000000'],
      ['0xb8000000', '0xbc000000'],
    ]);
    expect(log.zones.map((z) => z.name)).toEqual(['DMA', 'DMA32', 'Normal']);
    expect(log.nodeRanges.map((n) => [hex(n.start), hex(n.end)])).toEqual([
      ['0x40000000', '0x43000000'],
      ['0x43030000', '0xc0000000'],
    ]);
    expect(log.totalPages).toBe(516096);
    expect(log.freedInitKiB[0]?.kib).toBe(1088);
    // without memblock, DRAM comes from the node ranges; the log's carve-outs and CMA are on the map
    const r = run([{ name: 'dmesg.txt', text: read(FORMATS, 'dmesg-arm64.txt') }]);
    expect(r.json.physical?.dramFrom).toMatch(/node ranges/);
    expect(r.json.physical?.regions.filter((x) => x.kind === 'cma')).toHaveLength(1);
    expect(r.json.boot?.expectedMemTotalKiB).toBe(2097152 - 82712 + 1088);
  });

  it('reads the highmem variant and dmesg -x prefixes', () => {
    const { data: log } = one('dmesg-highmem-x.txt', 'kmsg');
    expect(log.memoryLine?.fields).toMatchObject({ 'cma-reserved': 262144, highmem: 0, reserved: 49924 });
    expect(log.zones).toHaveLength(1);
  });

  it('reads the 2.6-era x86 line (lower-case k, other fields)', () => {
    const { data: log } = one('dmesg-2.6-x86.txt', 'kmsg');
    expect(log.memoryLine).toMatchObject({
      availableKiB: 1003192,
      physKiB: 1048576,
      fields: { 'kernel code': 3453, reserved: 44836, data: 1568, init: 396, highmem: 0 },
    });
    expect(log.freedInitKiB[0]?.kib).toBe(396);
  });

  it('reads MediaTek memory_layout (no parentheses)', () => {
    const { data: log } = one('mtk-memory-layout.txt', 'kmsg');
    expect(log.memoryLine).toMatchObject({ availableKiB: 3690112, physKiB: 3931584, fields: { reserved: 241472, 'cma-reserved': 0 } });
  });
});

describe('free', () => {
  const mem = (f: DataOf<'free'>) => f.rows.find((r) => r.label === 'Mem')?.values;
  it('procps-ng ≥ 3.3.10 layout', () => {
    const f = one('free-procps-new.txt', 'free').data;
    expect(f.layout).toBe('buff/cache');
    expect(mem(f)).toEqual({ total: 16318228, used: 5012332, free: 8032108, shared: 623464, 'buff/cache': 3273788, available: 10624884 });
  });
  it('old layout with the -/+ buffers/cache row', () => {
    const f = one('free-procps-old.txt', 'free').data;
    expect(f.layout).toBe('buffers+cached');
    expect(f.rows.map((r) => r.label)).toEqual(['Mem', '-/+ buffers/cache', 'Swap']);
    expect(f.rows[1]?.values).toEqual({ used: 2082724, free: 5973656 });
  });
  it('-w and -t', () => {
    const f = one('free-wide-total.txt', 'free').data;
    expect(f.layout).toBe('buffers+cache (-w)');
    expect(f.rows.map((r) => r.label)).toEqual(['Mem', 'Swap', 'Total']);
  });
  it('-h: suffixed values in binary units, with their rounding', () => {
    const f = one('free-human.txt', 'free').data;
    expect(f.unit).toBe('human');
    expect(mem(f)?.total).toBe(15 * 1024 * 1024);
    expect(mem(f)?.shared).toBe(608 * 1024);
    expect(f.rows[1]?.values.used).toBe(0);
    expect(f.precisionKiB).toBeGreaterThanOrEqual(1024 * 1024);
  });
  it('-m from the prompt line', () => {
    const f = one('free-mebi.txt', 'free').data;
    expect(f.unit).toBe('MiB');
    expect(mem(f)?.total).toBe(225 * 1024);
  });
  it('busybox 2004 (Total: row, no available)', () => {
    const { data: f, parsed } = one('free-busybox-2004.txt', 'free');
    expect(f.layout).toBe('busybox-2004');
    expect(f.rows.map((r) => r.label)).toEqual(['Mem', 'Swap', 'Total']);
    expect(errors([parsed])).toEqual([]);
  });
});

describe('meminfo', () => {
  it('keeps every field, unknown ones too; page counts have no unit; absent is not 0', () => {
    const { data: m, parsed } = one('meminfo-6x.txt', 'meminfo');
    expect(errors([parsed])).toEqual([]);
    expect(m.fields.size).toBe(read(FORMATS, 'meminfo-6x.txt').trim().split('\n').length);
    expect(m.fields.get('FutureCounter')?.value).toBe(42);
    expect(m.fields.get('HugePages_Total')).toMatchObject({ value: 4, unit: '' });
    expect(m.fields.get('VmallocTotal')?.value).toBe(34359738367);
    expect(m.fields.has('MmapCopy')).toBe(false);
    const r = run([{ name: 'meminfo', text: read(FORMATS, 'meminfo-6x.txt') }]);
    // kernel = Slab + KernelStack + PageTables + SecPageTables + VmallocUsed + Percpu + Zswap + Hugetlb
    expect(r.json.accounting.kernelKiB).toBe(409612 + 22464 + 61232 + 2048 + 96812 + 12352 + 0 + 8192);
    expect(r.json.accounting.unaccountedKiB).toBe(
      16318228 - 8032108 - (4213536 + 2844012 + 212340) - (409612 + 22464 + 61232 + 2048 + 96812 + 12352 + 8192),
    );
  });
  it('VmallocUsed 0 on 4.4–5.2 kernels is flagged as unknown, not none', () => {
    const r = run([{ name: 'meminfo', text: read(FORMATS, 'meminfo-4.9-vmalloc0.txt') }]);
    expect(r.a.accounting.notes.map(en).join('\n')).toMatch(/VmallocUsed is 0/);
    expect(r.a.accounting.notes.map(en).join('\n')).toMatch(/no Percpu/);
  });
  it('shows a negative unaccounted as it is', () => {
    const r = run([{ name: 'meminfo', text: 'MemTotal: 1000 kB\nMemFree: 600 kB\nAnonPages: 300 kB\nCached: 200 kB\nSlab: 100 kB\n' }]);
    expect(r.json.accounting.unaccountedKiB).toBe(-200);
    expect(r.a.accounting.notes.map(en).join('\n')).toMatch(/negative/);
  });
});

describe('smaps', () => {
  it('x86_64: 64-bit addresses exactly, paths with spaces and (deleted), every counter', () => {
    const { data: s, parsed } = one('smaps-x86_64.txt', 'smaps');
    expect(errors([parsed])).toEqual([]);
    expect(s.mappings.toArray().map((m) => m.path)).toEqual([
      '/usr/bin/bash',
      '/memfd:wayland-shm (deleted)',
      '[anon:dalvik-main space]',
      '/opt/My App/lib with spaces.so',
      '[vsyscall]',
    ]);
    const vs = s.mappings.get(4);
    expect(vs.start).toBe(0xffffffffff600000n);
    expect(vs.end).toBe(0xffffffffff601000n);
    expect(s.mappings.get(0).kib).toMatchObject({ Pss: 22, Pss_Dirty: 0, KSM: 0, THPeligible: 0, ProtectionKey: 0 });
    expect(s.mappings.get(0).vmFlags).toBe('rd mr mw me dw sd');
    const r = run([{ name: '/proc/4242/smaps', text: read(FORMATS, 'smaps-x86_64.txt') }]);
    expect(r.json.processes[0]).toMatchObject({ pid: 4242, pssKiB: 22 + 256 + 12 + 4, ussKiB: 16, rssKiB: 664, swapKiB: 8, swapPssKiB: 4 });
    expect(r.json.processes[0]?.mappings?.map((m) => m.kind)).toEqual(['file data', 'shared memory', 'anonymous', 'file data', 'other']);
  });
  it('smaps_rollup gives the process totals', () => {
    const r = run([
      { name: '/proc/77/smaps_rollup', text: read(FORMATS, 'smaps_rollup.txt') },
      { name: '/proc/77/status', text: read(FORMATS, 'status.txt').replace('1234', '77').replace('1234', '77') },
    ]);
    expect(r.json.processes).toHaveLength(1);
    expect(r.json.processes[0]).toMatchObject({
      pid: 77,
      name: 'dropbear',
      pssKiB: 1733,
      ussKiB: 1024,
      rssKiB: 4812,
      swapKiB: 16,
      fromRollup: true,
    });
  });
  it('32-bit and cut off mid-line: reports the cut, keeps what was read', () => {
    const { data: s, parsed } = one('smaps-arm32-truncated.txt', 'smaps');
    expect(s.mappings).toHaveLength(2);
    expect(s.mappings.get(0).start).toBe(0xb6f10000n);
    const errs = errors([parsed]);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ line: 16 });
  });
  it('status gives the name and pid', () => {
    const r = run([
      { name: 'status', text: read(FORMATS, 'status.txt') },
      { name: '/proc/1234/smaps', text: read(FORMATS, 'smaps-x86_64.txt') },
    ]);
    expect(r.json.processes[0]).toMatchObject({ pid: 1234, name: 'dropbear' });
  });
});

describe('bad input', () => {
  it('lists every line not understood with its number, and reads the rest', () => {
    const p = parseText('MemTotal: 100 kB\nthis is a note\nMemFree: 50 kB\n\ngarbage at the end\n', 'x');
    expect(p.segments).toHaveLength(1);
    expect(errors([p]).map((d) => d.line)).toEqual([2, 5]);
    expect(dataOf(p, 'meminfo').fields.get('MemFree')?.value).toBe(50);
  });
  it('a boot Memory: line right after meminfo is the kernel log, not a meminfo field', () => {
    const p = parseText('MemTotal: 100 kB\nMemFree: 50 kB\nMemory: 230408K/258368K available (448K init)\n', 'x');
    expect(p.segments.map((s) => s.format)).toEqual(['meminfo', 'kmsg']);
  });
  it('a text with nothing readable gives diagnostics and no data', () => {
    const p = parseText('hello\nworld\n', 'x');
    expect(p.segments).toEqual([]);
    expect(p.diagnostics.map((d) => [d.line, d.severity])).toEqual([[1, 'unread']]);
  });
});
