/**
 * What changed between two snapshots of one device (before → after): accounting lines by
 * id, checks by id, processes by name then pid, regions of the physical map by kind and
 * name then by address, and meminfo fields by name. Each table lists only what changed,
 * largest change first, and counts the rows that did not.
 */
import type { Msg } from '../messages/catalogue';
import type { Analysis, Check, Line } from '../model/accounting/index';
import type { PhysRegion, RegionKind } from '../model/physical/index';
import type { ProcessSummary } from '../model/processes';
import type { Snapshot } from '../model/snapshot';
import { bytesToKiB } from '../units';

export interface Side {
  snap: Snapshot;
  analysis: Analysis;
}

/** a table of changes: the rows that changed, largest first, and how many did not */
export interface Changes<T> {
  rows: T[];
  unchanged: number;
}

/** what happened to a row: there on one side only, or on both with other values */
export type Change = 'added' | 'removed' | 'changed';

export interface LineChange {
  id: string;
  change: Change;
  /** the after side's words (the before side's for a removed line) */
  label: Msg;
  level: number;
  before: number | null;
  after: number | null;
  delta: number;
}

export interface CheckSide {
  left: number;
  right: number;
  delta: number;
  ok: boolean;
}

export interface CheckChange {
  id: string;
  change: Change;
  label: Msg;
  before: CheckSide | null;
  after: CheckSide | null;
  /** its verdict is not the same on both sides (a check there on one side only: false) */
  verdictChanged: boolean;
  /** the largest change of its left, right or difference: what the table is sorted by */
  size: number;
}

export const PROCESS_FIELDS = ['pssKiB', 'ussKiB', 'rssKiB', 'swapKiB'] as const;
export type ProcessField = (typeof PROCESS_FIELDS)[number];

export interface ProcessChange {
  name: string;
  change: Change;
  pidBefore: number | null;
  pidAfter: number | null;
  before: Record<ProcessField, number> | null;
  after: Record<ProcessField, number> | null;
  /** after − before of each field (a missing side counts 0) */
  delta: Record<ProcessField, number>;
}

export type RegionChangeKind = 'added' | 'removed' | 'moved' | 'resized';

export interface RegionSpan {
  start: bigint;
  end: bigint;
  sizeKiB: number;
}

export interface RegionChange {
  change: RegionChangeKind;
  kind: RegionKind;
  label: Msg;
  before: RegionSpan | null;
  after: RegionSpan | null;
  /** KiB that changed: the region's size (added, removed, moved) or its change (resized) */
  size: number;
}

export interface MeminfoChange {
  field: string;
  change: Change;
  unit: 'kB' | '';
  before: number | null;
  after: number | null;
  delta: number;
}

export interface SnapshotDiff {
  /** DRAM of each side (KiB), what the two bars are scaled to */
  dramKiB: { before: number; after: number };
  lines: Changes<LineChange>;
  checks: Changes<CheckChange>;
  processes: Changes<ProcessChange>;
  regions: Changes<RegionChange>;
  meminfo: Changes<MeminfoChange>;
}

export const dramOf = (a: Analysis): number => a.physical?.spanKiB ?? a.boot?.physKiB ?? a.accounting.memTotalKiB ?? 0;

export function diffSnapshots(before: Side, after: Side): SnapshotDiff {
  return {
    dramKiB: { before: dramOf(before.analysis), after: dramOf(after.analysis) },
    lines: diffLines(before.analysis.accounting.lines, after.analysis.accounting.lines),
    checks: diffChecks(before.analysis.checks, after.analysis.checks),
    processes: diffProcesses(before.analysis.processes, after.analysis.processes),
    regions: diffRegions(before.analysis.physical?.regions ?? [], after.analysis.physical?.regions ?? []),
    meminfo: diffMeminfo(before.snap, after.snap),
  };
}

/** largest first; ties keep the order they were found in (Array.sort is stable) */
function sortedBy<T>(rows: T[], size: (row: T) => number): T[] {
  return rows.sort((x, y) => size(y) - size(x));
}

const changeOf = (before: unknown, after: unknown): Change =>
  before === null || before === undefined ? 'added' : after === null || after === undefined ? 'removed' : 'changed';

/** rows of two sides matched by a key; the after side's order first, then what only the before side has */
function pairs<T>(before: readonly T[], after: readonly T[], key: (row: T) => string): [T | null, T | null][] {
  const left = new Map<string, T>();
  for (const b of before) if (!left.has(key(b))) left.set(key(b), b);
  const out: [T | null, T | null][] = [];
  const seen = new Set<string>();
  for (const a of after) {
    const k = key(a);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push([left.get(k) ?? null, a]);
  }
  for (const [k, b] of left) if (!seen.has(k)) out.push([b, null]);
  return out;
}

export function diffLines(before: readonly Line[], after: readonly Line[]): Changes<LineChange> {
  const rows: LineChange[] = [];
  let unchanged = 0;
  for (const [b, a] of pairs(before, after, (l) => l.id)) {
    const one = (a ?? b) as Line;
    if (a && b && a.kib === b.kib) {
      unchanged++;
      continue;
    }
    rows.push({
      id: one.id,
      change: changeOf(b, a),
      label: one.label,
      level: one.level,
      before: b?.kib ?? null,
      after: a?.kib ?? null,
      delta: (a?.kib ?? 0) - (b?.kib ?? 0),
    });
  }
  return { rows: sortedBy(rows, (r) => Math.abs(r.delta)), unchanged };
}

const checkSide = (c: Check | null): CheckSide | null => c && { left: c.left, right: c.right, delta: c.delta, ok: c.ok };

export function diffChecks(before: readonly Check[], after: readonly Check[]): Changes<CheckChange> {
  const rows: CheckChange[] = [];
  let unchanged = 0;
  for (const [b, a] of pairs(before, after, (c) => c.id)) {
    const one = (a ?? b) as Check;
    if (a && b && a.left === b.left && a.right === b.right && a.ok === b.ok) {
      unchanged++;
      continue;
    }
    const x = checkSide(b);
    const y = checkSide(a);
    const size =
      x && y
        ? Math.max(Math.abs(y.left - x.left), Math.abs(y.right - x.right), Math.abs(y.delta - x.delta))
        : Math.max(Math.abs((x ?? y)?.left ?? 0), Math.abs((x ?? y)?.right ?? 0));
    rows.push({
      id: one.id,
      change: changeOf(b, a),
      label: one.label,
      before: x,
      after: y,
      verdictChanged: !!x && !!y && x.ok !== y.ok,
      size,
    });
  }
  // a verdict that turned goes first: it is what a reviewer asks about
  rows.sort((p, q) => Number(q.verdictChanged) - Number(p.verdictChanged) || q.size - p.size);
  return { rows, unchanged };
}

const processValues = (p: ProcessSummary): Record<ProcessField, number> => ({
  pssKiB: p.pssKiB,
  ussKiB: p.ussKiB,
  rssKiB: p.rssKiB,
  swapKiB: p.swapKiB,
});

/**
 * Processes are matched by name; of several with one name, those with the same pid pair
 * first, the rest in the order they were listed (a restarted daemon gets a new pid).
 */
export function matchProcesses(
  before: readonly ProcessSummary[],
  after: readonly ProcessSummary[],
): [ProcessSummary | null, ProcessSummary | null][] {
  const byName = new Map<string, ProcessSummary[]>();
  for (const b of before) {
    const list = byName.get(b.name);
    if (list) list.push(b);
    else byName.set(b.name, [b]);
  }
  const out: [ProcessSummary | null, ProcessSummary | null][] = [];
  const unpaired: ProcessSummary[] = [];
  for (const a of after) {
    const list = byName.get(a.name);
    const i = list ? list.findIndex((b) => b.pid === a.pid) : -1;
    if (list && i >= 0) out.push([list.splice(i, 1)[0] ?? null, a]);
    else unpaired.push(a);
  }
  for (const a of unpaired) out.push([byName.get(a.name)?.shift() ?? null, a]);
  for (const list of byName.values()) for (const b of list) out.push([b, null]);
  return out;
}

export function diffProcesses(before: readonly ProcessSummary[], after: readonly ProcessSummary[]): Changes<ProcessChange> {
  const rows: ProcessChange[] = [];
  let unchanged = 0;
  for (const [b, a] of matchProcesses(before, after)) {
    const x = b && processValues(b);
    const y = a && processValues(a);
    const delta = Object.fromEntries(PROCESS_FIELDS.map((f) => [f, (y?.[f] ?? 0) - (x?.[f] ?? 0)])) as Record<ProcessField, number>;
    if (x && y && PROCESS_FIELDS.every((f) => delta[f] === 0)) {
      unchanged++;
      continue;
    }
    const one = (a ?? b) as ProcessSummary;
    rows.push({ name: one.name, change: changeOf(b, a), pidBefore: b?.pid ?? null, pidAfter: a?.pid ?? null, before: x, after: y, delta });
  }
  // PSS first: the share each process is charged; then RSS for ties (a shared library)
  return { rows: sortedBy(rows, (r) => Math.abs(r.delta.pssKiB) * 2 ** 20 + Math.abs(r.delta.rssKiB)), unchanged };
}

/**
 * What names a region across snapshots: a device-tree node without its unit address
 * (`wocpu_data@47DC0000` moved is still `wocpu_data`), or a name the model gave it. Regions
 * the model names by what they are (memory, holes, boot reservations) have no identity
 * beyond their place: null.
 */
export function regionIdentity(r: PhysRegion): string | null {
  const l = r.label;
  switch (l.key) {
    case 'region.dt':
      return `dt:${l.params.name.replace(/@[0-9a-fA-FxX]+$/, '')}:${l.params.label}`;
    case 'region.named':
      return `named:${l.params.name.replace(/@[0-9a-fA-FxX]+$/, '')}`;
    case 'region.noted':
      return `noted:${l.params.note}`;
    case 'region.kernel-image':
    case 'region.memmap':
    case 'region.cma-log':
    case 'region.cma-pool':
    case 'region.dram':
      return l.key;
    default:
      return null;
  }
}

const spanOf = (r: PhysRegion): RegionSpan => ({ start: r.start, end: r.end, sizeKiB: bytesToKiB(r.end - r.start) });
const sameSpan = (x: PhysRegion, y: PhysRegion) => x.start === y.start && x.end === y.end;

/**
 * Regions: the same kind and place is the same region. Of the rest, one of the same kind and
 * identity is that region resized (same start) or moved (same size elsewhere); a nameless
 * region (a hole, a memory range) is resized when its kind starts at the same address.
 * Anything else was added or removed.
 */
export function diffRegions(before: readonly PhysRegion[], after: readonly PhysRegion[]): Changes<RegionChange> {
  const place = (r: PhysRegion) => `${r.kind}:${r.start}:${r.end}`;
  const afterAt = new Map<string, PhysRegion[]>();
  for (const a of after) {
    const list = afterAt.get(place(a));
    if (list) list.push(a);
    else afterAt.set(place(a), [a]);
  }
  let unchanged = 0;
  const goneBefore: PhysRegion[] = [];
  for (const b of before) {
    const list = afterAt.get(place(b));
    if (list?.length) {
      list.shift();
      unchanged++;
    } else goneBefore.push(b);
  }
  const newAfter = [...afterAt.values()].flat();
  const rows: RegionChange[] = [];
  const taken = new Set<PhysRegion>();
  const groupKey = (r: PhysRegion) => `${r.kind}\u0000${regionIdentity(r) ?? `@${r.start}`}`;
  const candidates = new Map<string, PhysRegion[]>();
  for (const a of newAfter) {
    const k = groupKey(a);
    const list = candidates.get(k);
    if (list) list.push(a);
    else candidates.set(k, [a]);
  }
  for (const b of goneBefore) {
    const list = (candidates.get(groupKey(b)) ?? []).filter((a) => !taken.has(a));
    const resized = list.find((a) => a.start === b.start && !sameSpan(a, b));
    const moved = regionIdentity(b) === null ? undefined : list.find((a) => a.end - a.start === b.end - b.start);
    const match = resized ?? moved;
    if (match) {
      taken.add(match);
      const x = spanOf(b);
      const y = spanOf(match);
      rows.push({
        change: resized ? 'resized' : 'moved',
        kind: b.kind,
        label: match.label,
        before: x,
        after: y,
        size: resized ? Math.abs(y.sizeKiB - x.sizeKiB) : y.sizeKiB,
      });
    } else rows.push({ change: 'removed', kind: b.kind, label: b.label, before: spanOf(b), after: null, size: spanOf(b).sizeKiB });
  }
  for (const a of newAfter)
    if (!taken.has(a))
      rows.push({ change: 'added', kind: a.kind, label: a.label, before: null, after: spanOf(a), size: spanOf(a).sizeKiB });
  return { rows: sortedBy(rows, (r) => r.size), unchanged };
}

export function diffMeminfo(before: Snapshot, after: Snapshot): Changes<MeminfoChange> {
  const x = [...(before.meminfo?.value.fields ?? new Map()).entries()];
  const y = [...(after.meminfo?.value.fields ?? new Map()).entries()];
  const rows: MeminfoChange[] = [];
  let unchanged = 0;
  for (const [b, a] of pairs(x, y, ([k]) => k)) {
    const one = (a ?? b) as (typeof x)[number];
    if (a && b && a[1].value === b[1].value) {
      unchanged++;
      continue;
    }
    rows.push({
      field: one[0],
      change: changeOf(b, a),
      unit: one[1].unit,
      before: b?.[1].value ?? null,
      after: a?.[1].value ?? null,
      delta: (a?.[1].value ?? 0) - (b?.[1].value ?? 0),
    });
  }
  return { rows: sortedBy(rows, (r) => Math.abs(r.delta)), unchanged };
}

/** how many rows changed in all, for a summary line */
export const changedCount = (d: SnapshotDiff): number =>
  d.lines.rows.length + d.checks.rows.length + d.processes.rows.length + d.regions.rows.length + d.meminfo.rows.length;
