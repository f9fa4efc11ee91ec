// The device-tree reader on the shapes real trees come in (fixtures/dt): preprocessed
// sources with cpp line markers, edits applied in order, unexpanded macros, the kernel's
// rules for memory and reserved-memory nodes, dtc's expressions, and blobs — binary and
// pasted as base64 or hex dumps — with damaged blobs refused cleanly.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeviceTree } from '../src/core/formats/dts/index';
import { type ParsedText, parseBytes, parseText } from '../src/core/index';
import { unaccountedLines } from './lines';

const DT = join(__dirname, '..', 'fixtures', 'dt');
const text = (f: string) => readFileSync(join(DT, f), 'utf8');
const hex = (v: bigint) => `0x${v.toString(16)}`;

/** the one device tree of a parse */
function treeOf(p: ParsedText | ParsedText[]): DeviceTree {
  const all = Array.isArray(p) ? p : [p];
  const segs = all.flatMap((x) => x.segments.filter((s) => s.format === 'dts' || s.format === 'dtb'));
  expect(segs.length, JSON.stringify(all.flatMap((x) => x.segments.map((s) => s.format)))).toBe(1);
  const data = segs[0]?.data;
  if (!data) throw new Error('no device tree read');
  return data;
}
const read = (f: string) => {
  const parsed = parseText(text(f), f, f);
  return { parsed, dt: treeOf(parsed) };
};
const msgs = (p: ParsedText, severity?: string) => p.diagnostics.filter((d) => !severity || d.severity === severity).map((d) => d.message);
const banks = (dt: DeviceTree) => dt.banks.map((b) => [b.name, hex(b.start), hex(b.end)]);
const regions = (dt: DeviceTree) =>
  dt.reservations.map((r) => [r.name, r.status ?? '', r.ranges.map((g) => `${hex(g.start)}-${hex(g.end)}`).join(' ')]);

describe('device tree: preprocessed sources', () => {
  it('takes cpp line markers (`# 89 "x.dtsi"`, with flags or without) anywhere, even inside a node, as line markers', () => {
    const { parsed, dt } = read('msm8916-preprocessed.dts');
    expect(msgs(parsed, 'error')).toEqual([]);
    expect(unaccountedLines(text('msm8916-preprocessed.dts'), parsed)).toEqual([]);
    expect(regions(dt)).toEqual([
      ['tz-apps@86000000', '', '0x86000000-0x86300000'],
      ['smem@86300000', '', '0x86300000-0x86400000'],
      ['hypervisor@86400000', '', '0x86400000-0x86500000'],
      ['rmtfs@86700000', '', '0x86700000-0x867e0000'],
      // the marker sits between `{` and `reg`; the board enables it and sets its size
      ['mpss@86800000', 'okay', '0x86800000-0x8bd00000'],
      ['wcnss@87500000', '', '0x87500000-0x87b00000'],
      ['ramoops@bff00000', '', '0xbff00000-0xc0000000'],
    ]);
    expect(dt.reservations.find((r) => r.name === 'mpss@86800000')?.label).toBe('mpss_mem');
    // `reg = <0x0 0x80000000 0x0 0x0>`: the bootloader fills the size in
    expect(dt.banks).toEqual([]);
    expect(dt.unsizedBanks.map((b) => [b.name, hex(b.start)])).toEqual([['memory@80000000', '0x80000000']]);
  });

  it('also reads `#line N "file"` and a marker between properties', () => {
    const src =
      '/ {\n#address-cells = <1>;\n#line 5 "board.dts"\n#size-cells = <1>;\n# 12 "x.dtsi"\nmemory@0 {\n# 13 "x.dtsi" 2\ndevice_type = "memory"; reg = <0 0x1000>; };\n};\n';
    const p = parseText(src, 'm.dts');
    expect(banks(treeOf(p))).toEqual([['memory@0', '0x0', '0x1000']]);
    expect(msgs(p, 'error')).toEqual([]);
  });
});

describe('device tree: edits apply where they appear, as dtc applies them', () => {
  it('deletes and amends in order; a later node of the same path or label is new and stays', () => {
    const { parsed, dt } = read('edits-in-order.dts');
    expect(regions(dt)).toEqual([
      ['fw@8f000000', '', '0x8f000000-0x8f200000'],
      ['dsp@8e000000', 'disabled', '0x8e000000-0x8e100000'],
      ['scratch@8d000000', '', '0x8d000000-0x8d003000'],
      ['late@8c000000', '', '0x8c000000-0x8c400000'],
    ]);
    const byName = Object.fromEntries(dt.reservations.map((r) => [r.name, r]));
    // the re-made node has none of the deleted one's properties
    expect(byName['fw@8f000000']).toMatchObject({ noMap: false, flags: [] });
    // `label: &{/path} { … }` gives a label that the next amendment uses
    expect(byName['dsp@8e000000']).toMatchObject({ label: 'dsp_alias', compatible: ['vendor,dsp'], noMap: true });
    expect(byName['scratch@8d000000']).toMatchObject({ label: 'scratch', noMap: true });
    expect(msgs(parsed, 'error')).toEqual([]);
  });

  it('reports a stray /include/ or #include inside a node and reads on', () => {
    const { parsed, dt } = read('edits-in-order.dts');
    const warnings = parsed.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.map((d) => d.message)).toEqual([
      expect.stringContaining('/include/ "board-carveouts.dtsi"'),
      expect.stringContaining('#include <dt-bindings/memory/carveouts.h>'),
    ]);
    expect(dt.reservations.some((r) => r.name === 'late@8c000000')).toBe(true);
  });

  it('resolves dtc 1.7’s label-relative paths: &{label/sub/node}', () => {
    const src =
      '/ { #address-cells = <1>; #size-cells = <1>;\n rmem: reserved-memory { #address-cells = <1>; #size-cells = <1>; ranges;\n  fw@1000 { reg = <0x1000 0x1000>; };\n  gone@2000 { reg = <0x2000 0x1000>; }; }; };\n&{rmem/fw@1000} { no-map; };\n/delete-node/ &{rmem/gone@2000};\n';
    const p = parseText(src, 'x.dts');
    expect(treeOf(p).reservations.map((r) => [r.name, r.noMap])).toEqual([['fw@1000', true]]);
    expect(msgs(p, 'warning')).toEqual([]);
  });

  it('an amendment of a label not (yet) defined is reported and does not derail what follows', () => {
    const p = parseText(
      '&nowhere { status = "okay"; };\n/ { #address-cells = <1>; #size-cells = <1>;\n memory@0 { device_type = "memory"; reg = <0 0x1000>; }; };\n',
      'x.dts',
    );
    expect(msgs(p, 'warning')).toEqual([expect.stringContaining('&nowhere')]);
    expect(banks(treeOf(p))).toEqual([['memory@0', '0x0', '0x1000']]);
  });
});

describe('device tree: unexpanded macros', () => {
  it('cost only the property that uses them, and say which memory node or region was lost', () => {
    const { parsed, dt } = read('unexpanded-macros.dtsi');
    expect(banks(dt)).toEqual([['memory@80000000', '0x80000000', '0xc0000000']]);
    expect(regions(dt)).toEqual([
      ['tz@86500000', '', '0x86500000-0x86680000'],
      ['venus@89900000', '', ''],
      ['linux,cma', '', ''],
      ['mba@8ea00000', '', '0x8ea00000-0x8eb00000'],
    ]);
    const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.line, d.message])).toEqual([
      [24, expect.stringMatching(/^\/memory@c0000000: reg could not be read \(DDR_SIZE_HIGH is a macro/)],
      [38, expect.stringMatching(/^\/reserved-memory\/venus@89900000: reg could not be read \(SZ_1M is a macro/)],
      [45, expect.stringMatching(/^\/reserved-memory\/linux,cma: size could not be read \(SZ_1M is a macro/)],
    ]);
    // interrupts and clocks do not describe memory: said once each, as info
    const infos = msgs(parsed, 'info').filter((m) => m.includes('skipped'));
    expect(infos).toEqual([
      expect.stringContaining('/timer: interrupts skipped (GIC_PPI is a macro'),
      expect.stringContaining('/soc@0/mmc@7824900: interrupts skipped (GIC_SPI is a macro'),
      expect.stringContaining('/soc@0/mmc@7824900: clocks skipped (GCC_SDCC1_AHB_CLK is a macro'),
    ]);
    expect(unaccountedLines(text('unexpanded-macros.dtsi'), parsed)).toEqual([]);
  });

  it('a bad character costs its property only, not the tree', () => {
    const p = parseText(
      '/ { #address-cells = <1>; #size-cells = <1>;\n weird = <$1>;\n memory@0 { device_type = "memory"; reg = <0 0x1000>; }; };\n',
      'x.dts',
    );
    expect(banks(treeOf(p))).toEqual([['memory@0', '0x0', '0x1000']]);
  });
});

describe('device tree: cells, as dtc and the kernel take them', () => {
  it('reg pairs use the parent’s cells; a whole tree without root cells takes the kernel’s 1+1 and says so', () => {
    const { parsed, dt } = read('cells-root-default.dts');
    expect(banks(dt)).toEqual([['memory@80000000', '0x80000000', '0x88000000']]);
    // /reserved-memory's own 2+2 reads its child; the kernel would refuse the mismatch
    expect(regions(dt)).toEqual([['fw@87000000', '', '0x87000000-0x87100000']]);
    expect(msgs(parsed, 'warning')).toEqual([
      expect.stringContaining('1+1 used, as the kernel does'),
      expect.stringContaining('the kernel ignores all of /reserved-memory'),
    ]);
  });

  it('a range past 2^64 or beyond any physical address is an error, not a number', () => {
    const src = (reg: string) =>
      `/ { #address-cells = <2>; #size-cells = <2>;\n memory@0 { device_type = "memory"; reg = <${reg}>; }; };\n`;
    for (const reg of ['0xffffffff 0xfffff000 0x0 0x2000', '0x90000000 0x0 0x0 0x10000000']) {
      const p = parseText(src(reg), 'x.dts');
      expect(treeOf(p).banks).toEqual([]);
      expect(msgs(p, 'error')).toEqual([expect.stringMatching(/passes 2\^64|above 2\^56/)]);
    }
    // the old bug: a lost #address-cells reading 2+2 cells as 1+3 must not give exabytes of DRAM
    const p = parseText(
      '/ { #address-cells = <1>; #size-cells = <3>;\n memory@0 { device_type = "memory"; reg = <0 0x40000000 0 0x10000000>; }; };\n',
      'x.dts',
    );
    expect(treeOf(p).banks).toEqual([]);
    expect(msgs(p, 'error')).toHaveLength(1);
  });

  it('a fragment without cells keeps the rule: assumed from the cell count, and said', () => {
    const p = parseText('reserved-memory {\n fw@48000000 { reg = <0x48000000 0x100000>; no-map; };\n};\n', 'x.txt');
    expect(regions(treeOf(p))).toEqual([['fw@48000000', '', '0x48000000-0x48100000']]);
    expect(msgs(p, 'info')).toEqual([expect.stringContaining('1+1 assumed')]);
  });
});

describe('device tree: expressions computed as dtc computes them', () => {
  it('(~0), shifts, ?:, comparisons, / % ^ &, /bits/ 64, negatives and chars, with no warning dtc does not give', () => {
    const { parsed, dt } = read('expressions.dts');
    expect(parsed.diagnostics).toEqual([]);
    expect(banks(dt)).toEqual([['memory@40000000', '0x40000000', '0x50000000']]);
    expect(dt.memreserve.map((x) => [hex(x.start), hex(x.end)])).toEqual([['0x10001000', '0x10002000']]);
    expect(regions(dt)).toEqual([
      ['shifts@41000000', '', '0x41000000-0x41010000'],
      ['ternary@42000000', '', '0x42000000-0x42002000'],
      ['compare@43000000', '', '0x43000000-0x43003000'],
      ['arith@44000000', '', '0x44000000-0x44001000'],
      ['bits64@45000000', '', '0x45000000-0x45004000'],
      ['negative@46000000', '', '0x46000000-0x46005000'],
      ['char@47000000', '', '0x47000000-0x47004100'],
    ]);
  });

  it('warns on truncation only when dtc does: bits above the width neither all 0 nor all 1', () => {
    const p = parseText('/ { x = <0x123456789>; y = <(-2)>; z = /bits/ 8 <0x1ff 0xffffffffffffffff>; };\n', 'x.dts');
    expect(msgs(p, 'warning')).toEqual([
      expect.stringContaining('0x123456789 does not fit 32 bits'),
      expect.stringContaining('0x1ff does not fit 8 bits'),
    ]);
  });
});

describe('device tree: memory and reserved-memory nodes as the kernel reads them', () => {
  const { parsed, dt } = read('memory-rules.dts');
  it('banks: device_type memory, okay; linux,usable-memory over reg; size 0 → unsized, not a bank', () => {
    expect(banks(dt)).toEqual([
      ['memory@40000000', '0x40000000', '0x60000000'],
      ['memory@80000000', '0x80000000', '0x90000000'],
    ]);
    expect(dt.unsizedBanks.map((b) => [b.name, hex(b.start)])).toEqual([['memory@40000000', '0x100000000']]);
    const info = msgs(parsed, 'info');
    expect(info).toContainEqual(expect.stringContaining('memory@c0000000 has status "disabled"'));
    expect(info).toContainEqual(expect.stringContaining('memory@d0000000 has no device_type = "memory": the kernel does not read it'));
    expect(info).toContainEqual(expect.stringContaining('memory@80000000: linux,usable-memory used instead of reg'));
  });

  it('regions: direct children of /reserved-memory only; zero-size entries dropped; disabled kept with status', () => {
    expect(regions(dt)).toEqual([
      ['fw@48000000', '', '0x48000000-0x48100000'],
      ['off@49000000', 'disabled', '0x49000000-0x49200000'],
      ['linux,cma', '', ''],
      ['outer@4a000000', '', '0x4a000000-0x4a001000'],
    ]);
    expect(msgs(parsed, 'warning')).toEqual([expect.stringContaining('/soc/reserved-memory is not a child of the root')]);
    expect(msgs(parsed, 'info')).toContainEqual(expect.stringContaining('fw@48000000: reg entry at 0x48800000 has size 0'));
  });

  it('dynamic regions: size, alignment and every alloc-ranges pair', () => {
    expect(dt.reservations.find((r) => r.name === 'linux,cma')).toMatchObject({
      dynamicSizeBytes: 0x8000000n,
      alignmentBytes: 0x400000n,
      allocRanges: [
        { start: 0x40000000n, end: 0x50000000n },
        { start: 0x50000000n, end: 0x60000000n },
        { start: 0x80000000n, end: 0x90000000n },
      ],
      reusable: true,
      flags: ['reusable', 'linux,cma-default'],
    });
    expect(dt.memreserve.map((x) => [hex(x.start), hex(x.end)])).toEqual([['0x90000000', '0x90001000']]);
  });

  it('a fragment’s memory@… node without device_type is read, with an info', () => {
    const p = parseText('memory@40000000 {\n reg = <0x40000000 0x1000000>;\n};\n', 'x.txt');
    expect(banks(treeOf(p))).toEqual([['memory@40000000', '0x40000000', '0x41000000']]);
    expect(msgs(p, 'info')).toContainEqual(expect.stringContaining('read as DRAM'));
  });

  it('a size that does not have #size-cells cells is refused, as the kernel refuses it', () => {
    const p = parseText(
      '/ { #address-cells = <2>; #size-cells = <2>;\n reserved-memory { #address-cells = <2>; #size-cells = <2>; ranges;\n  cma { compatible = "shared-dma-pool"; reusable; size = <0x4000000>; }; }; };\n',
      'x.dts',
    );
    expect(treeOf(p).reservations[0]?.dynamicSizeBytes).toBeUndefined();
    expect(msgs(p, 'warning')).toEqual([expect.stringContaining('size has 1 cells where 2 are due')]);
  });
});

describe('device tree blobs', () => {
  const blob = readFileSync(join(DT, 'memory-rules.dtb'));
  const fromSource = read('memory-rules.dts').dt;
  const shape = (dt: DeviceTree) =>
    JSON.stringify(
      {
        banks: dt.banks.map((b) => [b.name, b.start, b.end]),
        unsized: dt.unsizedBanks.map((b) => [b.name, b.start]),
        memreserve: dt.memreserve.map((x) => [x.start, x.end]),
        res: dt.reservations.map((r) => [
          r.name,
          r.ranges,
          r.noMap,
          r.reusable,
          r.status,
          r.compatible,
          r.flags,
          r.dynamicSizeBytes,
          r.alignmentBytes,
          r.allocRanges,
        ]),
      },
      (_k, v) => (typeof v === 'bigint' ? hex(v) : v),
    );

  it('reads a binary blob into the same DeviceTree as its source; refs name the node path', () => {
    const parsed = parseBytes(blob, 'fdt');
    const dt = treeOf(parsed);
    expect(shape(dt)).toBe(shape(fromSource));
    expect(dt.reservations[0]?.ref).toEqual({ source: 'fdt:/reserved-memory/fw@48000000', line: 0 });
    expect(parsed[0]?.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it.each([
    'memory-rules.dtb.base64.txt',
    'memory-rules.dtb.xxd.txt',
    'memory-rules.dtb.xxd-p.txt',
    'memory-rules.dtb.hexdump-C.txt',
    'memory-rules.dtb.hexdump.txt',
    'memory-rules.dtb.od-x1z.txt',
    'memory-rules.dtb.od-x1.txt',
  ])('reads the blob pasted as text: %s', (f) => {
    const parsed = parseText(text(f), f, f);
    expect(shape(treeOf(parsed))).toBe(shape(fromSource));
    expect(msgs(parsed, 'error')).toEqual([]);
    expect(unaccountedLines(text(f), parsed)).toEqual([]);
  });

  it.each(['padded.dtb.hexdump-C.txt', 'padded.dtb.od-x1.txt'])('expands the `*` of repeated lines (%s)', (f) => {
    const parsed = parseText(text(f), f, f);
    const src = treeOf(parseText(text('padded.dts'), 'padded.dts'));
    expect(shape(treeOf(parsed))).toBe(shape(src));
    expect(msgs(parsed, 'error')).toEqual([]);
  });

  it('a dump inside a paste ends where the dump ends; the next input is read', () => {
    const t = `root@board:~# base64 /sys/firmware/fdt\n${text('memory-rules.dtb.base64.txt')}root@board:~# cat /proc/meminfo\nMemTotal: 1000 kB\nMemFree: 10 kB\n`;
    const p = parseText(t, 'paste');
    expect(p.segments.map((s) => s.format)).toEqual(['dtb', 'meminfo']);
    expect(unaccountedLines(t, p)).toEqual([]);
  });

  it('reads a gzipped blob', async () => {
    const { gzipSync } = await import('fflate');
    expect(shape(treeOf(parseBytes(gzipSync(blob), 'fdt.gz')))).toBe(shape(fromSource));
  });
});

describe('damaged blobs: a clear error, never a crash, a hang or a wrong number', () => {
  const good = new Uint8Array(readFileSync(join(DT, 'memory-rules.dtb')));
  /** the blob with these big-endian u32s written into it */
  const u32 = (b: Uint8Array, ...writes: [number, number][]) => {
    for (const [o, v] of writes) new DataView(b.buffer, b.byteOffset).setUint32(o, v);
    return b;
  };
  const errorsOf = (b: Uint8Array) => {
    const p = parseBytes(b, 'bad.dtb');
    return { p, errors: p.flatMap((x) => x.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)) };
  };
  const cases: [string, (b: Uint8Array) => Uint8Array, RegExp][] = [
    ['cut off', (b) => b.slice(0, 700), /header says 1352 bytes but only 700/],
    ['shorter than its header', (b) => b.slice(0, 20), /shorter than its header/],
    ['an old version', (b) => u32(b, [20, 3], [24, 2]), /version 3 .* not supported/],
    ['a structure block past the end', (b) => u32(b, [36, 0x10000]), /structure block .* lies outside/],
    ['a strings offset past the end', (b) => u32(b, [12, 0x7ffffff0]), /strings block .* lies outside/],
    ['a property name outside the strings block', (b) => u32(b, [0x48 + 8 + 8, 0x7fffffff]), /name offset .* outside the strings block/],
    ['an unknown token', (b) => u32(b, [0x48, 7]), /unknown token 0x00000007/],
    ['a property longer than the block', (b) => u32(b, [0x48 + 8 + 4, 0x7fffffff]), /runs past the structure block/],
    ['a reservation map without its end', (b) => u32(b.fill(0xff, 0x28, 0x48), [16, 0x530]), /reservation map|lies outside/],
  ];
  it.each(cases)('%s', (_name, damage, why) => {
    const { errors } = errorsOf(damage(good.slice()));
    expect(errors).toEqual([expect.stringMatching(why)]);
  });

  // its work is linear in the depth: tests/dt-hostile.test.ts
  it('nesting 100 000 deep is refused at 256', () => {
    const depth = 100_000;
    const strings = new TextEncoder().encode('x\0');
    const structSize = depth * 8 * 2 + 8 + 4;
    const total = 40 + 16 + structSize + strings.length;
    const b = new Uint8Array(total);
    const dv = new DataView(b.buffer);
    const header = [0xd00dfeed, total, 56, 56 + structSize, 40, 17, 16, 0, strings.length, structSize];
    for (const [i, v] of header.entries()) dv.setUint32(i * 4, v);
    let o = 56;
    dv.setUint32(o, 1);
    o += 8; // root, empty name
    for (let i = 0; i < depth; i++) {
      dv.setUint32(o, 1);
      b[o + 4] = 0x61;
      o += 8;
    }
    const { errors } = errorsOf(b);
    expect(errors).toEqual([expect.stringContaining('nested more than 256 deep')]);
  });

  it('random damage never throws and every number read stays below 2^64', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(good.length - 1), fc.nat(255)), { minLength: 1, maxLength: 12 }),
        fc.nat(good.length),
        (edits, cut) => {
          const b = good.slice(0, Math.max(cut, 8));
          for (const [at, v] of edits) if (at < b.length) b[at] = v;
          const p = parseBytes(b, 'fuzz.dtb');
          const dt = p[0]?.segments[0]?.data as DeviceTree | null | undefined;
          for (const x of [...(dt?.banks ?? []), ...(dt?.reservations.flatMap((r) => r.ranges) ?? [])])
            expect(x.end <= 1n << 64n).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('random damage to a pasted dump never throws', () => {
    const lines = text('memory-rules.dtb.xxd.txt').split('\n');
    fc.assert(
      fc.property(fc.nat(lines.length - 1), fc.string({ maxLength: 40 }), (at, junk) => {
        const t = [...lines.slice(0, at), junk, ...lines.slice(at + 1)].join('\n');
        expect(unaccountedLines(t, parseText(t, 'fuzz'))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('every line of every fixtures/dt text is read or reported', () => {
  it.each(readdirSync(DT).filter((f) => !f.endsWith('.dtb')))('%s', (f) => {
    expect(unaccountedLines(text(f), parseText(text(f), f, f))).toEqual([]);
  });
});
