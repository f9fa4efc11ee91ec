/**
 * Detection: which parser reads which lines. The registry is an ordered list of
 * `LineParser`s; at each line the first whose `starts()` accepts it reads on until a
 * boundary. `==> path <==` headers (`tail -n +1 FILE…`) and shell prompt lines
 * (`root@OpenWrt:~# cat /proc/meminfo`) separate inputs and give the next one a hint;
 * hints help (memblock memory vs reserved, a process id, `free -m` units) but the
 * content decides the format. Every line ends up read by a parser or reported.
 */
import { gunzipSync } from 'fflate';
import { Cursor, type Diagnostic, Diagnostics, quote } from './cursor';
import { dtsParser } from './parsers/dts';
import { freeParser } from './parsers/free';
import { kmsgParser } from './parsers/kmsg';
import { memblockParser } from './parsers/memblock';
import { MEMINFO_KEYS, meminfoParser, parseMeminfoLine } from './parsers/meminfo';
import type { LineParser, ParseContext } from './parsers/parser';
import { statParser, statusParser, versionParser } from './parsers/proc';
import { smapsParser } from './parsers/smaps';
import { promptCommand } from './text';
import type { Format } from './types';

/** meminfo may be cut off at the top: any known field starts it, not only MemTotal */
const meminfoAnyField: LineParser<unknown> = {
  ...meminfoParser,
  starts(line) {
    const p = parseMeminfoLine(line);
    return p !== null && MEMINFO_KEYS.has(p.key) && (p.unit === 'kB' || p.key.startsWith('HugePages_'));
  },
};

export const REGISTRY: LineParser<unknown>[] = [
  smapsParser,
  memblockParser,
  freeParser,
  meminfoAnyField,
  statusParser,
  statParser,
  versionParser,
  kmsgParser,
  dtsParser,
];

export interface Segment {
  format: Format;
  firstLine: number;
  lastLine: number;
  /** the path or command this text came with */
  hint?: string;
  data: unknown;
}

export interface ParsedText {
  name: string;
  lines: number;
  bytes: number;
  segments: Segment[];
  diagnostics: Diagnostic[];
  /** the decoded text, when asked for with `keepText` */
  text?: string;
}

const BUNDLE_HEADER = /^==> (.+) <==\s*$/;

export function isPromptLine(line: string): string | null {
  return promptCommand(line);
}

export function parseText(text: string, name: string, pathHint?: string, onProgress?: ByteLimits['onProgress']): ParsedText {
  const diag = new Diagnostics();
  const segments: Segment[] = [];
  let hint = pathHint;
  const isBoundary = (line: string, current: Format): boolean => {
    if (BUNDLE_HEADER.test(line) || promptCommand(line) !== null) return true;
    for (const p of REGISTRY) if (p.format !== current && p.starts(line)) return true;
    return false;
  };
  const ctx: ParseContext = { source: name, diag, isBoundary, hint };
  const cur = new Cursor(text);
  const hintOwner = { hint: undefined as string | undefined, used: new Set<Format>() };
  while (!cur.done) {
    if (cur.blank) {
      cur.advance();
      continue;
    }
    const line = cur.str;
    const header = BUNDLE_HEADER.exec(line);
    if (header) {
      hint = (header[1] as string).trim();
      cur.advance();
      continue;
    }
    const cmd = promptCommand(line);
    if (cmd !== null) {
      hint = cmd;
      cur.advance();
      continue;
    }
    const parser = REGISTRY.find((p) => p.starts(line));
    if (!parser) {
      diag.unknown(cur.line, line, 'not part of any input ramledger reads');
      cur.advance();
      continue;
    }
    const firstLine = cur.line;
    // `cat …/memblock/memory` followed by a second table without its own prompt: the
    // hint belongs to the first one only
    if (hint !== hintOwner.hint) {
      hintOwner.hint = hint;
      hintOwner.used.clear();
    }
    ctx.hint = hintOwner.used.has(parser.format) ? undefined : hint;
    hintOwner.used.add(parser.format);
    const pos = cur.ls;
    const data = parser.parse(cur, ctx);
    if (cur.ls === pos) {
      // a parser that read nothing would loop for ever: report the line and move on
      diag.unknown(cur.line, line);
      cur.advance();
      continue;
    }
    if (onProgress) onProgress(cur.ls, text.length);
    const seg: Segment = { format: parser.format, firstLine, lastLine: cur.line - 1, data };
    if (ctx.hint !== undefined) seg.hint = ctx.hint;
    if (parser.format === 'smaps' && (data as { rollup: boolean }).rollup) seg.format = 'smaps_rollup';
    segments.push(seg);
  }
  const lines = text.length === 0 ? 0 : cur.line - 1;
  return { name, lines, bytes: text.length, segments, diagnostics: diag.finish() };
}

// ------------------------------------------------------------------ bytes

export interface ByteLimits {
  /** largest input accepted, before and after decompression */
  maxBytes: number;
  /** keep each text in `ParsedText.text` (the page's Sources view shows it) */
  keepText?: boolean;
  /** called now and then while a large text is read: characters done, characters in all */
  onProgress?: (done: number, total: number) => void;
}

export const DEFAULT_LIMITS: ByteLimits = { maxBytes: 1024 * 1024 * 1024 };

const decoder = new TextDecoder('utf-8', { fatal: false });

function looksBinary(b: Uint8Array): boolean {
  const n = Math.min(b.length, 8192);
  for (let i = 0; i < n; i++) if (b[i] === 0) return true;
  return false;
}

function failed(name: string, message: string, bytes: number, severity: Diagnostic['severity'] = 'error'): ParsedText {
  return { name, lines: 0, bytes, segments: [], diagnostics: [{ line: 0, severity, message }] };
}

/** `parseBytes`, for one file whose name is a hint */
export const parseFile = (bytes: Uint8Array, name: string, limits = DEFAULT_LIMITS): ParsedText[] => parseBytes(bytes, name, limits);

/**
 * Reads one file's bytes: gzip is inflated, a tar archive is split into its members,
 * a device-tree blob and other binary data are reported, text goes to `parseText`.
 */
export function parseBytes(bytes: Uint8Array, name: string, limits = DEFAULT_LIMITS): ParsedText[] {
  if (bytes.length > limits.maxBytes)
    return [failed(name, `file is ${mib(bytes.length)}, over the ${mib(limits.maxBytes)} limit; not read`, bytes.length)];
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    let out: Uint8Array;
    try {
      out = gunzipSync(bytes);
    } catch (e) {
      return [failed(name, `gzip data is damaged: ${(e as Error).message}`, bytes.length)];
    }
    if (out.length > limits.maxBytes)
      return [failed(name, `gzip inflates to ${mib(out.length)}, over the ${mib(limits.maxBytes)} limit`, bytes.length)];
    return parseBytes(out, name.replace(/\.gz$/, ''), limits);
  }
  if (isTar(bytes)) return readTar(bytes, name, limits);
  if (/(^|\/)(cmdline|environ)$/.test(name))
    return [failed(name, 'not read: command lines and environments can hold secrets (ramledger never reads them)', bytes.length, 'info')];
  if (bytes[0] === 0xd0 && bytes[1] === 0x0d && bytes[2] === 0xfe && bytes[3] === 0xed)
    return [
      failed(name, 'binary device tree blob (d00dfeed): not read yet — convert it with `dtc -I dtb -O dts` and add the text', bytes.length),
    ];
  if (looksBinary(bytes)) return [failed(name, 'binary file (holds NUL bytes), not a text dump; not read', bytes.length)];
  const text = decoder.decode(bytes);
  const parsed = parseText(text, name, name, limits.onProgress);
  if (limits.keepText) parsed.text = text;
  return [parsed];
}

function mib(n: number): string {
  return `${(n / 1048576).toFixed(1)} MiB`;
}

function isTar(b: Uint8Array): boolean {
  return b.length >= 512 && b[257] === 0x75 && b[258] === 0x73 && b[259] === 0x74 && b[260] === 0x61 && b[261] === 0x72;
}

/** ustar / GNU tar members (`smemcap` captures, the capture script's bundle) */
function readTar(b: Uint8Array, name: string, limits: ByteLimits): ParsedText[] {
  const out: ParsedText[] = [];
  let off = 0;
  let longName: string | null = null;
  const str = (o: number, n: number) => {
    let e = o;
    while (e < o + n && b[e] !== 0) e++;
    return decoder.decode(b.subarray(o, e));
  };
  while (off + 512 <= b.length) {
    if (b[off] === 0) break; // end-of-archive blocks
    let path = str(off, 100);
    const prefix = str(off + 345, 155);
    if (prefix) path = `${prefix}/${path}`;
    const sizeField = str(off + 124, 12).trim();
    const size = Number.parseInt(sizeField || '0', 8);
    const type = String.fromCharCode(b[off + 156] ?? 48);
    if (!Number.isFinite(size) || size < 0) {
      out.push(failed(`${name}:${path}`, `tar header at byte ${off} is damaged; the rest of the archive is not read`, 0));
      break;
    }
    const data = b.subarray(off + 512, off + 512 + size);
    if (off + 512 + size > b.length) out.push(failed(`${name}:${path}`, 'tar member cut off: the archive is truncated', data.length));
    if (type === 'L') longName = str(off + 512, size);
    else if (type === '0' || type === '\0' || type === '7') {
      const member = longName ?? path;
      longName = null;
      if (data.length > 0) out.push(...parseFile(data, `${name}:${member}`, limits));
    } else longName = null;
    off += 512 + Math.ceil(size / 512) * 512;
  }
  if (out.length === 0) out.push(failed(name, 'tar archive holds no readable files', b.length));
  return out;
}

export { quote };
