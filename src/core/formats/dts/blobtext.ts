/**
 * A device tree blob pasted as text, recognised by its content (its first bytes are the
 * magic d0 0d fe ed):
 *
 *   base64 /sys/firmware/fdt         0A3+7QAAKTAAAAA4AAAmTAAAACgAAAARAAAAEAAAAAAAAAIA…
 *   xxd                              00000000: d00d feed 0000 2930 0000 0038 0000 264c  ......)0...8..&L
 *   xxd -p                           d00dfeed000029300000003800002…
 *   hexdump -C                       00000000  d0 0d fe ed 00 00 29 30  00 00 00 38 …  |......)0...8..&L|
 *   od -A x -t x1z                   000000 d0 0d fe ed 00 00 29 30 00 00 00 38 … >......)0...8..&L<
 *   od -t x1                         0000000 d0 0d fe ed 00 00 29 30 00 00 00 38 00 00 26 4c
 *   hexdump, od -x (16-bit words in little-endian order)   0000000 0dd0 edfe 0000 3029 …
 *
 * `hexdump` and `od` print `*` for lines equal to the one before; the next offset says
 * how many. Offsets are hex (xxd, hexdump, od -A x), octal (od's default) or decimal
 * (od -A d): the radix is settled by the offsets themselves.
 */

export type BlobEncoding = 'base64' | 'xxd' | 'hexdump -C' | 'od' | 'hex words' | 'plain hex';

const B64_LINE = /^[A-Za-z0-9+/]+={0,2}$/;
const PLAIN_LINE = /^[0-9a-fA-F]+$/;
/** an offset, then byte groups and maybe an ASCII column */
const OFFSET_LINE = /^([0-9a-fA-F]{6,16})(:?)(.*)$/;

export function blobEncoding(line: string): BlobEncoding | null {
  const l = line.trim();
  if (/^0A3\+7Q/.test(l) && l.length >= 8 && B64_LINE.test(l)) return 'base64';
  if (/^0{6,16}: ?d00d ?feed/i.test(l)) return 'xxd';
  if (/^0{6,16}[ \t]+d0 0d fe ed\b/i.test(l)) return asciiColumn(l) || /^0{8}\s/.test(l) ? 'hexdump -C' : 'od';
  if (/^0{6,16}[ \t]+0dd0 edfe\b/i.test(l)) return 'hex words';
  if (/^d00dfeed/i.test(l) && PLAIN_LINE.test(l) && l.length >= 16) return 'plain hex';
  return null;
}

/** hexdump -C's `|......)0...8..&L|` at the end of the line (not /\|.*\|$/: quadratic on a line of `|`s) */
const asciiColumn = (l: string): boolean => l.endsWith('|') && l.indexOf('|') < l.length - 1;

/** the lines of one dump, decoded; `badLine` is the index of the first line that is not part of it */
export interface Decoded {
  bytes: Uint8Array;
  /** lines consumed (from the first) */
  used: number;
  /** a problem found inside the dump: the index of the line, or a size cap */
  broken?: { line: number } | { tooBig: number };
}

export const MAX_BLOB = 16 * 1024 * 1024;

/** a dump's lines, read as far as a decoder asks (an array, or lines read ahead lazily) */
export interface BlobLines extends Iterable<string> {
  at(i: number): string | undefined;
}

export function decodeBlobText(lines: BlobLines, enc: BlobEncoding): Decoded {
  if (enc === 'base64') return decodeBase64(lines);
  if (enc === 'plain hex') return decodePlain(lines);
  return decodeOffsets(lines, enc);
}

function decodeBase64(lines: BlobLines): Decoded {
  let s = '';
  let used = 0;
  // `base64` wraps every line at one width; the last line may be shorter, and ends the dump
  const width = (lines.at(0) ?? '').trim().length;
  for (const raw of lines) {
    const l = raw.trim();
    if (!B64_LINE.test(l) || l.length > width) break;
    s += l;
    used++;
    if (s.length > (MAX_BLOB / 3) * 4) return { bytes: new Uint8Array(0), used, broken: { tooBig: MAX_BLOB } };
    if (l.endsWith('=') || l.length < width) break;
  }
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let k = 0;
  for (let i = 0; i < clean.length; i++) {
    acc = (acc << 6) | B64.indexOf(clean.charAt(i));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[k++] = (acc >> bits) & 0xff;
      acc &= (1 << bits) - 1;
    }
  }
  return { bytes: out.subarray(0, k), used };
}
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodePlain(lines: BlobLines): Decoded {
  const parts: string[] = [];
  let used = 0;
  let n = 0;
  for (const raw of lines) {
    const l = raw.trim();
    if (!PLAIN_LINE.test(l) || l.length % 2 !== 0) break;
    parts.push(l);
    n += l.length / 2;
    used++;
    if (n > MAX_BLOB) return { bytes: new Uint8Array(0), used, broken: { tooBig: MAX_BLOB } };
  }
  const s = parts.join('');
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return { bytes: out, used };
}

/** xxd, hexdump -C, od, hexdump/od -x: an offset, then bytes (or little-endian 16-bit words) */
function decodeOffsets(lines: BlobLines, enc: BlobEncoding): Decoded {
  const out: number[] = [];
  let radices = enc === 'xxd' || enc === 'hexdump -C' ? [16] : [16, 8, 10];
  let prev: number[] = [];
  let star = false;
  let used = 0;
  for (let i = 0; lines.at(i) !== undefined; i++) {
    const l = (lines.at(i) ?? '').trim();
    if (l === '*') {
      if (star || prev.length === 0) return { bytes: Uint8Array.from(out), used, broken: { line: i } };
      star = true;
      used++;
      continue;
    }
    const r = OFFSET_LINE.exec(l);
    if (!r || r[1] === undefined) break;
    if ((r[2] === ':') !== (enc === 'xxd')) break;
    // the hex area ends where the ASCII column starts: two spaces (xxd), `|` (hexdump -C), `>` (od z)
    let area = r[3] ?? '';
    if (enc === 'xxd') area = area.replace(/^ /, '');
    const cut = enc === 'xxd' ? area.indexOf('  ') : enc === 'hexdump -C' ? area.indexOf('|') : area.indexOf('>');
    if (cut >= 0) area = area.slice(0, cut);
    if (area !== '' && !/^\s/.test(area) && enc !== 'xxd') break;
    const groups = area
      .trim()
      .split(/\s+/)
      .filter((g) => g !== '');
    if (!groups.every((g) => /^[0-9a-fA-F]+$/.test(g) && g.length % 2 === 0 && (enc !== 'hex words' || g.length === 4))) break;
    const off = r[1];
    const n = out.length;
    // the offset must be the count so far, or (after `*`) that plus whole repeats of the last line
    const fits = (rad: number) => {
      const v = Number.parseInt(off, rad);
      if (!Number.isFinite(v) || (rad === 8 && /[89a-f]/i.test(off)) || (rad === 10 && /[a-f]/i.test(off))) return false;
      if (!star) return v === n;
      return v >= n && (v - n) % prev.length === 0;
    };
    const keep = radices.filter(fits);
    if (keep.length === 0) return { bytes: Uint8Array.from(out), used, broken: { line: i } };
    radices = keep;
    const target = Number.parseInt(off, radices[0] ?? 16);
    if (target > MAX_BLOB) return { bytes: new Uint8Array(0), used, broken: { tooBig: MAX_BLOB } };
    if (star) {
      while (out.length < target) for (const x of prev) out.push(x);
      star = false;
    }
    const bytes: number[] = [];
    for (const g of groups) {
      const pair: number[] = [];
      for (let k = 0; k < g.length; k += 2) pair.push(Number.parseInt(g.slice(k, k + 2), 16));
      if (enc === 'hex words') pair.reverse();
      for (const x of pair) bytes.push(x);
    }
    used++;
    if (bytes.length === 0) break; // the closing offset line of hexdump and od
    for (const x of bytes) out.push(x);
    prev = bytes;
  }
  return { bytes: Uint8Array.from(out), used };
}
