// npm run bench — the CLI on a ~100 MB capture, as whole processes (start-up and reading
// included), against two baselines measured in the same run:
//   (a) a bare Node script that only reads the same files and counts their lines;
//   (b) smem -S FOLDER (Debian's smem 1.5), on the folder;
// then (c) its peak memory against the input's size, and (d) a 1 GB capture (ten times
// the same, skipped with BENCH_QUICK=1). Figures only: nothing here passes or fails.
// The capture is real smaps from this machine's /proc, grown to a few thousand processes
// that each have their own addresses and counters (see `individual`), written in smem's
// folder layout and as one `==> path <==` bundle.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'bench', 'out');
const folder = join(out, 'capture');
const bundleFile = join(out, 'capture-bundle.txt');
const hugeFile = join(out, 'capture-1gb.txt');
const targetBytes = Number(process.env.BENCH_MB ?? 100) * 1024 * 1024;
const runs = Number(process.env.BENCH_RUNS ?? 5);

function capture() {
  const procs = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const smaps = readFileSync(`/proc/${e}/smaps`, 'utf8');
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      if (smaps.length > 0) procs.push({ name: /\((.*)\)/.exec(stat)?.[1] ?? '?', smaps, stat });
    } catch {}
  }
  return procs;
}

// A deterministic pseudo-random sequence, so every run writes the same capture.
let seed = 0x2545f491;
function rand() {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
}

/**
 * One process's smaps made its own, as a device's processes differ: every mapping moved
 * by a page-aligned offset (as ASLR does) and its resident counters scaled, so no two
 * processes have the same numbers and none can be deduplicated.
 */
function individual(smaps) {
  const shift = BigInt(Math.floor(rand() * 0x10000)) * 0x1000n;
  const scale = 0.25 + 0.75 * rand();
  return smaps
    .replace(/^([0-9a-f]+)-([0-9a-f]+) /gm, (whole, a, b) => {
      if (a.length > 12) return whole; // the kernel's own mappings ([vsyscall]) stay where they are
      const pad = a.length;
      const s = (BigInt(`0x${a}`) + shift).toString(16).padStart(pad, '0');
      const e = (BigInt(`0x${b}`) + shift).toString(16).padStart(pad, '0');
      return `${s}-${e} `;
    })
    .replace(
      /^(Rss|Pss|Pss_Anon|Pss_File|Pss_Shmem|Pss_Dirty|Shared_Clean|Shared_Dirty|Private_Clean|Private_Dirty|Anonymous|Referenced):( +)(\d+) kB$/gm,
      // right-aligned as the kernel prints it
      (_, k, sp, v) => `${k}:${String(Math.floor((Number(v) * scale) / 4) * 4).padStart(sp.length + v.length)} kB`,
    );
}

function build() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(folder, 'proc'), { recursive: true });
  const real = capture();
  if (real.length === 0) throw new Error('no readable smaps in /proc');
  writeFileSync(join(folder, 'proc', 'meminfo'), readFileSync('/proc/meminfo'));
  writeFileSync(join(folder, 'proc', 'version'), readFileSync('/proc/version'));
  const bundle = [`==> /proc/meminfo <==\n${readFileSync('/proc/meminfo', 'utf8')}`];
  let bytes = 0;
  let pid = 1000;
  while (bytes < targetBytes) {
    const r = real[pid % real.length];
    const p = { ...r, smaps: individual(r.smaps) };
    const d = join(folder, 'proc', String(pid));
    mkdirSync(d);
    writeFileSync(join(d, 'smaps'), p.smaps);
    writeFileSync(join(d, 'stat'), p.stat.replace(/^\d+/, String(pid)));
    writeFileSync(join(d, 'cmdline'), `${p.name}\0`);
    bundle.push(`==> /proc/${pid}/smaps <==\n${p.smaps}`);
    bytes += p.smaps.length;
    pid++;
  }
  writeFileSync(bundleFile, bundle.join('\n'));
  return { processes: pid - 1000, bytes, real: real.length };
}

function time(cmd, args, env = process.env, n = runs) {
  const ms = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30, env });
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)];
}

/** the same capture ten times over (pids renumbered): about 1 GB in one bundle */
function buildHuge() {
  const text = readFileSync(bundleFile, 'utf8');
  writeFileSync(hugeFile, '');
  for (let k = 0; k < 10; k++)
    appendFileSync(
      hugeFile,
      text.replace(/^==> \/proc\/(\d+)\/smaps <==$/gm, (_, pid) => `==> /proc/${Number(pid) + k * 100000}/smaps <==`),
    );
  return statSync(hugeFile).size;
}

/** peak resident memory of one CLI run, in MB */
function peak(args) {
  const r = spawnSync('node', [join(root, 'bench', 'peak.mjs'), cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`peak ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout).maxRssKiB / 1024;
}

const cli = join(root, 'dist', 'cli.mjs');
if (!existsSync(cli)) execFileSync('node', [join(root, 'scripts', 'build-cli.mjs')]);
const info = build();
const hasSmem = spawnSync('smem', ['--help']).status === 0;
const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;
const bundleBytes = statSync(bundleFile).size;
console.log(
  `capture: ${info.processes} processes (grown from the smaps of ${info.real} real ones), ${mb(info.bytes)} of smaps; bundle ${mb(bundleBytes)}`,
);
console.log(`${availableParallelism()} cores; median of ${runs} runs each, whole processes:\n`);
const count = join(root, 'bench', 'count-lines.mjs');
const one = { ...process.env, RAMLEDGER_THREADS: '1' };
const t = {
  countFolder: time('node', [count, folder]),
  cliFolder: time('node', [cli, 'analyze', '--no-mappings', folder]),
  cliFolder1: time('node', [cli, 'analyze', '--no-mappings', folder], one),
  cliFolderMappings: time('node', [cli, 'analyze', folder]),
  countBundle: time('node', [count, bundleFile]),
  cliBundle: time('node', [cli, 'analyze', '--no-mappings', bundleFile]),
  cliBundle1: time('node', [cli, 'analyze', '--no-mappings', bundleFile], one),
  smem: hasSmem ? time('smem', ['-S', folder, '-c', 'pid uss pss rss swap']) : null,
};
const row = (label, ms) => console.log(`  ${label.padEnd(62)} ${ms === null ? 'n/a' : `${(ms / 1000).toFixed(3)} s`}`);
row('bare read-and-count, folder', t.countFolder);
row('ramledger analyze --no-mappings FOLDER', t.cliFolder);
row('  the same on one thread (RAMLEDGER_THREADS=1)', t.cliFolder1);
row('ramledger analyze FOLDER (JSON with every mapping)', t.cliFolderMappings);
row('bare read-and-count, bundle', t.countBundle);
row('ramledger analyze --no-mappings BUNDLE', t.cliBundle);
row('  the same on one thread (RAMLEDGER_THREADS=1)', t.cliBundle1);
row('smem -S FOLDER -c "pid uss pss rss swap"', t.smem);
const rss = { folder: peak(['analyze', '--no-mappings', folder]), bundle: peak(['analyze', '--no-mappings', bundleFile]) };
console.log(`\npeak resident memory: folder ${rss.folder.toFixed(0)} MB, bundle ${rss.bundle.toFixed(0)} MB (input ${mb(bundleBytes)})`);
console.log('\nratios (same run):');
console.log(`  (a) ramledger / bare read, folder: ${(t.cliFolder / t.countFolder).toFixed(2)}x   (goal <= 2x)`);
console.log(`  (a) ramledger / bare read, bundle: ${(t.cliBundle / t.countBundle).toFixed(2)}x   (goal <= 2x)`);
if (t.smem !== null) console.log(`  (b) smem / ramledger, folder:      ${(t.smem / t.cliFolder).toFixed(2)}x   (goal >= 5x)`);
else console.log('  (b) smem not installed: apt-get install smem');
console.log(`  (c) peak memory / input, bundle:   ${((rss.bundle * 1048576) / bundleBytes).toFixed(2)}x   (goal <= 2x)`);
if (!process.env.BENCH_QUICK) {
  const hugeBytes = buildHuge();
  const tc = time('node', [count, hugeFile], process.env, 1);
  const th = time('node', [cli, 'analyze', '--no-mappings', hugeFile], process.env, 1);
  const ph = peak(['analyze', '--no-mappings', hugeFile]);
  console.log(`\n1 GB capture (${mb(hugeBytes)}, ${info.processes * 10} processes, one bundle):`);
  row('bare read-and-count', tc);
  row('ramledger analyze --no-mappings', th);
  console.log(
    `  (d) ramledger / bare read: ${(th / tc).toFixed(2)}x; peak memory ${ph.toFixed(0)} MB = ${((ph * 1048576) / hugeBytes).toFixed(2)}x the input`,
  );
} else console.log('\n(d) 1 GB capture: skipped (BENCH_QUICK)');
if (!process.env.BENCH_KEEP) rmSync(out, { recursive: true, force: true });
