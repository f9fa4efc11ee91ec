/**
 * `ramledger analyze [--format json|markdown] [--no-mappings] PATH…`
 *
 * A PATH is a file, a folder (read recursively; its paths are hints, as in a bundle)
 * or `-` for standard input. Exit 0 when something was read, even with diagnostics;
 * exit 2 with a one-line reason when an input cannot be read at all.
 */
import * as fs from 'node:fs';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyze, buildSnapshot, type ParsedText, parseBytes, toJson, toMarkdown } from '../core/index';

const USAGE = `usage: ramledger analyze [--format json|markdown] [--no-mappings] PATH…
  PATH   a file, a folder (read recursively) or - for standard input`;

class UsageError extends Error {}

function listFiles(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) listFiles(p, out);
    else if (e.isFile()) out.push(p);
  }
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

export function run(argv: string[]): { code: number; stdout: string; stderr: string } {
  const args = [...argv];
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
      else if (a === '-h' || a === '--help') return { code: 0, stdout: `${USAGE}\n`, stderr: '' };
      else if (a === '-' || !a.startsWith('-')) paths.push(a);
      else throw new UsageError(`unknown option ${a}`);
    }
    if (paths.length === 0) throw new UsageError('no input given');
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, stdout: '', stderr: `ramledger: ${e.message}\n${USAGE}\n` };
    throw e;
  }

  const parsed: ParsedText[] = [];
  for (const p of paths) {
    try {
      if (p === '-') {
        parsed.push(...parseBytes(readStdin(), 'stdin'));
        continue;
      }
      const st = statSync(p);
      if (st.isDirectory()) {
        const files: string[] = [];
        listFiles(p, files);
        if (files.length === 0) return { code: 2, stdout: '', stderr: `ramledger: ${p}: folder holds no files\n` };
        for (const f of files) parsed.push(...parseBytes(readFileSync(f), relative(p, f) || f));
      } else parsed.push(...parseBytes(readFileSync(p), p));
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const why = err.code === 'ENOENT' ? 'no such file or folder' : err.code === 'EACCES' ? 'permission denied' : err.message;
      return { code: 2, stdout: '', stderr: `ramledger: ${p}: ${why}\n` };
    }
  }
  if (parsed.every((p) => p.segments.length === 0)) {
    const first = parsed.flatMap((p) => p.diagnostics)[0];
    return { code: 2, stdout: '', stderr: `ramledger: nothing readable in the input${first ? ` (${first.message})` : ''}\n` };
  }
  const snap = buildSnapshot(parsed);
  const a = analyze(snap);
  const stdout = format === 'json' ? `${JSON.stringify(toJson(snap, a, { mappings }), null, 1)}\n` : toMarkdown(snap, a);
  return { code: 0, stdout, stderr: '' };
}

if (process.argv[1] !== undefined && /ramledger(\.mjs)?$|cli\.mjs$/.test(process.argv[1])) {
  const r = run(process.argv.slice(2));
  if (r.stderr) process.stderr.write(r.stderr);
  // large outputs: write synchronously so nothing is lost when the process exits
  if (r.stdout) fs.writeSync(1, r.stdout);
  process.exitCode = r.code;
}
