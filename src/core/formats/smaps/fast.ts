/**
 * smaps read straight from bytes, for the text the kernel prints and nothing else: every
 * line a mapping header, a known counter (`Key:<spaces>N kB`, once per mapping), a
 * `VmFlags:` line or blank. A large capture is almost all such text, and reading it
 * without decoding it to a string costs a fraction of the general reader (./scan.ts).
 *
 * At the first line that is anything else — a carriage return, an indent, an Android
 * `Name:` line, an unknown counter, a prompt, another file, a cut-off last mapping — this
 * reader gives up (null) and the caller hands the text to the general reader, which
 * reads or reports every line. Both fill the same table, so what comes out is the same
 * whichever read it.
 */
import type { SmapsData } from './scan';
import { checkRow, hexVal, Impossible, MAX_DIGITS } from './scan';
import { C, COUNTERS, MappingTable } from './table';

const KEYS = COUNTERS.map((k) => Uint8Array.from(k, (c) => c.charCodeAt(0)));
const VMFLAGS = Uint8Array.from('VmFlags', (c) => c.charCodeAt(0));
const HEADER = COUNTERS.length;
const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * The strings of a capture's headers and VmFlags repeat (a library's path, `r-xp`, `fe:00`):
 * each distinct one is made once, found again by a hash of its bytes and compared in place.
 */
export class ByteStrings {
  private readonly map = new Map<number, string>();

  get(b: Uint8Array, s: number, e: number): string {
    // a long one (a path of 300,000 characters) is not cached, nor made from an argument list
    if (e - s > 1024) return utf8.decode(b.subarray(s, e));
    let h = (e - s) | 0;
    let ascii = true;
    for (let i = s; i < e; i++) {
      const c = b[i] ?? 0;
      if (c >= 128) ascii = false;
      h = (Math.imul(h, 31) + c) | 0;
    }
    if (!ascii) return utf8.decode(b.subarray(s, e));
    const hit = this.map.get(h);
    if (hit !== undefined && hit.length === e - s) {
      let i = 0;
      while (i < hit.length && hit.charCodeAt(i) === b[s + i]) i++;
      if (i === hit.length) return hit;
    }
    const str = String.fromCharCode.apply(null, b.subarray(s, e) as unknown as number[]);
    if (this.map.size >= 100_000) this.map.clear();
    this.map.set(h, str);
    return str;
  }
}

/** shared by every file read: the paths of one process's libraries are those of the next */
const SHARED = new ByteStrings();

/** the counter whose `Key:` starts b at ls, or -1 */
function keyAt(b: Uint8Array, ls: number, le: number, guess: number): number {
  if (guess >= 0 && startsWith(b, ls, le, KEYS[guess] as Uint8Array)) return guess;
  for (let k = 0; k < KEYS.length; k++) if (k !== guess && startsWith(b, ls, le, KEYS[k] as Uint8Array)) return k;
  return -1;
}

/** does b[ls, le) start with `key:` */
function startsWith(b: Uint8Array, ls: number, le: number, key: Uint8Array): boolean {
  const n = key.length;
  if (le - ls <= n || b[ls + n] !== 58) return false;
  for (let i = 0; i < n; i++) if (b[ls + i] !== key[i]) return false;
  return true;
}

/** the value of a counter line whose key (n bytes and the colon) starts at ls; -1 when it is not exactly `N kB` */
function value(b: Uint8Array, ls: number, le: number, n: number, unit: boolean): number {
  let e = le;
  if (unit) {
    if (b[le - 1] !== 66 || b[le - 2] !== 107 || b[le - 3] !== 32) return -1; // " kB"
    e = le - 3;
  }
  let ds = e;
  let v = 0;
  let mul = 1;
  while (ds > ls + n + 1) {
    const c = b[ds - 1] ?? 0;
    if (c < 48 || c > 57) break;
    v += (c - 48) * mul;
    mul *= 10;
    ds--;
  }
  if (ds === e || e - ds > MAX_DIGITS) return -1;
  for (let i = ls + n + 1; i < ds; i++) if (b[i] !== 32) return -1;
  return v;
}

/** a run of hex digits from i: its end (i when none) */
function hexRun(b: Uint8Array, i: number, end: number): number {
  while (i < end && hexVal(b[i] ?? 0) >= 0) i++;
  return i;
}

function hex32(b: Uint8Array, s: number, e: number): number {
  let v = 0;
  for (let i = s; i < e; i++) v = v * 16 + hexVal(b[i] ?? 0);
  return v;
}

const hex64 = (b: Uint8Array, s: number, e: number): [number, number] => {
  const mid = Math.max(s, e - 8);
  return [hex32(b, s, mid), hex32(b, mid, e)];
};

/** reads a header line into the table; false when the line is not one as the kernel prints it */
function header(b: Uint8Array, ls: number, le: number, line: number, t: MappingTable, strs: ByteStrings): boolean {
  const a = hexRun(b, ls, le);
  if (a - ls < 8 || a - ls > 16 || b[a] !== 45) return false;
  const e = hexRun(b, a + 1, le);
  if (e - a - 1 < 8 || e - a - 1 > 16 || b[e] !== 32) return false;
  const p = e + 1;
  if (p + 4 >= le || b[p + 4] !== 32) return false;
  // four permission characters, as the text reader counts them (one byte each)
  for (let k = p; k < p + 4; k++) if ((b[k] ?? 0) >= 0x80) return false;
  const o = hexRun(b, p + 5, le);
  if (o === p + 5 || o - p - 5 > 16 || b[o] !== 32) return false;
  const d1 = hexRun(b, o + 1, le);
  if (d1 === o + 1 || b[d1] !== 58) return false;
  const d2 = hexRun(b, d1 + 1, le);
  if (d2 === d1 + 1 || b[d2] !== 32) return false;
  let i = d2 + 1;
  let inode = 0;
  for (; i < le; i++) {
    const c = b[i] ?? 0;
    if (c < 48 || c > 57) break;
    inode = inode * 10 + (c - 48);
  }
  if (i === d2 + 1 || i - d2 - 1 > 20 || (i < le && b[i] !== 32)) return false;
  while (i < le && b[i] === 32) i++;
  let pe = le;
  while (pe > i && b[pe - 1] === 32) pe--;
  // tabs around the path are the text reader's to trim
  if (b[i] === 9 || b[pe - 1] === 9) return false;
  const path = strs.get(b, i, pe);
  if (path === '[rollup]') return false;
  t.add(hex64(b, ls, a), hex64(b, a + 1, e), hex64(b, p + 5, o), strs.get(b, p, p + 4), strs.get(b, o + 1, d2), inode, path, line);
  return true;
}

export interface FastSmaps {
  data: SmapsData;
  /** values no kernel prints, to be said */
  bad: Impossible;
  /** the line of the first mapping header */
  firstLine: number;
  /** lines in b[start, end) */
  lines: number;
}

/**
 * Reads b[start, end) as one process's smaps as the kernel prints it, its first line
 * numbered `line`; null when any line is something else.
 */
export function scanSmapsBytes(b: Uint8Array, start: number, end: number, line: number, strs = SHARED): FastSmaps | null {
  const t = new MappingTable();
  const after = new Int8Array(HEADER + 1).fill(-1);
  const bad = new Impossible();
  let prev: number = HEADER;
  let row = -1;
  let first = 0;
  let n = line;
  for (let ls = start; ls < end; n++) {
    let le = b.indexOf(10, ls);
    if (le < 0 || le >= end) le = end;
    const next = le + 1;
    if (le > ls && b[le - 1] === 13) return null;
    if (le > ls) {
      const c0 = b[ls] ?? 0;
      if (c0 >= 65 && c0 <= 90) {
        if (row < 0) return null;
        if (startsWith(b, ls, le, VMFLAGS)) {
          let s = ls + 8;
          while (s < le && b[s] === 32) s++;
          let e = le;
          while (e > s && b[e - 1] === 32) e--;
          // two-letter codes and spaces, as the kernel prints them; anything else is the text reader's
          for (let k = s; k < e; k++) {
            const c = b[k] ?? 0;
            if (c !== 32 && !(c >= 97 && c <= 122) && !(c >= 48 && c <= 57)) return null;
          }
          t.setVmFlags(row, strs.get(b, s, e));
        } else {
          const k = keyAt(b, ls, le, after[prev] ?? -1);
          if (k < 0 || t.has(row, k)) return null;
          const v = value(b, ls, le, (KEYS[k] as Uint8Array).length, k !== C.THPeligible && k !== C.ProtectionKey);
          if (v < 0) return null;
          t.setCounter(row, k, v);
          after[prev] = k;
          prev = k;
        }
      } else {
        if (row >= 0) checkRow(t, row, bad);
        if (!header(b, ls, le, n, t, strs)) return null;
        if (row < 0) first = n;
        row = t.length - 1;
        prev = HEADER;
      }
    }
    ls = next;
  }
  // a cut-off last mapping is said by the general reader
  if (row < 0 || !t.has(row, C.Rss)) return null;
  checkRow(t, row, bad);
  const lines = end > start ? n - line : 0;
  return { data: { mappings: t.seal(), rollup: false }, bad, firstLine: first, lines };
}
