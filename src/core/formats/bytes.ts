/**
 * One file's bytes: gzip is inflated, a tar archive is split into its members (smem's
 * `smemcap` layout too), a device-tree blob is read (./dts/dtb.ts), other binary data is
 * reported, and text goes to `parseText`. `cmdline` and `environ` files are never read: they can hold
 * secrets.
 */
import { gunzipSync } from 'fflate';
import { diagnostic, type Severity } from '../input/diagnostics';
import { type Msg, m } from '../messages/catalogue';
import { type ParsedText, type ProgressFn, parseText } from './detect';
import { blobFile } from './dts/dtb';
import { isFdt } from './dts/fdt';

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

function looksBinary(b: Uint8Array): boolean {
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

export function parseBytes(bytes: Uint8Array, name: string, limits = DEFAULT_LIMITS): ParsedText[] {
  if (bytes.length > limits.maxBytes) return [tooBig(name, bytes.length, limits)];
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    let out: Uint8Array;
    try {
      out = gunzipSync(bytes);
    } catch (e) {
      return [unreadable(name, m('bytes.gzip-damaged', { why: e instanceof Error ? e.message : String(e) }), bytes.length)];
    }
    if (out.length > limits.maxBytes)
      return [unreadable(name, m('bytes.gzip-too-big', { size: mib(out.length), limit: mib(limits.maxBytes) }), bytes.length)];
    return parseBytes(out, name.replace(/\.gz$/, ''), limits);
  }
  if (isTar(bytes)) return readTar(bytes, name, limits);
  if (/(^|\/)(cmdline|environ)$/.test(name)) return [unreadable(name, m('bytes.secret'), bytes.length, 'info')];
  if (isFdt(bytes)) {
    const { data, diagnostics } = blobFile(bytes, name);
    return [
      {
        name,
        lines: 0,
        bytes: bytes.length,
        segments: [{ format: 'dtb', firstLine: 0, lastLine: 0, data }],
        separators: [],
        diagnostics: diagnostics.finish(),
      },
    ];
  }
  if (looksBinary(bytes)) return [unreadable(name, m('bytes.binary'), bytes.length)];
  const text = decoder.decode(bytes);
  const parsed = parseText(text, name, name, limits.onProgress);
  if (limits.keepText) parsed.text = text;
  return [parsed];
}

function isTar(b: Uint8Array): boolean {
  return b.length >= 512 && b[257] === 0x75 && b[258] === 0x73 && b[259] === 0x74 && b[260] === 0x61 && b[261] === 0x72;
}

/** ustar / GNU tar members (`smemcap` captures, the capture script's bundle) */
function readTar(b: Uint8Array, name: string, limits: ByteLimits): ParsedText[] {
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
      if (data.length > 0) for (const p of parseBytes(data, `${name}:${member}`, limits)) out.push(p);
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
