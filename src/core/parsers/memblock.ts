/**
 * memblock debugfs — `memblock_debug_show()` in the kernel's mm/memblock.c prints
 * /sys/kernel/debug/memblock/memory and /reserved:
 *
 *   older:          "%4d: %pa..%pa\n"          end inclusive
 *      0: 0x0000000040000000..0x0000000042ffffff
 *   since v6.4-ish: "%4d: %pa..%pa %4d %s\n"  node (or `x`) and one flag name
 *      0: 0x0000000040000000..0x00000000bfffffff    0 NONE
 *      3: 0x0000000047c80000..0x0000000047ffffff    0 NOMAP
 *
 * `%pa` is 8 hex digits on 32-bit phys_addr_t, 16 otherwise. A person's note after the
 * line (`== 0xa27000 == 10396KB （kernel）`) is kept as the region's note. Which table
 * this is (memory or reserved) comes from the path or command when there is one, else
 * from the content (byte-granular ranges and `x` nodes are reserved).
 */
import type { Cursor } from '../cursor';
import { hexToBigInt } from '../text';
import type { MemblockKind, MemblockRegion, MemblockTable } from '../types';
import type { LineParser, ParseContext } from './parser';

const LINE = /^\s*(\d+):\s*(0x[0-9a-fA-F]+)\.\.(0x[0-9a-fA-F]+)(?:\s+(-?\d+|x)\s+([A-Z][A-Z_]*))?(?:\s+(.*?))?\s*$/;

export function parseMemblockLine(line: string, lineNo: number): MemblockRegion | null {
  const m = LINE.exec(line);
  if (!m) return null;
  const start = hexToBigInt(m[2] as string);
  const last = hexToBigInt(m[3] as string);
  if (start === null || last === null || last < start) return null;
  const r: MemblockRegion = { index: Number(m[1]), start, end: last + 1n, line: lineNo };
  if (m[4] !== undefined) r.node = m[4];
  if (m[5] !== undefined) r.flag = m[5];
  if (m[6]) r.note = m[6];
  return r;
}

export function kindFromHint(hint: string | undefined): MemblockKind | null {
  if (!hint) return null;
  const h = hint.toLowerCase();
  if (/reserved/.test(h)) return 'reserved';
  if (/memory/.test(h)) return 'memory';
  return null;
}

export const memblockParser: LineParser<MemblockTable> = {
  format: 'memblock',
  starts: (line) => LINE.test(line),
  parse(cur: Cursor, ctx: ParseContext): MemblockTable {
    const regions: MemblockRegion[] = [];
    for (; !cur.done; cur.advance()) {
      if (cur.blank) continue;
      const line = cur.str;
      const r = parseMemblockLine(line, cur.line);
      if (r) {
        // a new table starts where the index goes back to 0
        if (r.index === 0 && regions.length > 0) break;
        if (r.index !== regions.length) ctx.diag.add(cur.line, 'warning', `memblock index ${r.index} where ${regions.length} was expected`);
        if (r.note) ctx.diag.add(cur.line, 'info', `note after the range kept: ${JSON.stringify(r.note)}`);
        regions.push(r);
        continue;
      }
      if (ctx.isBoundary(line, 'memblock')) break;
      if (/^\s*Total:\s*\d+/.test(line)) continue; // Rockchip reserved_size trailer
      ctx.diag.unknown(cur.line, line);
    }
    let kind = kindFromHint(ctx.hint);
    let kindEvidence = kind ? `named ${JSON.stringify(ctx.hint)}` : '';
    if (!kind) {
      if (regions.some((r) => r.node === 'x')) {
        kind = 'reserved';
        kindEvidence = 'regions without a node (`x`) are only found in memblock.reserved';
      } else if (regions.some((r) => r.start % 4096n !== 0n || r.end % 4096n !== 0n)) {
        kind = 'reserved';
        kindEvidence = 'byte-granular ranges are only found in memblock.reserved';
      } else {
        kindEvidence = 'not named and not decidable from the ranges alone';
      }
    }
    return { kind, kindEvidence, regions };
  },
};
