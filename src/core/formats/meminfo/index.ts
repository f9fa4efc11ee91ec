/**
 * /proc/meminfo — printed by `meminfo_proc_show()` in the kernel's fs/proc/meminfo.c:
 *
 *   MemTotal:         230856 kB
 *   VmallocTotal:   262930368 kB
 *   HugePages_Total:       0          (page counts, no unit)
 *   Hugepagesize:       2048 kB
 *
 * Which fields appear depends on version and config (docs/formats.md, "/proc/meminfo").
 * Every field is kept, known or not; a field the kernel did not print is absent, never 0.
 * A paste cut off at the top is still meminfo: any known field with a kB unit starts it.
 */
import { type Msg, m } from '../../messages/catalogue';
import { exactInt } from '../../units';
import { defineFormat } from '../format';

/** every field the kernel prints (all versions), in print order, and two vendor ones */
export const MEMINFO_KEYS = [
  'MemTotal',
  'MemFree',
  'MemAvailable',
  'Buffers',
  'Cached',
  'SwapCached',
  'Active',
  'Inactive',
  'Active(anon)',
  'Inactive(anon)',
  'Active(file)',
  'Inactive(file)',
  'Unevictable',
  'Mlocked',
  'HighTotal',
  'HighFree',
  'LowTotal',
  'LowFree',
  'MmapCopy',
  'SwapTotal',
  'SwapFree',
  'Zswap',
  'Zswapped',
  'Dirty',
  'Writeback',
  'AnonPages',
  'Mapped',
  'Shmem',
  'KReclaimable',
  'Slab',
  'SReclaimable',
  'SUnreclaim',
  'KernelStack',
  'ShadowCallStack',
  'PageTables',
  'SecPageTables',
  'NFS_Unstable',
  'Bounce',
  'WritebackTmp',
  'CommitLimit',
  'Committed_AS',
  'VmallocTotal',
  'VmallocUsed',
  'VmallocChunk',
  'Percpu',
  'HardwareCorrupted',
  'AnonHugePages',
  'ShmemHugePages',
  'ShmemPmdMapped',
  'FileHugePages',
  'FilePmdMapped',
  'CmaTotal',
  'CmaFree',
  'Unaccepted',
  'Balloon',
  'HugePages_Total',
  'HugePages_Free',
  'HugePages_Rsvd',
  'HugePages_Surp',
  'Hugepagesize',
  'Hugetlb',
  'DirectMap4k',
  'DirectMap2M',
  'DirectMap4M',
  'DirectMap1G',
  'GPUTotalUsed',
  'Quicklists',
] as const;

export type MeminfoKey = (typeof MEMINFO_KEYS)[number];

/**
 * Fields vendor kernels add that count RAM no standard field counts: Android's ION
 * heaps and pools (dma-buf memory of camera, display and GPU), GPU drivers' totals,
 * and the like. Each is its own kernel line, labelled as a vendor field.
 */
export const VENDOR_FIELDS: readonly string[] = [
  'ION_heap',
  'ION_page_pool',
  'ION_heap_pool',
  'ION_Total',
  'Gpu',
  'GPU',
  'GPUTotalUsed',
  'Zram',
  'Misc',
  'KgslShared',
  'Kgsl',
  'Mali',
  'Nvmap',
  'NvMapMemUsed',
  'DmaBuf',
];
const KNOWN: ReadonlySet<string> = new Set(MEMINFO_KEYS);

export interface MeminfoField {
  /** KiB for `kB` fields, a count for unit-less ones (HugePages_*) */
  value: number;
  unit: 'kB' | '';
  line: number;
}

export interface Meminfo {
  /** every field in print order, known or not */
  fields: Map<string, MeminfoField>;
}

/** KiB of a meminfo field, or undefined when the kernel did not print it */
export function mi(info: Meminfo, key: MeminfoKey): number | undefined {
  return info.fields.get(key)?.value;
}

const LINE = /^\s*([A-Za-z][\w()]*):\s+(-?\d+)(?=\s|$)(?:\s*(kB|KB|kb)(?=\s|$))?\s*(.*)$/;

/** fields ramledger does not know, kept (and listed) up to this many; the rest are counted */
export const MAX_UNKNOWN_FIELDS = 100;
/** names of dropped fields remembered (to end the meminfo at a repeat): bounded like the rest */
const MAX_SKIPPED_KEYS = 10_000;

function parseMeminfoLine(line: string): { key: string; digits: string; unit: 'kB' | ''; rest: string } | null {
  const r = LINE.exec(line);
  if (!r || r[1] === undefined || r[2] === undefined) return null;
  return { key: r[1], digits: r[2], unit: r[3] ? 'kB' : '', rest: (r[4] ?? '').trim() };
}

/** the value of a field, or why it cannot be used: the kernel prints counts, never negative, far below 2^53 */
function fieldValue(key: string, digits: string): { value: number } | { why: Msg } {
  const value = exactInt(digits);
  if (value === null)
    return { why: m('meminfo.value-too-large', { key, digits: digits.length > 24 ? `${digits.slice(0, 20)}…` : digits }) };
  if (value < 0) return { why: m('meminfo.value-negative', { key, value }) };
  return { value };
}

export const meminfo = defineFormat({
  id: 'meminfo',
  starts(line) {
    const p = parseMeminfoLine(line);
    return p !== null && KNOWN.has(p.key) && (p.unit === 'kB' || p.key.startsWith('HugePages_'));
  },
  parse(cur, ctx): Meminfo {
    const fields: Meminfo['fields'] = new Map();
    /** fields read but not used (too large, negative, past the unknown cap): a repeat of one still ends this meminfo */
    const skipped = new Set<string>();
    let unknown = 0;
    for (; !cur.done; cur.advance()) {
      if (cur.blank) continue;
      const line = cur.str;
      const p = parseMeminfoLine(line);
      if (p && !fields.has(p.key) && !skipped.has(p.key)) {
        const v = fieldValue(p.key, p.digits);
        const known = KNOWN.has(p.key);
        if ('why' in v) {
          skipped.add(p.key);
          ctx.diag.addCapped(cur.line, 'warning', v.why);
          continue;
        }
        if (!known && ++unknown > MAX_UNKNOWN_FIELDS) {
          // listed up to the cap; the rest counted with the lines they span
          if (skipped.size < MAX_SKIPPED_KEYS) skipped.add(p.key);
          ctx.diag.addCapped(cur.line, 'info', m('meminfo.unknown-field-dropped', { cap: MAX_UNKNOWN_FIELDS }), 0);
          continue;
        }
        if (p.rest) ctx.diag.addCapped(cur.line, 'info', m('meminfo.note-kept', { key: p.key, note: p.rest }));
        if (!known) ctx.diag.add(cur.line, 'info', m('meminfo.unknown-field', { key: p.key }));
        fields.set(p.key, { value: v.value, unit: p.unit, line: cur.line });
        continue;
      }
      if (ctx.isBoundary(line) || (p && (fields.has(p.key) || skipped.has(p.key)))) break;
      ctx.diag.unknown(cur.line, line);
    }
    if (fields.size > 0 && !fields.has('MemTotal')) ctx.diag.add(0, 'warning', m('meminfo.no-memtotal'));
    return { fields };
  },
  merge(b, data, at) {
    b.first('meminfo', { value: data, source: at.source });
  },
  samples: ['MemTotal:         230856 kB', 'SUnreclaim:        32144 kB', 'HugePages_Total:       0', 'Hugepagesize:       2048 kB'],
});
