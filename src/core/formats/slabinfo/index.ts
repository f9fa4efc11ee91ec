/**
 * /proc/slabinfo — printed by mm/slab_common.c (`print_slabinfo_header`, `cache_show`;
 * before 3.8 by mm/slab.c and mm/slub.c themselves), one line per cache:
 *
 *   slabinfo - version: 2.1
 *   # name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>
 *   kmalloc-64         19875  19908     64   63    1 : tunables  120   60    8 : slabdata    316    316      0
 *
 * Accepted: versions 2.0 (2.6.0–2.6.9, same columns) and 2.1, with or without
 * `(statistics)` (CONFIG_DEBUG_SLAB adds `: globalstat …` and `: cpustat …` after the
 * slabdata, read past). SLAB prints its tunables; SLUB prints `tunables 0 0 0` and
 * `sharedavail 0` (mm/slub.c `get_slabinfo`), which tells the two apart. Version 1.x
 * (2.4 kernels, other columns) is said and not read. A cache line cut off before its
 * slabdata is said, never guessed. The file is mode 0400: a non-root reader gets nothing.
 */
import { m } from '../../messages/catalogue';
import { exactInt } from '../../units';
import { defineFormat } from '../format';

export interface SlabCache {
  name: string;
  activeObjs: number;
  numObjs: number;
  /** bytes of one object as the cache was created (SLUB: object_size, without debug padding) */
  objSize: number;
  objPerSlab: number;
  pagesPerSlab: number;
  /** SLAB's tunables; 0 0 0 on SLUB */
  limit: number;
  batchcount: number;
  sharedFactor: number;
  activeSlabs: number;
  numSlabs: number;
  sharedAvail: number;
  line: number;
}

export type SlabAllocator = 'slab' | 'slub' | 'unknown';

export interface Slabinfo {
  /** `2.1`, `2.0`, or null when the header was not in the paste */
  version: string | null;
  statistics: boolean;
  caches: SlabCache[];
}

const VERSION = /^slabinfo - version: (\d+\.\d+)( \(statistics\))?\s*$/;
const HEADER = /^# name\b/;
/**
 * A cache line after its name and five counts (split at the first `:`): the tunables, the
 * slabdata and whatever follows (statistics). Runs of spaces and of digits cannot overlap,
 * so a long line is matched in one pass.
 */
const TAIL = /^\s*tunables\s+(\d+)\s+(\d+)\s+(\d+)\s*:\s*slabdata\s+(\d+)\s+(\d+)\s+(\d+)(?:\s+(.*))?$/;
const DIGITS = /^\d+$/;

/** name (may hold spaces), five counts, six tunables and slabdata counts, and the rest; null when not a cache line */
function splitCache(line: string): { name: string; counts: string[]; rest: string } | null {
  const colon = line.indexOf(':');
  if (colon < 0 || /^\s/.test(line)) return null;
  const t = TAIL.exec(line.slice(colon + 1));
  if (!t) return null;
  const head = line.slice(0, colon).trim().split(/\s+/);
  if (head.length < 6) return null;
  const counts = head.slice(-5);
  if (!counts.every((c) => DIGITS.test(c))) return null;
  return { name: head.slice(0, -5).join(' '), counts: [...counts, ...t.slice(1, 7).map((x) => x ?? '')], rest: (t[7] ?? '').trim() };
}

/** the start of a cache line: a name and counts, but no slabdata (cut off) */
const CUT = /^\S+\s+\d+\s+\d+\s+\d+(?:\s|$)/;
const ACCEPTED = new Set(['2.0', '2.1']);

/** SLAB prints tunables; SLUB prints 0 0 0 for every cache */
export function slabAllocator(info: Slabinfo): SlabAllocator {
  if (info.caches.length === 0) return 'unknown';
  return info.caches.some((c) => c.limit > 0 || c.batchcount > 0 || c.sharedFactor > 0 || c.sharedAvail > 0) ? 'slab' : 'slub';
}

function cacheOf(r: { name: string; counts: string[] }, line: number): SlabCache | null {
  const n: number[] = [];
  for (const digits of r.counts) {
    const v = exactInt(digits);
    if (v === null) return null;
    n.push(v);
  }
  const [activeObjs, numObjs, objSize, objPerSlab, pagesPerSlab, limit, batchcount, sharedFactor, activeSlabs, numSlabs, sharedAvail] =
    n as [number, number, number, number, number, number, number, number, number, number, number];
  return {
    name: r.name,
    activeObjs,
    numObjs,
    objSize,
    objPerSlab,
    pagesPerSlab,
    limit,
    batchcount,
    sharedFactor,
    activeSlabs,
    numSlabs,
    sharedAvail,
    line,
  };
}

export const slabinfo = defineFormat({
  id: 'slabinfo',
  starts: (line) => line.startsWith('slabinfo - version:') || HEADER.test(line) || splitCache(line) !== null,
  parse(cur, ctx): Slabinfo {
    const out: Slabinfo = { version: null, statistics: false, caches: [] };
    let unsupported = false;
    for (; !cur.done; cur.advance()) {
      if (cur.blank) continue;
      const line = cur.str;
      const v = VERSION.exec(line);
      if (v || line.startsWith('slabinfo - version:')) {
        // a second header starts a second slabinfo
        if (out.version !== null || out.caches.length > 0) break;
        out.version = v?.[1] ?? line.slice('slabinfo - version:'.length).trim();
        out.statistics = v?.[2] !== undefined;
        if (!ACCEPTED.has(out.version)) {
          unsupported = true;
          ctx.diag.add(cur.line, 'error', m('slabinfo.version', { version: out.version }));
        }
        continue;
      }
      if (HEADER.test(line)) continue;
      const r = unsupported ? null : splitCache(line);
      if (r) {
        const c = cacheOf(r, cur.line);
        if (!c) ctx.diag.addCapped(cur.line, 'error', m('slabinfo.too-large', { name: r.name.slice(0, 60) }));
        else if (r.rest && !r.rest.startsWith(':')) ctx.diag.addCapped(cur.line, 'info', m('slabinfo.tail', { text: r.rest.slice(0, 60) }));
        if (c) out.caches.push(c);
        continue;
      }
      if (ctx.isBoundary(line)) break;
      if (unsupported) {
        ctx.diag.addCapped(cur.line, 'error', m('slabinfo.unsupported-line', { version: out.version ?? '' }));
        continue;
      }
      if (CUT.test(line)) {
        ctx.diag.addCapped(cur.line, 'error', m('slabinfo.cut'));
        continue;
      }
      // not slabinfo: the rest is read (or listed) as whatever it is
      break;
    }
    return out;
  },
  merge(b, data, at) {
    const had = b.snap.slabinfo;
    if (!had) b.snap.slabinfo = { value: data, source: at.source };
    // cache lines after a stray line in the same paste go on with the slabinfo they belong to
    else if (data.version === null && had.source === at.source) had.value.caches.push(...data.caches);
    else b.note(m('note.second-slabinfo', { ignored: at.source, used: had.source }));
  },
  samples: [
    'slabinfo - version: 2.1',
    '# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>',
    'kmalloc-64         19875  19908     64   63    1 : tunables  120   60    8 : slabdata    316    316      0',
    'btrfs_delayed_node      0      0    312   13    1 : tunables    0    0    0 : slabdata      0      0      0',
  ],
});
