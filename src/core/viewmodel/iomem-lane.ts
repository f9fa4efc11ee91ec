/**
 * /proc/iomem on the address map, as two lanes: its top level where it concerns memory
 * (System RAM, and the reserved or firmware ranges that lie between System RAM ranges:
 * arm64's no-map carve-outs, x86's e820 holes) and what it marks inside System RAM (the
 * kernel's sections, memblock reservations, the crash kernel). Device windows are left
 * out: most lie far above DRAM (PCI at 0x4000000000 here) and would shrink the RAM to a
 * sliver; the kernel view's iomem table lists them.
 */
import type { IomemEntry, IomemKind, IomemTree } from '../formats/iomem/index';
import { m } from '../messages/catalogue';
import type { RegionKind } from '../model/physical/index';
import type { Located } from '../model/snapshot';
import type { Lane, MapRegion } from './lanes';

const REGION_KIND: Partial<Record<IomemKind, RegionKind>> = {
  'system-ram': 'iomem-ram',
  'kernel-code': 'iomem-kernel',
  'kernel-rodata': 'iomem-kernel',
  'kernel-data': 'iomem-kernel',
  'kernel-bss': 'iomem-kernel',
  reserved: 'iomem-reserved',
  'crash-kernel': 'iomem-other',
  acpi: 'iomem-other',
  persistent: 'iomem-other',
  'soft-reserved': 'iomem-other',
};

export function iomemLane(iomem: Located<IomemTree> | undefined): MapRegion[] {
  if (!iomem || iomem.value.hidden) return [];
  const { entries } = iomem.value;
  const ram = entries.filter((e) => e.kind === 'system-ram' && e.parent < 0);
  const first = ram.reduce((a, e) => (e.start < a ? e.start : a), ram[0]?.start ?? 0n);
  const last = ram.reduce((a, e) => (e.end > a ? e.end : a), 0n);
  const out: MapRegion[] = [];
  const add = (e: IomemEntry, kind: RegionKind, lane: Lane) =>
    out.push({
      start: e.start,
      end: e.end,
      kind,
      role: 'iomem',
      label: m('region.iomem', { name: e.name }),
      source: iomem.source,
      line: e.line,
      lane,
      flags: [],
    });
  for (const e of entries) {
    const kind = REGION_KIND[e.kind];
    if (!kind || e.end <= e.start) continue;
    const parent = entries[e.parent];
    if (!parent) {
      if (kind === 'iomem-ram' || (e.start >= first && e.end <= last)) add(e, kind, 'iomem');
    } else if (parent.kind === 'system-ram' && kind !== 'iomem-ram') add(e, kind, 'iomem in RAM');
  }
  return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}
