/**
 * A snapshot document from the inputs as they were read: every source's text (or its
 * blob), the annotations and the view. When that does not fit a link, `reduce` makes
 * the smaller one: the per-process files (smaps, smaps_rollup, status, stat) give way
 * to one table of per-process totals, and `reduced` says what was left out.
 */
import type { ParsedText } from '../formats/detect';
import type { FormatId } from '../formats/registry';
import { escapeName, TOTALS_COLUMNS, TOTALS_MAGIC } from '../formats/totals/index';
import { MAPPING_KINDS, summarizeProcesses } from '../model/processes';
import type { Snapshot } from '../model/snapshot';
import { processKinds } from '../viewmodel/mappings';
import type { Annotations } from './annotations';
import { annotationFields, DOC_VERSION, type DocInput, type Reduced, type SnapshotDoc } from './doc';
import { type Content, encodeLink, type OpenedDoc } from './link';

/** an input as the page or the CLI holds it */
export interface SharedInput {
  name: string;
  bytes: number;
  group?: boolean;
  parsed: ParsedText[];
}

const enc = new TextEncoder();

export function makeDoc(inputs: readonly SharedInput[], a: Annotations, view?: string, created = new Date().toISOString()): OpenedDoc {
  const doc: SnapshotDoc = { ramledger: 'snapshot', version: DOC_VERSION, created, ...annotationFields(a), inputs: [] };
  if (view) doc.view = view;
  const left: NonNullable<SnapshotDoc['left']> = [];
  const contents: Content[][] = [];
  for (const i of inputs) {
    const input: DocInput = { name: i.name, bytes: i.bytes, sources: [] };
    if (i.group) input.group = true;
    const list: Content[] = [];
    for (const p of i.parsed) {
      // a blob as it was (a device-tree blob, a UTF-16 file), else the text as read
      if (p.blob !== undefined) list.push({ name: p.name, data: p.blob, binary: true });
      else if (p.text !== undefined) list.push({ name: p.name, data: enc.encode(p.text), binary: false });
      else left.push({ name: p.name, why: p.segments.length > 0 ? 'too-large' : 'unreadable' });
    }
    input.sources = list.map((c) => ({ name: c.name, size: c.data.length }));
    doc.inputs.push(input);
    contents.push(list);
  }
  if (left.length) doc.left = left;
  return { doc, contents };
}

/** the formats that describe one process: what a reduced snapshot replaces with totals */
const PER_PROCESS: ReadonlySet<FormatId> = new Set<FormatId>(['smaps', 'smaps_rollup', 'status', 'stat', 'totals']);

export const TOTALS_SOURCE = 'ramledger-process-totals.tsv';

/**
 * The snapshot with its per-process files replaced by per-process totals. A source
 * holding only those is left out; in a bundle their lines (and their `==>` headers)
 * become empty lines, so every other line keeps its number and its links.
 */
export function reduce(inputs: readonly SharedInput[], snap: Snapshot, full: OpenedDoc): OpenedDoc {
  // a snapshot opened from a reduced link and shared on: what the first reduction left out stays said
  const before = full.doc.reduced;
  const r: Reduced = {
    processes: snap.processes.length,
    mappings: 0,
    lines: before?.lines ?? 0,
    bytes: before?.bytes ?? 0,
    dropped: [...(before?.dropped ?? [])],
    droppedMore: before?.droppedMore ?? 0,
    totals: TOTALS_SOURCE,
  };
  const doc: SnapshotDoc = { ...full.doc, inputs: [] };
  const contents: Content[][] = [];
  inputs.forEach((i, n) => {
    const kept: Content[] = [];
    const fullList = full.contents[n] ?? [];
    const byName = new Map(i.parsed.map((p) => [p.name, p]));
    for (const c of fullList) {
      const p = byName.get(c.name);
      const cut = p?.text !== undefined ? blankProcesses(p) : null;
      if (!cut) {
        kept.push(c);
        continue;
      }
      // the earlier totals give way to the new table, which holds the same rows: not left out
      if (before && c.name === before.totals && cut.empty) continue;
      r.lines += cut.lines;
      r.bytes += c.data.length - cut.data.length;
      if (cut.empty) {
        if (r.dropped.length < 100) r.dropped.push(c.name);
        else r.droppedMore++;
      } else kept.push({ name: c.name, data: cut.data, binary: false });
    }
    if (kept.length === 0) return;
    doc.inputs.push({ ...(full.doc.inputs[n] as DocInput), sources: kept.map((c) => ({ name: c.name, size: c.data.length })) });
    contents.push(kept);
  });
  const table = totalsText(snap);
  r.mappings = table.mappings;
  const data = enc.encode(table.text);
  doc.inputs.push({ name: TOTALS_SOURCE, bytes: data.length, sources: [{ name: TOTALS_SOURCE, size: data.length }] });
  contents.push([{ name: TOTALS_SOURCE, data, binary: false }]);
  doc.reduced = r;
  return { doc, contents };
}

/** a source's text with its per-process segments emptied; null when it has none */
function blankProcesses(p: ParsedText): { data: Uint8Array; lines: number; empty: boolean } | null {
  const text = p.text;
  const ranges = p.segments.filter((s) => PER_PROCESS.has(s.format)).map((s) => [s.firstLine, s.lastLine] as const);
  if (text === undefined || ranges.length === 0) return null;
  // where each line starts (1-based; one past the last line: the text's end)
  const starts: number[] = [0, 0];
  for (let at = text.indexOf('\n'); at >= 0 && at + 1 < text.length; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  const count = starts.length - 1;
  starts.push(text.length);
  const lineText = (l: number) => text.slice(starts[l] ?? 0, starts[l + 1] ?? text.length);
  const blank = new Uint8Array(count + 2);
  for (const [a, b] of ranges) blank.fill(1, Math.max(1, a), Math.min(count, b) + 1);
  // a `==>` header or a prompt goes with the lines after it when they all go
  const seps = new Set(p.separators);
  for (const s of seps) {
    if (s < 1 || s > count) continue;
    let all = true;
    for (let l = s + 1; l <= count && !seps.has(l); l++)
      if (!blank[l] && lineText(l).trim() !== '') {
        all = false;
        break;
      }
    if (all) blank[s] = 1;
  }
  const out: string[] = [];
  let lines = 0;
  let empty = true;
  for (let l = 1; l <= count; l++) {
    const s = lineText(l);
    if (blank[l]) {
      lines++;
      out.push(s.endsWith('\n') ? '\n' : '');
    } else {
      if (empty && s.trim()) empty = false;
      out.push(s);
    }
  }
  return { data: enc.encode(out.join('')), lines, empty };
}

/** the per-process totals table of formats/totals */
export function totalsText(snap: Snapshot): { text: string; mappings: number } {
  const rows = [`${TOTALS_MAGIC}: sums of each process's smaps; the mappings were left out`, TOTALS_COLUMNS.join('\t')];
  let mappings = 0;
  const summaries = summarizeProcesses(snap.processes);
  summaries.forEach((s, n) => {
    const kinds = processKinds(snap.processes[n]);
    mappings += s.mappingCount;
    rows.push(
      [
        s.pid ?? '-',
        s.mappingCount,
        s.rssKiB,
        s.pssKiB,
        s.ussKiB,
        s.swapKiB,
        s.swapPssKiB ?? '-',
        ...MAPPING_KINDS.map((k) => kinds[k]),
        escapeName(s.name),
      ].join('\t'),
    );
  });
  return { text: `${rows.join('\n')}\n`, mappings };
}

/** a frame larger than this is packed fast first: at 30:1 it could not fit a link anyway */
const QUICK_ABOVE = 4 * 1024 * 1024;

export interface LinkChoice {
  /** the fragment's payload (`v1.…`) */
  payload: string;
  level: 'full' | 'reduced';
  /** the length of the payload carrying every input */
  fullChars: number;
  /** `fullChars` was measured with fast packing: only an upper bound (the best is up to a third shorter) */
  fullApprox?: boolean;
  reduced?: Reduced;
  left?: SnapshotDoc['left'];
}

/**
 * The link for these inputs: the whole when it fits `comfort` characters, else the
 * reduced snapshot when that is shorter. A large capture is packed fast first to learn
 * that it cannot fit (a 45 MB capture: 3.4 s at the best level, 1.3 s at the fastest, whose
 * length then only says "far over").
 */
export function chooseLink(inputs: readonly SharedInput[], snap: Snapshot | null, full: OpenedDoc, comfort: number): LinkChoice {
  const left = full.doc.left ? { left: full.doc.left } : {};
  const big = frameSize(full) > QUICK_ABOVE;
  let whole = encodeLink(full, big ? 1 : 9);
  if (big && whole.length <= comfort) whole = encodeLink(full);
  const base = { fullChars: whole.length, ...(big && whole.length > comfort ? { fullApprox: true } : {}), ...left };
  if (whole.length <= comfort || !snap || snap.processes.length === 0) return { payload: whole, level: 'full', ...base };
  const small = reduce(inputs, snap, full);
  const payload = encodeLink(small);
  if (payload.length >= whole.length) return { payload: big ? encodeLink(full) : whole, level: 'full', ...base };
  return { payload, level: 'reduced', ...base, ...(small.doc.reduced ? { reduced: small.doc.reduced } : {}) };
}

const frameSize = (o: OpenedDoc) => o.contents.reduce((s, list) => s + list.reduce((t, c) => t + c.data.length, 0), 0);
