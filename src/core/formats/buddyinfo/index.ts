/**
 * /proc/buddyinfo — printed by `frag_show_print()` in the kernel's mm/vmstat.c: per zone,
 * the number of free blocks of each order (a block of order n is 2^n pages), orders 0 to
 * MAX_ORDER-1 (11 columns on most configs; more or fewer with other page sizes and on
 * 6.x kernels with a larger NR_PAGE_ORDERS):
 *
 *   Node 0, zone      DMA      1      1      0      0      2      1      1      0      1      1      3
 *   Node 0, zone   Normal   5316  14788   7108   3651   2386   1656    822    508    266    174    686
 */
import { m } from '../../messages/catalogue';
import { exactInt } from '../../units';
import { defineFormat } from '../format';

export interface BuddyZone {
  node: number;
  zone: string;
  line: number;
  /** free blocks by order */
  free: number[];
}

export interface Buddyinfo {
  zones: BuddyZone[];
}

/** the kernel's largest NR_PAGE_ORDERS is far below this; a row past it is not buddyinfo */
export const MAX_ORDERS = 64;

const ROW = /^Node\s+(\d+),\s+zone\s+(\S+)((?:\s+\d+)+)\s*$/;

/** a buddyinfo row: node, zone and counts; null when the line is none */
export function buddyRow(line: string): { node: number; zone: string; counts: string[] } | null {
  const r = ROW.exec(line);
  if (!r) return null;
  const counts = (r[3] as string).trim().split(/\s+/);
  const node = exactInt(r[1] as string);
  if (counts.length > MAX_ORDERS || node === null) return null;
  return { node, zone: r[2] as string, counts };
}

export const buddyinfo = defineFormat({
  id: 'buddyinfo',
  starts: (line) => buddyRow(line) !== null,
  parse(cur, ctx): Buddyinfo {
    const zones: BuddyZone[] = [];
    for (; !cur.done; cur.advance()) {
      if (cur.blank) continue;
      const line = cur.str;
      const row = buddyRow(line);
      if (!row) {
        if (ctx.isBoundary(line)) break;
        ctx.diag.unknown(cur.line, line, m('buddyinfo.not-a-row'));
        continue;
      }
      const free = row.counts.map(exactInt);
      if (free.some((v) => v === null)) {
        ctx.diag.add(cur.line, 'error', m('buddyinfo.too-large', { zone: row.zone }));
        continue;
      }
      const first = zones[0];
      if (first && first.free.length !== free.length)
        ctx.diag.add(cur.line, 'warning', m('buddyinfo.orders-differ', { zone: row.zone, orders: free.length, first: first.free.length }));
      zones.push({ node: row.node, zone: row.zone, line: cur.line, free: free as number[] });
    }
    return { zones };
  },
  merge(b, data, at) {
    if (b.snap.buddyinfo) b.note(m('note.second-input', { what: m('buddyinfo.what'), ignored: at.source, used: b.snap.buddyinfo.source }));
    else b.snap.buddyinfo = { value: data, source: at.source };
  },
  samples: [
    'Node 0, zone      DMA      1      1      0      0      2      1      1      0      1      1      3 ',
    'Node 0, zone   Normal   3847   2378    917    485    206     92     50      0      0      0      0',
  ],
});
