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
// and each DeviceTree is compared with what fdtdump prints of the blob (the
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
const only = opt('only', '');

for (const tool of ['cpp', 'dtc', 'fdtdump']) {
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
if (only) boards = boards.filter((b) => b.file.includes(only));
if (limit > 0) boards = boards.slice(0, limit);

const hex = (v) => `0x${v.toString(16)}`;
const cellsToBig = (cells) => cells.reduce((v, c) => (v << 32n) | BigInt(`0x${c}`), 0n);

/**
 * The blob as fdtdump (dtc's own dumper) prints it, read back into nodes whose property
 * values are bytes. (fdtget cannot be the oracle for every node: its path lookup takes
 * `/memory` to be the first of `memory@1fc00000` and `memory`.)
 */
function fdtdumpTree(text) {
  const root = { name: '/', props: new Map(), kids: [] };
  const stack = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t === '/ {') stack.splice(0, stack.length, root);
    else if (stack.length === 0) continue;
    else if (t === '};') stack.pop();
    else if (/^[^=;]+ \{$/.test(t)) {
      const n = { name: t.slice(0, -2), props: new Map(), kids: [] };
      stack[stack.length - 1].kids.push(n);
      stack.push(n);
    } else {
      const m = /^([^=]+?)(?: = (.*))?;$/.exec(t);
      if (m) stack[stack.length - 1].props.set(m[1], valueBytes(m[2] ?? ''));
    }
  }
  return root;
}
function valueBytes(v) {
  const out = [];
  const re = /<([^>]*)>|\[([^\]]*)\]|"((?:[^"\\]|\\.)*)"/g;
  for (let m = re.exec(v); m; m = re.exec(v)) {
    if (m[1] !== undefined)
      for (const c of m[1].trim().split(/\s+/).filter(Boolean)) {
        const x = Number.parseInt(c, 16);
        out.push(x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255);
      }
    else if (m[2] !== undefined) for (const b of m[2].trim().split(/\s+/).filter(Boolean)) out.push(Number.parseInt(b, 16));
    else {
      const str = m[3].replace(/\\(.)/g, (_, c) => ({ n: '\n', t: '\t', r: '\r', 0: '\0' })[c] ?? c);
      for (const ch of Buffer.from(str, 'utf8')) out.push(ch);
      out.push(0);
    }
  }
  return out;
}
const str = (bytes) => (bytes === undefined ? null : Buffer.from(bytes.slice(0, Math.max(0, bytes.indexOf(0)))).toString('utf8'));
const cellsOf = (bytes) => {
  const out = [];
  for (let i = 0; i + 4 <= bytes.length; i += 4)
    out.push(((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0);
  return out;
};
function split(bytes, ac, sc) {
  const cells = cellsOf(bytes).map((c) => c.toString(16));
  const out = [];
  if (ac + sc === 0 || bytes.length % 4 !== 0 || cells.length % (ac + sc) !== 0) return null;
  for (let i = 0; i < cells.length; i += ac + sc) {
    const start = cellsToBig(cells.slice(i, i + ac));
    const size = cellsToBig(cells.slice(i + ac, i + ac + sc));
    out.push({ start, size });
  }
  return out;
}
const okay = (s) => s === null || s === 'okay' || s === 'ok';

/** what the kernel takes from the blob, read from fdtdump's output */
async function oracle(blob) {
  const dump = (await execFile('fdtdump', [blob], { maxBuffer: 256 << 20 })).stdout;
  const root = fdtdumpTree(dump);
  const one = (n, p) => {
    const c = n.props.get(p);
    return c && c.length === 4 ? cellsOf(c)[0] : undefined;
  };
  const ac = one(root, '#address-cells') ?? 1;
  const sc = one(root, '#size-cells') ?? 1;
  const banks = [];
  const unsized = [];
  for (const k of root.kids) {
    if (str(k.props.get('device_type')) !== 'memory' || !okay(str(k.props.get('status')))) continue;
    for (const r of split(k.props.get('linux,usable-memory') ?? k.props.get('reg') ?? [], ac, sc) ?? []) {
      if (r.size === 0n) unsized.push(`${k.name} ${hex(r.start)}`);
      else banks.push(`${k.name} ${hex(r.start)}-${hex(r.start + r.size)}`);
    }
  }
  const regions = [];
  const rm = root.kids.find((k) => k.name.split('@')[0] === 'reserved-memory');
  if (rm) {
    const cac = one(rm, '#address-cells') ?? ac;
    const csc = one(rm, '#size-cells') ?? sc;
    for (const k of rm.kids) {
      const reg = k.props.get('reg');
      if (!reg) continue;
      const st = str(k.props.get('status')) ?? '';
      for (const r of split(reg, cac, csc) ?? [])
        if (r.size > 0n) regions.push(`${k.name} [${st}] ${hex(r.start)}-${hex(r.start + r.size)}`);
    }
  }
  // fdtdump prints `%#"PRIx64"`: 0 is `0`, not `0x0`
  const memreserve = [...dump.matchAll(/^\/memreserve\/ (0x[0-9a-f]+|0) (0x[0-9a-f]+|0);/gm)].map(
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

const compared = { banks: 0, unsized: 0, regions: 0, memreserve: 0 };
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
    for (const k of Object.keys(compared)) compared[k] += want[k].length;
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
    for (const [i, form] of [
      [1, 'dec'],
      [2, 'blob'],
    ])
      if (shapes[0] !== null && shapes[i] !== null && shapes[0] !== shapes[i]) {
        const a = JSON.parse(shapes[0]).res;
        const b = JSON.parse(shapes[i]).res;
        const d = a.filter((x, k) => JSON.stringify(x) !== JSON.stringify(b[k])).map((x) => JSON.stringify(x));
        const e = b.filter((x, k) => JSON.stringify(x) !== JSON.stringify(a[k])).map((x) => JSON.stringify(x));
        const inc = forms.pre.dt?.includes.length ?? 0;
        const why = inc > 0 ? ` — the preprocessed text keeps ${inc} /include/ lines (dtc follows them; ramledger reports them)` : '';
        problems.push(`pre and ${form} differ${why}: pre has ${d.slice(0, 2).join(' ')}; ${form} has ${e.slice(0, 2).join(' ')}`);
      }
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
console.log(
  `compared (from fdtdump): ${compared.banks} banks, ${compared.unsized} unsized banks, ${compared.regions} static regions, ${compared.memreserve} /memreserve/ entries`,
);
if (disagreements.length) {
  console.log(`\ndisagreements (${disagreements.length}):`);
  for (const d of disagreements) console.log(`- ${d.board}\n    ${d.problems.join('\n    ')}`);
}
if (failures.length) {
  console.log(`\ndid not compile (${failures.length}):`);
  for (const f of failures) console.log(`- ${f}`);
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ counts, compared, disagreements, failures }, null, 2));
process.exit(disagreements.length > 0 ? 1 : 0);
