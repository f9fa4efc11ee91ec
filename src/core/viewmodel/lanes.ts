/** The address map's regions on their lanes, with what is wrong with each flagged. */
import { type Msg, m } from '../messages/catalogue';
import type { Physical, PhysRegion, RegionKind } from '../model/physical/index';

export const LANES = ['dram', 'firmware map', 'device tree', 'memblock.memory', 'memblock.reserved'] as const;
export type Lane = (typeof LANES)[number];

export interface MapRegion extends PhysRegion {
  lane: Lane;
  /** what is wrong with it: overlaps, outside DRAM, unexplained hole */
  flags: Msg[];
}

const laneOf = (k: RegionKind): Lane =>
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

export function mapRegions(phys: Physical): MapRegion[] {
  const out: MapRegion[] = phys.regions.map((r) => ({ ...r, lane: laneOf(r.kind), flags: [] }));
  const dram = out.filter((r) => r.kind === 'dram');
  for (const r of out) {
    if (r.kind === 'hole') r.flags.push(m('flag.hole'));
    if (r.kind !== 'dram' && r.kind !== 'firmware-map' && dram.length > 0 && !dram.some((d) => d.start <= r.start && r.end <= d.end))
      r.flags.push(m('flag.outside-dram'));
  }
  // overlaps on the same lane (sweep by start)
  for (const lane of LANES) {
    if (lane === 'dram') continue;
    const list = out.filter((r) => r.lane === lane).sort(byStart);
    list.forEach((a, i) => {
      for (let j = i + 1, b = list[j]; b && b.start < a.end; b = list[++j]) {
        a.flags.push(m('flag.overlaps', { other: b.label, start: b.start, end: b.end }));
        b.flags.push(m('flag.overlaps', { other: a.label, start: a.start, end: a.end }));
      }
    });
  }
  // a no-map carve-out inside memory the kernel was given without the NOMAP flag
  const given = out.filter((r) => r.role === 'memory');
  for (const r of out)
    if (r.kind === 'no-map')
      for (const g of given)
        if (g.start < r.end && r.start < g.end) r.flags.push(m('flag.nomap-unflagged', { start: g.start, end: g.end }));
  return out;
}
