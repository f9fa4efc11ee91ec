/**
 * Detection: which format reads which lines. At each line the formats are asked in
 * priority order (./registry.ts) whether it starts their text; the first that says yes
 * reads on until a boundary. `==> path <==` headers (`tail -n +1 FILE…`) and shell
 * prompt lines (`root@OpenWrt:~# cat /proc/meminfo`) separate inputs and give the next
 * one a hint; hints help (memblock memory vs reserved, a process id, `free -m` units) but
 * the content decides the format. Every non-blank line ends up in a segment, as a
 * separator, or in a diagnostic (tests/lines.test.ts holds this for every input).
 */
import { Cursor } from '../input/cursor';
import { type Diagnostic, Diagnostics } from '../input/diagnostics';
import { promptCommand } from '../input/prompt';
import { unreadKind } from '../input/unread';
import { m } from '../messages/catalogue';
import type { SnapshotMeta } from '../share/doc';
import type { ParseContext } from './format';
import { BY_PRIORITY, type FormatId, type Segment } from './registry';

export interface ParsedText {
  name: string;
  lines: number;
  bytes: number;
  segments: Segment[];
  /** lines that separate inputs: `==> path <==` headers and shell prompts */
  separators: number[];
  diagnostics: Diagnostic[];
  /** the decoded text, when asked for with `keepText` */
  text?: string;
  /** a binary input's bytes (a device-tree blob), when asked for with `keepText`: a snapshot carries them */
  blob?: Uint8Array;
  /** read from a snapshot file: its annotations and what it left out (on its first source) */
  snapshot?: SnapshotMeta;
}

export const BUNDLE_HEADER = /^==> (.+) <==\s*$/;

export type ProgressFn = (done: number, total: number) => void;

/**
 * Reads a text: its segments, separators and diagnostics. `firstLine`: the number of its
 * first line, when it is a part of a larger input (./sections.ts).
 */
export function parseText(
  text: string,
  name: string,
  pathHint?: string,
  onProgress?: ProgressFn,
  firstLine = 1,
  /** the diagnostics of the whole file this text is a part of: they are left unfinished */
  shared?: Diagnostics,
): ParsedText {
  const diag = shared ?? new Diagnostics();
  const segments: Segment[] = [];
  const separators: number[] = [];
  let hint = pathHint;
  let current: FormatId | null = null;
  const ctx: ParseContext = {
    source: name,
    diag,
    hint: undefined,
    isBoundary(line) {
      if (BUNDLE_HEADER.test(line) || promptCommand(line) !== null) return true;
      for (const f of BY_PRIORITY) if (f.id !== current && f.starts(line)) return true;
      return false;
    },
  };
  const cur = new Cursor(text, 0, firstLine);
  // `cat …/memblock/memory` followed by a second table without its own prompt: the hint
  // belongs to the first table of each format only
  let hintOwner: string | undefined;
  const hintUsed = new Set<FormatId>();
  while (!cur.done) {
    if (cur.blank) {
      cur.advance();
      continue;
    }
    const line = cur.str;
    const header = BUNDLE_HEADER.exec(line)?.[1] ?? promptCommand(line);
    if (header !== null) {
      hint = header.trim();
      separators.push(cur.line);
      cur.advance();
      continue;
    }
    const format = BY_PRIORITY.find((f) => f.starts(line));
    if (!format) {
      // a run of lines no format reads, up to the next line one does
      const from = cur.line;
      // the run is named by the first of its lines whose shape is known
      let kind = unreadKind(line);
      let to = from;
      for (cur.advance(); !cur.done; cur.advance()) {
        if (cur.blank) continue;
        const next = cur.str;
        if (BUNDLE_HEADER.test(next) || promptCommand(next) !== null || BY_PRIORITY.some((f) => f.starts(next))) break;
        if (kind === 'text' && cur.line - from < 200) kind = unreadKind(next);
        to = cur.line;
      }
      diag.unread(from, to, line, kind);
      continue;
    }
    const firstLine = cur.line;
    if (hint !== hintOwner) {
      hintOwner = hint;
      hintUsed.clear();
    }
    const segHint = hintUsed.has(format.id) ? undefined : hint;
    hintUsed.add(format.id);
    current = format.id;
    const pos = cur.ls;
    let seg: Segment;
    try {
      seg = format.read(cur, { ...ctx, hint: segHint }, firstLine, segHint);
    } catch (e) {
      // a parser that stops on a line (a bug the input found) costs its segment, said with
      // the lines it leaves unread, and nothing else
      current = null;
      if (cur.ls === pos) cur.advance();
      const why = e instanceof Error ? e.message : String(e);
      diag.add(firstLine, 'error', m('diag.parser-failed', { format: format.id, why, from: firstLine, to: cur.line - 1 }));
      continue;
    }
    current = null;
    if (cur.ls === pos) {
      // a parser that read nothing would loop for ever: report the line and move on
      diag.unknown(cur.line, line);
      cur.advance();
      continue;
    }
    onProgress?.(cur.ls, text.length);
    segments.push(seg);
  }
  const lines = text.length === 0 ? 0 : cur.line - firstLine;
  return { name, lines, bytes: text.length, segments, separators, diagnostics: shared ? [] : diag.finish() };
}
