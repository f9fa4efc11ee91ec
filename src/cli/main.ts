/**
 * `ramledger analyze [--format json|markdown] [--no-mappings] PATH…`
 *
 * A PATH is a file, a folder (read recursively; its paths are hints, as in a bundle)
 * or `-` for standard input. Exit 0 when something was read, even with diagnostics;
 * exit 2 with a one-line reason when an input cannot be read at all (or, never expected,
 * when ramledger itself fails: still one line, no stack trace).
 */
import * as fs from 'node:fs';
import { readdirSync, readFileSync, type Stats, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { evaluateBudget } from '../core/budget/evaluate';
import { budgetJson, budgetMarkdown, budgetSummary } from '../core/budget/report';
import { BUDGET_LIMITS, readBudget } from '../core/budget/schema';
import { buildIsolated, DEFAULT_LIMITS, type ParsedText, parseBytes, toJson, toMarkdown, tooBig, unreadable } from '../core/index';
import { m, render } from '../core/messages/catalogue';
import { EN } from '../core/messages/index';
import { writeJson } from '../core/report/json';
import { ANNOTATION_LIMITS, emptyAnnotations } from '../core/share/annotations';
import { LINK_COMFORT } from '../core/share/link';
import { chooseLink, makeDoc, type SharedInput } from '../core/share/make';
import { CAPTURE_SCRIPT } from './capture-script';
import { runDiff } from './diff';
import { pathError } from './errors';
import { type FileJob, readFiles, readLargeFile } from './parallel';

const USAGE = `usage: ramledger analyze [--format json|markdown] [--no-mappings] PATH…
       ramledger link [--base URL] [--view VIEW] [--title TEXT] PATH…
       ramledger diff [--format markdown|json] BEFORE AFTER   (or --before PATH… --after PATH…)
       ramledger check --budget FILE [--format markdown|json] PATH…
       ramledger capture-script   (prints the capture script: ramledger capture-script | ssh root@dev sh -s > bundle.txt)
  PATH   a file, a folder (read recursively), a snapshot file (*.ramledger.json) or - for standard input`;

class UsageError extends Error {}

/** the value after a flag (`--base URL`), or the usage error that names the flag */
function takeValue(args: string[], flag: string): string {
  const v = args.shift();
  if (v === undefined) throw new UsageError(`${flag} needs a value`);
  return v;
}

/**
 * The files of a folder, recursively, in name order. A symbolic link to a file is read;
 * anything else that is not a file or a folder (a link to a folder, a device, a FIFO) is
 * said in `skipped`, never passed over silently.
 */
type Skipped = { path: string; what: 'link-to-folder' | 'dangling-link' | 'not-regular' };

/** `proc/9` before `proc/10`; one collator (`localeCompare` with options makes one per call) */
const byName = new Intl.Collator('en', { numeric: true });

function listFiles(dir: string, out: string[], skipped: Skipped[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => byName.compare(a.name, b.name));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) listFiles(p, out, skipped);
    else if (e.isFile()) out.push(p);
    else if (e.isSymbolicLink()) {
      const target = statOrNull(p);
      if (target?.isFile()) out.push(p);
      else skipped.push({ path: p, what: target?.isDirectory() ? 'link-to-folder' : 'dangling-link' });
    } else skipped.push({ path: p, what: 'not-regular' });
  }
}

function statOrNull(p: string): Stats | null {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

/**
 * One file, read only when it is a regular file no larger than the cap: `/dev/zero`, a
 * FIFO or a socket would be read without end or block, a 5 GB file would be read whole.
 */
function readInput(path: string, name: string, st: Stats, into: ParsedText[]): void {
  if (!st.isFile()) {
    into.push(unreadable(name, m('bytes.not-a-file'), 0));
    return;
  }
  if (st.size > DEFAULT_LIMITS.maxBytes) {
    into.push(tooBig(name, st.size));
    return;
  }
  for (const p of readLargeFile(path, name, st.size)) into.push(p);
}

function readStdin(): Uint8Array {
  const chunks: Buffer[] = [];
  const buf = Buffer.alloc(1 << 16);
  for (;;) {
    let n = 0;
    try {
      n = fs.readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((e as NodeJS.ErrnoException).code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(chunks);
}

const LINK_USAGE = `usage: ramledger link [--base URL] [--view VIEW] [--title TEXT] PATH…
  prints a link that carries the snapshot of the inputs (the page opens it offline)
  --base URL   the address of the page (ramledger.html or where your team serves it);
               without it, the fragment is printed: paste it into the page's address after #
  --view VIEW  the view it opens on: overview, map, processes, checks, sources (default overview)
  --title TEXT the snapshot's title`;

/**
 * The inputs of `link`: each path one input, as the page holds a dropped file or folder,
 * with the texts kept (the link carries them).
 */
function readShared(paths: string[]): SharedInput[] {
  const limits = { maxBytes: DEFAULT_LIMITS.maxBytes, keepText: true };
  const one = (path: string, name: string, st: Stats): ParsedText[] =>
    !st.isFile()
      ? [unreadable(name, m('bytes.not-a-file'), 0)]
      : st.size > limits.maxBytes
        ? [tooBig(name, st.size)]
        : parseBytes(readFileSync(path), name, limits);
  return paths.map((p) => {
    if (p === '-') {
      const b = readStdin();
      return { name: 'stdin', bytes: b.length, parsed: parseBytes(b, 'stdin', limits) };
    }
    const st = statSync(p);
    if (!st.isDirectory()) return { name: basename(p), bytes: st.size, parsed: one(p, basename(p), st) };
    const files: string[] = [];
    listFiles(p, files, []);
    const parsed: ParsedText[] = [];
    let bytes = 0;
    for (const f of files) {
      const fst = statOrNull(f);
      if (!fst) continue;
      bytes += fst.size;
      for (const x of one(f, `${basename(p)}/${relative(p, f)}`, fst)) parsed.push(x);
    }
    return { name: `${basename(p)}/ (${files.length} files)`, bytes, group: true, parsed };
  });
}

function runLink(args: string[], out: (piece: string) => void): { code: number; stderr: string } {
  let base = '';
  let view = '/overview';
  let title = '';
  const paths: string[] = [];
  while (args.length) {
    const a = args.shift() as string;
    const value = () => takeValue(args, a);
    if (a === '--base') base = value();
    else if (a === '--view') {
      const v = value().replace(/^[#/]+/, '');
      // a snapshot parameter of its own would be the one the page reads
      if (!/^(overview|map|processes|checks|sources)(\/[\w-]+)?(\?[\w=&%.-]*)?$/.test(v) || /[?&]snapshot=/.test(v))
        throw new UsageError(`--view takes a view of the page, not ${v}`);
      view = `/${v}`;
    } else if (a === '--title') title = value().slice(0, ANNOTATION_LIMITS.title);
    else if (a === '-h' || a === '--help') {
      out(`${LINK_USAGE}\n`);
      return { code: 0, stderr: '' };
    } else if (a === '-' || !a.startsWith('-')) paths.push(a);
    else throw new UsageError(`unknown option ${a}`);
  }
  if (paths.length === 0) throw new UsageError('no input given');
  const inputs = readShared(paths);
  if (inputs.every((i) => i.parsed.every((p) => p.segments.length === 0)))
    return { code: 2, stderr: 'ramledger: nothing readable in the input\n' };
  const notes = emptyAnnotations();
  notes.title = title;
  const full = makeDoc(inputs, notes, view);
  const { snap } = buildIsolated(inputs);
  const c = chooseLink(inputs, snap, full, LINK_COMFORT);
  const payload = c.payload;
  let said = '';
  if (c.level === 'reduced' && c.reduced)
    said = `ramledger: the whole snapshot takes ${c.fullApprox ? `over ${LINK_COMFORT}` : c.fullChars} characters; this link carries per-process totals in place of the ${c.reduced.mappings} mappings of ${c.reduced.processes} processes (${payload.length} characters)\n`;
  if (payload.length > LINK_COMFORT)
    said += `ramledger: the link is ${payload.length} characters; chat tools and browsers cut links past ${LINK_COMFORT}: share the snapshot file instead (ramledger analyze writes the report; the page saves the file)\n`;
  for (const l of full.doc.left ?? []) said += `ramledger: ${l.name}: not carried (${l.why})\n`;
  const fragment = `#${view}${view.includes('?') ? '&' : '?'}snapshot=${payload}`;
  if (!base) said += 'ramledger: no --base given: open ramledger.html and paste this after its address\n';
  out(`${base.replace(/#.*$/, '')}${fragment}\n`);
  return { code: 0, stderr: said };
}

const CHECK_USAGE = `usage: ramledger check --budget FILE [--format markdown|json] PATH…
  holds the snapshot of the inputs to a budget file (docs/budgets.md) and prints each limit
  exit 0 when every limit holds, 1 when one is over or its target is not in the snapshot,
  2 when the budget or an input cannot be read`;

/** `ramledger check --budget FILE PATH…`: exit 0 when the budget holds, 1 when not */
function runCheck(args: string[], out: (piece: string) => void): { code: number; stderr: string } {
  let budgetPath = '';
  let format: 'json' | 'markdown' = 'markdown';
  const paths: string[] = [];
  while (args.length) {
    const a = args.shift() as string;
    const value = () => takeValue(args, a);
    if (a === '--budget' || a === '-b') budgetPath = value();
    else if (a.startsWith('--budget=')) budgetPath = a.slice(9);
    else if (a === '--format' || a === '-f' || a.startsWith('--format=')) {
      const v = a.startsWith('--format=') ? a.slice(9) : value();
      if (v !== 'json' && v !== 'markdown' && v !== 'md') throw new UsageError(`--format takes json or markdown, not ${v}`);
      format = v === 'md' ? 'markdown' : v;
    } else if (a === '-h' || a === '--help') {
      out(`${CHECK_USAGE}\n`);
      return { code: 0, stderr: '' };
    } else if (a === '-' || !a.startsWith('-')) paths.push(a);
    else throw new UsageError(`unknown option ${a}`);
  }
  if (!budgetPath) throw new UsageError('no --budget FILE given');
  if (paths.length === 0) throw new UsageError('no input given');
  const st = statSync(budgetPath);
  if (!st.isFile()) return { code: 2, stderr: `ramledger: ${budgetPath}: not a file\n` };
  if (st.size > BUDGET_LIMITS.bytes)
    return { code: 2, stderr: `ramledger: ${budgetPath}: ${render(m('budget.too-big', { cap: BUDGET_LIMITS.bytes }), EN)}\n` };
  const read = readBudget(readFileSync(budgetPath, 'utf8'));
  if ('problem' in read) return { code: 2, stderr: `ramledger: ${budgetPath}: ${render(read.problem, EN)}\n` };
  const inputs = readShared(paths);
  if (inputs.every((i) => i.parsed.every((p) => p.segments.length === 0)))
    return { code: 2, stderr: 'ramledger: nothing readable in the input\n' };
  const { analysis } = buildIsolated(inputs);
  const result = evaluateBudget(read.budget, analysis);
  if (format === 'json') out(`${JSON.stringify(budgetJson(result), null, 2)}\n`);
  else out(budgetMarkdown(result));
  return { code: result.holds ? 0 : 1, stderr: result.holds ? '' : `ramledger: the budget does not hold: ${budgetSummary(result)}\n` };
}

/** a subcommand whose bad usage or unreadable path ends in exit 2 with one line (and its usage) */
function guarded(command: () => { code: number; stderr: string }, usage: string): { code: number; stderr: string } {
  try {
    return command();
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, stderr: `ramledger: ${e.message}\n${usage}\n` };
    const unreadablePath = pathError(e);
    if (unreadablePath) return unreadablePath;
    throw e;
  }
}

/** runs the CLI: the report goes to `out` piece by piece; the exit code and any one-line reason come back */
export function run(argv: string[], out: (piece: string) => void = writeOut): { code: number; stderr: string } {
  const args = [...argv];
  if (args[0] === 'check') return guarded(() => runCheck(args.slice(1), out), CHECK_USAGE);
  if (args[0] === 'link') return guarded(() => runLink(args.slice(1), out), LINK_USAGE);
  if (args[0] === 'diff') return runDiff(args.slice(1), out, readShared);
  if (args[0] === 'capture-script') {
    out(CAPTURE_SCRIPT);
    return { code: 0, stderr: '' };
  }
  if (args[0] === 'analyze') args.shift();
  let format: 'json' | 'markdown' = 'json';
  let mappings = true;
  const paths: string[] = [];
  try {
    while (args.length) {
      const a = args.shift() as string;
      if (a === '--format' || a === '-f') {
        const v = args.shift();
        if (v !== 'json' && v !== 'markdown' && v !== 'md') throw new UsageError(`--format takes json or markdown, not ${v ?? 'nothing'}`);
        format = v === 'md' ? 'markdown' : v;
      } else if (a.startsWith('--format=')) {
        const v = a.slice(9);
        if (v !== 'json' && v !== 'markdown') throw new UsageError(`--format takes json or markdown, not ${v}`);
        format = v;
      } else if (a === '--no-mappings') mappings = false;
      else if (a === '-h' || a === '--help') {
        out(`${USAGE}\n`);
        return { code: 0, stderr: '' };
      } else if (a === '-' || !a.startsWith('-')) paths.push(a);
      else throw new UsageError(`unknown option ${a}`);
    }
    if (paths.length === 0) throw new UsageError('no input given');
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, stderr: `ramledger: ${e.message}\n${USAGE}\n` };
    throw e;
  }

  const parsed: ParsedText[] = [];
  for (const p of paths) {
    try {
      if (p === '-') {
        for (const x of parseBytes(readStdin(), 'stdin')) parsed.push(x);
        continue;
      }
      const st = statSync(p);
      if (st.isDirectory()) {
        const files: string[] = [];
        const skipped: Skipped[] = [];
        listFiles(p, files, skipped);
        if (files.length === 0) return { code: 2, stderr: `ramledger: ${p}: folder holds no files\n` };
        for (const s of skipped) parsed.push(unreadable(relative(p, s.path), m('bytes.skipped', { what: s.what }), 0, 'warning'));
        // the files that can be read are read together (on several threads when large), in order
        const jobs: FileJob[] = [];
        const order: (ParsedText[] | FileJob)[] = [];
        for (const f of files) {
          const fst = statOrNull(f);
          if (!fst) continue;
          const name = relative(p, f) || f;
          if (fst.isFile() && fst.size <= DEFAULT_LIMITS.maxBytes) {
            const job = { path: f, name, size: fst.size };
            jobs.push(job);
            order.push(job);
          } else {
            const refused: ParsedText[] = [];
            readInput(f, name, fst, refused);
            order.push(refused);
          }
        }
        const read = readFiles(jobs);
        let next = 0;
        for (const o of order) for (const x of Array.isArray(o) ? o : (read[next++] ?? [])) parsed.push(x);
      } else readInput(p, p, st, parsed);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const why = err.code === 'ENOENT' ? 'no such file or folder' : err.code === 'EACCES' ? 'permission denied' : err.message;
      return { code: 2, stderr: `ramledger: ${p}: ${why}\n` };
    }
  }
  if (parsed.every((p) => p.segments.length === 0)) {
    const first = parsed.flatMap((p) => p.diagnostics)[0];
    return { code: 2, stderr: `ramledger: nothing readable in the input${first ? ` (${first.message})` : ''}\n` };
  }
  // one input the model cannot take fails alone, with its message
  const { snap, analysis: a } = buildIsolated(parsed.map((p) => ({ name: p.name, bytes: p.bytes, parsed: [p] })));
  if (format === 'markdown') out(toMarkdown(snap, a));
  else {
    // written in pieces: a report can be longer than the longest string there can be
    writeJson(toJson(snap, a, { mappings }), out);
    out('\n');
  }
  return { code: 0, stderr: '' };
}

/** the reader of stdout is gone (`| head`): nothing more is written */
let closed = false;
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * The CLI's output, written synchronously so nothing is lost when the process exits. A
 * pipe may be non-blocking (worker threads leave stdout so): a write can then take part
 * of a piece, or fail with EAGAIN until the reader catches up, so the rest is written
 * again after a short wait.
 */
function writeOut(piece: string): void {
  const bytes = Buffer.from(piece);
  for (let at = 0; at < bytes.length && !closed; ) {
    try {
      at += fs.writeSync(1, bytes, at);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') closed = true;
      else if (code !== 'EAGAIN') throw e;
      else Atomics.wait(pause, 0, 0, 5);
    }
  }
}

if (isMainThread && process.argv[1] !== undefined && /ramledger(\.mjs)?$|cli\.mjs$/.test(process.argv[1])) {
  let r: { code: number; stderr: string };
  try {
    r = run(process.argv.slice(2));
  } catch (e) {
    // a bug the inputs trigger: one line and the documented exit code, not a stack trace
    const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    r = { code: 2, stderr: `ramledger: internal error (please report it with the input): ${why}\n` };
  }
  if (r.stderr) process.stderr.write(r.stderr);
  process.exitCode = r.code;
}
