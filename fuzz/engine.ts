/**
 * The fuzz loop: for each parser, `count` inputs mutated from its seeds, each one
 * regenerable alone from (seed, parser, index); run under a budget by `jobs` workers; the
 * first input of each distinct failure shrunk to a minimal reproducer and written out.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormatId } from '../src/core/index';
import { type Failure, signature } from './check';
import { mutate, type Seed } from './mutate';
import { mix, Rng } from './rng';
import { type Budget, Runner } from './runner';
import { FORMAT_IDS } from './seeds';
import { shrink } from './shrink';

export interface FuzzOptions {
  /** one seed for every parser, or one each */
  seed: number | Readonly<Record<FormatId, number>>;
  /** inputs per parser */
  count: number;
  parsers: readonly FormatId[];
  budget: Budget;
  jobs: number;
  /** the bundled ./worker.ts */
  workerPath: string;
  seeds: Map<FormatId, Seed[]>;
  /** where reproducers go; none written without it */
  outDir?: string;
  /** stop generating a parser's inputs after this many seconds (its report says how many ran) */
  maxSeconds?: number;
  /** runs allowed to shrink one failure (0: keep the input as found) */
  shrinkTests: number;
  log?: (line: string) => void;
}

export interface Found {
  signature: string;
  failure: Failure;
  /** how many inputs failed this way */
  count: number;
  /** the input index that first did, and its seed */
  index: number;
  from: string;
  name: string;
  /** the shrunk input */
  minimal: Uint8Array;
  file?: string;
}

export interface ParserReport {
  format: FormatId;
  inputs: number;
  failures: number;
  found: Found[];
  seconds: number;
}

const everySeed = new WeakMap<FuzzOptions['seeds'], Seed[]>();

/** input `i` of `format`'s stream */
export function generate(o: Pick<FuzzOptions, 'seed' | 'seeds'>, format: FormatId, i: number): { seed: Seed; bytes: Uint8Array } {
  const r = new Rng(mix(typeof o.seed === 'number' ? o.seed : o.seed[format], FORMAT_IDS.indexOf(format), i));
  const own = o.seeds.get(format) ?? [];
  let all = everySeed.get(o.seeds);
  if (!all) everySeed.set(o.seeds, (all = [...o.seeds.values()].flat()));
  const seed = r.pick(own);
  return { seed, bytes: mutate(seed, all, r) };
}

/** how much longer than its budget an input may run before it counts as stuck rather than slow */
const STUCK = 10;

/**
 * An input past its budget is run again with STUCK times the budget: one that then ends
 * is `slow` (linear but costly work, or a loaded machine), one that does not is a `hang`.
 */
async function confirmHang(runner: Runner, format: FormatId, name: string, bytes: Uint8Array, f: Failure, ms: number): Promise<Failure> {
  if (f.kind !== 'hang') return f;
  const again = await runner.run(format, name, bytes, ms * STUCK);
  if (again?.kind === 'hang') return { ...f, message: `past ${ms * STUCK} ms (${STUCK}× the budget)` };
  return { ...f, kind: 'slow', message: `past the ${ms} ms budget, done within ${STUCK}× it` };
}

async function minimise(
  runner: Runner,
  format: FormatId,
  name: string,
  bytes: Uint8Array,
  sig: string,
  tests: number,
): Promise<Uint8Array> {
  // timing is not a property of the input alone: a slow input is kept as found
  if (sig.startsWith('runner/slow')) return bytes;
  // a hang costs a whole budget per try: fewer tries
  const slow = /^runner\/(hang|oom)/.test(sig);
  return shrink(
    bytes,
    async (b) => {
      const f = await runner.run(format, name, b);
      return f !== null && signature(f) === sig;
    },
    slow ? Math.min(tests, 40) : tests,
  );
}

function writeOut(dir: string, format: FormatId, f: Found): string {
  mkdirSync(dir, { recursive: true });
  const hash = createHash('sha256').update(f.minimal).digest('hex').slice(0, 10);
  const file = join(dir, `${format}-${hash}.txt`);
  writeFileSync(file, f.minimal);
  appendFileSync(join(dir, 'failures.tsv'), `${file}\t${format}\t${f.name}\t${f.minimal.length} bytes\t${f.signature}\n`);
  return file;
}

async function fuzzParser(o: FuzzOptions, format: FormatId, runners: Runner[]): Promise<ParserReport> {
  const t0 = performance.now();
  const found = new Map<string, Found>();
  let next = 0;
  let failures = 0;
  let lastLog = t0;
  let ran = 0;
  const deadline = o.maxSeconds === undefined ? Number.POSITIVE_INFINITY : t0 + o.maxSeconds * 1000;
  const work = async (runner: Runner) => {
    for (let i = next++; i < o.count && performance.now() < deadline; i = next++) {
      ran++;
      const { seed, bytes } = generate(o, format, i);
      const first = await runner.run(format, seed.name, bytes);
      const f = first && (await confirmHang(runner, format, seed.name, bytes, first, o.budget.ms));
      const now = performance.now();
      if (o.log && now - lastLog > 60_000) {
        lastLog = now;
        o.log(`  ${format}: ${next}/${o.count}, ${((next / (now - t0)) * 1000).toFixed(0)} inputs/s, ${failures} failures`);
      }
      if (!f) continue;
      failures++;
      const sig = signature(f);
      const seen = found.get(sig);
      if (seen) {
        seen.count++;
        continue;
      }
      const entry: Found = { signature: sig, failure: f, count: 1, index: i, from: seed.from, name: seed.name, minimal: bytes };
      found.set(sig, entry);
      entry.minimal = o.shrinkTests > 0 ? await minimise(runner, format, seed.name, bytes, sig, o.shrinkTests) : bytes;
      if (o.outDir) entry.file = writeOut(o.outDir, format, entry);
      o.log?.(`  ${format} #${i} (${seed.from}): ${sig}${entry.file ? ` → ${entry.file} (${entry.minimal.length} bytes)` : ''}`);
    }
  };
  await Promise.all(runners.map(work));
  return { format, inputs: ran, failures, found: [...found.values()], seconds: (performance.now() - t0) / 1000 };
}

export async function fuzz(o: FuzzOptions): Promise<ParserReport[]> {
  const runners = Array.from({ length: Math.max(1, o.jobs) }, () => new Runner(o.workerPath, o.budget));
  const out: ParserReport[] = [];
  try {
    for (const format of o.parsers) {
      const r = await fuzzParser(o, format, runners);
      out.push(r);
      o.log?.(
        `${format}: ${r.inputs} inputs in ${r.seconds.toFixed(0)} s (${(r.inputs / r.seconds).toFixed(0)}/s), ${r.failures} failures, ${r.found.length} distinct`,
      );
    }
  } finally {
    for (const r of runners) r.stop();
  }
  return out;
}

/** one table row per parser */
export function table(reports: readonly ParserReport[]): string {
  const rows = [
    ['parser', 'inputs', 'inputs/s', 'failures', 'distinct'],
    ...reports.map((r) => [r.format, String(r.inputs), (r.inputs / r.seconds).toFixed(0), String(r.failures), String(r.found.length)]),
  ];
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length))) ?? [];
  return rows
    .map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  '))
    .join('\n');
}
