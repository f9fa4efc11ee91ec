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
 * Addresses are 8 to 16 hex digits and exceed 2^53, so they are bigint; `end` is
 * exclusive. The path may hold spaces and end in ` (deleted)`.
 *
 * This is the hot path of a large capture: lines are scanned by index with charCodeAt,
 * no regex per line, no array of lines. `scanSmaps` reads both files; `./index.ts` and
 * `./rollup.ts` are the two formats.
 */
import type { Cursor } from '../../input/cursor';
import { m } from '../../messages/catalogue';
import type { ParseContext } from '../format';

export interface Mapping {
  start: bigint;
  end: bigint;
  perms: string;
  offset: bigint;
  dev: string;
  inode: number;
  path: string;
  /**
   * Android kernels print a named anonymous region's name on a `Name:` line after the
   * header (`Name:           [anon:dalvik-main space (region space)]`), where mainline
   * (5.17+) puts it in the header's path. The name, when given that way; `path` then
   * holds it too, so both kernels' mappings read alike.
   */
  name?: string;
  /** counters in KiB: Size, Rss, Pss, Shared_Clean, … (VmFlags excluded) */
  kib: Counts;
  vmFlags?: string;
  line: number;
}

/** a mapping's (or a rollup's) counters by name; a counter the kernel did not print is absent */
export interface Counts {
  [key: string]: number | undefined;
}

export interface SmapsData {
  mappings: Mapping[];
  /** the header was `[rollup]` */
  rollup: boolean;
}

const NO_UNIT = new Set(['THPeligible', 'ProtectionKey']);

// Counter names of fs/proc/task_mmu.c, interned: looked up by length and first letter and
// compared in place, so the hot loop allocates no string per line.
const KNOWN_KEYS = (
  'Size KernelPageSize MMUPageSize Rss Pss Pss_Dirty Pss_Anon Pss_File Pss_Shmem Shared_Clean Shared_Dirty ' +
  'Private_Clean Private_Dirty Referenced Anonymous KSM LazyFree AnonHugePages ShmemPmdMapped FilePmdMapped ' +
  'Shared_Hugetlb Private_Hugetlb Swap SwapPss Locked THPeligible ProtectionKey VmFlags'
).split(' ');
const BY_SHAPE = new Map<number, string[]>();
for (const k of KNOWN_KEYS) {
  const id = k.length * 128 + k.charCodeAt(0);
  BY_SHAPE.set(id, [...(BY_SHAPE.get(id) ?? []), k]);
}

/**
 * A mapping's counters with every kernel field declared up front (undefined = the
 * kernel did not print it). One fixed shape keeps V8 from turning ~25 computed-key
 * stores per mapping into a dictionary object — that was a third of the run time in GC.
 */
class Counters implements Counts {
  [key: string]: number | undefined;
  Size = undefined;
  KernelPageSize = undefined;
  MMUPageSize = undefined;
  Rss = undefined;
  Pss = undefined;
  Pss_Dirty = undefined;
  Pss_Anon = undefined;
  Pss_File = undefined;
  Pss_Shmem = undefined;
  Shared_Clean = undefined;
  Shared_Dirty = undefined;
  Private_Clean = undefined;
  Private_Dirty = undefined;
  Referenced = undefined;
  Anonymous = undefined;
  KSM = undefined;
  LazyFree = undefined;
  AnonHugePages = undefined;
  ShmemPmdMapped = undefined;
  FilePmdMapped = undefined;
  Shared_Hugetlb = undefined;
  Private_Hugetlb = undefined;
  Swap = undefined;
  SwapPss = undefined;
  Locked = undefined;
  THPeligible = undefined;
  ProtectionKey = undefined;
}
/**
 * Paths and VmFlags repeat across mappings and processes. A slice of the input would keep
 * the whole input string alive (V8 sliced strings), so each distinct value is stored once
 * as a flat copy and the input text can be freed after parsing.
 */
const interned = new Map<string, string>();
function intern(s: string): string {
  const hit = interned.get(s);
  if (hit !== undefined) return hit;
  if (interned.size > 200_000) interned.clear();
  const flat = `${s}\0`.slice(0, -1); // flattening the concatenation copies the characters
  interned.set(flat, flat);
  return flat;
}

function keyAt(t: string, ls: number, colon: number): string {
  const cands = BY_SHAPE.get((colon - ls) * 128 + t.charCodeAt(ls));
  if (cands) for (const k of cands) if (t.startsWith(k, ls)) return k;
  return t.slice(ls, colon);
}

function hexVal(c: number): number {
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

function skipSpaces(t: string, i: number, end: number): number {
  while (i < end) {
    const c = t.charCodeAt(i);
    if (c !== 32 && c !== 9) break;
    i++;
  }
  return i;
}

/** Parses a mapping header line in t[ls, le); null when the line is not one. */
function parseHeader(t: string, ls: number, le: number, line: number): Mapping | null {
  const a = hexRun(t, ls, le);
  if (a - ls < 8 || a - ls > 16 || t.charCodeAt(a) !== 45 /* - */) return null;
  const b = hexRun(t, a + 1, le);
  if (b - a - 1 < 8 || b - a - 1 > 16 || t.charCodeAt(b) !== 32) return null;
  const p = b + 1;
  if (p + 4 > le || t.charCodeAt(p + 4) !== 32) return null;
  const perms = t.slice(p, p + 4);
  const o = hexRun(t, p + 5, le);
  if (o === p + 5 || t.charCodeAt(o) !== 32) return null;
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
  if (i === i0) return null;
  if (i < le && t.charCodeAt(i) !== 32 && t.charCodeAt(i) !== 9) return null;
  const ps = skipSpaces(t, i, le);
  let pe = le;
  while (pe > ps && (t.charCodeAt(pe - 1) === 32 || t.charCodeAt(pe - 1) === 9)) pe--;
  return {
    start: BigInt(`0x${t.slice(ls, a)}`),
    end: BigInt(`0x${t.slice(a + 1, b)}`),
    perms,
    offset: BigInt(`0x${t.slice(p + 5, o)}`),
    dev: t.slice(o + 1, d2),
    inode,
    path: intern(t.slice(ps, pe)),
    kib: new Counters(),
    line,
  };
}

/** how far a line may be indented and still be read */
const INDENT = 8;

function hasCounters(map: Mapping): boolean {
  return map.kib.Size !== undefined || map.kib.Rss !== undefined || map.vmFlags !== undefined;
}

enum Kv {
  Ok = 0,
  NotKv = 1,
  NoUnit = 2,
}

/** the path of a mapping header line, or null when the line is not one */
export function headerPath(line: string): string | null {
  const ls = skipSpaces(line, 0, Math.min(line.length, INDENT));
  return parseHeader(line, ls, line.length, 0)?.path ?? null;
}

/**
 * Reads mappings and their counters from the cursor. `rollup`: the text starts with a
 * `[rollup]` header and ends at the next header; otherwise a `[rollup]` header ends it.
 */
export function scanSmaps(cur: Cursor, ctx: ParseContext, rollup: boolean): SmapsData {
  const t = cur.text;
  const mappings: Mapping[] = [];
  let map: Mapping | null = null;
  for (; !cur.done; cur.advance()) {
    const le = cur.le;
    // a paste indented by a few spaces or a tab reads as the kernel printed it
    const ls = skipSpaces(t, cur.ls, Math.min(le, cur.ls + INDENT));
    if (ls === le) continue;
    const c0 = t.charCodeAt(ls);
    // counter lines: `Key:   N kB` — the bulk of the input
    if (c0 >= 65 && c0 <= 90) {
      const colon = t.indexOf(':', ls);
      if (colon > ls && colon < le) {
        const key = keyAt(t, ls, colon);
        // Android's `Name:` line of a named region: part of the mapping above — right after
        // its header in later trees, after its VmFlags in the first patch (always `[anon:…]` then)
        const nameValue = key === 'Name' && map !== null ? t.slice(colon + 1, le).trim() : '';
        if (map !== null && key === 'Name' && (!hasCounters(map) || /^\[anon(?:_shmem)?:/.test(nameValue))) {
          const name = intern(nameValue);
          map.name = name;
          if (map.path === '') map.path = name;
          continue;
        }
        if (key === 'VmFlags') {
          if (map) map.vmFlags = intern(t.slice(colon + 1, le).trim());
          else ctx.diag.unknown(cur.line, cur.str, m('smaps.vmflags-first'));
          continue;
        }
        let i = skipSpaces(t, colon + 1, le);
        const ds = i;
        let v = 0;
        for (; i < le; i++) {
          const c = t.charCodeAt(i);
          if (c < 48 || c > 57) break;
          v = v * 10 + (c - 48);
        }
        let state: Kv = Kv.NotKv;
        if (i > ds) {
          const j = skipSpaces(t, i, le);
          if (j === le) state = NO_UNIT.has(key) ? Kv.Ok : Kv.NoUnit;
          else if (t.charCodeAt(j) === 107 && t.charCodeAt(j + 1) === 66 && skipSpaces(t, j + 2, le) === le) state = Kv.Ok; // "kB"
        }
        if (state === Kv.Ok && key !== 'MemTotal' && key !== 'Name') {
          if (map === null) ctx.diag.unknown(cur.line, cur.str, m('smaps.counter-first', { key }));
          else if (map.kib[key] !== undefined) {
            ctx.diag.unknown(cur.line, cur.str, m('smaps.counter-twice', { key }));
          } else map.kib[key] = v;
          continue;
        }
        if (state === Kv.NoUnit) {
          ctx.diag.unknown(cur.line, cur.str, m('smaps.no-unit', { key }));
          continue;
        }
      }
    } else if (hexVal(c0) >= 0) {
      const h = parseHeader(t, ls, le, cur.line);
      if (h) {
        // a rollup holds one header; a rollup after full smaps is its own input
        if (rollup ? mappings.length > 0 : h.path === '[rollup]') break;
        map = h;
        mappings.push(h);
        continue;
      }
    } else if (cur.blank) continue;
    const line = cur.str;
    if (ctx.isBoundary(line)) break;
    ctx.diag.unknown(cur.line, line);
  }
  const last = mappings[mappings.length - 1];
  if (last && last.kib.Rss === undefined && !rollup) ctx.diag.add(last.line, 'warning', m('smaps.cut-off'));
  return { mappings, rollup };
}
