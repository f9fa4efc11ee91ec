/**
 * The Overview's headline figures and its "used" table, computed once for the page:
 * which share of what whole each figure is, and how each tool's "used" compares with
 * what a pasted `free` printed.
 */
import { type FreeOutput, memRow } from '../formats/free/index';
import type { Msg } from '../messages/catalogue';
import type { Analysis, UsedToolId } from '../model/accounting/index';
import type { Located } from '../model/snapshot';

/** a tool's "used" agrees with the printed one when they are this close (free and meminfo are read at other moments) */
const MATCH_KIB = 1024;

export type FigureId = 'dram' | 'memtotal' | 'used' | 'free' | 'unaccounted';

export interface Figure {
  id: FigureId;
  kib: number;
  /** the tool whose "used" this is (for a printed one: the tool whose formula gives it) */
  tool?: Msg;
  /** "used" as the pasted `free` printed it */
  printed?: boolean;
}

export interface Headline {
  /** what the shares are of: DRAM when it is known, else MemTotal */
  whole: number;
  wholeIs: 'dram' | 'memtotal';
  figures: Figure[];
}

/**
 * The headline figures. "used" is what the pasted `free` printed when there is one (the
 * figure a reviewer compares with their terminal), with the tool whose formula gives it;
 * else the first tool's formula on meminfo, named.
 */
export function headline(a: Analysis, free?: Located<FreeOutput>): Headline {
  const dram = a.physical?.spanKiB ?? 0;
  const memTotal = a.accounting.memTotalKiB;
  const figures: Figure[] = [];
  if (dram > 0) figures.push({ id: 'dram', kib: dram });
  if (memTotal !== null) figures.push({ id: 'memtotal', kib: memTotal });
  const printed = free ? memRow(free.value)?.values.used : undefined;
  const used = a.used[0];
  if (printed !== undefined) {
    const like = a.used.find((u) => Math.abs(u.usedKiB - printed) <= MATCH_KIB);
    figures.push({ id: 'used', kib: printed, printed: true, ...(like ? { tool: like.tool } : {}) });
  } else if (used) figures.push({ id: 'used', kib: used.usedKiB, tool: used.tool });
  if (a.accounting.freeKiB !== null) figures.push({ id: 'free', kib: a.accounting.freeKiB });
  if (a.accounting.unaccountedKiB !== null) figures.push({ id: 'unaccounted', kib: a.accounting.unaccountedKiB });
  return { whole: dram || memTotal || 0, wholeIs: dram ? 'dram' : 'memtotal', figures };
}

/** "used" as `free` printed it, and as each tool computes it from the same meminfo */
export interface UsedRow {
  /** `printed` for the pasted `free` output */
  id: UsedToolId | 'printed';
  tool?: Msg;
  formula?: Msg;
  usedKiB: number | null;
  buffCacheKiB: number;
  /** this tool's formula gives what the pasted `free` printed (within 1 MiB) */
  matchesPrinted: boolean;
  /** where the printed row is */
  source?: string;
  line?: number;
  layout?: string;
}

export function usedTable(a: Analysis, free: Located<FreeOutput> | undefined): UsedRow[] {
  const rows: UsedRow[] = [];
  const row = free ? memRow(free.value) : undefined;
  const printed = row?.values.used;
  if (free && row) {
    const v = row.values;
    rows.push({
      id: 'printed',
      usedKiB: printed ?? null,
      buffCacheKiB: v['buff/cache'] ?? (v.buffers ?? 0) + (v.cached ?? v.cache ?? 0),
      matchesPrinted: false,
      source: free.source,
      line: row.line,
      layout: free.value.layout,
    });
  }
  for (const u of a.used)
    rows.push({
      id: u.id,
      tool: u.tool,
      formula: u.formula,
      usedKiB: u.usedKiB,
      buffCacheKiB: u.buffCacheKiB,
      matchesPrinted: printed !== undefined && Math.abs(printed - u.usedKiB) <= MATCH_KIB,
    });
  return rows;
}
