/**
 * /proc/<pid>/smaps and smaps_rollup — `show_smap()` / `show_smaps_rollup()` in the
 * kernel's fs/proc/task_mmu.c:
 *
 *   7fdac9a000-7fdacda000 rw-p 00000000 00:00 0                              [stack]
 *   Size:                256 kB
 *   Rss:                 256 kB
 *   Pss:                 256 kB
 *   …
 *   THPeligible:            0
 *   VmFlags: rd wr mr mw me gd ac
 *
 *   ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]
 *   00400000-7ffd6d3f4000 ---p 00000000 00:00 0                              [rollup]
 *
 * Addresses are 8 to 16 hex digits and exceed 2^53: they are read as two 32-bit halves
 * and given out as bigint; `end` is exclusive. The path may hold spaces and end in
 * ` (deleted)`.
 *
 * This is the hot path of a large capture: lines are scanned by index with charCodeAt,
 * no regex per line, no array of lines, no string per counter line; the mappings go into
 * columns (./table.ts). `scanSmaps` reads both files; `./index.ts` and `./rollup.ts` are
 * the two formats.
 */
import type { Cursor } from '../../input/cursor';
import { m } from '../../messages/catalogue';
import type { ParseContext } from '../format';
import { C, COUNTERS, MappingTable } from './table';

export type { Counts, Mapping } from './table';
export { MappingTable } from './table';

export interface SmapsData {
  mappings: MappingTable;
  /** the header was `[rollup]` */
  rollup: boolean;
}

/** `Name:` (Android) and `VmFlags:` are not counters */
const NAME = -2;
const VMFLAGS = -3;
const OTHER = -1;

// Counter names looked up by length and first letter and compared in place, so the hot
// loop allocates no string per line.
const BY_SHAPE = new Map<number, [string, number][]>();
for (const [k, id] of [
  ...COUNTERS.map((k, i) => [k, i] as [string, number]),
  ['Name', NAME] as [string, number],
  ['VmFlags', VMFLAGS] as [string, number],
]) {
  const shape = k.length * 128 + k.charCodeAt(0);
  BY_SHAPE.set(shape, [...(BY_SHAPE.get(shape) ?? []), [k, id]]);
}

/** the counter of the key in t[ls, colon): its column, NAME, VMFLAGS or OTHER */
function keyAt(t: string, ls: number, colon: number): number {
  const cands = BY_SHAPE.get((colon - ls) * 128 + t.charCodeAt(ls));
  if (cands)
    for (let c = 0; c < cands.length; c++) {
      const [k, id] = cands[c] as [string, number];
      let i = 1;
      while (i < k.length && t.charCodeAt(ls + i) === k.charCodeAt(i)) i++;
      if (i === k.length) return id;
    }
  return OTHER;
}

/** the value of a hex digit's character code, -1 when it is none */
export function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** index just past a run of hex digits starting at i (i when none) */
function hexRun(t: string, i: number, end: number): number {
  while (i < end && hexVal(t.charCodeAt(i)) >= 0) i++;
  return i;
}

/** the value of hex digits t[s, e) (at most 8) */
function hex32(t: string, s: number, e: number): number {
  let v = 0;
  for (let i = s; i < e; i++) v = v * 16 + hexVal(t.charCodeAt(i));
  return v;
}

/** hex digits t[s, e) (at most 16) as 32-bit halves */
function hex64(t: string, s: number, e: number): [number, number] {
  const mid = Math.max(s, e - 8);
  return [hex32(t, s, mid), hex32(t, mid, e)];
}

function skipSpaces(t: string, i: number, end: number): number {
  while (i < end) {
    const c = t.charCodeAt(i);
    if (c !== 32 && c !== 9) break;
    i++;
  }
  return i;
}

/**
 * A slice of the input keeps the whole input alive (V8 sliced strings): what the table
 * keeps is copied once per distinct value.
 */
const owned = new Map<string, string>();
function own(s: string): string {
  const hit = owned.get(s);
  if (hit !== undefined) return hit;
  if (owned.size >= 100_000) owned.clear();
  const copy = `${s}\0`.slice(0, -1); // flattening the concatenation copies the characters
  owned.set(copy, copy);
  return copy;
}

/** the last header read, reused so a header line allocates only its strings */
const hdr = {
  start: [0, 0] as [number, number],
  end: [0, 0] as [number, number],
  offset: [0, 0] as [number, number],
  perms: '',
  dev: '',
  inode: 0,
};

/** Reads a mapping header line in t[ls, le) into `hdr`; its path, or null when the line is not a header. */
function parseHeader(t: string, ls: number, le: number): string | null {
  const a = hexRun(t, ls, le);
  if (a - ls < 8 || a - ls > 16 || t.charCodeAt(a) !== 45 /* - */) return null;
  const b = hexRun(t, a + 1, le);
  if (b - a - 1 < 8 || b - a - 1 > 16 || t.charCodeAt(b) !== 32) return null;
  const p = b + 1;
  if (p + 4 > le || t.charCodeAt(p + 4) !== 32) return null;
  const o = hexRun(t, p + 5, le);
  if (o === p + 5 || o - p - 5 > 16 || t.charCodeAt(o) !== 32) return null;
  // device: major:minor in hex
  const d1 = hexRun(t, o + 1, le);
  if (d1 === o + 1 || t.charCodeAt(d1) !== 58 /* : */) return null;
  const d2 = hexRun(t, d1 + 1, le);
  if (d2 === d1 + 1 || t.charCodeAt(d2) !== 32) return null;
  let i = d2 + 1;
  let inode = 0;
  const i0 = i;
  for (; i < le; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) break;
    inode = inode * 10 + (c - 48);
  }
  if (i === i0 || i - i0 > 20) return null;
  if (i < le && t.charCodeAt(i) !== 32 && t.charCodeAt(i) !== 9) return null;
  const ps = skipSpaces(t, i, le);
  let pe = le;
  while (pe > ps && (t.charCodeAt(pe - 1) === 32 || t.charCodeAt(pe - 1) === 9)) pe--;
  hdr.start = hex64(t, ls, a);
  hdr.end = hex64(t, a + 1, b);
  hdr.offset = hex64(t, p + 5, o);
  hdr.perms = own(t.slice(p, p + 4));
  hdr.dev = own(t.slice(o + 1, d2));
  hdr.inode = inode;
  return own(t.slice(ps, pe));
}

/** how far a line may be indented and still be read */
const INDENT = 8;

enum Kv {
  Ok = 0,
  NotKv = 1,
  NoUnit = 2,
  TooLarge = 3,
}

const isSpace = (c: number) => c === 32 || c === 9;
/** runs of spaces, to compare a line's padding in one call */
const SPACES = Array.from({ length: 65 }, (_, n) => ' '.repeat(n));

/** the value `kv` read */
let kvValue = 0;

/**
 * Reads `Key:   N kB` after the colon at t[colon]: the state, and the value in `kvValue`.
 * The line is read from its end (unit, digits) so the kernel's padding between the key
 * and the value — half of every counter line — is compared in one call, not char by char.
 */
function kv(t: string, colon: number, le: number, noUnit: boolean): Kv {
  let e = le;
  while (e > colon + 1 && isSpace(t.charCodeAt(e - 1))) e--;
  const unit = e - 2 > colon && t.charCodeAt(e - 1) === 66 && t.charCodeAt(e - 2) === 107; // "kB"
  if (unit) {
    e -= 2;
    while (e > colon + 1 && isSpace(t.charCodeAt(e - 1))) e--;
  }
  let ds = e;
  while (ds > colon + 1) {
    const c = t.charCodeAt(ds - 1);
    if (c < 48 || c > 57) break;
    ds--;
  }
  if (ds === e) return Kv.NotKv;
  const pad = ds - colon - 1;
  if (!(pad < SPACES.length && t.startsWith(SPACES[pad] as string, colon + 1)))
    for (let i = colon + 1; i < ds; i++) if (!isSpace(t.charCodeAt(i))) return Kv.NotKv;
  if (!unit && !noUnit) return Kv.NoUnit;
  if (e - ds > MAX_DIGITS) return Kv.TooLarge;
  let v = 0;
  for (let i = ds; i < e; i++) v = v * 10 + (t.charCodeAt(i) - 48);
  kvValue = v;
  return Kv.Ok;
}

/**
 * The fast path of a counter line: is t[ls, le) exactly `Key:<spaces>N kB` (or `N` for
 * the counters without a unit) for this counter? The value goes to `kvValue`. Anything
 * else — another key, tabs, a value too long — is left to the general reading.
 */
function counterLine(t: string, ls: number, le: number, key: number): boolean {
  const k = COUNTERS[key] as string;
  const n = k.length;
  if (le - ls < n + 2) return false;
  for (let i = 0; i < n; i++) if (t.charCodeAt(ls + i) !== k.charCodeAt(i)) return false;
  if (t.charCodeAt(ls + n) !== 58 /* : */) return false;
  let e = le;
  if (key !== C.THPeligible && key !== C.ProtectionKey) {
    if (t.charCodeAt(le - 1) !== 66 || t.charCodeAt(le - 2) !== 107 || t.charCodeAt(le - 3) !== 32) return false; // " kB"
    e = le - 3;
  }
  let ds = e;
  let v = 0;
  let mul = 1;
  while (ds > ls + n + 1) {
    const c = t.charCodeAt(ds - 1);
    if (c < 48 || c > 57) break;
    v += (c - 48) * mul;
    mul *= 10;
    ds--;
  }
  if (ds === e || e - ds > MAX_DIGITS) return false;
  for (let i = ls + n + 1; i < ds; i++) if (t.charCodeAt(i) !== 32) return false;
  kvValue = v;
  return true;
}

/** the path of a mapping header line, or null when the line is not one */
export function headerPath(line: string): string | null {
  const ls = skipSpaces(line, 0, Math.min(line.length, INDENT));
  return parseHeader(line, ls, line.length);
}

/** more digits than this and a KiB value would pass 2^53 (8 EiB): not a value a kernel prints */
export const MAX_DIGITS = 15;

/**
 * Values no kernel prints, counted over one text and said once each with the first line
 * (a damaged file can have them on every mapping).
 */
export class Impossible {
  private readonly seen = new Map<'reversed' | 'rss-over-size' | 'no-pss', { first: number; count: number }>();
  add(kind: 'reversed' | 'rss-over-size' | 'no-pss', line: number): void {
    const s = this.seen.get(kind);
    if (s) s.count++;
    else this.seen.set(kind, { first: line, count: 1 });
  }
  report(ctx: Pick<ParseContext, 'diag'>): void {
    for (const [kind, { first, count }] of this.seen)
      ctx.diag.add(first, kind === 'no-pss' ? 'warning' : 'error', m(`smaps.${kind}`, { count }));
  }
}

/** what a finished mapping must hold: end ≥ start, Rss ≤ Size, a Pss whenever there is an Rss */
export function checkRow(t: MappingTable, row: number, bad: Impossible): void {
  const line = t.line(row);
  if (t.reversed(row)) bad.add('reversed', line);
  const rss = t.counter(row, C.Rss);
  const size = t.counter(row, C.Size);
  if (rss !== undefined && size !== undefined && rss > size) bad.add('rss-over-size', line);
  if (rss !== undefined && !t.has(row, C.Pss)) bad.add('no-pss', line);
}

/**
 * Reads mappings and their counters from the cursor. `rollup`: the text starts with a
 * `[rollup]` header and ends at the next header; otherwise a `[rollup]` header ends it.
 */
export function scanSmaps(cur: Cursor, ctx: ParseContext, rollup: boolean): SmapsData {
  const t = cur.text;
  const table = new MappingTable();
  const bad = new Impossible();
  let row = -1;
  // the kernel prints the counters in one order: the key after each key, as last seen
  const after = new Int8Array(COUNTERS.length + 1).fill(-1);
  const HEADER = COUNTERS.length;
  let prev: number = HEADER;
  for (; !cur.done; cur.advance()) {
    const le = cur.le;
    // a paste indented by a few spaces or a tab reads as the kernel printed it
    const ls = skipSpaces(t, cur.ls, Math.min(le, cur.ls + INDENT));
    if (ls === le) continue;
    const c0 = t.charCodeAt(ls);
    // counter lines: `Key:   N kB` — the bulk of the input
    if (c0 >= 65 && c0 <= 90) {
      if (row >= 0) {
        const guess = after[prev] ?? -1;
        if (guess >= 0 && counterLine(t, ls, le, guess) && !table.has(row, guess)) {
          table.setCounter(row, guess, kvValue);
          prev = guess;
          continue;
        }
      }
      const colon = t.indexOf(':', ls);
      if (colon > ls && colon < le) {
        const key = keyAt(t, ls, colon);
        if (key === NAME && row >= 0) {
          // Android's `Name:` line of a named region: part of the mapping above — right after
          // its header in later trees, after its VmFlags in the first patch (always `[anon:…]` then)
          const nameValue = t.slice(colon + 1, le).trim();
          if (!table.hasCounters(row) || /^\[anon(?:_shmem)?:/.test(nameValue)) {
            table.setName(row, own(nameValue));
            continue;
          }
        }
        if (key === VMFLAGS) {
          if (row >= 0) table.setVmFlags(row, own(t.slice(colon + 1, le).trim()));
          else ctx.diag.unknown(cur.line, cur.str, m('smaps.vmflags-first'));
          continue;
        }
        const state = kv(t, colon, le, key === C.THPeligible || key === C.ProtectionKey);
        const v = kvValue;
        const name = key === OTHER ? t.slice(ls, colon) : (COUNTERS[key] ?? '');
        // `MemTotal:` starts /proc/meminfo, pasted after the smaps without a header
        if (state !== Kv.NotKv && key !== NAME && name !== 'MemTotal') {
          if (state === Kv.TooLarge) ctx.diag.unknown(cur.line, cur.str, m('smaps.too-large', { key: name }));
          else if (state === Kv.NoUnit) ctx.diag.unknown(cur.line, cur.str, m('smaps.no-unit', { key: name }));
          else if (row < 0) ctx.diag.unknown(cur.line, cur.str, m('smaps.counter-first', { key: name }));
          else if (key === OTHER ? !table.setExtra(row, name, v) : table.has(row, key)) {
            ctx.diag.unknown(cur.line, cur.str, m('smaps.counter-twice', { key: name }));
          } else if (key !== OTHER) {
            table.setCounter(row, key, v);
            after[prev] = key;
            prev = key;
          }
          continue;
        }
      }
    } else if (hexVal(c0) >= 0) {
      const path = parseHeader(t, ls, le);
      if (path !== null) {
        // a rollup holds one header; a rollup after full smaps is its own input
        if (rollup ? row >= 0 : path === '[rollup]') break;
        if (row >= 0) checkRow(table, row, bad);
        row = table.add(hdr.start, hdr.end, hdr.offset, hdr.perms, hdr.dev, hdr.inode, path, cur.line);
        prev = HEADER;
        continue;
      }
    } else if (cur.blank) continue;
    const line = cur.str;
    if (ctx.isBoundary(line)) break;
    ctx.diag.unknown(cur.line, line);
  }
  if (row >= 0) {
    checkRow(table, row, bad);
    if (!table.has(row, C.Rss) && !rollup) ctx.diag.add(table.line(row), 'warning', m('smaps.cut-off'));
  }
  bad.report(ctx);
  return { mappings: table.seal(), rollup };
}
