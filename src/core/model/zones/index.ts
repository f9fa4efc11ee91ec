/**
 * Zones and free blocks: what /proc/zoneinfo, /proc/buddyinfo and /proc/pagetypeinfo say
 * about the page allocator. Each zone becomes a physical range (start_pfn × page size,
 * spanned pages) with its spanned, present and managed pages and its watermarks; the free
 * lists become free KiB by order (by migrate type when pagetypeinfo is given) and the
 * answer to "could a contiguous allocation of N MiB succeed now?".
 *
 * None of these files prints the page size. It is read from smaps (`KernelPageSize`) when
 * a process was captured, else 4 KiB is assumed and the view says so.
 */
import type { Buddyinfo } from '../../formats/buddyinfo/index';
import { mi } from '../../formats/meminfo/index';
import type { Pagetypeinfo } from '../../formats/pagetypeinfo/index';
import { C } from '../../formats/smaps/index';
import type { Zone, Zoneinfo } from '../../formats/zoneinfo/index';
import { type Msg, m } from '../../messages/catalogue';
import type { Snapshot } from '../snapshot';

export interface ZoneSummary {
  node: number;
  name: string;
  source: string;
  line: number;
  /** physical range: start_pfn × page, spanned pages long (absent when start_pfn is not given) */
  start?: bigint;
  end?: bigint;
  spannedKiB: number;
  presentKiB: number;
  /** 3.8+ */
  managedKiB?: number;
  freeKiB?: number;
  cmaKiB?: number;
  minKiB?: number;
  lowKiB?: number;
  highKiB?: number;
  promoKiB?: number;
  protection?: number[];
  /** pages on the per-cpu free lists (Σ pagesets count): free, but in neither the buddy lists nor MemFree */
  pcpKiB: number;
  cpus: number;
  /** the vmstat drift the per-cpu counters may hold back (Σ vm stats threshold), KiB */
  driftKiB: number;
  /** present 0: a zone the kernel configures but that holds no memory */
  empty: boolean;
  cut: boolean;
}

export type Verdict = 'now' | 'cma-only' | 'compaction' | 'no' | 'too-large';

export interface SizeAnswer {
  sizeKiB: number;
  order: number;
  verdict: Verdict;
  /** the zones that hold a free block of that order or larger */
  zones: string[];
}

export interface FragZone {
  node: number;
  zone: string;
  /** free KiB by order; `byType` when pagetypeinfo gave the split */
  orders: { order: number; blocks: number; kib: number; byType?: Record<string, number> }[];
  freeKiB: number;
  /** the largest order with a free block, -1 when none */
  largestOrder: number;
  /** the input lines its counts were read from */
  lines: number[];
  answers: SizeAnswer[];
}

export interface ZonesView {
  pageKiB: number;
  /** the page size was not given by any input: 4 KiB assumed */
  pageAssumed: boolean;
  zones: ZoneSummary[];
  /** every zone's managed pages, when every populated zone printed them */
  managedKiB?: number;
  freeKiB?: number;
  pcpKiB: number;
  driftKiB: number;
  highKiB?: number;
  source?: string;
  notes: Msg[];
}

export interface BuddyView {
  pageKiB: number;
  orders: number;
  pageblockOrder?: number;
  /** migrate types in print order (pagetypeinfo), empty without it */
  types: string[];
  zones: FragZone[];
  freeKiB: number;
  /** across zones: the best any zone offers */
  answers: SizeAnswer[];
  /** pageblocks by migrate type, Σ over zones (pagetypeinfo) */
  blocks?: Record<string, number>;
  source: string;
  /** the totals are floors: pagetypeinfo printed some list as `>100000` and no buddyinfo gave the counts */
  atLeast?: true;
  /** per-cpu vmstat drift and per-cpu free lists, from zoneinfo when it was given */
  driftKiB?: number;
  pcpKiB?: number;
  notes: Msg[];
}

/** the zoneinfo lines that start the zones counted (populated, not cut off) */
export const zoneLines = (v: ZonesView): number[] => v.zones.filter((z) => !z.empty).map((z) => z.line);

/** the sizes the page answers for: 1, 2 and 4 MiB */
export const ASK_KIB = [1024, 2048, 4096] as const;

/** page size in KiB: smaps' KernelPageSize when a process was captured, else 4 (assumed) */
export function pageSize(snap: Snapshot): { kib: number; assumed: boolean } {
  // the smallest seen: a hugetlb mapping prints its huge page (2048 kB) there, never the base page
  let kib = Number.POSITIVE_INFINITY;
  for (const p of snap.processes.slice(0, 16)) {
    const t = p.mappings;
    for (let r = 0; r < t.length && r < 64; r++) if (t.has(r, C.KernelPageSize)) kib = Math.min(kib, t.kib(r, C.KernelPageSize));
  }
  return Number.isFinite(kib) && kib > 0 ? { kib, assumed: false } : { kib: 4, assumed: true };
}

const pagesKiB = (z: Zone, key: string, page: number): number | undefined => {
  const v = z.fields.get(key);
  return v === undefined ? undefined : v * page;
};

function summarizeZone(z: Zone, source: string, page: number): ZoneSummary {
  const spanned = z.fields.get('spanned') ?? 0;
  const present = z.fields.get('present') ?? 0;
  const s: ZoneSummary = {
    node: z.node,
    name: z.name,
    source,
    line: z.line,
    spannedKiB: spanned * page,
    presentKiB: present * page,
    pcpKiB: z.pagesets.reduce((a, p) => a + (p.count ?? 0), 0) * page,
    cpus: z.pagesets.length,
    driftKiB: z.pagesets.reduce((a, p) => a + (p.threshold ?? 0), 0) * page,
    empty: present === 0,
    cut: z.cut,
  };
  const pfn = z.fields.get('start_pfn');
  if (pfn !== undefined && spanned > 0) {
    const bytes = BigInt(page * 1024);
    s.start = BigInt(pfn) * bytes;
    s.end = s.start + BigInt(spanned) * bytes;
  }
  const opt = {
    managedKiB: 'managed',
    freeKiB: 'free',
    cmaKiB: 'cma',
    minKiB: 'min',
    lowKiB: 'low',
    highKiB: 'high',
    promoKiB: 'promo',
  } as const;
  for (const [k, field] of Object.entries(opt) as [keyof typeof opt, string][]) {
    const v = pagesKiB(z, field, page);
    if (v !== undefined) s[k] = v;
  }
  if (z.protection) s.protection = z.protection;
  return s;
}

const sum = (xs: readonly (number | undefined)[]): number | undefined =>
  xs.some((x) => x === undefined) ? undefined : xs.reduce<number>((a, x) => a + (x ?? 0), 0);

export function zonesView(snap: Snapshot): ZonesView | null {
  const info: Zoneinfo | undefined = snap.zoneinfo?.value;
  if (!info || info.zones.length === 0) return null;
  const page = pageSize(snap);
  const source = snap.zoneinfo?.source ?? '';
  const zones = info.zones.map((z) => summarizeZone(z, source, page.kib));
  const populated = zones.filter((z) => !z.empty);
  const view: ZonesView = {
    pageKiB: page.kib,
    pageAssumed: page.assumed,
    zones,
    pcpKiB: zones.reduce((a, z) => a + z.pcpKiB, 0),
    driftKiB: zones.reduce((a, z) => a + z.driftKiB, 0),
    source,
    notes: [],
  };
  const complete = populated.every((z) => !z.cut);
  const managed = complete ? sum(populated.map((z) => z.managedKiB)) : undefined;
  if (managed !== undefined) view.managedKiB = managed;
  const free = complete ? sum(populated.map((z) => z.freeKiB)) : undefined;
  if (free !== undefined) view.freeKiB = free;
  const high = sum(populated.map((z) => z.highKiB));
  if (high !== undefined) view.highKiB = high;
  if (page.assumed) view.notes.push(m('zones.page-assumed'));
  const memFree = snap.meminfo ? mi(snap.meminfo.value, 'MemFree') : undefined;
  if (memFree !== undefined && high !== undefined && high > 0)
    view.notes.push(m('zones.free-vs-high', { memFree, high, times: Math.round((memFree / high) * 10) / 10 }));
  // upstream, every free page is a page some zone manages: more free than managed means the
  // kernel counts memory in MemTotal/MemFree before it hands it to the zones
  if (memFree !== undefined && managed !== undefined && memFree > managed)
    view.notes.push(m('zones.free-beyond-managed', { memFree, managed }));
  if (view.pcpKiB > 0) view.notes.push(m('zones.pcp', { kib: view.pcpKiB, cpus: Math.max(0, ...zones.map((z) => z.cpus)) }));
  return view;
}

/** free blocks by order for each zone, from pagetypeinfo's free table, else from buddyinfo */
export function buddyView(snap: Snapshot): BuddyView | null {
  const buddy: Buddyinfo | undefined = snap.buddyinfo?.value;
  const types: Pagetypeinfo | undefined = snap.pagetypeinfo?.value;
  if ((!buddy || buddy.zones.length === 0) && (!types || types.free.length === 0)) return null;
  const page = pageSize(snap);
  const typeNames = types ? [...new Set(types.free.map((r) => r.type))] : [];
  const key = (node: number, zone: string) => `${node}\u0000${zone}`;
  const byZone = new Map<string, ZoneBlocks>();
  const entry = (node: number, zone: string) => {
    const k = key(node, zone);
    let e = byZone.get(k);
    if (!e) {
      e = { node, zone, blocks: [], byType: new Map(), lines: [] };
      byZone.set(k, e);
    }
    return e;
  };
  // pagetypeinfo, when given, is the one moment both the totals and their split come from
  // (buddyinfo is read at another, and the free lists move in between); but a list it
  // printed as `>100000` is a floor, and buddyinfo's count of it is exact
  const typed = (types?.free.length ?? 0) > 0;
  const floored = types?.free.some((r) => r.atLeast) ?? false;
  const totalsFromBuddy = !typed || (floored && (buddy?.zones.length ?? 0) > 0);
  if (totalsFromBuddy)
    for (const z of buddy?.zones ?? []) {
      const e = entry(z.node, z.zone);
      e.blocks = z.free;
      e.lines.push(z.line);
    }
  for (const r of types?.free ?? []) {
    const e = entry(r.node, r.zone);
    e.byType.set(r.type, r.free);
    if (totalsFromBuddy) continue;
    e.lines.push(r.line);
    e.blocks = r.free.map((v, i) => v + (e.blocks[i] ?? 0));
  }
  const orders = Math.max(0, ...[...byZone.values()].map((e) => e.blocks.length));
  const zones: FragZone[] = [...byZone.values()].map((e) => fragZone(e, page.kib, orders));
  const view: BuddyView = {
    pageKiB: page.kib,
    orders,
    types: typeNames,
    zones,
    freeKiB: zones.reduce((a, z) => a + z.freeKiB, 0),
    answers: ASK_KIB.map((size, i) =>
      best(
        size,
        zones.map((z) => z.answers[i] as SizeAnswer),
      ),
    ),
    source: (totalsFromBuddy ? snap.buddyinfo?.source : snap.pagetypeinfo?.source) ?? '',
    notes: [],
  };
  if (floored && !totalsFromBuddy) {
    view.atLeast = true;
    view.notes.push(m('zones.free-at-least'));
  }
  if (types?.pageblockOrder !== undefined) view.pageblockOrder = types.pageblockOrder;
  if (types && types.blocks.length > 0) {
    const blocks: Record<string, number> = {};
    for (const row of types.blocks) for (const [t, n] of row.blocks) blocks[t] = (blocks[t] ?? 0) + n;
    view.blocks = blocks;
  }
  const fromZoneinfo = zonesView(snap);
  if (fromZoneinfo) {
    view.driftKiB = fromZoneinfo.driftKiB;
    view.pcpKiB = fromZoneinfo.pcpKiB;
  }
  if (page.assumed) view.notes.push(m('zones.page-assumed'));
  if (!types) view.notes.push(m('zones.no-types'));
  return view;
}

type ZoneBlocks = { node: number; zone: string; blocks: number[]; byType: Map<string, number[]>; lines: number[] };

function fragZone(e: ZoneBlocks, page: number, orders: number): FragZone {
  const rows = e.blocks.map((blocks, order) => {
    const kib = blocks * 2 ** order * page;
    const row: FragZone['orders'][number] = { order, blocks, kib };
    if (e.byType.size > 0) {
      const byType: Record<string, number> = {};
      for (const [t, free] of e.byType) byType[t] = (free[order] ?? 0) * 2 ** order * page;
      row.byType = byType;
    }
    return row;
  });
  let largest = -1;
  rows.forEach((r) => {
    if (r.blocks > 0) largest = r.order;
  });
  const freeKiB = rows.reduce((a, r) => a + r.kib, 0);
  const answers = ASK_KIB.map((size) => answer(size, e, page, orders, freeKiB));
  return { node: e.node, zone: e.zone, orders: rows, freeKiB, largestOrder: largest, lines: e.lines, answers };
}

/**
 * Could a block of `size` KiB be taken from this zone now? A free block of the order or
 * larger: yes (only in CMA pageblocks: only for movable allocations). None, but as many
 * free pages spread over smaller blocks: compaction could make room by moving movable
 * pages. Fewer free pages than that: no. An order past the largest the buddy allocator
 * makes (MAX_ORDER) is never a buddy block.
 */
function answer(size: number, e: ZoneBlocks, page: number, orders: number, freeKiB: number): SizeAnswer {
  const order = Math.max(0, Math.ceil(Math.log2(size / page)));
  const zoneName = e.node === 0 ? e.zone : `${e.node}:${e.zone}`;
  if (order >= orders) return { sizeKiB: size, order, verdict: 'too-large', zones: [] };
  const atOrAbove = (free: readonly number[]) => free.slice(order).reduce((a, n) => a + n, 0);
  if (e.byType.size > 0) {
    let other = 0;
    let cma = 0;
    for (const [t, free] of e.byType) {
      if (t === 'Isolate') continue;
      if (t === 'CMA') cma += atOrAbove(free);
      else other += atOrAbove(free);
    }
    if (other > 0) return { sizeKiB: size, order, verdict: 'now', zones: [zoneName] };
    if (cma > 0) return { sizeKiB: size, order, verdict: 'cma-only', zones: [zoneName] };
  } else if (atOrAbove(e.blocks) > 0) return { sizeKiB: size, order, verdict: 'now', zones: [zoneName] };
  return { sizeKiB: size, order, verdict: freeKiB >= size ? 'compaction' : 'no', zones: [] };
}

/** a verdict in words */
export const verdictMsg = (v: Verdict): Msg =>
  ({
    now: () => m('zones.verdict.now'),
    'cma-only': () => m('zones.verdict.cma-only'),
    compaction: () => m('zones.verdict.compaction'),
    no: () => m('zones.verdict.no'),
    'too-large': () => m('zones.verdict.too-large'),
  })[v]();

const RANK: Record<Verdict, number> = { now: 0, 'cma-only': 1, compaction: 2, no: 3, 'too-large': 4 };

function best(size: number, answers: readonly SizeAnswer[]): SizeAnswer {
  const top = answers.reduce<SizeAnswer | null>((b, a) => (b === null || RANK[a.verdict] < RANK[b.verdict] ? a : b), null);
  if (!top) return { sizeKiB: size, order: 0, verdict: 'no', zones: [] };
  return { ...top, zones: answers.filter((a) => a.verdict === top.verdict).flatMap((a) => a.zones) };
}
