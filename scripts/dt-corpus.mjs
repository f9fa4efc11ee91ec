#!/usr/bin/env node
// The device-tree reader against dtc on real boards. Not part of `npm test` (it needs a
// tree of board sources and runs for minutes).
//
//   node scripts/dt-corpus.mjs --root DIR [--arch arm64,arm] [--jobs 2] [--limit N] [--json OUT]
//
// DIR is a tree of kernel device-tree sources laid out as U-Boot's `dts/upstream`
// (`src/<arch>/…/*.dts`, `include/dt-bindings/…`), e.g. extracted with
//   git --git-dir=<u-boot mirror> archive HEAD dts/upstream | tar -x -C /tmp/src
// For every board (.dts) whose preprocessed text has `reserved-memory` or `/memreserve/`:
//   cpp as the kernel runs it (-nostdinc -undef -D__DTS__ -x assembler-with-cpp, with its
//   line markers) → dtc → blob → `dtc -I dtb -O dts` → decompiled source;
// ramledger reads (a) the preprocessed source, (b) the decompiled source, (c) the blob,
// and each DeviceTree is compared with what fdtget/fdtdump read from the blob (the
// oracle: every bank and unsized bank, every static reserved-memory region with its
// status, every /memreserve/ entry) and the three with each other (dynamic regions too).
// Prints: boards tried, boards that compile, boards where each form agrees, boards where
// all three agree, and every disagreement with its reason.
import { execFile as execFileCb } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const execFile = promisify(execFileCb);
const repo = fileURLToPath(new URL('..', import.meta.url));

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const root = opt('root');
if (!root) {
  console.error('usage: node scripts/dt-corpus.mjs --root DIR [--arch arm64,arm] [--jobs 2] [--limit N] [--json OUT]');
  process.exit(2);
}
const jobs = Math.max(1, Math.min(2, Number(opt('jobs', '2'))));
const limit = Number(opt('limit', '0'));
const arches = opt('arch', '')
  .split(',')
  .filter((a) => a !== '');
const jsonOut = opt('json');

for (const tool of ['cpp', 'dtc', 'fdtget', 'fdtdump']) {
  try {
    await execFile(tool, tool === 'cpp' ? ['--version'] : ['-h']).catch((e) => {
      if (e.code === 'ENOENT') throw e;
    });
  } catch {
    console.error(`dt-corpus: ${tool} is needed (Debian: apt-get install ${tool === 'cpp' ? 'cpp' : 'device-tree-compiler'})`);
    process.exit(2);
  }
}

// ---- the core, bundled once
const work = mkdtempSync(join(tmpdir(), 'dt-corpus-'));
const bundle = join(work, 'core.mjs');
await build({
  entryPoints: [join(repo, 'src/core/index.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'esm',
  logLevel: 'warning',
});
const core = await import(pathToFileURL(bundle).href);

// ---- the boards
const srcRoot = join(root, 'src');
const incRoot = join(root, 'include');
function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : f.endsWith('.dts') ? [p] : [];
  });
}
let boards = readdirSync(srcRoot)
  .filter((a) => arches.length === 0 || arches.includes(a))
  .flatMap((a) => walk(join(srcRoot, a)).map((f) => ({ arch: a, file: f })))
  .sort((x, y) => (x.file < y.file ? -1 : 1));
if (limit > 0) boards = boards.slice(0, limit);

const hex = (v) => `0x${v.toString(16)}`;
const cellsToBig = (cells) => cells.reduce((v, c) => (v << 32n) | BigInt(`0x${c}`), 0n);

/** fdtget with (node, property) pairs; a missing property reads as null */
async function fdtget(blob, type, pairs) {
  if (pairs.length === 0) return [];
  const { stdout } = await execFile('fdtget', ['-t', type, '-d', '\u0001', blob, ...pairs.flat()], { maxBuffer: 64 << 20 });
  const lines = stdout.split('\n');
  return pairs.map((_, i) => (lines[i] === '\u0001' || lines[i] === undefined ? null : lines[i]));
}
const list = async (blob, node) => (await execFile('fdtget', ['-l', blob, node])).stdout.split('\n').filter((l) => l !== '');
function split(cellsText, ac, sc) {
  const cells = cellsText
    .trim()
    .split(/\s+/)
    .filter((c) => c !== '');
  const out = [];
  if (ac + sc === 0 || cells.length % (ac + sc) !== 0) return null;
  for (let i = 0; i < cells.length; i += ac + sc) {
    const start = cellsToBig(cells.slice(i, i + ac));
    const size = cellsToBig(cells.slice(i + ac, i + ac + sc));
    out.push({ start, size });
  }
  return out;
}
const okay = (s) => s === null || s === 'okay' || s === 'ok';

/** what the kernel takes from the blob, read with dtc's tools only */
async function oracle(blob) {
  const rootKids = await list(blob, '/');
  const [acT, scT] = await fdtget(blob, 'x', [
    ['/', '#address-cells'],
    ['/', '#size-cells'],
  ]);
  const ac = acT === null ? 1 : Number.parseInt(acT, 16);
  const sc = scT === null ? 1 : Number.parseInt(scT, 16);
  const types = await fdtget(
    blob,
    's',
    rootKids.flatMap((k) => [
      [`/${k}`, 'device_type'],
      [`/${k}`, 'status'],
    ]),
  );
  const banks = [];
  const unsized = [];
  for (let i = 0; i < rootKids.length; i++) {
    if (types[2 * i] !== 'memory' || !okay(types[2 * i + 1])) continue;
    const k = rootKids[i];
    const [usable, reg] = await fdtget(blob, 'x', [
      [`/${k}`, 'linux,usable-memory'],
      [`/${k}`, 'reg'],
    ]);
    for (const r of split(usable ?? reg ?? '', ac, sc) ?? []) {
      if (r.size === 0n) unsized.push(`${k} ${hex(r.start)}`);
      else banks.push(`${k} ${hex(r.start)}-${hex(r.start + r.size)}`);
    }
  }
  const regions = [];
  const rm = rootKids.find((k) => k.split('@')[0] === 'reserved-memory');
  if (rm) {
    const [rac, rsc] = await fdtget(blob, 'x', [
      [`/${rm}`, '#address-cells'],
      [`/${rm}`, '#size-cells'],
    ]);
    const cac = rac === null ? ac : Number.parseInt(rac, 16);
    const csc = rsc === null ? sc : Number.parseInt(rsc, 16);
    const kids = await list(blob, `/${rm}`);
    const regs = await fdtget(
      blob,
      'x',
      kids.map((k) => [`/${rm}/${k}`, 'reg']),
    );
    const sts = await fdtget(
      blob,
      's',
      kids.map((k) => [`/${rm}/${k}`, 'status']),
    );
    kids.forEach((k, i) => {
      const reg = regs[i];
      if (reg === null) return;
      const st = sts[i] ?? '';
      for (const r of split(reg, cac, csc) ?? []) if (r.size > 0n) regions.push(`${k} [${st}] ${hex(r.start)}-${hex(r.start + r.size)}`);
    });
  }
  const dump = (await execFile('fdtdump', [blob], { maxBuffer: 256 << 20 })).stdout;
  const memreserve = [...dump.matchAll(/^\/memreserve\/ (0x[0-9a-f]+) (0x[0-9a-f]+);/gm)].map(
    (x) => `${hex(BigInt(x[1]))}-${hex(BigInt(x[1]) + BigInt(x[2]))}`,
  );
  return { banks, unsized, regions, memreserve };
}

/** the same shape, from ramledger's DeviceTree */
function ours(dt) {
  return {
    banks: dt.banks.map((b) => `${b.name} ${hex(b.start)}-${hex(b.end)}`),
    unsized: dt.unsizedBanks.map((b) => `${b.name} ${hex(b.start)}`),
    regions: dt.reservations.flatMap((r) => r.ranges.map((g) => `${r.name} [${r.status ?? ''}] ${hex(g.start)}-${hex(g.end)}`)),
    memreserve: dt.memreserve.map((x) => `${hex(x.start)}-${hex(x.end)}`),
  };
}
/** everything else the three forms must agree on */
function full(dt) {
  return JSON.stringify(
    {
      ...ours(dt),
      res: dt.reservations.map((r) => [
        r.name,
        r.noMap,
        r.reusable,
        r.status,
        r.compatible,
        r.flags,
        r.dynamicSizeBytes,
        r.alignmentBytes,
        r.allocRanges?.map((g) => [g.start, g.end]),
      ]),
    },
    (_k, v) => (typeof v === 'bigint' ? hex(v) : v),
  );
}

function readWith(parsedList) {
  const segs = parsedList.flatMap((p) => p.segments.filter((s) => s.format === 'dts' || s.format === 'dtb'));
  const errors = parsedList.flatMap((p) => p.diagnostics.filter((d) => d.severity === 'error').map((d) => `line ${d.line}: ${d.message}`));
  if (segs.length !== 1 || !segs[0].data)
    return { dt: null, why: `${segs.length} device-tree segments; ${errors.slice(0, 3).join(' | ')}` };
  return { dt: segs[0].data, errors };
}

function diff(a, b) {
  const out = [];
  for (const k of Object.keys(a)) {
    const extra = a[k].filter((x) => !b[k].includes(x));
    const missing = b[k].filter((x) => !a[k].includes(x));
    if (extra.length || missing.length || a[k].length !== b[k].length)
      out.push(`${k}: ramledger has [${extra.join(', ')}] not in dtc; dtc has [${missing.join(', ')}] not in ramledger`);
  }
  return out;
}

const counts = {
  boards: boards.length,
  tried: 0,
  compiled: 0,
  agree: { pre: 0, dec: 0, blob: 0 },
  allThree: 0,
  cppFailed: 0,
  dtcFailed: 0,
};
const disagreements = [];
const failures = [];

async function one({ arch, file }) {
  const name = relative(srcRoot, file);
  const dir = mkdtempSync(join(work, 'b-'));
  try {
    let pre;
    try {
      pre = (
        await execFile(
          'cpp',
          [
            '-nostdinc',
            '-I',
            dirname(file),
            '-I',
            incRoot,
            '-I',
            srcRoot,
            '-I',
            join(srcRoot, arch),
            '-undef',
            '-D__DTS__',
            '-x',
            'assembler-with-cpp',
            file,
          ],
          { maxBuffer: 256 << 20 },
        )
      ).stdout;
    } catch (e) {
      if (!/reserved-memory|\/memreserve\//.test(readFileSync(file, 'utf8'))) return;
      counts.tried++;
      counts.cppFailed++;
      failures.push(`${name}: cpp failed: ${String(e.stderr ?? e).split('\n')[0]}`);
      return;
    }
    if (!/reserved-memory|\/memreserve\//.test(pre)) return;
    counts.tried++;
    const preFile = join(dir, 'pre.dts');
    const blob = join(dir, 'b.dtb');
    writeFileSync(preFile, pre);
    let dec;
    try {
      await execFile('dtc', ['-q', '-I', 'dts', '-O', 'dtb', '-b', '0', '-i', dirname(file), '-i', srcRoot, '-o', blob, preFile], {
        maxBuffer: 64 << 20,
      });
      dec = (await execFile('dtc', ['-q', '-I', 'dtb', '-O', 'dts', blob], { maxBuffer: 256 << 20 })).stdout;
    } catch (e) {
      counts.dtcFailed++;
      failures.push(`${name}: dtc failed: ${String(e.stderr ?? e).split('\n')[0]}`);
      return;
    }
    counts.compiled++;
    const want = await oracle(blob);
    const forms = {
      pre: readWith([core.parseText(pre, name, name)]),
      dec: readWith([core.parseText(dec, `${name} (decompiled)`, name)]),
      blob: readWith(core.parseBytes(readFileSync(blob), `${name}.dtb`)),
    };
    const problems = [];
    for (const [form, r] of Object.entries(forms)) {
      if (!r.dt) {
        problems.push(`${form}: not read: ${r.why}`);
        continue;
      }
      const d = diff(ours(r.dt), want);
      if (d.length === 0) counts.agree[form]++;
      else problems.push(...d.map((x) => `${form}: ${x}${r.errors.length ? ` (errors: ${r.errors.slice(0, 2).join(' | ')})` : ''}`));
    }
    const shapes = Object.values(forms).map((r) => (r.dt ? full(r.dt) : null));
    if (shapes[0] !== null && (shapes[0] !== shapes[1] || shapes[0] !== shapes[2]))
      problems.push('the three forms differ in dynamic regions or flags');
    if (problems.length === 0) counts.allThree++;
    else disagreements.push({ board: name, problems });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const queue = [...boards];
let done = 0;
await Promise.all(
  Array.from({ length: jobs }, async () => {
    for (let b = queue.shift(); b; b = queue.shift()) {
      await one(b);
      if (++done % 200 === 0) process.stderr.write(`dt-corpus: ${done}/${boards.length} boards looked at\n`);
    }
  }),
);
rmSync(work, { recursive: true, force: true });

console.log(`boards (.dts) looked at:                         ${counts.boards}`);
console.log(`boards tried (reserved-memory or /memreserve/):  ${counts.tried}`);
console.log(`  cpp failed: ${counts.cppFailed}, dtc failed: ${counts.dtcFailed}`);
console.log(`boards that compile:                             ${counts.compiled}`);
console.log(`agree with dtc, preprocessed source:             ${counts.agree.pre}`);
console.log(`agree with dtc, decompiled source:               ${counts.agree.dec}`);
console.log(`agree with dtc, blob:                            ${counts.agree.blob}`);
console.log(`agree on all three (and with each other):        ${counts.allThree}`);
if (disagreements.length) {
  console.log(`\ndisagreements (${disagreements.length}):`);
  for (const d of disagreements) console.log(`- ${d.board}\n    ${d.problems.join('\n    ')}`);
}
if (failures.length) {
  console.log(`\ndid not compile (${failures.length}):`);
  for (const f of failures) console.log(`- ${f}`);
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ counts, disagreements, failures }, null, 2));
process.exit(disagreements.length > 0 ? 1 : 0);
