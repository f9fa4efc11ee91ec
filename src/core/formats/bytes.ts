/**
 * One file's bytes: gzip is inflated, a tar archive is split into its members (smem's
 * `smemcap` layout too), a device-tree blob is read (./dts/dtb.ts), other binary data is
 * reported, and text goes to `parseText`. `cmdline` and `environ` files are never read: they can hold
 * secrets.
 */
import { Gunzip } from 'fflate';
import { diagnostic, type Severity } from '../input/diagnostics';
import { joinBytes } from '../input/join';
import { type Msg, m } from '../messages/catalogue';
import { isSnapshotFile, readSnapshotFile } from '../share/file';
import { problemMsg } from '../share/link';
import type { ParsedText, ProgressFn } from './detect';
import { blobFile } from './dts/dtb';
import { isFdt } from './dts/fdt';
import { parseSections } from './sections';

/**
 * A snapshot file (share/file.ts): its sources, each read as a file of its own under
 * its name; the first carries the snapshot's annotations and what it left out.
 */
function readSnapshot(bytes: Uint8Array, name: string, limits: ByteLimits, depth: number): ParsedText[] {
  if (depth > 0) return [unreadable(name, m('share.nested'), bytes.length)];
  const r = readSnapshotFile(bytes);
  if ('problem' in r) return [unreadable(name, problemMsg(r.problem), bytes.length)];
  const out: ParsedText[] = [];
  for (const list of r.contents)
    for (const c of list) for (const p of parseCarried(c.data, c.name, limits, depth + 1, c.binary)) out.push(p);
  const { inputs: _inputs, ...meta } = r.doc;
  const first = out[0] ?? unreadable(name, m('share.empty'), bytes.length, 'warning');
  first.snapshot = { ...meta, file: name };
  if (out.length === 0) out.push(first);
  return out;
}

/**
 * A source a snapshot carries (a link, a snapshot file, the history). The page and the CLI
 * carry each source as it was read: gzip inflated, a tar split into its members. So gzip
 * or a tar there was put in by hand, and reading it would escape the caps that bound a
 * link (64 MiB inflated) and a file (its size): a 500-character link of gzip inside gzip
 * made the page inflate gigabytes. It is said, not read.
 *
 * A source carried as text was read as text by the sender: it is read as text again,
 * without guessing its kind (a paste with a NUL in it stays a paste, not a "binary
 * file"). A blob (a device-tree blob, a UTF-16 file as it was) goes through `parseBytes`.
 */
export function parseCarried(bytes: Uint8Array, name: string, limits: ByteLimits, snapshotDepth: number, binary: boolean): ParsedText[] {
  if ((bytes[0] === 0x1f && bytes[1] === 0x8b) || isTar(bytes)) return [unreadable(name, m('share.packed'), bytes.length)];
  if (binary) return parseBytes(bytes, name, limits, 0, snapshotDepth);
  if (bytes.length > limits.maxBytes) return [tooBig(name, bytes.length, limits)];
  const parsed = parseSections(bytes, name, limits.onProgress);
  if (limits.keepText && bytes.length <= KEEP_TEXT_MAX) parsed.text = decoder.decode(bytes);
  return [parsed];
}

export interface ByteLimits {
  /** largest input accepted, before and after decompression */
  maxBytes: number;
  /** keep each text in `ParsedText.text` (the page's Sources view shows it) */
  keepText?: boolean;
  /** called now and then while a large text is read: characters done, characters in all */
  onProgress?: ProgressFn;
}

export const DEFAULT_LIMITS: ByteLimits = { maxBytes: 1024 * 1024 * 1024 };

const decoder = new TextDecoder('utf-8', { fatal: false });
/** the largest text kept whole for the Sources view (one string; V8's limit is about 512 MiB) */
const KEEP_TEXT_MAX = 256 * 1024 * 1024;

export function looksBinary(b: Uint8Array): boolean {
  const n = Math.min(b.length, 8192);
  for (let i = 0; i < n; i++) if (b[i] === 0) return true;
  return false;
}

/** an input that could not be read at all, with the reason */
export function unreadable(name: string, msg: Msg, bytes: number, severity: Severity = 'error'): ParsedText {
  return { name, lines: 0, bytes, segments: [], separators: [], diagnostics: [diagnostic(0, severity, msg)] };
}

const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;

/** a file over the size limit, refused before it is read */
export const tooBig = (name: string, bytes: number, limits = DEFAULT_LIMITS): ParsedText =>
  unreadable(name, m('bytes.too-big', { size: mib(bytes), limit: mib(limits.maxBytes) }), bytes);

/** gzip inside gzip: a capture may be compressed once, a tar of it twice; more is a bomb */
const MAX_GZIP_NESTING = 2;

/** would `parseBytes` read these bytes as text (not gzip, tar, a blob, binary or a secret) */
export function isPlainText(bytes: Uint8Array, name: string, limits = DEFAULT_LIMITS): boolean {
  if (bytes.length > limits.maxBytes || (bytes[0] === 0x1f && bytes[1] === 0x8b) || isTar(bytes)) return false;
  return !SECRET.test(name) && !isFdt(bytes) && !looksBinary(bytes);
}

const SECRET = /(^|\/)(cmdline|environ)$/;

/**
 * `snapshotDepth`: 1 inside a snapshot file (a snapshot inside one is not read, so a file
 * cannot nest itself).
 */
export function parseBytes(bytes: Uint8Array, name: string, limits = DEFAULT_LIMITS, gzipDepth = 0, snapshotDepth = 0): ParsedText[] {
  if (bytes.length > limits.maxBytes) return [tooBig(name, bytes.length, limits)];
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    if (gzipDepth >= MAX_GZIP_NESTING) return [unreadable(name, m('bytes.gzip-nested', { depth: gzipDepth + 1 }), bytes.length)];
    const r = gunzipBounded(bytes, limits.maxBytes);
    if ('error' in r) return [unreadable(name, r.error, bytes.length)];
    return parseBytes(r.out, name.replace(/\.gz$/, ''), limits, gzipDepth + 1, snapshotDepth);
  }
  if (isTar(bytes)) return readTar(bytes, name, limits, gzipDepth, snapshotDepth);
  if (isSnapshotFile(bytes)) return readSnapshot(bytes, name, limits, snapshotDepth);
  if (SECRET.test(name)) return [unreadable(name, m('bytes.secret'), bytes.length, 'info')];
  if (isFdt(bytes)) {
    const { data, diagnostics } = blobFile(bytes, name);
    const blob: ParsedText = {
      name,
      lines: 0,
      bytes: bytes.length,
      segments: [{ format: 'dtb', firstLine: 0, lastLine: 0, data }],
      separators: [],
      diagnostics: diagnostics.finish(),
    };
    if (limits.keepText) blob.blob = bytes;
    return [blob];
  }
  const wide = utf16(bytes);
  if (wide) {
    // PowerShell's `>` and Windows editors write UTF-16: read as the same text in UTF-8
    const utf8 = transcode(bytes, wide);
    const parsed = parseSections(utf8, name, limits.onProgress);
    parsed.bytes = bytes.length;
    if (limits.keepText && utf8.length <= KEEP_TEXT_MAX) {
      parsed.text = decoder.decode(utf8);
      // a snapshot carries the file as it was, so the receiver reads it the same way
      parsed.blob = bytes;
    }
    parsed.diagnostics.unshift(diagnostic(0, 'info', m('bytes.utf16', { encoding: wide.toUpperCase() })));
    return [parsed];
  }
  if (looksBinary(bytes)) return [unreadable(name, m('bytes.binary'), bytes.length)];
  const parsed = parseSections(bytes, name, limits.onProgress);
  if (limits.keepText && bytes.length <= KEEP_TEXT_MAX) parsed.text = decoder.decode(bytes);
  return [parsed];
}

/** UTF-16 text: by its byte-order mark, or without one by a zero in every other byte (text in the ASCII range) */
function utf16(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  // UTF-16 is whole 16-bit units: an odd length is not
  if (b.length % 2 === 1) return null;
  // FF FE 00 00 is UTF-32's mark, not UTF-16's
  if (b[0] === 0xff && b[1] === 0xfe) return b[2] === 0 && b[3] === 0 ? null : 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (b[i] === 0) i % 2 === 0 ? even++ : odd++;
  if (even === 0 && odd >= (n / 2) * 0.9) return 'utf-16le';
  if (odd === 0 && even >= (n / 2) * 0.9) return 'utf-16be';
  return null;
}

/** UTF-16 to UTF-8, a megabyte at a time (the text is never one string) */
function transcode(b: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Uint8Array {
  const dec = new TextDecoder(encoding, { fatal: false, ignoreBOM: false });
  const enc = new TextEncoder();
  const out: Uint8Array[] = [];
  const STEP = 1 << 20;
  for (let i = 0; i < b.length; i += STEP)
    out.push(enc.encode(dec.decode(b.subarray(i, Math.min(b.length, i + STEP)), { stream: i + STEP < b.length })));
  return joinBytes(out);
}

/**
 * gzip inflated as a stream, stopped as soon as it passes `max` bytes (a small file can
 * inflate to gigabytes), and checked against the CRC-32 and size of its trailer (a
 * damaged or cut file is said, not read short). Concatenated members (`cat a.gz b.gz`)
 * are read one after the other; their trailers are checked by the inflater's framing only.
 */
function gunzipBounded(bytes: Uint8Array, max: number): { out: Uint8Array } | { error: Msg } {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  let multi = false;
  const g = new Gunzip((chunk) => {
    total += chunk.length;
    if (total > max) {
      over = true;
      throw new RangeError('inflated past the limit');
    }
    chunks.push(chunk);
  });
  // called at the start of each member (offset 0 for the first)
  g.onmember = (offset) => {
    if (offset > 0) multi = true;
  };
  const STEP = 1 << 16;
  try {
    for (let i = 0; i < bytes.length; i += STEP) g.push(bytes.subarray(i, Math.min(bytes.length, i + STEP)), i + STEP >= bytes.length);
  } catch (e) {
    if (over) return { error: m('bytes.gzip-too-big', { size: `> ${mib(max)}`, limit: mib(max) }) };
    return { error: m('bytes.gzip-damaged', { why: e instanceof Error ? e.message : String(e) }) };
  }
  const out = joinBytes(chunks);
  if (!multi && bytes.length >= 18) {
    const t = bytes.length - 8;
    const crc = ((bytes[t] ?? 0) | ((bytes[t + 1] ?? 0) << 8) | ((bytes[t + 2] ?? 0) << 16) | ((bytes[t + 3] ?? 0) << 24)) >>> 0;
    const size = ((bytes[t + 4] ?? 0) | ((bytes[t + 5] ?? 0) << 8) | ((bytes[t + 6] ?? 0) << 16) | ((bytes[t + 7] ?? 0) << 24)) >>> 0;
    if (size !== total % 2 ** 32 || crc !== crc32(out))
      return { error: m('bytes.gzip-damaged', { why: 'its CRC-32 or size does not match its trailer (damaged or cut)' }) };
  }
  return { out };
}

let CRC_TABLE: Uint32Array | null = null;

/** CRC-32 (IEEE 802.3, as gzip writes it) */
function crc32(b: Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = (CRC_TABLE[(c ^ (b[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function isTar(b: Uint8Array): boolean {
  return b.length >= 512 && b[257] === 0x75 && b[258] === 0x73 && b[259] === 0x74 && b[260] === 0x61 && b[261] === 0x72;
}

/** ustar / GNU tar members (`smemcap` captures, the capture script's bundle) */
function readTar(b: Uint8Array, name: string, limits: ByteLimits, gzipDepth: number, snapshotDepth: number): ParsedText[] {
  const out: ParsedText[] = [];
  let off = 0;
  let longName: string | null = null;
  const empty: string[] = [];
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
      out.push(unreadable(`${name}:${path}`, m('bytes.tar-damaged', { offset: off }), 0));
      break;
    }
    const data = b.subarray(off + 512, off + 512 + size);
    if (off + 512 + size > b.length) out.push(unreadable(`${name}:${path}`, m('bytes.tar-cut'), data.length));
    if (type === 'L') longName = str(off + 512, size);
    else if (type === '0' || type === '\0' || type === '7') {
      const member = longName ?? path;
      longName = null;
      if (data.length > 0) for (const p of parseBytes(data, `${name}:${member}`, limits, gzipDepth, snapshotDepth)) out.push(p);
      else empty.push(member);
    } else longName = null;
    off += 512 + Math.ceil(size / 512) * 512;
  }
  // `tar` of /proc stores its files empty (procfs reports size 0): said, never skipped silently;
  // an error when nothing else was in the archive
  if (empty.length > 0) {
    const msg = m('bytes.tar-empty-members', { count: empty.length, first: empty.slice(0, 5).join(', ') });
    out.push(unreadable(name, msg, 0, out.length === 0 ? 'error' : 'warning'));
  } else if (out.length === 0) out.push(unreadable(name, m('bytes.tar-empty'), b.length));
  return out;
}
