/** The page allocator's zones as a lane of the address map (model/zones). */

import { m } from '../messages/catalogue';
import type { ZonesView } from '../model/zones/index';
import type { MapRegion } from './lanes';

/** one region per zone with a known span: start_pfn × page size, spanned pages long */
export function zoneRegions(v: ZonesView | null): MapRegion[] {
  const out: MapRegion[] = [];
  for (const z of v?.zones ?? []) {
    if (z.start === undefined || z.end === undefined) continue;
    out.push({
      start: z.start,
      end: z.end,
      kind: 'zone',
      role: 'zone',
      lane: 'zones',
      label: m('zones.region', {
        node: z.node,
        zone: z.name,
        present: z.presentKiB,
        managed: z.managedKiB ?? null,
        min: z.minKiB ?? null,
        low: z.lowKiB ?? null,
        high: z.highKiB ?? null,
      }),
      source: z.source,
      line: z.line,
      flags: [],
    });
  }
  return out;
}
