/**
 * /proc/meminfo — printed by `meminfo_proc_show()` in the kernel's fs/proc/meminfo.c:
 *
 *   MemTotal:         230856 kB
 *   VmallocTotal:   262930368 kB
 *   HugePages_Total:       0          (page counts, no unit)
 *   Hugepagesize:       2048 kB
 *
 * Which fields appear depends on version and config (FORMATS.md §4). Every field is
 * kept, known or not; a field the kernel did not print is absent, never 0.
 */
import type { Cursor } from '../cursor';
import type { Meminfo } from '../types';
import type { LineParser, ParseContext } from './parser';

const LINE = /^\s*([A-Za-z][\w()]*):\s+(-?\d+)(?=\s|$)(?:\s*(kB|KB|kb)(?=\s|$))?\s*(.*)$/;

export const MEMINFO_KEYS = new Set(
  (
    'MemTotal MemFree MemAvailable Buffers Cached SwapCached Active Inactive Active(anon) Inactive(anon) ' +
    'Active(file) Inactive(file) Unevictable Mlocked HighTotal HighFree LowTotal LowFree MmapCopy SwapTotal ' +
    'SwapFree Zswap Zswapped Dirty Writeback AnonPages Mapped Shmem KReclaimable Slab SReclaimable SUnreclaim ' +
    'KernelStack ShadowCallStack PageTables SecPageTables NFS_Unstable Bounce WritebackTmp CommitLimit ' +
    'Committed_AS VmallocTotal VmallocUsed VmallocChunk Percpu HardwareCorrupted AnonHugePages ShmemHugePages ' +
    'ShmemPmdMapped FileHugePages FilePmdMapped CmaTotal CmaFree Unaccepted Balloon HugePages_Total ' +
    'HugePages_Free HugePages_Rsvd HugePages_Surp Hugepagesize Hugetlb DirectMap4k DirectMap2M DirectMap4M ' +
    'DirectMap1G GPUTotalUsed Quicklists'
  ).split(' '),
);

export function parseMeminfoLine(line: string): { key: string; value: number; unit: 'kB' | ''; rest: string } | null {
  const m = LINE.exec(line);
  if (!m) return null;
  return { key: m[1] as string, value: Number(m[2]), unit: m[3] ? 'kB' : '', rest: (m[4] ?? '').trim() };
}

export const meminfoParser: LineParser<Meminfo> = {
  format: 'meminfo',
  starts(line) {
    const p = parseMeminfoLine(line);
    return p !== null && p.key === 'MemTotal';
  },
  parse(cur: Cursor, ctx: ParseContext): Meminfo {
    const fields: Meminfo['fields'] = new Map();
    for (; !cur.done; cur.advance()) {
      if (cur.blank) continue;
      const line = cur.str;
      const p = parseMeminfoLine(line);
      if (p && !fields.has(p.key)) {
        if (p.rest) ctx.diag.add(cur.line, 'info', `text after ${p.key} kept as a note: ${JSON.stringify(p.rest)}`);
        if (!MEMINFO_KEYS.has(p.key)) ctx.diag.add(cur.line, 'info', `field ${p.key} is not one ramledger knows; kept as it is`);
        fields.set(p.key, { value: p.value, unit: p.unit, line: cur.line });
        continue;
      }
      if (ctx.isBoundary(line, 'meminfo') || (p && fields.has(p.key))) break;
      ctx.diag.unknown(cur.line, line);
    }
    if (fields.size > 0 && !fields.has('MemTotal'))
      ctx.diag.add(0, 'warning', 'meminfo has no MemTotal line: the paste may be cut off at the start');
    return { fields };
  },
};

/** KiB of a meminfo field, or undefined when the kernel did not print it */
export function mi(m: Meminfo, key: string): number | undefined {
  return m.fields.get(key)?.value;
}
