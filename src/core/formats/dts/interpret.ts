/**
 * What the kernel takes from the tree (drivers/of/fdt.c, drivers/of/of_reserved_mem.c):
 * the `memory` nodes' banks, the `/reserved-memory` children (fixed `reg` ranges or
 * dynamic `size`/`alignment`/`alloc-ranges`, `no-map`, `reusable`, `status`) and the
 * `/memreserve/` entries. The same code reads a tree from source and from a blob: every
 * value is looked at as the bytes dtc would write.
 *
 * Cells: `reg` pairs use the parent's `#address-cells`/`#size-cells`, as dtc and the
 * kernel do. When the parent does not say: in a whole tree (a blob, or a source with a
 * root and no unresolved include) the root takes the kernel's defaults
 * (OF_ROOT_NODE_ADDR_CELLS_DEFAULT = OF_ROOT_NODE_SIZE_CELLS_DEFAULT = 1,
 * early_init_dt_scan_root()), with a warning; in a fragment the count its cells imply is
 * assumed, and said.
 */
import { type Msg, m } from '../../messages/catalogue';
import { hex } from '../../units';
import type { ParseContext } from '../format';
import { type DtNode, kids, type Prop, pathOf, type ReadTree } from './tree';
import type { DeviceTree, DtReservation } from './types';

const U64 = 1n << 64n;
/** no CPU addresses more physical memory than 2^56 (RISC-V Sv57; arm64 and x86-64: 52 bits) */
const PA_LIMIT = 1n << 56n;

/** a property's value as the bytes dtc writes; null when it holds references or is lost */
function bytesOf(p: Prop): Uint8Array | null {
  if (p.lost) return null;
  const out: number[] = [];
  for (const ch of p.chunks) {
    if (ch.kind === 'raw') for (const x of ch.bytes) out.push(x);
    else if (ch.kind === 'cells') {
      const n = ch.bits / 8;
      for (const c of ch.cells) {
        if (!('v' in c)) return null;
        for (let i = n - 1; i >= 0; i--) out.push(Number((c.v >> BigInt(i * 8)) & 0xffn));
      }
    } else if (ch.kind === 'bytes') {
      if (ch.hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(ch.hex)) return null;
      for (let i = 0; i < ch.hex.length; i += 2) out.push(Number.parseInt(ch.hex.slice(i, i + 2), 16));
    } else return null;
  }
  return Uint8Array.from(out);
}

/** the value as 32-bit cells, or null */
function cellsOf(p: Prop | undefined): bigint[] | null {
  if (!p) return null;
  const b = bytesOf(p);
  if (!b || b.length % 4 !== 0) return null;
  const out: bigint[] = [];
  for (let i = 0; i < b.length; i += 4)
    out.push(BigInt((((b[i] ?? 0) << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0)) >>> 0));
  return out;
}

function cellCount(p: Prop | undefined): number | undefined {
  const c = cellsOf(p);
  return c && c.length === 1 && c[0] !== undefined && c[0] <= 4n ? Number(c[0]) : undefined;
}

function join(cells: bigint[]): bigint {
  let v = 0n;
  for (const c of cells) v = (v << 32n) | c;
  return v;
}

const latin1 = new TextDecoder('utf-8', { fatal: false });

/** string list: `"a", "b"` in source, `a\0b\0` in a blob */
function strings(p: Prop | undefined): string[] {
  if (!p || p.lost) return [];
  const out: string[] = [];
  for (const ch of p.chunks) {
    if (ch.kind === 'string') for (const x of ch.value.split('\0')) out.push(x);
    else if (ch.kind === 'raw') {
      const b = ch.bytes;
      if (b.length === 0 || b[b.length - 1] !== 0) continue;
      for (const x of latin1.decode(b.subarray(0, b.length - 1)).split('\0')) out.push(x);
    }
  }
  return out;
}

const okay = (n: DtNode) => {
  const s = strings(n.props.get('status'))[0];
  return s === undefined || s === 'okay' || s === 'ok';
};
const baseName = (n: DtNode) => n.name.split('@')[0] ?? n.name;

interface Cells {
  ac: number;
  sc: number;
}

export function interpret(read: ReadTree, ctx: ParseContext, blob = false): DeviceTree {
  const { root } = read;
  const complete = blob || (read.hasRoot && read.includes.length === 0);
  const used = new Set<Prop>();
  const diag = (line: number, sev: 'error' | 'warning' | 'info', msg: Msg) => ctx.diag.add(line, sev, msg);
  const refOf = (n: DtNode, line: number) => (blob ? { source: `${ctx.source}:${pathOf(n)}`, line: 0 } : { source: ctx.source, line });
  const dt: DeviceTree = { banks: [], unsizedBanks: [], reservations: [], memreserve: [], includes: read.includes };

  for (const r of read.memreserve) {
    const end = r.start + r.size;
    if (r.size === 0n) diag(r.line, 'info', m('dts.memreserve-zero', { start: hex(r.start, 0) }));
    else if (end > U64)
      diag(r.line, 'error', m('dts.range-overflow', { node: '/memreserve/', prop: '', start: hex(r.start, 0), size: hex(r.size, 0) }));
    else dt.memreserve.push({ start: r.start, end, ref: blob ? { source: ctx.source, line: 0 } : { source: ctx.source, line: r.line } });
  }

  // ---- the root's cells: what early_init_dt_scan_root() sets
  const rootAc = cellCount(root.props.get('#address-cells'));
  const rootSc = cellCount(root.props.get('#size-cells'));
  let rootDefaultSaid = false;
  const rootCells = (line: number): Cells | null => {
    if (rootAc !== undefined && rootSc !== undefined) return { ac: rootAc, sc: rootSc };
    if (!complete) return null;
    if (!rootDefaultSaid) diag(line, 'warning', m('dts.root-cells-default', { ac: rootAc ?? 1, sc: rootSc ?? 1 }));
    rootDefaultSaid = true;
    return { ac: rootAc ?? 1, sc: rootSc ?? 1 };
  };

  /** the (address, size) pairs of a `reg`-like property */
  const pairs = (p: Prop, node: DtNode, cells: Cells | null): { start: bigint; size: bigint }[] | null => {
    used.add(p);
    const name = node.name;
    if (p.lost) {
      diag(p.line, 'error', m('dts.value-lost', { node: pathOf(node), prop: p.name, why: p.lost.why }));
      return null;
    }
    const v = cellsOf(p);
    if (!v) {
      diag(p.line, 'warning', m('dts.not-cells', { node: name, prop: p.name }));
      return null;
    }
    let c = cells;
    if (!c) {
      const [ac, sc] = v.length % 4 === 0 ? [2, 2] : v.length % 2 === 0 ? [1, 1] : [2, 1];
      c = { ac, sc };
      diag(p.line, 'info', m('dts.cells-assumed', { node: name, prop: p.name, ac, sc, cells: v.length }));
    }
    const pair = c.ac + c.sc;
    if (pair === 0 || v.length % pair !== 0) {
      diag(p.line, 'error', m('dts.cells-misfit', { node: name, prop: p.name, ac: c.ac, sc: c.sc, cells: v.length }));
      return null;
    }
    const out = [];
    for (let i = 0; i < v.length; i += pair) {
      const start = join(v.slice(i, i + c.ac));
      const size = join(v.slice(i + c.ac, i + pair));
      if (start + size > U64 || start >= U64 || size >= U64) {
        diag(p.line, 'error', m('dts.range-overflow', { node: name, prop: p.name, start: hex(start, 0), size: hex(size, 0) }));
        continue;
      }
      if (start + size > PA_LIMIT) {
        diag(p.line, 'error', m('dts.range-implausible', { node: name, prop: p.name, start: hex(start, 0), size: hex(size, 0) }));
        continue;
      }
      out.push({ start, size });
    }
    return out;
  };

  // ---- DRAM: early_init_dt_scan_memory(), top-level nodes only (since v5.16, commit 1f012283e936)
  for (const node of kids(root)) {
    const isMemory = strings(node.props.get('device_type'))[0] === 'memory';
    if (!isMemory) {
      if (baseName(node) !== 'memory') continue;
      if (complete) {
        diag(node.line, 'info', m('dts.memory-no-type', { node: node.name }));
        continue;
      }
      diag(node.line, 'info', m('dts.memory-no-type-fragment', { node: node.name }));
    }
    if (!okay(node)) {
      diag(node.line, 'info', m('dts.memory-disabled', { node: node.name, status: strings(node.props.get('status'))[0] ?? '' }));
      continue;
    }
    const usable = node.props.get('linux,usable-memory');
    const reg = usable ?? node.props.get('reg');
    if (!reg) {
      diag(node.line, 'warning', m('dts.memory-no-reg', { node: node.name }));
      continue;
    }
    if (usable) diag(usable.line, 'info', m('dts.usable-memory', { node: node.name }));
    for (const r of pairs(reg, node, rootCells(reg.line)) ?? []) {
      if (r.size === 0n) {
        dt.unsizedBanks.push({ name: node.name, start: r.start, ref: refOf(node, reg.line) });
        diag(reg.line, 'info', m('dts.memory-unsized', { node: node.name, start: hex(r.start, 0) }));
      } else dt.banks.push({ name: node.name, start: r.start, end: r.start + r.size, ref: refOf(node, reg.line) });
    }
  }

  // ---- /reserved-memory: fdt_scan_reserved_mem(), its direct children only
  const rmems = kids(root).filter((c) => baseName(c) === 'reserved-memory');
  const rmem = rmems[0];
  for (const extra of rmems.slice(1)) diag(extra.line, 'warning', m('dts.rmem-second', { node: extra.name }));
  const nested = (n: DtNode, depth: number) => {
    for (const c of kids(n)) {
      if (depth > 0 && baseName(c) === 'reserved-memory') diag(c.line, 'warning', m('dts.rmem-nested', { path: pathOf(c) }));
      nested(c, depth + 1);
    }
  };
  nested(root, 0);
  if (rmem) {
    const ac = cellCount(rmem.props.get('#address-cells'));
    const sc = cellCount(rmem.props.get('#size-cells'));
    let cells: Cells | null;
    if (ac !== undefined && sc !== undefined) {
      cells = { ac, sc };
      const rc = rootCells(rmem.line);
      if (rc && (rc.ac !== ac || rc.sc !== sc))
        diag(rmem.line, 'warning', m('dts.rmem-cells-mismatch', { ac, sc, rootAc: rc.ac, rootSc: rc.sc }));
    } else {
      cells = rootCells(rmem.line);
      if (complete) diag(rmem.line, 'warning', m('dts.rmem-no-cells'));
    }
    if (complete && !rmem.props.has('ranges')) diag(rmem.line, 'warning', m('dts.rmem-no-ranges'));
    for (const c of kids(rmem)) dt.reservations.push(reservation(c, cells));
  } else {
    // a pasted list of reservation nodes without the reserved-memory wrapper
    for (const c of kids(root)) {
      const looks = c.props.has('no-map') || c.props.has('reusable') || strings(c.props.get('compatible')).includes('shared-dma-pool');
      if (looks && !read.hasRoot) {
        diag(c.line, 'info', m('dts.bare-reservation', { node: c.name }));
        dt.reservations.push(reservation(c, null));
      }
    }
  }

  function reservation(node: DtNode, cells: Cells | null): DtReservation {
    const reg = node.props.get('reg');
    const r: DtReservation = {
      name: node.name,
      ranges: [],
      noMap: node.props.has('no-map'),
      reusable: node.props.has('reusable'),
      compatible: strings(node.props.get('compatible')),
      flags: [...node.props.values()].filter((p) => p.chunks.length === 0 && !p.lost).map((p) => p.name),
      ref: refOf(node, (reg ?? node).line),
    };
    if (node.labels[0]) r.label = node.labels[0];
    const status = strings(node.props.get('status'))[0];
    if (status !== undefined) r.status = status;
    if (reg) {
      for (const x of pairs(reg, node, cells) ?? []) {
        if (x.size === 0n) diag(reg.line, 'info', m('dts.rmem-zero-size', { node: node.name, start: hex(x.start, 0) }));
        else r.ranges.push({ start: x.start, end: x.start + x.size });
      }
    }
    const size = node.props.get('size');
    if (size && !reg) {
      const one = (p: Prop, want: number | undefined): bigint | undefined => {
        used.add(p);
        if (p.lost) {
          diag(p.line, 'error', m('dts.value-lost', { node: pathOf(node), prop: p.name, why: p.lost.why }));
          return undefined;
        }
        const v = cellsOf(p);
        if (!v || v.length === 0 || (want !== undefined && v.length !== want) || v.length > 2) {
          diag(p.line, 'warning', m('dts.bad-cells', { node: node.name, prop: p.name, cells: v?.length ?? 0, want: want ?? 2 }));
          return undefined;
        }
        return join(v);
      };
      const bytes = one(size, cells?.sc);
      if (bytes !== undefined) r.dynamicSizeBytes = bytes;
      const alignment = node.props.get('alignment');
      const al = alignment ? one(alignment, cells?.ac) : undefined;
      if (al !== undefined) r.alignmentBytes = al;
      const ar = node.props.get('alloc-ranges');
      if (ar) r.allocRanges = (pairs(ar, node, cells) ?? []).map((x) => ({ start: x.start, end: x.start + x.size }));
    }
    if (!reg && !size) diag(node.line, 'warning', m('dts.no-reg-no-size', { node: node.name }));
    if (r.noMap && r.reusable) diag(node.line, 'warning', m('dts.nomap-reusable', { node: node.name }));
    return r;
  }

  // ---- every other property that could not be read: said once each, costs nothing else
  const walk = (n: DtNode) => {
    for (const p of n.props.values())
      if (p.lost && !used.has(p)) diag(p.line, 'info', m('dts.prop-lost', { node: pathOf(n), prop: p.name, why: p.lost.why }));
    for (const c of kids(n)) walk(c);
  };
  walk(root);
  return dt;
}
