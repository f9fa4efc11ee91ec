/**
 * A text file read from its bytes, one `==> path <==` section at a time.
 *
 * A capture bundle is mostly smaps, one section per process. Each section is first given
 * to the byte reader of smaps (./smaps/fast.ts), which takes the text exactly as the
 * kernel prints it without decoding it; the sections it does not take, and everything
 * between them, are decoded and read by `parseText` as before, with their line numbers
 * counted from the start of the file. So a file of any size up to the limit is read
 * without ever making it one string (V8 cannot make a string past about 512 MiB), and the
 * result is the one `parseText` gives on the whole text.
 */
import { Diagnostics } from '../input/diagnostics';
import { m } from '../messages/catalogue';
import { type ParsedText, type ProgressFn, parseText } from './detect';
import type { Segment } from './registry';
import { type FastSmaps, scanSmapsBytes } from './smaps/fast';

const utf8 = new TextDecoder('utf-8', { fatal: false });
/** decoded pieces stay below V8's string limit with room to spare */
const MAX_PIECE = 256 * 1024 * 1024;
const mib = (n: number) => `${Math.round(n / 1048576)} MiB`;

/** where each `==> path <==` line starts, and its path (as `BUNDLE_HEADER` reads it) */
export function headers(b: Uint8Array): { at: number; path: string }[] {
  const out: { at: number; path: string }[] = [];
  for (let i = b.indexOf(61); i >= 0; i = b.indexOf(61, i + 1)) {
    if ((i > 0 && b[i - 1] !== 10) || b[i + 1] !== 61 || b[i + 2] !== 62 || b[i + 3] !== 32) continue;
    let le = b.indexOf(10, i);
    if (le < 0) le = b.length;
    let e = le;
    while (e > i && (b[e - 1] === 32 || b[e - 1] === 9 || b[e - 1] === 13)) e--;
    if (e - i < 9 || b[e - 1] !== 61 || b[e - 2] !== 61 || b[e - 3] !== 60 || b[e - 4] !== 32) continue;
    const path = utf8.decode(b.subarray(i + 4, e - 4));
    // a line break inside (`\r`, U+2028, U+2029) is no header to the text reader either
    if (/[\r\u2028\u2029]/.test(path)) continue;
    out.push({ at: i, path: path.trim() });
    i = le;
  }
  return out;
}

/**
 * Reads a text file from its bytes. `firstLine`: the number of its first line when `b` is
 * a part of a file cut at a section start (the CLI reads a large file's parts in parallel).
 * `shared`: the diagnostics of that whole file, left unfinished.
 */
export function parseSections(
  b: Uint8Array,
  name: string,
  onProgress?: ProgressFn,
  maxPiece = MAX_PIECE,
  firstLine = 1,
  shared?: Diagnostics,
): ParsedText {
  const out: ParsedText = { name, lines: 0, bytes: b.length, segments: [], separators: [], diagnostics: [] };
  // one set for the whole file: its caps count across sections, as when read whole
  const diag = shared ?? new Diagnostics();
  // the number of the line starting at `pos`: newlines counted once, front to back
  let pos = 0;
  let posLine = firstLine;
  const lineAt = (at: number): number => {
    for (let i = b.indexOf(10, pos); i >= 0 && i < at; i = b.indexOf(10, i + 1)) posLine++;
    pos = at;
    return posLine;
  };
  const hs = headers(b);
  /** bytes not yet read: from here to the section being looked at */
  let pending = 0;
  let pendingLine = firstLine;

  let cut = false;
  const readPending = (upTo: number) => {
    let line = pendingLine;
    // decoded in pieces: at section starts or, for a huge run without any, at line ends
    while (pending < upTo) {
      let end = upTo;
      if (end - pending > maxPiece) {
        const h = lastHeaderBefore(hs, pending + maxPiece);
        end = h && h.at > pending ? h.at : b.lastIndexOf(10, pending + maxPiece) + 1;
        if (end <= pending) end = Math.min(upTo, pending + maxPiece);
        if (!(h && h.at === end) && !cut) {
          diag.add(line, 'info', m('bytes.pieces', { piece: mib(maxPiece) }));
          cut = true;
        }
      }
      // a piece that does not start at a header goes on with the hint of the one before it
      const h = lastHeaderBefore(hs, pending + 1);
      const hint = h ? (h.at === pending ? undefined : h.path) : name;
      const p = parseText(utf8.decode(b.subarray(pending, end)), name, hint, undefined, line, diag);
      for (const s of p.segments) out.segments.push(s);
      for (const s of p.separators) out.separators.push(s);
      line += p.lines;
      pending = end;
    }
    pendingLine = line;
    onProgress?.(upTo, b.length);
  };

  const sections: { at: number; body: number; path: string | undefined }[] = [];
  if (hs[0]?.at !== 0) sections.push({ at: 0, body: 0, path: name });
  for (const h of hs) {
    const nl = b.indexOf(10, h.at);
    sections.push({ at: h.at, body: nl < 0 ? b.length : nl + 1, path: h.path });
  }
  // a header with the path of the one before it goes on with that one's hints (the text
  // reader gives a path's hint to one segment of each format): both are read as text
  const sameAsBefore = (i: number) => i > 0 && sections[i]?.body !== sections[i]?.at && sections[i]?.path === sections[i - 1]?.path;
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i] as (typeof sections)[number];
    const end = sections[i + 1]?.at ?? b.length;
    if (sameAsBefore(i) || sameAsBefore(i + 1)) continue;
    const bodyLine = lineAt(s.body);
    let fast: FastSmaps | null = null;
    try {
      fast = scanSmapsBytes(b, s.body, end, bodyLine);
    } catch {
      // whatever the byte reader cannot take, the text reader reads or reports
    }
    if (!fast) continue;
    readPending(s.at);
    if (s.body > s.at) out.separators.push(bodyLine - 1);
    const lastLine = bodyLine + fast.lines - 1;
    const seg: Segment = { format: 'smaps', firstLine: fast.firstLine, lastLine, data: fast.data };
    if (s.path !== undefined) seg.hint = s.path;
    out.segments.push(seg);
    fast.bad.report({ diag });
    // the section was counted while it was read
    pos = end;
    posLine = lastLine + 1;
    pending = end;
    pendingLine = lastLine + 1;
  }
  readPending(b.length);
  out.lines = pendingLine - firstLine;
  if (!shared) out.diagnostics = diag.finish();
  return out;
}

/** the last header starting before `at` */
function lastHeaderBefore(hs: readonly { at: number; path: string }[], at: number): { at: number; path: string } | undefined {
  let lo = 0;
  let hi = hs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((hs[mid] as { at: number }).at < at) lo = mid + 1;
    else hi = mid;
  }
  return hs[lo - 1];
}
