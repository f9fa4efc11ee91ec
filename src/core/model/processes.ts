/** Per-process totals, as smem computes them (sums over mappings), and the kind of each mapping. */
import type { Counts, Mapping } from '../formats/smaps/index';
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
}

export const MAPPING_KINDS = ['heap', 'stack', 'anonymous', 'file code', 'file data', 'shared memory', 'other'] as const;
export type MappingKind = (typeof MAPPING_KINDS)[number];

/** what a mapping holds, from its path, permissions and inode */
export function mappingKind(map: Mapping): MappingKind {
  const p = map.path;
  if (p === '[heap]') return 'heap';
  if (p === '[stack]' || p.startsWith('[stack:')) return 'stack';
  if (
    p.startsWith('/dev/shm/') ||
    p.startsWith('/memfd:') ||
    p.startsWith('/SYSV') ||
    p.startsWith('[anon_shmem:') ||
    (map.perms[3] === 's' && map.inode !== 0 && !p.startsWith('/dev/'))
  )
    return 'shared memory';
  if (p === '' || p.startsWith('[anon:')) return 'anonymous';
  if (p.startsWith('[')) return 'other';
  if (p.startsWith('/dev/')) return 'other';
  return map.perms[2] === 'x' ? 'file code' : 'file data';
}

/** Σ of one counter over mappings */
function sumCounter(maps: readonly Mapping[], key: string): number {
  let s = 0;
  for (const map of maps) s += map.kib[key] ?? 0;
  return s;
}

/** USS of one set of counters: what only this process maps */
export const ussOf = (k: Counts): number => (k.Private_Clean ?? 0) + (k.Private_Dirty ?? 0);

export function summarizeProcesses(procs: readonly ProcessModel[]): ProcessSummary[] {
  return procs.map((p) => {
    const maps = p.mappings;
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
      pssKiB: sumCounter(maps, 'Pss'),
      ussKiB: sumCounter(maps, 'Private_Clean') + sumCounter(maps, 'Private_Dirty'),
      rssKiB: sumCounter(maps, 'Rss'),
      swapKiB: sumCounter(maps, 'Swap'),
      mappingCount: maps.length,
      fromRollup: false,
    };
    if (maps.some((map) => map.kib.SwapPss !== undefined)) s.swapPssKiB = sumCounter(maps, 'SwapPss');
    return s;
  });
}
