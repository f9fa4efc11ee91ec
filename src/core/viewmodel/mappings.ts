/** A process's mappings grouped by kind, for the Processes view; PSS by kind for its chart. */
import { C, type MappingTable } from '../formats/smaps/index';
import { MAPPING_KINDS, type MappingKind, rowKind } from '../model/processes';
import type { ProcessModel } from '../model/snapshot';

export type KindTotals = Record<MappingKind, number>;

const emptyKinds = (): KindTotals => ({
  heap: 0,
  stack: 0,
  anonymous: 0,
  'file code': 0,
  'file data': 0,
  'shared memory': 0,
  other: 0,
});

/** PSS of one process's mappings by kind */
/** PSS of one process by kind: from its mappings, or the sums a reduced snapshot carried */
export function processKinds(p: ProcessModel | undefined): KindTotals {
  const t = emptyKinds();
  if (p && p.mappings.length === 0 && p.totals) {
    MAPPING_KINDS.forEach((k, i) => {
      t[k] = p.totals?.byKind[i] ?? 0;
    });
    return t;
  }
  return p ? pssByKind(p.mappings) : t;
}

export function pssByKind(maps: MappingTable): KindTotals {
  const t = emptyKinds();
  for (let r = 0; r < maps.length; r++) t[rowKind(maps, r)] += maps.kib(r, C.Pss);
  return t;
}

export interface MappingRow {
  start: bigint;
  end: bigint;
  perms: string;
  path: string;
  sizeKiB: number;
  rssKiB: number;
  pssKiB: number;
  ussKiB: number;
  swapKiB: number;
  line: number;
}

export interface MappingGroup {
  kind: MappingKind;
  pssKiB: number;
  rssKiB: number;
  ussKiB: number;
  swapKiB: number;
  rows: MappingRow[];
}

/** A process's mappings grouped by kind, each group largest PSS first */
export function groupMappings(maps: MappingTable): MappingGroup[] {
  const groups = new Map<MappingKind, MappingGroup>();
  for (let r = 0; r < maps.length; r++) {
    const kind = rowKind(maps, r);
    let g = groups.get(kind);
    if (!g) {
      g = { kind, pssKiB: 0, rssKiB: 0, ussKiB: 0, swapKiB: 0, rows: [] };
      groups.set(kind, g);
    }
    const map = maps.get(r);
    const row: MappingRow = {
      start: map.start,
      end: map.end,
      perms: map.perms,
      path: map.path,
      sizeKiB: maps.kib(r, C.Size),
      rssKiB: maps.kib(r, C.Rss),
      pssKiB: maps.kib(r, C.Pss),
      ussKiB: maps.kib(r, C.Private_Clean) + maps.kib(r, C.Private_Dirty),
      swapKiB: maps.kib(r, C.Swap),
      line: map.line,
    };
    g.pssKiB += row.pssKiB;
    g.rssKiB += row.rssKiB;
    g.ussKiB += row.ussKiB;
    g.swapKiB += row.swapKiB;
    g.rows.push(row);
  }
  const out = MAPPING_KINDS.flatMap((k) => {
    const g = groups.get(k);
    return g ? [g] : [];
  });
  for (const g of out) g.rows.sort((x, y) => y.pssKiB - x.pssKiB);
  return out.sort((x, y) => y.pssKiB - x.pssKiB);
}
