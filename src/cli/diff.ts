/**
 * `ramledger diff [--format markdown|json] BEFORE AFTER` or `--before PATH… --after PATH…`:
 * what changed between two snapshots of a device. Each side is a file, a folder, a snapshot
 * file (`*.ramledger.json`) or, with --before/--after, a set of them. Exit 0 with the report;
 * exit 2 with a one-line reason when a side is missing or nothing in it can be read.
 */
import { diffSnapshots, type Side } from '../core/compare/index';
import { buildIsolated } from '../core/index';
import { diffJson, diffMarkdown, type SideName } from '../core/report/diff';
import { writeJson } from '../core/report/json';
import type { SharedInput } from '../core/share/make';
import { pathError } from './errors';

export const DIFF_USAGE = `usage: ramledger diff [--format markdown|json] BEFORE AFTER
       ramledger diff [--format markdown|json] --before PATH… --after PATH…
  BEFORE, AFTER, PATH   a file, a folder (read recursively) or a snapshot file (*.ramledger.json)
  prints what changed from BEFORE to AFTER: accounting lines, checks, processes, regions, meminfo`;

type Reader = (paths: string[]) => SharedInput[];
type Result = { code: number; stderr: string };

class DiffUsage extends Error {}

/** the two sets of paths and the format, from the arguments */
function parseArgs(args: string[]): { before: string[]; after: string[]; format: 'markdown' | 'json' } | 'help' {
  let format: 'markdown' | 'json' = 'markdown';
  const before: string[] = [];
  const after: string[] = [];
  const loose: string[] = [];
  let into: string[] = loose;
  while (args.length) {
    const a = args.shift() as string;
    if (a === '--format' || a === '-f' || a.startsWith('--format=')) {
      const v = a.startsWith('--format=') ? a.slice(9) : args.shift();
      if (v !== 'json' && v !== 'markdown' && v !== 'md') throw new DiffUsage(`--format takes markdown or json, not ${v ?? 'nothing'}`);
      format = v === 'md' ? 'markdown' : v;
    } else if (a === '--before') into = before;
    else if (a === '--after') into = after;
    else if (a === '-h' || a === '--help') return 'help';
    else if (!a.startsWith('-')) into.push(a);
    else throw new DiffUsage(`unknown option ${a}`);
  }
  if (before.length || after.length) {
    if (loose.length) throw new DiffUsage('give the paths after --before and --after, or two paths without them');
    if (!before.length || !after.length) throw new DiffUsage(`no ${before.length ? 'after' : 'before'} paths given`);
    return { before, after, format };
  }
  if (loose.length !== 2) throw new DiffUsage(`diff takes two paths (before and after), not ${loose.length}`);
  return { before: [loose[0] as string], after: [loose[1] as string], format };
}

/** a side's model and name: its snapshot file's title and date, else the paths given */
function readSide(paths: string[], read: Reader, which: string): { side: Side; name: SideName } | Result {
  const inputs = read(paths);
  if (inputs.every((i) => i.parsed.every((p) => p.segments.length === 0)))
    return { code: 2, stderr: `ramledger: nothing readable in the ${which} input (${paths.join(', ')})\n` };
  const { snap, analysis } = buildIsolated(inputs);
  const name: SideName = { name: snap.shared?.title || paths.join(', ') };
  if (snap.shared?.created) name.date = snap.shared.created;
  return { side: { snap, analysis }, name };
}

export function runDiff(argv: string[], out: (piece: string) => void, read: Reader): Result {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs([...argv]);
  } catch (e) {
    if (e instanceof DiffUsage) return { code: 2, stderr: `ramledger: ${e.message}\n${DIFF_USAGE}\n` };
    throw e;
  }
  if (parsed === 'help') {
    out(`${DIFF_USAGE}\n`);
    return { code: 0, stderr: '' };
  }
  let before: ReturnType<typeof readSide>;
  let after: ReturnType<typeof readSide>;
  try {
    before = readSide(parsed.before, read, 'before');
    if ('code' in before) return before;
    after = readSide(parsed.after, read, 'after');
    if ('code' in after) return after;
  } catch (e) {
    const unreadablePath = pathError(e);
    if (unreadablePath) return unreadablePath;
    throw e;
  }
  const d = diffSnapshots(before.side, after.side);
  const names = { before: before.name, after: after.name };
  if (parsed.format === 'markdown') out(diffMarkdown(d, names));
  else {
    writeJson(diffJson(d, names), out);
    out('\n');
  }
  return { code: 0, stderr: '' };
}
