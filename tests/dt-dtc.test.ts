// dtc as the oracle of the device-tree reader: each source tree is compiled to a blob
// (`dtc -I dts -O dtb`) and decompiled (`dtc -I dtb -O dts`); ramledger must read the
// same DeviceTree from the source, the decompiled source and the blob, and the same
// banks, regions and /memreserve/ entries that fdtget and fdtdump read from the blob.
// dtc is installed by scripts/test.sh; without it this file fails, it never skips.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeviceTree } from '../src/core/formats/dts/index';
import { type ParsedText, parseBytes, parseText } from '../src/core/index';
import { FORMATS } from './helpers';

const DT = join(__dirname, '..', 'fixtures', 'dt');
const hex = (v: bigint) => `0x${v.toString(16)}`;

function need(tool: string): void {
  try {
    execFileSync(tool, tool === 'dtc' ? ['--version'] : ['-h'], { stdio: 'ignore' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(
        `${tool} is needed for the device-tree oracle test: install it (Debian/Ubuntu: apt-get install device-tree-compiler)`,
      );
  }
}
need('dtc');
need('fdtget');
need('fdtdump');

const work = mkdtempSync(join(tmpdir(), 'dt-dtc-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function treeOf(p: ParsedText[]): DeviceTree {
  const segs = p.flatMap((x) => x.segments.filter((s) => s.format === 'dts' || s.format === 'dtb'));
  expect(segs).toHaveLength(1);
  const data = segs[0]?.data;
  if (!data) throw new Error('no device tree read');
  return data;
}

/** what must be identical whatever form the tree came in */
const shape = (dt: DeviceTree) => ({
  banks: dt.banks.map((b) => `${b.name} ${hex(b.start)}-${hex(b.end)}`),
  unsizedBanks: dt.unsizedBanks.map((b) => `${b.name} ${hex(b.start)}`),
  memreserve: dt.memreserve.map((x) => `${hex(x.start)}-${hex(x.end)}`),
  reservations: dt.reservations.map((r) => ({
    name: r.name,
    ranges: r.ranges.map((g) => `${hex(g.start)}-${hex(g.end)}`),
    noMap: r.noMap,
    reusable: r.reusable,
    status: r.status,
    compatible: r.compatible,
    flags: r.flags,
    dynamic: [r.dynamicSizeBytes, r.alignmentBytes, r.allocRanges?.map((g) => `${hex(g.start)}-${hex(g.end)}`)].map(String),
  })),
});

/** banks, static regions and /memreserve/ read from the blob with dtc's own tools */
function oracle(blob: string) {
  const get = (type: string, node: string, prop: string) => {
    const out = execFileSync('fdtget', ['-t', type, '-d', '-', blob, node, prop], { encoding: 'utf8' }).trim();
    return out === '-' ? null : out;
  };
  const list = (node: string) => execFileSync('fdtget', ['-l', blob, node], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const cells = (node: string, dflt: [number, number]): [number, number] => [
    Number.parseInt(get('x', node, '#address-cells') ?? String(dflt[0]), 16),
    Number.parseInt(get('x', node, '#size-cells') ?? String(dflt[1]), 16),
  ];
  const pairs = (text: string, [ac, sc]: [number, number]) => {
    const c = text.split(/\s+/).map((x) => BigInt(`0x${x}`));
    const out: [bigint, bigint][] = [];
    const join = (xs: bigint[]) => xs.reduce((v, x) => (v << 32n) | x, 0n);
    for (let i = 0; i < c.length; i += ac + sc) out.push([join(c.slice(i, i + ac)), join(c.slice(i + ac, i + ac + sc))]);
    return out;
  };
  const root = cells('/', [1, 1]);
  const banks: string[] = [];
  const unsizedBanks: string[] = [];
  for (const k of list('/')) {
    const st = get('s', `/${k}`, 'status');
    if (get('s', `/${k}`, 'device_type') !== 'memory' || (st !== null && st !== 'okay')) continue;
    const reg = get('x', `/${k}`, 'linux,usable-memory') ?? get('x', `/${k}`, 'reg');
    for (const [s, z] of reg ? pairs(reg, root) : [])
      if (z === 0n) unsizedBanks.push(`${k} ${hex(s)}`);
      else banks.push(`${k} ${hex(s)}-${hex(s + z)}`);
  }
  const regions: string[] = [];
  const rm = list('/').find((k) => k.split('@')[0] === 'reserved-memory');
  if (rm) {
    const rc = cells(`/${rm}`, root);
    for (const k of list(`/${rm}`)) {
      const reg = get('x', `/${rm}/${k}`, 'reg');
      for (const [s, z] of reg ? pairs(reg, rc) : []) if (z > 0n) regions.push(`${k} ${hex(s)}-${hex(s + z)}`);
    }
  }
  const dump = execFileSync('fdtdump', [blob], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const memreserve = [...dump.matchAll(/^\/memreserve\/ (0x[0-9a-f]+) (0x[0-9a-f]+);/gm)].map(
    (x) => `${hex(BigInt(x[1] ?? 0))}-${hex(BigInt(x[1] ?? 0) + BigInt(x[2] ?? 0))}`,
  );
  return { banks, unsizedBanks, regions, memreserve };
}

const sources: [string, string][] = [
  ...['msm8916-preprocessed.dts', 'edits-in-order.dts', 'memory-rules.dts', 'cells-root-default.dts', 'expressions.dts', 'padded.dts'].map(
    (f): [string, string] => [f, readFileSync(join(DT, f), 'utf8')],
  ),
  // the formats fixture without its #include (dtc cannot find it either) and without the
  // /delete-node/ of a sibling written in the same body, which dtc refuses ("Duplicate node name")
  [
    'formats/dts-full.dts',
    readFileSync(join(FORMATS, 'dts-full.dts'), 'utf8')
      .replace(/^#include.*$/m, '')
      .replace(/\t\tdropped@45100000 \{[^}]*\};\n\t\t\/delete-node\/ dropped@45100000;\n/, ''),
  ],
];

describe('dtc agrees: source, decompiled source and blob give one DeviceTree', () => {
  it.each(sources)('%s', (name, src) => {
    const base = join(work, name.replace(/\W/g, '_'));
    writeFileSync(`${base}.dts`, src.replace(/^\s*(\/include\/|#include).*$/gm, ''));
    execFileSync('dtc', ['-q', '-I', 'dts', '-O', 'dtb', '-o', `${base}.dtb`, `${base}.dts`], { stdio: 'ignore' });
    const decompiled = execFileSync('dtc', ['-q', '-I', 'dtb', '-O', 'dts', `${base}.dtb`], { encoding: 'utf8' });

    const fromSource = treeOf([parseText(src, name, name)]);
    const fromDecompiled = treeOf([parseText(decompiled, `${name} (decompiled)`)]);
    const fromBlob = treeOf(parseBytes(new Uint8Array(readFileSync(`${base}.dtb`)), `${name}.dtb`));
    expect(shape(fromDecompiled)).toEqual(shape(fromSource));
    expect(shape(fromBlob)).toEqual(shape(fromSource));

    const want = oracle(`${base}.dtb`);
    const s = shape(fromBlob);
    expect({
      banks: s.banks,
      unsizedBanks: s.unsizedBanks,
      regions: s.reservations.flatMap((r) => r.ranges.map((g) => `${r.name} ${g}`)),
      memreserve: s.memreserve,
    }).toEqual(want);
  });
});
