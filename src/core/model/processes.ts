/** Per-process totals, as smem computes them (sum over mappings). */
import type { Mapping } from '../types';
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

export type MappingKind = 'heap' | 'stack' | 'anonymous' | 'file code' | 'file data' | 'shared memory' | 'other';

/** Groups a mapping the way DESIGN.md's process view does. */
export function mappingKind(m: Mapping): MappingKind {
  const p = m.path;
  if (p === '[heap]') return 'heap';
  if (p === '[stack]' || p.startsWith('[stack:')) return 'stack';
  if (
    p.startsWith('/dev/shm/') ||
    p.startsWith('/memfd:') ||
    p.startsWith('/SYSV') ||
    p.startsWith('[anon_shmem:') ||
    (m.perms[3] === 's' && m.inode !== 0 && !p.startsWith('/dev/'))
  )
    return 'shared memory';
  if (p === '' || p.startsWith('[anon:')) return 'anonymous';
  if (p.startsWith('[')) return 'other';
  if (p.startsWith('/dev/')) return 'other';
  return m.perms[2] === 'x' ? 'file code' : 'file data';
}

function sumKey(maps: Mapping[], key: string): number {
  let s = 0;
  for (const m of maps) s += m.kib[key] ?? 0;
  return s;
}

export function summarizeProcesses(procs: ProcessModel[]): ProcessSummary[] {
  return procs.map((p) => {
    const maps = p.mappings;
    if (maps.length === 0 && p.rollup) {
      const r = p.rollup;
      const s: ProcessSummary = {
        pid: p.pid,
        name: p.name,
        pssKiB: r.Pss ?? 0,
        ussKiB: (r.Private_Clean ?? 0) + (r.Private_Dirty ?? 0),
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
      pssKiB: sumKey(maps, 'Pss'),
      ussKiB: sumKey(maps, 'Private_Clean') + sumKey(maps, 'Private_Dirty'),
      rssKiB: sumKey(maps, 'Rss'),
      swapKiB: sumKey(maps, 'Swap'),
      mappingCount: maps.length,
      fromRollup: false,
    };
    if (maps.some((m) => m.kib.SwapPss !== undefined)) s.swapPssKiB = sumKey(maps, 'SwapPss');
    return s;
  });
}
