/**
 * memblock debugfs — `memblock_debug_show()` in the kernel's mm/memblock.c prints
 * /sys/kernel/debug/memblock/memory and /reserved:
 *
 *   older:     "%4d: %pa..%pa\n"          end inclusive
 *      0: 0x0000000040000000..0x0000000042ffffff
 *   since 6.5: "%4d: %pa..%pa %4d %s\n"  node (or `x`) and the lowest set flag's name
 *      0: 0x0000000040000000..0x00000000bfffffff    0 NONE
 *      3: 0x0000000047c80000..0x0000000047ffffff    0 NOMAP
 *
 * `%pa` is 8 hex digits on 32-bit phys_addr_t, 16 otherwise. A person's note after the
 * line (`== 0xa27000 == 10396KB （kernel）`) is kept as the region's note. Which table
 * this is (memory or reserved) comes from the path or command when there is one, else
 * from the content (byte-granular ranges and `x` nodes are reserved); what neither
 * decides is settled when every input is in (`finish`).
 */

import { type Msg, m } from '../../messages/catalogue';
import type { Located } from '../../model/snapshot';
import { exactInt, hexToBigInt } from '../../units';
import { defineFormat } from '../format';
import type { MemblockCall } from '../kmsg/types';
import { type MemblockFlag, parseFlags } from './flags';

export interface MemblockRegion {
  index: number;
  start: bigint;
  end: bigint;
  /** node id, `x` for none, absent in the older format */
  node?: string;
  /** the flags printed (debugfs names or memblock=debug bits); empty for NONE or none printed */
  flags: MemblockFlag[];
  /** the flag as printed, when it was */
  flagText?: string;
  /** what a person wrote after the line */
  note?: string;
  line: number;
}

export type MemblockKind = 'memory' | 'reserved';

export interface MemblockTable {
  kind: MemblockKind | null;
  /** how the kind was decided */
  kindEvidence: Msg;
  regions: MemblockRegion[];
}

const LINE = /^\s*(\d+):\s*(0x[0-9a-fA-F]+)\.\.(0x[0-9a-fA-F]+)(?:\s+(-?\d+|x)\s+([A-Z][A-Z_]*))?(?:\s+(.*?))?\s*$/;

/** a physical address: at most 64 bits (`%pa` prints 8 or 16 digits), else null */
function address(text: string): bigint | null {
  const digits = text.slice(2).replace(/^0+(?=.)/, '');
  return digits.length > 16 ? null : hexToBigInt(text);
}

/** a region, or why a line of this shape cannot be one, or null when it is not of this shape */
function parseMemblockLine(line: string, lineNo: number): MemblockRegion | { why: Msg } | null {
  const r = LINE.exec(line);
  if (!r || r[1] === undefined || r[2] === undefined || r[3] === undefined) return null;
  const start = address(r[2]);
  const last = address(r[3]);
  if (start === null || last === null) return { why: m('memblock.address-too-large') };
  if (last < start) return { why: m('memblock.range-reversed') };
  const index = exactInt(r[1]);
  if (index === null) return { why: m('memblock.index-too-large') };
  const region: MemblockRegion = { index, start, end: last + 1n, flags: [], line: lineNo };
  if (r[4] !== undefined) region.node = r[4];
  if (r[5] !== undefined) {
    region.flagText = r[5];
    region.flags = parseFlags(r[5]);
  }
  if (r[6]) region.note = r[6];
  return region;
}

function kindFromHint(hint: string | undefined): MemblockKind | null {
  if (!hint) return null;
  const h = hint.toLowerCase();
  if (h.includes('reserved')) return 'reserved';
  if (h.includes('memory')) return 'memory';
  return null;
}

export const isNomap = (r: MemblockRegion): boolean => r.flags.includes('NOMAP');

/** tables neither a name nor their content told apart, per snapshot being built */
const undecided = new WeakMap<object, Located<MemblockTable>[]>();

export const memblock = defineFormat({
  id: 'memblock',
  starts: (line) => LINE.test(line),
  parse(cur, ctx): MemblockTable {
    const regions: MemblockRegion[] = [];
    for (; !cur.done; cur.advance()) {
      if (cur.blank) continue;
      const line = cur.str;
      const r = parseMemblockLine(line, cur.line);
      if (r && 'why' in r) {
        ctx.diag.unknown(cur.line, line, r.why);
        continue;
      }
      if (r) {
        // a new table starts where the index goes back to 0
        if (r.index === 0 && regions.length > 0) break;
        if (r.index !== regions.length)
          ctx.diag.addCapped(cur.line, 'warning', m('memblock.index-gap', { index: r.index, expected: regions.length }));
        if (r.note) ctx.diag.addCapped(cur.line, 'info', m('memblock.note-kept', { note: r.note }));
        regions.push(r);
        continue;
      }
      if (ctx.isBoundary(line)) break;
      if (/^\s*Total:\s*\d+/.test(line)) continue; // Rockchip reserved_size trailer
      ctx.diag.unknown(cur.line, line);
    }
    const named = kindFromHint(ctx.hint);
    if (named) return { kind: named, kindEvidence: m('memblock.kind-named', { hint: ctx.hint ?? '' }), regions };
    if (regions.some((r) => r.node === 'x')) return { kind: 'reserved', kindEvidence: m('memblock.kind-node-x'), regions };
    if (regions.some((r) => r.start % 4096n !== 0n || r.end % 4096n !== 0n))
      return { kind: 'reserved', kindEvidence: m('memblock.kind-bytes'), regions };
    return { kind: null, kindEvidence: m('memblock.kind-undecided'), regions };
  },
  merge(b, table, at) {
    if (table.kind === null) {
      const list = undecided.get(b) ?? [];
      list.push({ value: table, source: at.source });
      undecided.set(b, list);
    } else if (b.snap.memblock[table.kind]) b.note(m('note.second-memblock', { kind: table.kind, source: at.source }));
    else b.snap.memblock[table.kind] = { value: table.regions, source: at.source };
  },
  finish(b) {
    const snap = b.snap;
    // memblock=debug in a kernel log fills in what the debugfs files did not give
    const log = snap.kernelLog;
    if (log && log.value.memblockDebug.memory.length > 0 && !snap.memblock.memory)
      snap.memblock.memory = { value: log.value.memblockDebug.memory, source: log.source };
    if (log && log.value.memblockDebug.reserved.length > 0 && !snap.memblock.reserved)
      snap.memblock.reserved = { value: log.value.memblockDebug.reserved, source: log.source };
    // memblock=debug logs each reserve and free as it happens: replayed, they give the
    // reserved ranges at the end of the log
    if (log && !snap.memblock.reserved && log.value.memblockCalls.some((c) => c.op === 'reserve')) {
      snap.memblock.reserved = { value: replayCalls(log.value.memblockCalls), source: log.source };
      b.note(m('note.memblock-from-calls', { count: log.value.memblockCalls.length, source: log.source }));
    }
    // tables neither named nor told apart by content: memory first, then reserved
    for (const t of undecided.get(b) ?? []) {
      const kind = !snap.memblock.memory ? 'memory' : !snap.memblock.reserved ? 'reserved' : null;
      if (kind === null) {
        b.note(m('note.memblock-unused', { source: t.source }));
        continue;
      }
      snap.memblock[kind] = { value: t.value.regions, source: t.source };
      b.note(m('note.memblock-taken-as', { source: t.source, kind, evidence: t.value.kindEvidence }));
    }
    // the table that holds the other is memory
    const { memory, reserved } = snap.memblock;
    if (memory && reserved) {
      const sum = (rs: MemblockRegion[]) => rs.reduce((s, r) => s + (r.end - r.start), 0n);
      if (sum(reserved.value) > sum(memory.value)) {
        snap.memblock = { memory: reserved, reserved: memory };
        b.note(m('note.memblock-swapped'));
      }
    }
  },
  samples: [
    '   0: 0x0000000040000000..0x0000000042ffffff',
    '   3: 0x0000000047c80000..0x0000000047ffffff    0 NOMAP',
    '  12: 0x4ff68200..0x4ff682d9    x NONE',
  ],
});

/**
 * memblock_reserve / memblock_free calls in order → the reserved ranges they leave. The
 * held ranges stay sorted and disjoint; each call finds its place by binary search, so
 * thousands of calls cost little more than reading them.
 */
function replayCalls(calls: readonly MemblockCall[]): MemblockRegion[] {
  const held: { start: bigint; end: bigint; line: number }[] = [];
  /** index of the first held range that ends after `at` */
  const firstEndingAfter = (at: bigint) => {
    let lo = 0;
    let hi = held.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((held[mid]?.end ?? 0n) <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const c of calls) {
    if (c.end <= c.start || (c.op !== 'reserve' && c.op !== 'free')) continue;
    // the ranges that touch or overlap [start, end)
    const i = c.op === 'reserve' ? firstEndingAfter(c.start - 1n) : firstEndingAfter(c.start);
    let j = i;
    while (j < held.length && (held[j]?.start ?? 0n) <= (c.op === 'reserve' ? c.end : c.end - 1n)) j++;
    const touched = held.slice(i, j);
    if (c.op === 'reserve') {
      const first = touched[0];
      const last = touched[touched.length - 1];
      const merged = {
        start: first && first.start < c.start ? first.start : c.start,
        end: last && last.end > c.end ? last.end : c.end,
        line: first && first.start <= c.start ? first.line : c.line,
      };
      held.splice(i, j - i, merged);
    } else {
      const pieces: { start: bigint; end: bigint; line: number }[] = [];
      for (const h of touched) {
        if (h.start < c.start) pieces.push({ start: h.start, end: c.start, line: h.line });
        if (h.end > c.end) pieces.push({ start: c.end, end: h.end, line: h.line });
      }
      held.splice(i, j - i, ...pieces);
    }
  }
  return held.map((r, index) => ({ index, start: r.start, end: r.end, flags: [], line: r.line }));
}
