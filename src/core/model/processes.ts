/** Per-process totals, as smem computes them (sums over mappings), and the kind of each mapping. */
import { C, type Counts, type Mapping, type MappingTable } from '../formats/smaps/index';
import type { ProcessModel } from './snapshot';

export interface ProcessSummary {
  pid: number | null;
  name: string;
  pssKiB: number;
  ussKiB: number;
  rssKiB: number;
  swapKiB: number;
  swapPssKiB?: number;
  mappingCount: number;
  /** totals came from smaps_rollup (no per-mapping detail) */
  fromRollup: boolean;
  /** totals came from a reduced snapshot: the mappings were left out (formats/totals) */
  fromTotals?: boolean;
}

export const MAPPING_KINDS = ['heap', 'stack', 'anonymous', 'file code', 'file data', 'shared memory', 'other'] as const;
export type MappingKind = (typeof MAPPING_KINDS)[number];

/** what a mapping holds, from its path, permissions and inode */
export function kindOf(p: string, perms: string, inode: number): MappingKind {
  if (p === '[heap]') return 'heap';
  if (p === '[stack]' || p.startsWith('[stack:')) return 'stack';
  if (
    p.startsWith('/dev/shm/') ||
    p.startsWith('/memfd:') ||
    p.startsWith('/SYSV') ||
    p.startsWith('[anon_shmem:') ||
    (perms[3] === 's' && inode !== 0 && !p.startsWith('/dev/'))
  )
    return 'shared memory';
  if (p === '' || p.startsWith('[anon:')) return 'anonymous';
  if (p.startsWith('[')) return 'other';
  if (p.startsWith('/dev/')) return 'other';
  return perms[2] === 'x' ? 'file code' : 'file data';
}

export const mappingKind = (map: Mapping): MappingKind => kindOf(map.path, map.perms, map.inode);

/** the kind of a table's row */
export const rowKind = (t: MappingTable, row: number): MappingKind => kindOf(t.path(row), t.perms(row), t.inode(row));

/** USS of one set of counters: what only this process maps */
export const ussOf = (k: Counts): number => (k.Private_Clean ?? 0) + (k.Private_Dirty ?? 0);

export function summarizeProcesses(procs: readonly ProcessModel[]): ProcessSummary[] {
  return procs.map((p) => {
    const maps = p.mappings;
    if (maps.length === 0 && p.totals) {
      const t = p.totals;
      const s: ProcessSummary = {
        pid: p.pid,
        name: p.name,
        pssKiB: t.pss,
        ussKiB: t.uss,
        rssKiB: t.rss,
        swapKiB: t.swap,
        mappingCount: t.mappings,
        fromRollup: false,
        fromTotals: true,
      };
      if (t.swapPss !== undefined) s.swapPssKiB = t.swapPss;
      return s;
    }
    if (maps.length === 0 && p.rollup) {
      const r = p.rollup;
      const s: ProcessSummary = {
        pid: p.pid,
        name: p.name,
        pssKiB: r.Pss ?? 0,
        ussKiB: ussOf(r),
        rssKiB: r.Rss ?? 0,
        swapKiB: r.Swap ?? 0,
        mappingCount: 0,
        fromRollup: true,
      };
      if (r.SwapPss !== undefined) s.swapPssKiB = r.SwapPss;
      return s;
    }
    const s: ProcessSummary = {
      pid: p.pid,
      name: p.name,
      pssKiB: maps.sum(C.Pss),
      ussKiB: maps.sum(C.Private_Clean) + maps.sum(C.Private_Dirty),
      rssKiB: maps.sum(C.Rss),
      swapKiB: maps.sum(C.Swap),
      mappingCount: maps.length,
      fromRollup: false,
    };
    if (maps.any(C.SwapPss)) s.swapPssKiB = maps.sum(C.SwapPss);
    return s;
  });
}
