/**
 * `npm run fuzz [-- --seed N --count N --parser id[,id…] --budget-ms N --memory-mb N --jobs N --shrink N --max-seconds N]`
 * (--max-seconds: per parser; the table says how many inputs ran)
 * `npm run fuzz -- --replay FILE --parser id [--name NAME]`: one reproducer, in this thread.
 * Bundled and started by scripts/fuzz.mjs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormatId } from '../src/core/index';
import { check } from './check';
import { fuzz, table } from './engine';
import { FORMAT_IDS, loadSeeds } from './seeds';

function options(argv: string[]): Map<string, string> {
  const o = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    o.set(a.slice(2), argv[++i] ?? '');
  }
  return o;
}

function parserList(value: string | undefined): FormatId[] {
  if (value === undefined) return FORMAT_IDS;
  const ids = value.split(',');
  for (const id of ids)
    if (!(FORMAT_IDS as string[]).includes(id)) throw new Error(`unknown parser ${id} (one of ${FORMAT_IDS.join(', ')})`);
  return ids as FormatId[];
}

const int = (o: Map<string, string>, key: string, dflt: number) => {
  const v = o.get(key);
  const n = v === undefined ? dflt : Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${key} wants a whole number, not ${v}`);
  return n;
};

export async function main(argv: string[], root: string, workerPath: string): Promise<number> {
  const o = options(argv);
  const replay = o.get('replay');
  if (replay !== undefined) {
    const [format] = parserList(o.get('parser') ?? 'dts');
    const f = check(format as FormatId, o.get('name') ?? 'pasted text', new Uint8Array(readFileSync(replay)));
    console.log(f ? JSON.stringify(f, null, 1) : 'no failure');
    return f ? 1 : 0;
  }
  const seed = int(o, 'seed', 1);
  const count = int(o, 'count', 100_000);
  const parsers = parserList(o.get('parser'));
  const outDir = join(root, 'fuzz', 'out');
  console.log(`fuzzing ${parsers.join(', ')}: ${count} inputs each, seed ${seed}; reproducers in ${outDir}`);
  const t0 = performance.now();
  const reports = await fuzz({
    seed,
    count,
    parsers,
    budget: { ms: int(o, 'budget-ms', 2000), memoryMb: int(o, 'memory-mb', 512) },
    jobs: int(o, 'jobs', 1),
    workerPath,
    seeds: loadSeeds(root),
    outDir,
    shrinkTests: int(o, 'shrink', 600),
    ...(o.has('max-seconds') ? { maxSeconds: int(o, 'max-seconds', 0) } : {}),
    log: (l) => console.log(l),
  });
  const total = reports.reduce((n, r) => n + r.inputs, 0);
  console.log(`\n${table(reports)}\n\n${total} inputs in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  for (const r of reports)
    for (const f of r.found)
      console.log(
        `${r.format}\t${f.count}×\t${f.signature}\n\t${f.file ?? ''} (${f.minimal.length} bytes, first #${f.index} from ${f.from}, name ${f.name})`,
      );
  return reports.some((r) => r.failures > 0) ? 1 : 0;
}
