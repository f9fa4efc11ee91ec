/**
 * base64 and base64url, strict: a character outside the alphabet is an error, not
 * skipped (a link from someone else is untrusted). Node 20 and older browsers have no
 * Uint8Array.toBase64, and `btoa` needs a binary string as long as the data.
 */
const STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function encode(b: Uint8Array, abc: string, pad: boolean): string {
  const out: string[] = [];
  let chunk = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = ((b[i] ?? 0) << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    const left = b.length - i;
    chunk += abc[(n >> 18) & 63];
    chunk += abc[(n >> 12) & 63];
    chunk += left > 1 ? abc[(n >> 6) & 63] : pad ? '=' : '';
    chunk += left > 2 ? abc[n & 63] : pad ? '=' : '';
    if (chunk.length >= 8192) {
      out.push(chunk);
      chunk = '';
    }
  }
  out.push(chunk);
  return out.join('');
}

const tables = new Map<string, Int16Array>();
function table(abc: string): Int16Array {
  let t = tables.get(abc);
  if (!t) {
    t = new Int16Array(128).fill(-1);
    for (let i = 0; i < 64; i++) t[abc.charCodeAt(i)] = i;
    tables.set(abc, t);
  }
  return t;
}

/** the bytes, or null when a character is not of the alphabet or the length is impossible */
function decode(s: string, abc: string): Uint8Array | null {
  let end = s.length;
  while (end > 0 && s[end - 1] === '=') end--;
  if (s.length - end > 2 || end % 4 === 1) return null;
  const t = table(abc);
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let o = 0;
  for (let i = 0; i < end; i += 4) {
    let n = 0;
    const k = Math.min(4, end - i);
    for (let j = 0; j < 4; j++) {
      const c = j < k ? s.charCodeAt(i + j) : 65;
      const v = c < 128 ? (t[c] ?? -1) : -1;
      if (v < 0) return null;
      n = (n << 6) | (j < k ? v : 0);
    }
    out[o++] = (n >> 16) & 255;
    if (k > 2) out[o++] = (n >> 8) & 255;
    if (k > 3) out[o++] = n & 255;
  }
  return out;
}

export const toBase64 = (b: Uint8Array): string => encode(b, STD, true);
export const fromBase64 = (s: string): Uint8Array | null => decode(s.replace(/\s+/g, ''), STD);
export const toBase64Url = (b: Uint8Array): string => encode(b, URL, false);
export const fromBase64Url = (s: string): Uint8Array | null => decode(s, URL);
