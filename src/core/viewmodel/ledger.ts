/**
 * The whole ledger as one tree, for the zoomable picture (#/ledger): DRAM → carve-outs,
 * holes, boot reservations, CMA, kernel, user, unaccounted, free; user → what processes
 * map → each process's PSS → its mapping kinds (→ its mappings, asked of the worker when
 * zoomed into). Every node's children add up to it exactly: where the inputs do not split a
 * node, the rest is a node of its own with its formula ("not in any process"), never a gap.
 * A part below zero (unaccounted when something is counted twice) stays in the tree with
 * its value and is said in `notes`: it cannot be an area.
 */
import { type Msg, m, type Note } from '../messages/catalogue';
import { BUCKETS, type BucketId, bucketLabel } from '../model/buckets';
import type { PhysRegion } from '../model/physical/types';
import { MAPPING_KINDS, type MappingKind } from '../model/processes';
import { totalKiB, union } from '../model/ranges';
import { hex } from '../units';
import type { BarSegment, Breakdown } from './bar';
import type { KindTotals, MappingGroup } from './mappings';

export interface LedgerNode {
  /** unique in the tree: the parent's id, a slash, the node's own */
  id: string;
  label: Msg;
  /** KiB; may be below zero (then it has no area) */
  kib: number;
  /** the colour: a bucket, or a mapping kind inside a process */
  bucket?: BucketId;
  kind?: MappingKind;
  formula?: Msg;
  children?: LedgerNode[];
  /** a process's index in the model: its mappings come from the worker when asked */
  process?: number;
}

export interface Ledger {
  root: LedgerNode;
  /** Σ children − root: 0 when the ledger closes (the bar's own note says otherwise) */
  residualKiB: number;
  notes: Note[];
}

/** what the ledger needs of a process: its PSS and PSS by kind (ProcessRow has both) */
export interface LedgerProcess {
  name: string;
  pid: number | null;
  pssKiB: number;
  byKind?: KindTotals;
}

/** at most this many children per node: the rest is one "N more" node (20,000 carve-outs stay one click) */
export const LEDGER_MAX_CHILDREN = 40;

export function ledgerTree(b: Breakdown, regions: readonly PhysRegion[] | undefined, procs: readonly LedgerProcess[]): Ledger {
  const notes: Note[] = [];
  const root: LedgerNode = { id: 'root', label: m(b.basis === 'dram' ? 'ledger.dram' : 'ledger.memtotal'), kib: b.totalKiB };
  const family = (s: BarSegment) => BUCKETS[s.bucket].family;
  const segs = b.segments;
  const parts: LedgerNode[] = [];
  const done = new Set<BarSegment>();
  const take = (pick: (s: BarSegment) => boolean) => {
    const got = segs.filter((s) => !done.has(s) && pick(s));
    for (const s of got) done.add(s);
    return got;
  };
  // in the bar's order, each family gathered where its first segment stands
  for (const s of segs) {
    if (done.has(s)) continue;
    const f = family(s);
    if (f === 'firmware')
      parts.push(
        carveOuts(
          take((x) => family(x) === 'firmware'),
          regions,
          notes,
        ),
      );
    else if (s.bucket === 'cma')
      parts.push(
        group(
          'cma',
          bucketLabel('cma'),
          'cma',
          take((x) => x.bucket === 'cma'),
        ),
      );
    else if (f === 'boot')
      parts.push(
        group(
          'boot',
          m('ledger.boot'),
          'boot-other',
          take((x) => family(x) === 'boot' && x.bucket !== 'cma'),
        ),
      );
    else if (f === 'kernel')
      parts.push(
        group(
          'kernel',
          m('ledger.kernel'),
          'kernel-other',
          take((x) => family(x) === 'kernel'),
        ),
      );
    else if (f === 'user')
      parts.push(
        userPart(
          take((x) => family(x) === 'user'),
          procs,
        ),
      );
    else parts.push(leaf(take((x) => x === s)[0] ?? s));
  }
  root.children = parts;
  const residual = parts.reduce((sum, p) => sum + p.kib, 0) - root.kib;
  const tree = withIds(root, '');
  sayNegatives(tree, notes);
  return { root: tree, residualKiB: b.totalKiB > 0 ? residual : 0, notes };
}

const leaf = (s: BarSegment): LedgerNode => ({ id: s.id, label: s.label, kib: s.kib, bucket: s.bucket, formula: s.formula });

/** a node whose children are segments; one segment alone is the node itself */
function group(id: string, label: Msg, bucket: BucketId, segs: readonly BarSegment[]): LedgerNode {
  const only = segs.length === 1 ? segs[0] : undefined;
  if (only) return { ...leaf(only), id, label, bucket: only.bucket };
  return { id, label, bucket, kib: sum(segs), children: segs.map(leaf) };
}

/** the no-map segment, split into its regions when they do not overlap (their sizes add up to it) */
function carveOuts(segs: readonly BarSegment[], regions: readonly PhysRegion[] | undefined, notes: Note[]): LedgerNode {
  const node = group('carve-outs', bucketLabel('no-map'), 'no-map', segs);
  const mine = (regions ?? []).filter((r) => r.kind === 'no-map' && !r.outside);
  if (node.children || mine.length === 0) return node;
  const each = mine.map((r) => ({ r, kib: totalKiB([r]) }));
  const summed = sum(each);
  const covered = totalKiB(union(mine));
  if (summed !== node.kib || covered !== node.kib) {
    if (summed !== covered) notes.push(m('note.ledger-nomap-overlap', { sum: summed, union: covered }));
    return node;
  }
  node.children = capped(
    each.map(({ r, kib }) => ({ id: hex(r.start, 0), label: r.label, kib, bucket: 'no-map' as const })),
    'no-map',
  );
  return node;
}

/**
 * User memory as meminfo splits it; with processes captured, what they map (AnonPages +
 * Mapped) is split into their PSS and the rest "not in any process".
 */
function userPart(segs: readonly BarSegment[], procs: readonly LedgerProcess[]): LedgerNode {
  const node = group('user', m('ledger.user'), 'anon', segs);
  const captured = procs.filter((p) => p.pssKiB !== 0);
  if (captured.length === 0) return node;
  const isMapped = (s: BarSegment) => s.bucket === 'anon' || s.bucket === 'shmem' || s.bucket === 'file-mapped';
  const mappedSegs = segs.filter(isMapped);
  if (mappedSegs.length === 0) return node;
  const mapped = sum(mappedSegs);
  const pss = captured.reduce((s, p) => s + p.pssKiB, 0);
  const processes = capped(
    procs.flatMap((p, index) => (p.pssKiB !== 0 ? [processNode(p, index)] : [])),
    'anon',
  );
  const rest: LedgerNode = {
    id: 'not-in-process',
    label: m('ledger.not-in-process'),
    kib: mapped - pss,
    bucket: 'managed',
    formula: m('formula.ledger-not-in-process', { mapped, pss, processes: captured.length }),
  };
  const mappedNode: LedgerNode = {
    id: 'mapped',
    label: m('ledger.mapped'),
    kib: mapped,
    bucket: 'anon',
    formula: m('formula.ledger-mapped'),
    children: rest.kib !== 0 ? [...processes, rest] : processes,
  };
  const others = segs.filter((s) => !isMapped(s)).map(leaf);
  if (others.length === 0) return { ...mappedNode, id: 'user', label: m('ledger.user') };
  return { ...node, children: [mappedNode, ...others] };
}

function processNode(p: LedgerProcess, index: number): LedgerNode {
  const node: LedgerNode = {
    id: `p${index}`,
    label: m('ledger.process', { name: p.name, pid: p.pid }),
    kib: p.pssKiB,
    bucket: 'anon',
    process: index,
  };
  const kinds = p.byKind;
  if (!kinds) return node;
  const children: LedgerNode[] = MAPPING_KINDS.flatMap((k) =>
    kinds[k] !== 0 ? [{ id: k, label: m(`kind.${k}`), kib: kinds[k], kind: k, process: index }] : [],
  );
  if (children.length === 0) return node;
  node.children = closed(node.kib, children, 'managed');
  return node;
}

/** a process's mappings of one kind as nodes, largest first, the rest in one node */
export function mappingNodes(parent: LedgerNode, g: MappingGroup): LedgerNode[] {
  const rows = g.rows.filter((r) => r.pssKiB !== 0);
  const nodes = rows.map((r, i) => ({
    id: String(i),
    label: m('ledger.mapping', { path: r.path, start: hex(r.start, 0) }),
    kib: r.pssKiB,
    kind: g.kind,
  }));
  return closed(parent.kib, capped(nodes, undefined, g.kind), 'managed').map((n) => withIds(n, parent.id));
}

/** children plus, when they do not add up to `whole`, the rest as a node of its own */
function closed(whole: number, children: LedgerNode[], bucket: BucketId): LedgerNode[] {
  const parts = sum(children);
  if (parts === whole) return children;
  return [
    ...children,
    { id: 'rest', label: m('ledger.unsplit'), kib: whole - parts, bucket, formula: m('formula.ledger-rest', { whole, parts }) },
  ];
}

/** "N more" nodes open this many times: at most 40 + 40 × 40 parts of one node travel to the page */
const MORE_DEPTH = 2;

/** the largest LEDGER_MAX_CHILDREN, and the others as one node that adds up to them */
function capped(nodes: LedgerNode[], bucket: BucketId | undefined, kind?: MappingKind, depth = 0): LedgerNode[] {
  if (nodes.length <= LEDGER_MAX_CHILDREN) return nodes;
  const sorted = [...nodes].sort((x, y) => y.kib - x.kib);
  const keep = sorted.slice(0, LEDGER_MAX_CHILDREN - 1);
  const more = sorted.slice(LEDGER_MAX_CHILDREN - 1);
  const rest: LedgerNode = { id: 'more', label: m('ledger.more', { count: more.length }), kib: sum(more) };
  // the others keep their own places one click further, down to the smallest thousands
  if (depth + 1 < MORE_DEPTH) rest.children = capped(more, bucket, kind, depth + 1);
  else rest.formula = m('formula.ledger-more', { count: more.length });
  if (bucket) rest.bucket = bucket;
  if (kind) rest.kind = kind;
  return [...keep, rest];
}

const sum = (xs: readonly { kib: number }[]): number => xs.reduce((s, x) => s + x.kib, 0);

/** ids made unique by their path: "root/kernel/SUnreclaim" */
function withIds(n: LedgerNode, parent: string): LedgerNode {
  const id = parent ? `${parent}/${n.id}` : n.id;
  return n.children ? { ...n, id, children: n.children.map((c) => withIds(c, id)) } : { ...n, id };
}

function sayNegatives(n: LedgerNode, notes: Note[]): void {
  for (const c of n.children ?? []) {
    if (c.kib < 0) notes.push(m('note.ledger-negative', { what: c.label, kib: c.kib }));
    sayNegatives(c, notes);
  }
}

/** a node by id, and the path of nodes from the root to it */
export function pathTo(root: LedgerNode, id: string): LedgerNode[] {
  if (root.id === id) return [root];
  for (const c of root.children ?? []) {
    const p = pathTo(c, id);
    if (p.length > 0) return [root, ...p];
  }
  return [];
}
