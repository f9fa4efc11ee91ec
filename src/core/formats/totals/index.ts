/**
 * ramledger's own per-process totals: what a link carries in place of smaps when the
 * whole capture does not fit (../../share/reduce.ts writes it). One tab-separated row
 * per process, the same sums smem computes from the mappings, and PSS by kind of
 * mapping, so every total and chart of the Processes view stays exact; the mappings
 * themselves are what was left out, and the page says so.
 *
 *   # ramledger process totals 1: sums of each process's smaps; the mappings were left out
 *   pid	mappings	rss	pss	uss	swap	swap_pss	heap	stack	anonymous	file_code	file_data	shared_memory	other	name
 *   1	52	1836	645	368	0	-	120	16	88	210	111	0	100	procd
 *
 * The name is the last field, so a tab in it needs no escape; a line end or backslash
 * in it is written as `\012` and `\134`, as the kernel writes them in `status`.
 */

import { m } from '../../messages/catalogue';
import { exactInt } from '../../units';
import { defineFormat } from '../format';

export const TOTALS_MAGIC = '# ramledger process totals 1';
export const TOTALS_COLUMNS = [
  'pid',
  'mappings',
  'rss',
  'pss',
  'uss',
  'swap',
  'swap_pss',
  'heap',
  'stack',
  'anonymous',
  'file_code',
  'file_data',
  'shared_memory',
  'other',
  'name',
] as const;

/** PSS by kind of mapping, in the order of MAPPING_KINDS (model/processes.ts) */
export type PssByKind = [number, number, number, number, number, number, number];

export interface ProcessTotals {
  pid: number | null;
  name: string;
  mappings: number;
  rss: number;
  pss: number;
  uss: number;
  swap: number;
  swapPss?: number;
  byKind: PssByKind;
  /** the line the row is on */
  line: number;
}

export const escapeName = (s: string): string => s.replace(/[\\\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
const unescapeName = (s: string): string => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8)));

const HEADER = TOTALS_COLUMNS.join('\t');

function count(v: string | undefined): number | null {
  const n = v === undefined ? null : exactInt(v);
  return n !== null && n >= 0 ? n : null;
}

export const totals = defineFormat({
  id: 'totals',
  starts: (line) => line.startsWith('# ramledger process totals '),
  parse(cur, ctx): ProcessTotals[] {
    const rows: ProcessTotals[] = [];
    if (cur.str.trimEnd() !== TOTALS_MAGIC && !cur.str.startsWith(`${TOTALS_MAGIC}:`)) {
      ctx.diag.add(cur.line, 'error', m('totals.version', { line: cur.str.slice(0, 80) }));
      // a later version: its rows cannot be read by this one
      for (cur.advance(); !cur.done && !ctx.isBoundary(cur.str); cur.advance())
        ctx.diag.unknown(cur.line, cur.str, m('totals.not-this-version'));
      return rows;
    }
    cur.advance();
    let header = false;
    for (; !cur.done; cur.advance()) {
      if (cur.blank) continue;
      const line = cur.str;
      if (!header && line === HEADER) {
        header = true;
        continue;
      }
      const f = line.split('\t');
      if (f.length >= TOTALS_COLUMNS.length && header) {
        const n = f.slice(0, TOTALS_COLUMNS.length - 1).map((v, i) => ((i === 0 || i === 6) && v === '-' ? -1 : count(v)));
        if (n.every((v) => v !== null)) {
          const v = n as number[];
          const row: ProcessTotals = {
            pid: v[0] === -1 ? null : (v[0] as number),
            name: unescapeName(f.slice(TOTALS_COLUMNS.length - 1).join('\t')),
            mappings: v[1] as number,
            rss: v[2] as number,
            pss: v[3] as number,
            uss: v[4] as number,
            swap: v[5] as number,
            byKind: v.slice(7, 14) as PssByKind,
            line: cur.line,
          };
          if (v[6] !== -1) row.swapPss = v[6] as number;
          rows.push(row);
          continue;
        }
      }
      if (ctx.isBoundary(line)) break;
      ctx.diag.unknown(cur.line, line, header ? m('totals.bad-row', { columns: TOTALS_COLUMNS.length }) : m('totals.no-header'));
    }
    return rows;
  },
  merge(b, rows, at) {
    for (const r of rows) {
      const p = b.process({ ...at, firstLine: r.line, lastLine: r.line }, r.pid);
      p.totals = r;
      p.name = r.name;
      p.nameFrom = 'totals';
    }
  },
  samples: [TOTALS_MAGIC],
});
