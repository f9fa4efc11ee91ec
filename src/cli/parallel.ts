/**
 * Reading a large capture on more than one core. The inputs are cut into shares of about
 * equal size — whole files of a folder, or a large file cut at `==> path <==` section
 * starts — and each share after the first is read by a worker thread while the main
 * thread reads the first. What each share gives is what reading it alone gives (a file's
 * parts carry their first line number), so the result does not depend on the number of
 * threads; tests/cli.test.ts compares one thread with several.
 *
 * The CLI stays synchronous: the main thread waits for a worker on a shared flag and
 * takes its result with `receiveMessageOnPort`. A worker that dies (out of memory, say)
 * leaves its share to the main thread.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread, MessageChannel, type MessagePort, receiveMessageOnPort, Worker, workerData } from 'node:worker_threads';
import { isPlainText, parseBytes } from '../core/formats/bytes';
import type { ParsedText } from '../core/formats/detect';
import { headers, parseSections } from '../core/formats/sections';
import { MappingTable } from '../core/formats/smaps/table';
import { Diagnostics } from '../core/input/diagnostics';

/** a file to read: its path on disk and its name in the output */
export interface FileJob {
  path: string;
  name: string;
  size: number;
}

type Share = { kind: 'files'; files: FileJob[] } | { kind: 'part'; bytes: SharedArrayBuffer; start: number; end: number; name: string };

interface WorkerStart {
  ramledgerShare: Share;
  port: MessagePort;
  flag: SharedArrayBuffer;
}

/** below this much input, starting threads costs more than it saves */
const PARALLEL_FROM = 8 * 1024 * 1024;

/**
 * How many threads to read `total` bytes with. One file is cut in parts only from four
 * cores: on two (measured with `npm run bench` on a 2-vCPU machine) each half of a 100 MB
 * bundle took longer than the whole on one thread, while a folder's files gained a little.
 */
function threads(total: number, oneFile = false): number {
  const forced = Number(process.env.RAMLEDGER_THREADS);
  if (Number.isInteger(forced) && forced >= 1) return Math.min(forced, 16);
  const cores = availableParallelism();
  if (total < PARALLEL_FROM || (oneFile && cores < 4)) return 1;
  return Math.min(cores, 4);
}

/** the number of the line that starts at `at` */
function lineOf(b: Uint8Array, at: number): number {
  let n = 1;
  for (let i = b.indexOf(10); i >= 0 && i < at; i = b.indexOf(10, i + 1)) n++;
  return n;
}

/** what a share gives: for each of its files (or its one part), the inputs read from it */
function readShare(share: Share): ParsedText[][] {
  if (share.kind === 'files') return share.files.map((f) => parseBytes(readFileSync(f.path), f.name));
  const all = new Uint8Array(share.bytes);
  // the diagnostics are left unfinished: their caps are applied across the parts when joined
  const raw = new Diagnostics();
  const part: Part = parseSections(all.subarray(share.start, share.end), share.name, undefined, undefined, lineOf(all, share.start), raw);
  part.raw = raw;
  return [[part]];
}

/** a part of a file, with its diagnostics still unfinished */
type Part = ParsedText & { raw?: Diagnostics };

/** a share's result as the worker sent it: the class of each mapping table is restored */
function revive(parsed: ParsedText[][]): ParsedText[][] {
  for (const p of parsed.flat())
    for (const s of p.segments)
      if (s.format === 'smaps' || s.format === 'smaps_rollup') Object.setPrototypeOf(s.data.mappings, MappingTable.prototype);
  return parsed;
}

/** the parts of one file read separately, as one input: what it gives read whole */
function join(parts: Part[]): ParsedText {
  const [first, ...rest] = parts as [Part, ...Part[]];
  const diag = new Diagnostics();
  if (first.raw) diag.absorb(first.raw);
  for (const p of rest) {
    for (const s of p.segments) first.segments.push(s);
    for (const s of p.separators) first.separators.push(s);
    if (p.raw) diag.absorb(p.raw);
    first.lines += p.lines;
    first.bytes += p.bytes;
  }
  delete first.raw;
  first.diagnostics = diag.finish();
  return first;
}

/** reads the shares, the first here and the others on worker threads, in order */
/**
 * Reads the shares in order: the last one here, the others on worker threads. (The last
 * here: a worker takes a while to start, and the first part of a file needs no counting of
 * the lines before it, which the last one does.)
 */
function readShares(shares: Share[]): ParsedText[][] {
  const started = shares.slice(0, -1).map((share) => {
    const { port1, port2 } = new MessageChannel();
    const flag = new SharedArrayBuffer(4);
    const start: WorkerStart = { ramledgerShare: share, port: port2, flag };
    const worker = new Worker(new URL(import.meta.url), { workerData: start, transferList: [port2] });
    return { share, worker, port: port1, flag: new Int32Array(flag) };
  });
  const t0 = Date.now();
  const mine = readShare(shares[shares.length - 1] as Share);
  // A worker that dies without a word (out of memory) cannot be seen from here while this
  // thread waits: past a deadline its share is read here. That costs time, never the result.
  const deadline = Date.now() + Math.max(60_000, 10 * (Date.now() - t0));
  const results: ParsedText[][] = [];
  for (const w of started) {
    let msg: { message: { parsed?: ParsedText[][] } } | undefined;
    while (Atomics.load(w.flag, 0) === 0 && Date.now() < deadline) Atomics.wait(w.flag, 0, 0, 50);
    if (Atomics.load(w.flag, 0) === 1) msg = receiveMessageOnPort(w.port) as typeof msg;
    // a worker that failed or died: its share is read here
    results.push(...(msg?.message.parsed ? revive(msg.message.parsed) : readShare(w.share)));
    void w.worker.terminate();
  }
  results.push(...mine);
  return results;
}

/** files read in order, on several threads when they are large enough to gain from it: what each gives */
export function readFiles(files: FileJob[]): ParsedText[][] {
  const total = files.reduce((s, f) => s + f.size, 0);
  const n = Math.min(threads(total), files.length);
  if (n <= 1) return readShare({ kind: 'files', files });
  const shares: Share[] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const goal = (total * (i + 1)) / n;
    const share: FileJob[] = [];
    let bytes = (total * i) / n;
    while (at < files.length && (bytes < goal || i === n - 1)) {
      const f = files[at++] as FileJob;
      share.push(f);
      bytes += f.size;
    }
    if (share.length > 0) shares.push({ kind: 'files', files: share });
  }
  return readShares(shares);
}

/**
 * One large text file read in parts cut at section starts, on several threads; any
 * other file (or one without sections) is read whole.
 */
export function readLargeFile(path: string, name: string, size: number): ParsedText[] {
  const n = threads(size, true);
  if (n <= 1) return parseBytes(readFileSync(path), name);
  const sab = new SharedArrayBuffer(size);
  const b = new Uint8Array(sab);
  const fd = openSync(path, 'r');
  try {
    for (let at = 0; at < size; ) {
      const got = readSync(fd, b, at, Math.min(size - at, 1 << 24), at);
      if (got === 0) break;
      at += got;
    }
  } finally {
    closeSync(fd);
  }
  if (!isPlainText(b, name)) return parseBytes(b, name);
  // cut where the text reader starts afresh: at a header whose path is not the one before's
  const hs = headers(b);
  const starts = hs.filter((h, i) => i === 0 || h.path !== hs[i - 1]?.path).map((h) => h.at);
  const cuts = [0];
  for (let i = 1; i < n; i++) {
    const goal = (size * i) / n;
    const c = starts.find((s) => s >= goal && s > (cuts[cuts.length - 1] ?? 0));
    if (c !== undefined) cuts.push(c);
  }
  if (cuts.length === 1) return parseBytes(b, name);
  const shares: Share[] = cuts.map((c, i) => ({ kind: 'part', bytes: sab, start: c, end: cuts[i + 1] ?? size, name }));
  return [join(readShares(shares).flat() as Part[])];
}

// a worker thread: read its share, send what it gives, raise the flag
if (!isMainThread && (workerData as WorkerStart | null)?.ramledgerShare) {
  const { ramledgerShare, port, flag } = workerData as WorkerStart;
  const f = new Int32Array(flag);
  // an exit before the result (process.exit, an uncaught error) is said at once
  process.on('exit', () => {
    if (Atomics.load(f, 0) === 0) {
      Atomics.store(f, 0, 2);
      Atomics.notify(f, 0);
    }
  });
  try {
    port.postMessage({ parsed: readShare(ramledgerShare) });
    Atomics.store(f, 0, 1);
  } catch {
    Atomics.store(f, 0, 2);
  }
  Atomics.notify(f, 0);
  port.close();
}
