// The device-tree readers on hostile inputs (#9): nesting thousands deep, hundreds of
// thousands of nodes, labels or banks, huge expressions and numbers, lines made to
// make a pattern backtrack, and a stray `/*` in a bundle. Each must end with its one
// clear message and nothing else lost, in time linear in its size.
//
// Time is never measured: work is counted with V8's block coverage (every function call
// and every block entered in src/core, deterministic for a given input), and doubling an
// input must not much more than double the count. The largest inputs are sized so that a
// quadratic reader would take minutes, past the test's timeout.
import { Session } from 'node:inspector/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeDeviceTree } from '../src/core/formats/dts/index';
import { tokenize } from '../src/core/formats/dts/lexer';
import { childNamed, type DtNode, MAX_DEPTH, TreeReader } from '../src/core/formats/dts/tree';
import type { DeviceTree } from '../src/core/formats/dts/types';
import type { ParseContext } from '../src/core/formats/format';
import { type ParsedText, parseBytes, parseText } from '../src/core/index';
import { Diagnostics } from '../src/core/input/diagnostics';
import type { SnapshotBuilder } from '../src/core/model/builder';

const session = new Session();

/** calls and blocks executed in src/core while `run` runs; only inside `counting()` */
async function ops(run: () => unknown): Promise<number> {
  await session.post('Profiler.takePreciseCoverage'); // resets the counters
  run();
  const { result } = await session.post('Profiler.takePreciseCoverage');
  let n = 0;
  for (const script of result)
    if (script.url.includes('/src/core/')) for (const f of script.functions) for (const r of f.ranges) n += r.count;
  return n;
}

/**
 * Counting slows the code, so it is on only for the tests of linearity, which run first:
 * V8 counts the blocks only of functions first run after it started.
 */
function counting(tests: () => void): void {
  describe('work linear in the size', () => {
    beforeAll(async () => {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
    });
    afterAll(async () => {
      await session.post('Profiler.stopPreciseCoverage');
      session.disconnect();
    });
    tests();
  });
}

/** doubling the input must not more than ~double the work (a quadratic reader gives 4×) */
async function expectLinear(make: (n: number) => string, n: number, run: (text: string) => unknown = dts): Promise<void> {
  const small = make(n);
  const big = make(2 * n);
  const a = await ops(() => run(small));
  const b = await ops(() => run(big));
  expect(b / a, `${a} → ${b} operations`).toBeLessThan(2.5);
}

const dts = (text: string) => parseText(text, 'hostile.dts');
const hex = (v: bigint) => `0x${v.toString(16)}`;
const keys = (p: ParsedText, severity?: string) =>
  p.diagnostics
    .filter((d) => !severity || d.severity === severity)
    .map((d) => (d.msg.key === 'dts.syntax-kept' ? `${d.msg.key}:${(d.msg.params as { why: { key: string } }).why.key}` : d.msg.key));
function treeOf(p: ParsedText): DeviceTree {
  const seg = p.segments.find((s) => s.format === 'dts' || s.format === 'dtb');
  if (!seg?.data) throw new Error('no device tree read');
  return seg.data as DeviceTree;
}
const banks = (p: ParsedText) => treeOf(p).banks.map((b) => [b.name, hex(b.start), hex(b.end)]);

const ROOT = '/dts-v1/;\n/ {\n\t#address-cells = <1>;\n\t#size-cells = <1>;\n';
const MEMORY = '\tmemory@80000000 { device_type = "memory"; reg = <0x80000000 0x1000>; };\n';
/** a whole tree: the given nodes, then a memory node that must survive them */
const tree = (body: string) => `${ROOT}${body}\n${MEMORY}};\n`;
const survivor = [['memory@80000000', '0x80000000', '0x80001000']];

/** the source reader alone: the tree as written, before the kernel's rules */
function readTree(text: string): { root: DtNode; diag: Diagnostics } {
  const diag = new Diagnostics();
  const ctx: ParseContext = { source: 'x.dts', diag, hint: undefined, isBoundary: () => false };
  const reader = new TreeReader(tokenize(text, 1), ctx);
  reader.readFile();
  return { root: reader.root, diag };
}
function depthOf(root: DtNode): number {
  let max = 0;
  const stack: [DtNode, number][] = [[root, 0]];
  for (let x = stack.pop(); x; x = stack.pop()) {
    max = Math.max(max, x[1]);
    for (const c of x[0].children) stack.push([c, x[1] + 1]);
  }
  return max;
}

const bank = (i: number) => {
  const a = (0x40000000 + i * 0x1000).toString(16);
  return `\tmemory@${a} { device_type = "memory"; reg = <0x${a} 0x1000>; };\n`;
};
const banksTree = (n: number) => `${ROOT}${Array.from({ length: n }, (_, i) => bank(i)).join('')}};\n`;

// 200,000 characters on one line: a pattern quadratic on them takes minutes
const N = 200_000;
const LONG_LINES: [string, string][] = [
  ['hexdump -C with `|` to the end', `00000000  d0 0d fe ed ${'|'.repeat(N)}x`],
  ['od with `|` to the end', `000000 d0 0d fe ed ${'|'.repeat(N)}x`],
  ['xxd', `00000000: d00d feed${' '.repeat(N)}x`],
  ['base64', `0A3+7Q${'A'.repeat(N)}!`],
  ['plain hex', `d00dfeed${'0'.repeat(N)}g`],
  ['labels', `${'a: '.repeat(N / 3)}b`],
  ['a unit address', `a@${'0'.repeat(N)}x`],
  ['a line marker', `# 1 "${'\\"'.repeat(N / 2)}`],
  ['a name', `/ { ${'a,'.repeat(N / 2)} };`],
  ['a string of escapes', `/ { x = "${'\\x'.repeat(N / 2)}"; };`],
  ['a byte list', `/ { x = [${'0 '.repeat(N / 2)}]; };`],
  ['references', `/ { x = <${'&a '.repeat(N / 3)}>; };`],
  ['< in cells', `/ { x = <${'<'.repeat(N)}>; };`],
  ['/memreserve/', `/memreserve/ ${'1 '.repeat(N / 2)};`],
];

counting(() => {
  it('a run of dump lines each of which starts a blob of one line (the read-ahead was quadratic)', async () => {
    await expectLinear((n) => '0000000 d0 0d fe ed 00 00 29 30 00 00 00 38 00 00 26 4c\n'.repeat(n), 1_000);
  });

  it('sibling nodes and memory banks', async () => {
    await expectLinear((n) => tree(Array.from({ length: n }, (_, i) => `\tn${i} { x = <${i}>; };\n`).join('')), 2_000);
    await expectLinear(banksTree, 2_000);
  });

  it('`&label { … }` amendments', async () => {
    await expectLinear(
      (n) =>
        tree(Array.from({ length: n }, (_, i) => `\tl${i}: n${i} { };\n`).join('')) +
        Array.from({ length: n }, (_, i) => `&l${i} { x = <1>; };\n`).join(''),
      2_000,
    );
  });

  it('many labels on one node, and a label given again', async () => {
    await expectLinear((n) => tree(`\t${Array.from({ length: n }, (_, i) => `l${i}:`).join(' ')} n { };`), 5_000);
    await expectLinear((n) => `${tree('\tl: n { };')}${'l: &l { };\n'.repeat(n)}`, 5_000);
  });

  it('a big node deleted and written again, over and over', async () => {
    await expectLinear(
      (n) => tree(`\ta { ${Array.from({ length: n }, (_, i) => `b${i} { };`).join(' ')} };\n${'\t/delete-node/ a;\n\ta { };\n'.repeat(n)}`),
      1_000,
    );
  });

  it('a long expression (`>` inside parentheses is an operator, not the end of the cells)', async () => {
    await expectLinear((n) => tree(`\tx = <(1${' > 1'.repeat(n)})>;`), 5_000);
    await expectLinear((n) => tree(`\tx = <(1${' + 1'.repeat(n)})>;`), 5_000);
  });

  it('reservations of two trees merged', async () => {
    await expectLinear((n) => String(n), 5_000, mergeTwo);
  });

  it('a blob nested deep, and a blob of many nodes named by `__symbols__`', async () => {
    await expectLinear(
      (n) => String(n),
      20_000,
      (n) => parseBytes(deepBlob(Number(n)), 'deep.dtb'),
    );
    await expectLinear(
      (n) => String(n),
      2_000,
      (n) => parseBytes(wideBlob(Number(n)), 'wide.dtb'),
    );
  });

  it.each(LONG_LINES)('a long line: %s', async (_name, line) => {
    await expectLinear(
      (n) => `${line.slice(0, n)}\n`,
      20_000,
      (text) => parseText(text, 'long.txt'),
    );
  });
});

describe('nesting: refused past 256 levels, the rest of the file read on', () => {
  it('5,000 levels of nodes: one error, and the node after them is read', () => {
    const p = dts(tree(`${'a { '.repeat(5000)}${'}; '.repeat(5000)}`));
    expect(keys(p, 'error')).toEqual(['dts.too-deep']);
    expect(p.diagnostics.find((d) => d.msg.key === 'dts.too-deep')?.message).toMatch(
      /nested more than 256 deep; what is inside a is skipped/,
    );
    expect(banks(p)).toEqual(survivor);
  });

  it('amendments (`&label { … }`) add to the depth of the node they name', () => {
    // each amendment nests 200 more under the deepest node so far: 2,000 levels in all
    let src = `${ROOT}${Array.from({ length: 200 }, (_, i) => `l${i}: a {`).join(' ')}${' };'.repeat(200)} };\n`;
    for (let k = 1; k < 10; k++)
      src += `&l${k * 200 - 1} { ${Array.from({ length: 200 }, (_, i) => `l${k * 200 + i}: a {`).join(' ')}${' };'.repeat(200)} };\n`;
    const { root, diag } = readTree(src);
    expect(depthOf(root)).toBeLessThanOrEqual(MAX_DEPTH);
    // the second amendment passes 256; the later ones name labels that were never made
    expect(diag.list.map((d) => d.msg.key)).toEqual(['dts.too-deep', ...Array(8).fill('dts.amend-unknown')]);
  });

  it('a blob nested 100,000 deep is refused at 256', () => {
    const p = parseBytes(deepBlob(100_000), 'deep.dtb');
    expect(p.flatMap((x) => x.diagnostics.map((d) => d.message))).toEqual([expect.stringContaining('nested more than 256 deep')]);
  });
});

describe('cell expressions: refused past 256 levels, as the error of their property', () => {
  const shapes: [string, string][] = [
    ['((((…))))', `${'('.repeat(50_000)}1${')'.repeat(50_000)}`],
    ['- - - …', `(${'-'.repeat(100_000)}1)`],
    ['1 ? 1 ? … : 1', `(${'1 ? '.repeat(30_000)}1${' : 1'.repeat(30_000)})`],
    ['1 + (1 + (…))', `(1${' + (1'.repeat(30_000)}${')'.repeat(30_000)})`],
  ];
  it.each(shapes)('%s, 100 KB: the property is lost with one error, the tree is kept', (_name, expr) => {
    const p = dts(tree(`\tmemory@0 { device_type = "memory"; reg = <0 ${expr}>; };`));
    expect(keys(p, 'error')).toEqual(['dts.value-lost']);
    expect(p.diagnostics[0]?.message).toMatch(/cell expression nested more than 256 deep/);
    expect(banks(p)).toEqual(survivor);
  });

  it('200 levels are still read, to the right value', () => {
    const p = dts(tree(`\tmemory@0 { device_type = "memory"; reg = <0 ${'('.repeat(200)}0x1000${')'.repeat(200)}>; };`));
    expect(p.diagnostics).toEqual([]);
    expect(banks(p)).toEqual([['memory@0', '0x0', '0x1000'], ...survivor]);
  });
});

describe('many nodes, banks and labels', () => {
  it('100,000 memory banks, 6 MB: every one read', () => {
    const p = dts(banksTree(100_000));
    expect(p.diagnostics).toEqual([]);
    const dt = treeOf(p);
    expect(dt.banks.length).toBe(100_000);
    expect(hex(dt.banks[99_999]?.end ?? 0n)).toBe(hex(0x40000000n + 100_000n * 0x1000n));
  });

  it('one `reg` of 250,000 pairs: every bank read', () => {
    const reg = Array.from({ length: 250_000 }, (_, i) => `0x${(i * 0x2000).toString(16)} 0x1000`).join(' ');
    const dt = treeOf(dts(`${ROOT}\tmemory@0 { device_type = "memory"; reg = <${reg}>; };\n};\n`));
    expect(dt.banks.length).toBe(250_000);
  });

  it('a label on two nodes is said, and `&label` takes the first', () => {
    const src = `${tree('\tl: a { };\n\tl: b { };')}&l { x = <1>; };\n`;
    const p = dts(src);
    expect(keys(p)).toEqual(['dts.label-twice']);
    expect(p.diagnostics[0]?.message).toMatch(/label l is on both \/a and \/b/);
    const { root } = readTree(src);
    expect(childNamed(root, 'a')?.props.has('x')).toBe(true);
    expect(childNamed(root, 'b')?.props.has('x')).toBe(false);
  });

  it('a deleted label no longer names its node', () => {
    const p = dts(`${tree('\tl: a { };\n\t/delete-node/ a;\n\ta { };')}&l { x = <1>; };\n`);
    expect(keys(p)).toEqual(['dts.amend-unknown']);
  });

  it('a node deleted and written again has only its new children', () => {
    const { root } = readTree(tree('\ta { b { }; c { }; };\n\t/delete-node/ a;\n\ta { c { x; }; };'));
    const a = childNamed(root, 'a');
    expect(a?.children.map((c) => [c.name, [...c.props.keys()]])).toEqual([['c', ['x']]]);
  });

  it('reservations of two trees merged: a name in both is replaced', () => {
    expect(mergeTwo('3').snap.deviceTree?.value.reservations.map((r) => r.name)).toEqual(['r0', 'r1', 'r2']);
  });

  it('a blob of nodes labelled by `__symbols__` is read clean', () => {
    const p = parseBytes(wideBlob(3), 'wide.dtb');
    expect(p.flatMap((x) => x.diagnostics)).toEqual([]);
  });
});

describe('numbers past 2^64: said, never wrapped silently', () => {
  it('#address-cells = <3>: an address past 2^64 is an error, not a bank', () => {
    const p = dts(
      '/ {\n#address-cells = <3>;\n#size-cells = <3>;\nmemory@0 { device_type = "memory"; reg = <0x1 0x0 0x0 0x1 0x1 0x0>; };\n};\n',
    );
    expect(keys(p)).toEqual(['dts.range-overflow']);
    expect(treeOf(p).banks).toEqual([]);
  });

  it('a cell expression that overflows 64 bits is kept as dtc keeps it, and said', () => {
    const p = dts('/memreserve/ (0x8000000000000000 * 2 + 0x1000) 0x1000;\n/ { };\n');
    expect(keys(p, 'warning')).toEqual(['dts.expr-overflow']);
    expect(p.diagnostics[0]?.message).toMatch(/overflows 64 bits at "\*"; dtc keeps the low 64 bits, 0x0/);
    // a negative number meant as such (`-1 + 1`, `-1 << 4`) is not an overflow
    expect(dts('/memreserve/ (-1 + 1 + 0x1000) ((-1 << 4) & 0x1000);\n/ { };\n').diagnostics).toEqual([]);
  });

  it('a literal past 64 bits, however long, costs its property', () => {
    const p = dts(tree(`\tmemory@0 { device_type = "memory"; reg = <0 0x${'f'.repeat(100_000)}>; };`));
    expect(keys(p, 'error')).toEqual(['dts.value-lost']);
    expect(banks(p)).toEqual(survivor);
  });
});

describe('a stray `/*` in a bundle', () => {
  const meminfo = '==> /proc/meminfo <==\nMemTotal:        1000000 kB\nMemFree:          500000 kB\n';
  it.each([
    ['inside a node', '/ {\n\t/* stray\n\tmemory@0 { device_type = "memory"; reg = <0 0x1000>; };\n};\n', 3],
    ['before the root', '/* stray\n/ {\n};\n', 2],
  ])('%s ends at the next input, said once on the line it opened', (_name, src, line) => {
    const p = parseText(`==> /tmp/board.dts <==\n${src}\n${meminfo}`, 'bundle.txt');
    expect(p.segments.map((s) => s.format)).toEqual(['dts', 'meminfo']);
    const errors = p.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.line, d.message])).toEqual([[line, expect.stringMatching(/comment opened here is never closed/)]]);
  });

  it('a comment closed later still spans lines', () => {
    const p = parseText(`==> /tmp/board.dts <==\n/ {\n/* a\n  comment */\n${MEMORY}};\n\n${meminfo}`, 'bundle.txt');
    expect(p.segments.map((s) => s.format)).toEqual(['dts', 'meminfo']);
    expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('long lines: read to the end', () => {
  it.each(LONG_LINES)('%s', (_name, line) => {
    const p = parseText(`${line}\n`, 'long.txt');
    expect(p.segments.length + p.diagnostics.length).toBeGreaterThan(0);
  });
});

function mergeTwo(n: string): SnapshotBuilder {
  const rmem = (): DeviceTree => ({
    banks: [],
    unsizedBanks: [],
    memreserve: [],
    includes: [],
    reservations: Array.from({ length: Number(n) }, (_, i) => ({
      name: `r${i}`,
      ranges: [],
      noMap: false,
      reusable: false,
      compatible: [],
      flags: [],
      ref: { source: 'x', line: 1 },
    })),
  });
  const b = { snap: {} } as unknown as SnapshotBuilder;
  const at = { source: 'x', firstLine: 1, lastLine: 1 };
  mergeDeviceTree(b, rmem(), at);
  mergeDeviceTree(b, rmem(), at);
  return b;
}

// ---- blobs built here: one node nested `depth` deep, or `n` siblings each with a label

const BE = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
function fdt(struct: number[], strings: string): Uint8Array {
  const str = [...new TextEncoder().encode(strings)];
  const rsv = Array(16).fill(0);
  const offRsv = 40;
  const offStruct = offRsv + rsv.length;
  const offStrings = offStruct + struct.length;
  const total = offStrings + str.length;
  const header = [0xd00dfeed, total, offStruct, offStrings, offRsv, 17, 16, 0, str.length, struct.length].flatMap(BE);
  return Uint8Array.from([...header, ...rsv, ...struct, ...str]);
}
const padded = (s: string) => {
  const b = [...new TextEncoder().encode(s), 0];
  while (b.length % 4) b.push(0);
  return b;
};
const beginNode = (name: string) => [...BE(1), ...padded(name)];
const END_NODE = BE(2);
const prop = (nameoff: number, value: number[]) => [
  ...BE(3),
  ...BE(value.length),
  ...BE(nameoff),
  ...value,
  ...Array((4 - (value.length % 4)) % 4).fill(0),
];

function deepBlob(depth: number): Uint8Array {
  const s: number[] = beginNode('');
  for (let i = 0; i < depth; i++) s.push(...beginNode('a'));
  for (let i = 0; i <= depth; i++) s.push(...END_NODE);
  s.push(...BE(9));
  return fdt(s, '');
}

/** `n` nodes under the root, each labelled in `__symbols__` (the names of its properties) */
function wideBlob(n: number): Uint8Array {
  const names: string[] = [];
  const s: number[] = beginNode('');
  for (let i = 0; i < n; i++) s.push(...beginNode(`n${i}`), ...END_NODE);
  s.push(...beginNode('__symbols__'));
  let off = 0;
  for (let i = 0; i < n; i++) {
    s.push(...prop(off, padded(`/n${i}`).slice(0, `/n${i}`.length + 1)));
    names.push(`l${i}`);
    off += `l${i}`.length + 1;
  }
  s.push(...END_NODE, ...END_NODE, ...BE(9));
  return fdt(s, names.map((x) => `${x}\0`).join(''));
}
