/**
 * /proc/pagetypeinfo — printed by `pagetypeinfo_show()` in the kernel's mm/vmstat.c
 * (root only since 5.6):
 *
 *   Page block order: 9
 *   Pages per block:  512
 *
 *   Free pages count per migrate type at order       0      1      2 …     10
 *   Node    0, zone      DMA, type    Unmovable      0      0      0 …      0
 *   Node    0, zone   Normal, type      Movable   4076  13038   5934 …    686
 *
 *   Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic      Isolate
 *   Node 0, zone      DMA            1            7            0            0            0
 *
 *   Number of mixed blocks    Unmovable      Movable  …            (CONFIG_PAGE_OWNER)
 *
 * The free counts are blocks of 2^order pages, like buddyinfo's, split by migrate type;
 * a list longer than 100,000 is printed `>100000` (5.6+). Migrate types are kept as the
 * kernel names them (Unmovable, Movable, Reclaimable, HighAtomic, CMA, Isolate, Reserve).
 */
import { m } from '../../messages/catalogue';
import { exactInt } from '../../units';
import { MAX_ORDERS } from '../buddyinfo/index';
import { defineFormat } from '../format';

export interface TypeRow {
  node: number;
  zone: string;
  type: string;
  line: number;
  /** free blocks by order; a `>100000` count is its floor, 100000 */
  free: number[];
  /** some count was printed as `>100000`: a floor, not the count */
  atLeast?: true;
}

export interface BlockCounts {
  node: number;
  zone: string;
  line: number;
  /** pageblocks by migrate type, in the header's order */
  blocks: Map<string, number>;
}

export interface Pagetypeinfo {
  pageblockOrder?: number;
  pagesPerBlock?: number;
  free: TypeRow[];
  blocks: BlockCounts[];
  mixed: BlockCounts[];
}

const ORDER = /^Page block order:\s*(\d+)\s*$/;
const PER_BLOCK = /^Pages per block:\s*(\d+)\s*$/;
const FREE_HEAD = /^Free pages count per migrate type at order((?:\s+\d+)+)\s*$/;
const BLOCKS_HEAD = /^Number of (blocks|mixed blocks) type\s+(.*?)\s*$/;
const MIXED_HEAD = /^Number of mixed blocks\s+(.*?)\s*$/;
const FREE_ROW = /^Node\s+(\d+),\s+zone\s+(\S+),\s+type\s+(\S+)((?:\s+>?\d+)+)\s*$/;
const COUNT_ROW = /^Node\s+(\d+),\s+zone\s+(\S+)((?:\s+\d+)+)\s*$/;

type Table = 'free' | 'blocks' | 'mixed' | null;

export const pagetypeinfo = defineFormat({
  id: 'pagetypeinfo',
  starts: (line) => ORDER.test(line) || FREE_HEAD.test(line),
  parse(cur, ctx): Pagetypeinfo {
    const out: Pagetypeinfo = { free: [], blocks: [], mixed: [] };
    let table: Table = null;
    let types: string[] = [];
    for (; !cur.done; cur.advance()) {
      if (cur.blank) continue;
      const line = cur.str;
      const order = ORDER.exec(line);
      const orderValue = order ? exactInt(order[1] as string) : null;
      if (orderValue !== null) {
        // a second pagetypeinfo (or a second node's: each starts with it) goes on in this one
        out.pageblockOrder = orderValue;
        table = null;
        continue;
      }
      const per = PER_BLOCK.exec(line);
      const perValue = per ? exactInt(per[1] as string) : null;
      if (perValue !== null) {
        out.pagesPerBlock = perValue;
        continue;
      }
      if (FREE_HEAD.test(line)) {
        table = 'free';
        continue;
      }
      const head = BLOCKS_HEAD.exec(line) ?? MIXED_HEAD.exec(line);
      if (head) {
        table = head[1] === 'blocks' ? 'blocks' : 'mixed';
        types = ((head.length === 3 ? head[2] : head[1]) ?? '').split(/\s+/).filter(Boolean);
        continue;
      }
      if (table === 'free' && readFree(line)) continue;
      if ((table === 'blocks' || table === 'mixed') && readCounts(line, table)) continue;
      if (ctx.isBoundary(line)) break;
      ctx.diag.unknown(cur.line, line, m('pagetypeinfo.not-understood'));
    }
    return out;

    function readFree(line: string): boolean {
      const r = FREE_ROW.exec(line);
      const node = r ? exactInt(r[1] as string) : null;
      if (!r || node === null) return false;
      const cells = (r[4] as string).trim().split(/\s+/);
      if (cells.length > MAX_ORDERS) return false;
      const row: TypeRow = { node, zone: r[2] as string, type: r[3] as string, line: cur.line, free: [] };
      for (const c of cells) {
        const v = exactInt(c.startsWith('>') ? c.slice(1) : c);
        if (v === null) {
          ctx.diag.add(cur.line, 'error', m('pagetypeinfo.too-large', { zone: row.zone, type: row.type }));
          return true;
        }
        if (c.startsWith('>')) row.atLeast = true;
        row.free.push(v);
      }
      if (row.atLeast) ctx.diag.addCapped(cur.line, 'info', m('pagetypeinfo.at-least', { zone: row.zone, type: row.type }));
      out.free.push(row);
      return true;
    }

    function readCounts(line: string, into: 'blocks' | 'mixed'): boolean {
      const r = COUNT_ROW.exec(line);
      const node = r ? exactInt(r[1] as string) : null;
      if (!r || node === null) return false;
      const cells = (r[3] as string).trim().split(/\s+/).map(exactInt);
      if (cells.length !== types.length || cells.some((v) => v === null)) {
        ctx.diag.add(cur.line, 'error', m('pagetypeinfo.columns', { zone: r[2] as string, cells: cells.length, types: types.length }));
        return true;
      }
      const blocks = new Map<string, number>();
      types.forEach((t, i) => {
        blocks.set(t, cells[i] as number);
      });
      out[into].push({ node, zone: r[2] as string, line: cur.line, blocks });
      return true;
    }
  },
  merge(b, data, at) {
    if (b.snap.pagetypeinfo)
      b.note(m('note.second-input', { what: m('pagetypeinfo.what'), ignored: at.source, used: b.snap.pagetypeinfo.source }));
    else b.snap.pagetypeinfo = { value: data, source: at.source };
  },
  samples: [
    'Page block order: 9',
    'Free pages count per migrate type at order       0      1      2      3      4      5      6      7      8      9     10 ',
  ],
});
