/**
 * What the kernel takes from the tree (drivers/of/fdt.c, drivers/of/of_reserved_mem.c):
 * the `memory` nodes' banks, the `reserved-memory` children (fixed `reg` ranges or
 * dynamic `size`/`alignment`/`alloc-ranges`, `no-map`, `reusable`, `status`) and the
 * `/memreserve/` entries. `reg` pairs use the parent's `#address-cells`/`#size-cells`;
 * a snippet without them gets the count its cells imply, and says so.
 */
import { m } from '../../messages/catalogue';
import type { ParseContext } from '../format';
import type { DtNode, Prop } from './tree';
import type { DeviceTree, DtReservation } from './types';

function cellsOf(p: Prop | undefined): bigint[] | null {
  if (!p) return null;
  const out: bigint[] = [];
  for (const ch of p.chunks) {
    if (ch.kind !== 'cells') return null;
    for (const c of ch.cells) {
      if (!('v' in c)) return null;
      out.push(c.v);
    }
  }
  return out;
}

function cellCount(p: Prop | undefined): number | undefined {
  const c = cellsOf(p);
  return c && c.length === 1 ? Number(c[0]) : undefined;
}

function join(cells: bigint[]): bigint {
  let v = 0n;
  for (const c of cells) v = (v << 32n) | c;
  return v;
}

function strings(p: Prop | undefined): string[] {
  if (!p) return [];
  return p.chunks.flatMap((c) => (c.kind === 'string' ? [c.value] : []));
}

/** Splits `reg`-like cells into (address, size) ranges with the parent's cell sizes. */
function ranges(p: Prop, parent: DtNode, ctx: ParseContext, node: string): { start: bigint; end: bigint }[] | null {
  const cells = cellsOf(p);
  if (!cells) {
    ctx.diag.add(p.line, 'warning', m('dts.not-cells', { node, prop: p.name }));
    return null;
  }
  let ac = cellCount(parent.props.get('#address-cells'));
  let sc = cellCount(parent.props.get('#size-cells'));
  if (ac === undefined || sc === undefined) {
    const [ga, gs] = cells.length % 4 === 0 ? [2, 2] : cells.length % 2 === 0 ? [1, 1] : [2, 1];
    ac ??= ga;
    sc ??= gs;
    ctx.diag.add(p.line, 'info', m('dts.cells-assumed', { node, prop: p.name, ac, sc, cells: cells.length }));
  }
  const pair = ac + sc;
  if (pair === 0 || cells.length % pair !== 0) {
    ctx.diag.add(p.line, 'error', m('dts.cells-misfit', { node, prop: p.name, ac, sc, cells: cells.length }));
    return null;
  }
  const out = [];
  for (let i = 0; i < cells.length; i += pair) {
    const start = join(cells.slice(i, i + ac));
    const size = join(cells.slice(i + ac, i + pair));
    out.push({ start, end: start + size });
  }
  return out;
}

function bigValue(p: Prop | undefined): bigint | undefined {
  const c = cellsOf(p);
  return c && c.length > 0 ? join(c) : undefined;
}

export function interpret(
  root: DtNode,
  read: { memreserve: { start: bigint; size: bigint; line: number }[]; includes: string[] },
  ctx: ParseContext,
): DeviceTree {
  const dt: DeviceTree = { banks: [], reservations: [], memreserve: [], includes: read.includes };
  const ref = (line: number) => ({ source: ctx.source, line });
  for (const r of read.memreserve) dt.memreserve.push({ start: r.start, end: r.start + r.size, ref: ref(r.line) });

  const live = (n: DtNode) => !n.deleted;
  let sawReservedNode = false;
  const visit = (node: DtNode, parent: DtNode) => {
    if (!live(node)) return;
    const base = node.name.split('@')[0];
    const isMemory = strings(node.props.get('device_type')).includes('memory') || base === 'memory';
    if (isMemory && parent === root) {
      const reg = node.props.get('reg');
      if (reg) {
        for (const r of ranges(reg, parent, ctx, node.name) ?? []) {
          if (r.end > r.start) dt.banks.push({ name: node.name, ...r, ref: ref(reg.line) });
        }
      } else ctx.diag.add(node.line, 'warning', m('dts.memory-no-reg', { node: node.name }));
    }
    if (base === 'reserved-memory') {
      sawReservedNode = true;
      for (const c of node.children) if (live(c)) dt.reservations.push(reservation(c, node, ctx));
      return;
    }
    for (const c of node.children) visit(c, node);
  };
  for (const c of root.children) visit(c, root);

  // a pasted list of reservation nodes without the reserved-memory wrapper
  if (!sawReservedNode) {
    for (const c of root.children) {
      if (!live(c)) continue;
      const looks = c.props.has('no-map') || c.props.has('reusable') || strings(c.props.get('compatible')).includes('shared-dma-pool');
      if (looks) {
        ctx.diag.add(c.line, 'info', m('dts.bare-reservation', { node: c.name }));
        dt.reservations.push(reservation(c, root, ctx));
      }
    }
  }
  return dt;
}

function reservation(node: DtNode, parent: DtNode, ctx: ParseContext): DtReservation {
  const reg = node.props.get('reg');
  const r: DtReservation = {
    name: node.name,
    ranges: [],
    noMap: node.props.has('no-map'),
    reusable: node.props.has('reusable'),
    compatible: strings(node.props.get('compatible')),
    flags: [...node.props.values()].filter((p) => p.chunks.length === 0).map((p) => p.name),
    ref: { source: ctx.source, line: (reg ?? node).line },
  };
  if (node.labels[0]) r.label = node.labels[0];
  const status = strings(node.props.get('status'))[0];
  if (status !== undefined) r.status = status;
  if (reg) r.ranges = ranges(reg, parent, ctx, node.name) ?? [];
  const size = node.props.get('size');
  if (size) {
    const bytes = bigValue(size);
    if (bytes !== undefined) r.dynamicSizeBytes = bytes;
    const al = bigValue(node.props.get('alignment'));
    if (al !== undefined) r.alignmentBytes = al;
    const ar = node.props.get('alloc-ranges');
    if (ar) r.allocRanges = ranges(ar, parent, ctx, node.name) ?? [];
  }
  if (!reg && !size) ctx.diag.add(node.line, 'warning', m('dts.no-reg-no-size', { node: node.name }));
  if (r.noMap && r.reusable) ctx.diag.add(node.line, 'warning', m('dts.nomap-reusable', { node: node.name }));
  return r;
}
