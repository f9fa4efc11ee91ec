/** The address map's regions on their lanes, with what is wrong with each flagged. */
import { type Msg, m } from '../messages/catalogue';
import type { Physical, PhysRegion, RegionKind } from '../model/physical/index';

export const LANES = [
  'dram',
  'firmware map',
  'device tree',
  'memblock.memory',
  'memblock.reserved',
  // /proc/iomem: the top level (System RAM and what splits it), then what lies inside System RAM
  'iomem',
  'iomem in RAM',
  'zones',
] as const;
export type Lane = (typeof LANES)[number];

export interface MapRegion extends PhysRegion {
  lane: Lane;
  /** what is wrong with it: overlaps, outside DRAM, unexplained hole */
  flags: Msg[];
}

export const laneOf = (k: RegionKind): Lane =>
  k === 'dram' || k === 'hole'
    ? 'dram'
    : k === 'firmware-map'
      ? 'firmware map'
      : k === 'memblock-memory'
        ? 'memblock.memory'
        : k === 'memblock-reserved'
          ? 'memblock.reserved'
          : 'device tree';

const byStart = (a: MapRegion, b: MapRegion) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0);

/** overlaps named on one region; past this many they are counted (a region spanning 100,000 others) */
const MAX_OVERLAP_FLAGS = 20;

/** the first index in `list` (sorted by start) whose start is at or past `at` */
function firstFrom(list: readonly MapRegion[], at: bigint): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as MapRegion).start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function mapRegions(phys: Physical): MapRegion[] {
  const out: MapRegion[] = phys.regions.map((r) => ({ ...r, lane: laneOf(r.kind), flags: [] }));
  const dram = out.filter((r) => r.kind === 'dram').sort(byStart);
  const byLane = new Map<Lane, MapRegion[]>();
  for (const r of out) {
    if (r.kind === 'hole') r.flags.push(m('flag.hole'));
    if (r.kind !== 'dram' && r.kind !== 'firmware-map' && dram.length > 0) {
      // inside the bank that starts at or before it, if any
      const d = dram[firstFrom(dram, r.start + 1n) - 1];
      if (!d || r.end > d.end) r.flags.push(m('flag.outside-dram'));
    }
    const list = byLane.get(r.lane);
    if (list) list.push(r);
    else byLane.set(r.lane, [r]);
  }
  // overlaps on the same lane: a sweep by start, the first few named on each region and
  // the rest counted, so that the work is bounded by the regions and not by their pairs
  for (const [lane, unsorted] of byLane) {
    if (lane === 'dram') continue;
    const list = unsorted.sort(byStart);
    const named = new Map<MapRegion, number>();
    const name = (a: MapRegion, b: MapRegion) => {
      const n = named.get(a) ?? 0;
      named.set(a, n + 1);
      if (n < MAX_OVERLAP_FLAGS) a.flags.push(m('flag.overlaps', { other: b.label, start: b.start, end: b.end }));
    };
    let reach: MapRegion | null = null; // the region reaching furthest so far
    list.forEach((a, i) => {
      let j = i + 1;
      for (let b = list[j]; b && b.start < a.end && j - i <= MAX_OVERLAP_FLAGS; b = list[++j]) {
        name(a, b);
        name(b, a);
      }
      // the rest a covers: counted on a; each of them is named with a by the sweep below
      const last = firstFrom(list, a.end);
      if (last > j) named.set(a, (named.get(a) ?? 0) + (last - j));
      if (reach && a.start < reach.end && !named.has(a)) name(a, reach);
      if (!reach || a.end > reach.end) reach = a;
    });
    for (const [r, n] of named) if (n > MAX_OVERLAP_FLAGS) r.flags.push(m('flag.overlaps-more', { count: n - MAX_OVERLAP_FLAGS }));
  }
  // a no-map carve-out inside memory the kernel was given without the NOMAP flag
  const given = out.filter((r) => r.role === 'memory').sort(byStart);
  // the furthest end of the ranges up to each: a walk back stops where nothing earlier reaches
  const reachTo: bigint[] = [];
  for (const g of given)
    reachTo.push(reachTo.length === 0 || g.end > (reachTo[reachTo.length - 1] as bigint) ? g.end : (reachTo[reachTo.length - 1] as bigint));
  for (const r of out) {
    if (r.kind !== 'no-map') continue;
    const hits: MapRegion[] = [];
    for (let i = firstFrom(given, r.end) - 1; i >= 0 && (reachTo[i] as bigint) > r.start; i--) {
      const g = given[i] as MapRegion;
      if (g.end > r.start) hits.push(g);
    }
    for (const g of hits.reverse()) r.flags.push(m('flag.nomap-unflagged', { start: g.start, end: g.end }));
  }
  return out;
}

/**
 * Every region's place on the address axis as offsets from the map's base (numbers: a
 * float is exact to a byte up to 8 PiB, and drawing needs no more), computed once per
 * model so that zooming and panning never touch a bigint.
 */
export interface MapAxis {
  start: Float64Array;
  end: Float64Array;
  /** each lane's regions (indices into the region list) by start, then longest first */
  lanes: Map<Lane, Int32Array>;
}

export function mapAxis(regions: readonly MapRegion[], base: bigint): MapAxis {
  const start = new Float64Array(regions.length);
  const end = new Float64Array(regions.length);
  const byLane = new Map<Lane, number[]>();
  regions.forEach((r, i) => {
    start[i] = Number(r.start - base);
    end[i] = Number(r.end - base);
    const list = byLane.get(r.lane) ?? [];
    list.push(i);
    byLane.set(r.lane, list);
  });
  const lanes = new Map<Lane, Int32Array>();
  for (const [lane, list] of byLane)
    lanes.set(
      lane,
      Int32Array.from(list).sort((a, b) => (start[a] ?? 0) - (start[b] ?? 0) || (end[b] ?? 0) - (end[a] ?? 0)),
    );
  return { start, end, lanes };
}

/**
 * One mark on a lane: a region, or the regions drawn together because at this zoom they
 * are too narrow to tell apart. x0/x1 are pixels of the window (not clamped); start/end
 * the offsets of what the mark covers.
 */
export interface LaneMark {
  lane: Lane;
  x0: number;
  x1: number;
  start: number;
  end: number;
  /** the region, or the first of the group */
  region: number;
  count: number;
  /** the members' sizes added (overlaps counted twice) */
  bytes: number;
  /** members with a flag */
  flagged: number;
  /** the members' kind, null when they differ */
  kind: RegionKind | null;
  /** made of regions narrower than `minPx` (drawn over the wide ones, so they show) */
  narrow: boolean;
}

/**
 * The marks of one lane for the window [v0, v1) drawn `width` pixels wide. A region at
 * least `minPx` wide is its own mark, unless it starts within `minPx` of the previous one
 * (regions stacked on each other); narrower regions closer than `minPx` to each other
 * become one mark of N regions, and zooming in splits them. Marks start at least `minPx`
 * apart, so a lane never has more than about 2 × width / minPx of them, however many
 * regions it holds: the page's node count is bounded by its width.
 */
export function laneMarks(
  regions: readonly MapRegion[],
  axis: MapAxis,
  lane: Lane,
  win: readonly [number, number],
  width: number,
  minPx: number,
): LaneMark[] {
  const order = axis.lanes.get(lane);
  if (!order) return [];
  const [v0, v1] = win;
  const scale = width / Math.max(1e-9, v1 - v0);
  const out: LaneMark[] = [];
  let wide: LaneMark | null = null;
  let narrow: LaneMark | null = null;
  const mark = (i: number, x0: number, x1: number, narrow: boolean): LaneMark => {
    const r = regions[i] as MapRegion;
    const s = axis.start[i] ?? 0;
    const e = axis.end[i] ?? 0;
    const m: LaneMark = {
      lane,
      x0,
      x1,
      start: s,
      end: e,
      region: i,
      count: 1,
      bytes: e - s,
      flagged: r.flags.length > 0 ? 1 : 0,
      kind: r.kind,
      narrow,
    };
    out.push(m);
    return m;
  };
  const join = (m: LaneMark, i: number, x1: number) => {
    const r = regions[i] as MapRegion;
    const s = axis.start[i] ?? 0;
    const e = axis.end[i] ?? 0;
    m.count++;
    m.bytes += e - s;
    m.end = Math.max(m.end, e);
    m.start = Math.min(m.start, s);
    m.x1 = Math.max(m.x1, x1);
    if (r.flags.length > 0) m.flagged++;
    if (m.kind !== r.kind) m.kind = null;
  };
  for (const i of order) {
    const s = axis.start[i] ?? 0;
    const e = axis.end[i] ?? 0;
    if (s >= v1) break;
    if (e <= v0) continue;
    // whatever starts left of the window starts at its edge: those all stack
    const x0 = Math.max(-minPx, (s - v0) * scale);
    const x1 = (e - v0) * scale;
    if (x1 - x0 >= minPx) {
      if (wide && x0 < wide.x0 + minPx) join(wide, i, x1);
      else wide = mark(i, x0, x1, false);
    } else if (narrow && x0 <= Math.max(narrow.x1, narrow.x0 + minPx) + minPx) join(narrow, i, x1);
    else narrow = mark(i, x0, x1, true);
  }
  return out;
}
