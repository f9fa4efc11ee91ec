/**
 * A budget held against an analysis: each limit's actual value and whether it holds.
 * A target the snapshot does not have is "missing" (and fails the budget), never passed.
 */
import { type Msg, m } from '../messages/catalogue';
import type { Analysis } from '../model/accounting/index';
import type { PhysRegion, UnplacedRegion } from '../model/physical/types';
import { totalKiB, union } from '../model/ranges';
import { namePattern } from './pattern';
import { type Budget, DEFAULT_NEAR, type Limit, TARGET_KEYS, type TargetKey } from './schema';

export type BudgetStatus = 'over' | 'near' | 'under' | 'missing';

export interface BudgetTarget {
  key: TargetKey;
  /** the name, id or pattern the limit gives */
  name: string;
  kind?: string;
}

export interface BudgetRow {
  target: BudgetTarget;
  /** the target in words (a line's own label when it is found) */
  label: Msg;
  limitKiB: number;
  actualKiB: number | null;
  status: BudgetStatus;
  /** actual ÷ limit; null when missing or the limit is 0 */
  share: number | null;
  /** how many processes or regions were summed */
  matched: number;
  note?: string;
}

export interface BudgetResult {
  title?: string;
  near: number;
  rows: BudgetRow[];
  counts: Record<BudgetStatus, number>;
  /** no limit over and none missing */
  holds: boolean;
}

/** the carve-out kinds: regions of reserved-memory (device tree or kernel log) */
const CARVE_OUT_KINDS = new Set(['no-map', 'reserved', 'cma']);

/**
 * The names a region answers to: a device-tree node's full name (`wocpu_data@47DC0000`),
 * the name before its unit address, its label; a region the model named (`kernel image`)
 * by its role id (`kernel-image`, `memmap`).
 */
export function regionNames(r: Pick<PhysRegion, 'label' | 'role'>): string[] {
  const names: string[] = [r.role];
  if (r.label.key === 'region.dt' || r.label.key === 'region.named') {
    const p = r.label.params as { name: string; label?: string };
    names.push(p.name, p.name.replace(/@[0-9a-fA-F]+$/, ''));
    if (p.label) names.push(p.label);
  }
  return names;
}

const unplacedNames = (u: UnplacedRegion): string[] => [u.name, u.name.replace(/@[0-9a-fA-F]+$/, ''), ...(u.label ? [u.label] : [])];

function targetOf(l: Limit): BudgetTarget {
  const key = TARGET_KEYS.find((k) => l[k] !== undefined) ?? 'line';
  return { key, name: l[key] ?? '', ...(l.kind ? { kind: l.kind } : {}) };
}

/** the actual KiB of a target (null when the snapshot has none), how many parts, and its words */
function measure(t: BudgetTarget, a: Analysis): { kib: number | null; matched: number; label: Msg } {
  const phys = a.physical;
  switch (t.key) {
    case 'line': {
      const line = a.accounting.lines.find((x) => x.id === t.name);
      return line
        ? { kib: line.kib, matched: 1, label: m('budget.target.line', { id: t.name, label: line.label }) }
        : { kib: null, matched: 0, label: m('budget.target.line', { id: t.name }) };
    }
    case 'carveOut':
    case 'region': {
      const regions = (phys?.regions ?? []).filter(
        (r) =>
          (t.key === 'region' ? t.kind === undefined || r.kind === t.kind : CARVE_OUT_KINDS.has(r.kind)) && regionNames(r).includes(t.name),
      );
      const unplaced = (phys?.unplaced ?? []).filter(
        (u) =>
          (t.key === 'region' ? t.kind === undefined || u.kind === t.kind : CARVE_OUT_KINDS.has(u.kind)) &&
          unplacedNames(u).includes(t.name),
      );
      const matched = regions.length + unplaced.length;
      // a region the device tree and the kernel log both name is counted once
      const kib = totalKiB(union(regions)) + unplaced.reduce((s, u) => s + u.sizeKiB, 0);
      const label =
        t.key === 'region'
          ? m('budget.target.region', { name: t.name, kind: t.kind ?? '' })
          : m('budget.target.carve-out', { name: t.name });
      return { kib: matched ? kib : null, matched, label };
    }
    case 'process':
    case 'processes': {
      let test: (name: string) => boolean = (name) => name === t.name;
      if (t.key === 'processes') {
        const p = namePattern(t.name);
        // checkBudget refuses such a file; a result built without it still says nothing matched
        test = 'problem' in p ? () => false : p.test;
      }
      // a pattern runs once per distinct name
      const seen = new Map<string, boolean>();
      let kib = 0;
      let matched = 0;
      for (const p of a.processes) {
        let hit = seen.get(p.name);
        if (hit === undefined) {
          hit = test(p.name);
          seen.set(p.name, hit);
        }
        if (hit) {
          kib += p.pssKiB;
          matched++;
        }
      }
      const label =
        t.key === 'process' ? m('budget.target.process', { name: t.name }) : m('budget.target.processes', { pattern: t.name, n: matched });
      return { kib: matched ? kib : null, matched, label };
    }
  }
}

function statusOf(actual: number | null, limit: number, near: number): BudgetStatus {
  if (actual === null) return 'missing';
  if (actual > limit) return 'over';
  return actual > 0 && actual >= near * limit ? 'near' : 'under';
}

export function evaluateBudget(budget: Budget, a: Analysis): BudgetResult {
  const near = budget.near ?? DEFAULT_NEAR;
  const rows = budget.limits.map((l): BudgetRow => {
    const target = targetOf(l);
    const { kib, matched, label } = measure(target, a);
    return {
      target,
      label,
      limitKiB: l.maxKiB,
      actualKiB: kib,
      status: statusOf(kib, l.maxKiB, near),
      share: kib === null || l.maxKiB === 0 ? null : kib / l.maxKiB,
      matched,
      ...(l.note ? { note: l.note } : {}),
    };
  });
  const counts: Record<BudgetStatus, number> = { over: 0, near: 0, under: 0, missing: 0 };
  for (const r of rows) counts[r.status]++;
  return { ...(budget.title ? { title: budget.title } : {}), near, rows, counts, holds: counts.over + counts.missing === 0 };
}
