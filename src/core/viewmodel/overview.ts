/**
 * The Overview's headline figures and its "used" table, computed once for the page:
 * which share of what whole each figure is, and how each tool's "used" compares with
 * what a pasted `free` printed.
 */
import { type FreeOutput, memRow } from '../formats/free/index';
import type { Msg } from '../messages/catalogue';
import type { Analysis, UsedToolId } from '../model/accounting/index';
import type { Located } from '../model/snapshot';

export type FigureId = 'dram' | 'memtotal' | 'used' | 'free' | 'unaccounted';

export interface Figure {
  id: FigureId;
  kib: number;
  /** the tool whose "used" this is */
  tool?: Msg;
}

export interface Headline {
  /** what the shares are of: DRAM when it is known, else MemTotal */
  whole: number;
  wholeIs: 'dram' | 'memtotal';
  figures: Figure[];
}

export function headline(a: Analysis): Headline {
  const dram = a.physical?.spanKiB ?? 0;
  const memTotal = a.accounting.memTotalKiB;
  const figures: Figure[] = [];
  if (dram > 0) figures.push({ id: 'dram', kib: dram });
  if (memTotal !== null) figures.push({ id: 'memtotal', kib: memTotal });
  const used = a.used[0];
  if (used) figures.push({ id: 'used', kib: used.usedKiB, tool: used.tool });
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

/** a tool's "used" agrees with the printed one when they are this close (free and meminfo are read at other moments) */
const MATCH_KIB = 1024;

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
