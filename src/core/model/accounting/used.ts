/**
 * "used", as each `free` computes it, all from the same meminfo (docs/accounting.md,
 * "used"): procps-ng ≥ 4.0.1 says total − MemAvailable, 3.3.x subtracts buff/cache,
 * busybox leaves SReclaimable out of buff/cache in some versions.
 */
import { type Meminfo, mi } from '../../formats/meminfo/index';
import { m } from '../../messages/catalogue';
import type { UsedFormula, UsedToolId } from './types';

const formula = (id: UsedToolId, usedKiB: number, buffCacheKiB: number): UsedFormula => ({
  id,
  tool: m(`tool.${id}`),
  formula: m('formula.used', { tool: id }),
  usedKiB,
  buffCacheKiB,
});

export function usedFormulas(info: Meminfo): UsedFormula[] {
  const total = mi(info, 'MemTotal');
  const free = mi(info, 'MemFree');
  if (total === undefined || free === undefined) return [];
  const buffers = mi(info, 'Buffers') ?? 0;
  const cached = mi(info, 'Cached') ?? 0;
  const srecl = mi(info, 'SReclaimable') ?? 0;
  const slab = mi(info, 'Slab') ?? 0;
  let avail = mi(info, 'MemAvailable') ?? free;
  if (avail > total) avail = free;
  let used4 = total - avail;
  if (used4 < 0) used4 = total - free;
  return [
    formula('procps-ng-4', used4, buffers + cached + srecl),
    formula('procps-ng-3.3.12', total - free - buffers - cached - srecl, buffers + cached + srecl),
    formula('procps-ng-3.3.10', total - free - buffers - cached - slab, buffers + cached + slab),
    formula('busybox-srecl', total - free - buffers - cached - srecl, buffers + cached + srecl),
    formula('busybox', total - free - buffers - cached, buffers + cached),
    formula('procps-3.3.9', total - free, buffers + cached),
  ];
}
