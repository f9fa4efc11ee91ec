/**
 * The flattened device tree, as `dtc -O dtb` writes it and the kernel exposes it in
 * `/sys/firmware/fdt` (devicetree-specification ch. 5; libfdt's fdt.h):
 *
 *   header, big-endian u32s: magic 0xd00dfeed, totalsize, off_dt_struct, off_dt_strings,
 *     off_mem_rsvmap, version, last_comp_version, boot_cpuid_phys, size_dt_strings,
 *     size_dt_struct (the last one from version 17)
 *   mem_rsvmap: (u64 address, u64 size) pairs up to one of size 0 — the /memreserve/s
 *   struct block: FDT_BEGIN_NODE (1) + NUL-terminated name padded to 4, FDT_END_NODE (2),
 *     FDT_PROP (3) + u32 len + u32 nameoff + value padded to 4, FDT_NOP (4), FDT_END (9)
 *   strings block: property names, NUL-terminated
 *
 * The result is the same tree the source reader builds (./tree.ts), so one interpreter
 * reads both. The file is untrusted: every offset and length is checked against the blob
 * and its blocks, nesting is capped, and the walk only moves forward, so a damaged blob
 * gives a clear message, never a crash or a hang.
 */
import { type Msg, m } from '../../messages/catalogue';
import { hex } from '../../units';
import { childNamed, type DtNode, MAX_DEPTH, newNode, nodeByPath, type Prop, type ReadTree } from './tree';

export const FDT_MAGIC = 0xd00dfeed;
const BEGIN_NODE = 1;
const END_NODE = 2;
const PROP = 3;
const NOP = 4;
const END = 9;

export const isFdt = (b: Uint8Array): boolean => b.length >= 4 && b[0] === 0xd0 && b[1] === 0x0d && b[2] === 0xfe && b[3] === 0xed;

/** a blob that cannot be read further: `kept` when what came before it is still usable */
export interface FdtProblem {
  why: Msg;
  kept: boolean;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

export function readFdt(b: Uint8Array): { tree: ReadTree | null; problem?: FdtProblem } {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const fatal = (why: Msg) => ({ tree: null, problem: { why, kept: false } });
  if (b.length < 28) return fatal(m('dtb.short', { size: b.length }));
  const u32 = (o: number) => dv.getUint32(o);
  const magic = u32(0);
  if (magic !== FDT_MAGIC) return fatal(m('dtb.magic', { magic: hex(BigInt(magic), 8) }));
  const total = u32(4);
  const offStruct = u32(8);
  const offStrings = u32(12);
  const offRsv = u32(16);
  const version = u32(20);
  const last = u32(24);
  if (version < 16 || last > 17) return fatal(m('dtb.version', { version, last }));
  const headerSize = version >= 17 ? 40 : 36;
  if (b.length < headerSize) return fatal(m('dtb.short', { size: b.length }));
  if (total > b.length) return fatal(m('dtb.totalsize', { total, size: b.length }));
  if (total < headerSize) return fatal(m('dtb.short', { size: total }));
  const sizeStrings = u32(32);
  const sizeStruct = version >= 17 ? u32(36) : total - Math.min(offStruct, total);
  const block = (name: string, off: number, size: number) =>
    off < headerSize || off + size > total ? m('dtb.block', { block: name, offset: off, size, total }) : null;
  const bad =
    block('structure', offStruct, sizeStruct) ?? block('strings', offStrings, sizeStrings) ?? block('reservation map', offRsv, 16);
  if (bad) return fatal(bad);

  // ---- the memory reservation map: (address, size) up to a size of 0 (libfdt fdt_num_mem_rsv)
  const memreserve: ReadTree['memreserve'] = [];
  for (let o = offRsv; ; o += 16) {
    if (o + 16 > total) return fatal(m('dtb.rsvmap'));
    const start = dv.getBigUint64(o);
    const size = dv.getBigUint64(o + 8);
    if (size === 0n) break;
    memreserve.push({ start, size, line: 0 });
  }

  // ---- the structure block
  const root = newNode('/', 0);
  const tree: ReadTree = { root, memreserve, includes: [], hasRoot: true };
  const end = offStruct + sizeStruct;
  /** tokens are 4-aligned from the start of the structure block */
  const align = (x: number) => x + ((4 - ((x - offStruct) % 4)) % 4);
  const stack: DtNode[] = [];
  let sawRoot = false;
  let o = offStruct;
  const kept = (why: Msg) => ({ tree, problem: { why, kept: true } });
  for (;;) {
    if (o + 4 > end) return kept(m('dtb.cut', { offset: o }));
    const token = u32(o);
    const at = o;
    o += 4;
    if (token === NOP) continue;
    if (token === BEGIN_NODE) {
      let e = o;
      while (e < end && b[e] !== 0) e++;
      if (e >= end) return kept(m('dtb.name', { offset: at }));
      const name = decoder.decode(b.subarray(o, e));
      o = align(e + 1);
      const parent = stack[stack.length - 1];
      if (!parent) {
        if (sawRoot) return kept(m('dtb.stray', { what: 'FDT_BEGIN_NODE', offset: at }));
        sawRoot = true;
        stack.push(root);
        continue;
      }
      if (stack.length >= MAX_DEPTH) return kept(m('dtb.depth', { depth: MAX_DEPTH }));
      stack.push(newNode(name, 0, parent));
      continue;
    }
    if (token === END_NODE) {
      if (!stack.pop()) return kept(m('dtb.stray', { what: 'FDT_END_NODE', offset: at }));
      continue;
    }
    if (token === PROP) {
      if (o + 8 > end) return kept(m('dtb.prop', { offset: at, len: 0 }));
      const len = u32(o);
      const nameoff = u32(o + 4);
      o += 8;
      if (len > end - o) return kept(m('dtb.prop', { offset: at, len }));
      if (nameoff >= sizeStrings) return kept(m('dtb.string', { offset: nameoff }));
      let e = offStrings + nameoff;
      const se = offStrings + sizeStrings;
      while (e < se && b[e] !== 0) e++;
      if (e >= se) return kept(m('dtb.string', { offset: nameoff }));
      const name = decoder.decode(b.subarray(offStrings + nameoff, e));
      const node = stack[stack.length - 1];
      if (!node) return kept(m('dtb.stray', { what: 'FDT_PROP', offset: at }));
      const prop: Prop = { name, chunks: len === 0 ? [] : [{ kind: 'raw', bytes: b.slice(o, o + len) }], line: 0 };
      node.props.set(name, prop);
      o = align(o + len);
      continue;
    }
    if (token === END) {
      if (stack.length > 0 || !sawRoot) return kept(m('dtb.cut', { offset: at }));
      break;
    }
    return kept(m('dtb.token', { token: hex(BigInt(token), 8), offset: at }));
  }
  labelsFromSymbols(root);
  return { tree };
}

/** `__symbols__` (dtc -@) maps labels to paths: give the nodes their labels back */
function labelsFromSymbols(root: DtNode): void {
  const sym = childNamed(root, '__symbols__');
  if (!sym) return;
  for (const p of sym.props.values()) {
    const raw = p.chunks[0];
    if (raw?.kind !== 'raw' || raw.bytes[raw.bytes.length - 1] !== 0) continue;
    const target = nodeByPath(root, decoder.decode(raw.bytes.subarray(0, raw.bytes.length - 1)));
    // property names are unique, so each label is given once
    if (target && target !== root) target.labels.push(p.name);
  }
}
