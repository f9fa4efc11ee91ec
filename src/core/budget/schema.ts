/**
 * The budget file: limits a device's memory is held to, one per accounting line,
 * carve-out, process, group of processes or region (docs/budgets.md, and
 * docs/budget.schema.json for editors). A budget file is untrusted: it is validated here
 * (valibot) with a cap on every string and list, and a file that does not hold is refused
 * whole with the first thing wrong, never half read.
 */
import * as v from 'valibot';
import { type Msg, m } from '../messages/catalogue';
import { namePattern } from './pattern';

export const BUDGET_VERSION = 1;

export const BUDGET_LIMITS = {
  /** bytes of a budget file (one with 1,000 limits is well under 200 KiB) */
  bytes: 1024 * 1024,
  limits: 1_000,
  /** characters of a target's name or pattern */
  target: 200,
  title: 200,
  note: 1_000,
} as const;

/** the region kinds a `region` limit may name (src/core/model/physical/types.ts) */
export const REGION_KINDS = [
  'dram',
  'no-map',
  'reserved',
  'cma',
  'memreserve',
  'memblock-memory',
  'memblock-reserved',
  'hole',
  'firmware-map',
] as const;

/** the keys that name what a limit is on; a limit has exactly one */
export const TARGET_KEYS = ['line', 'carveOut', 'process', 'processes', 'region'] as const;
export type TargetKey = (typeof TARGET_KEYS)[number];

const L = BUDGET_LIMITS;
const target = v.pipe(v.string(), v.minLength(1), v.maxLength(L.target));
const kib = v.pipe(v.number(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));

const LimitSchema = v.pipe(
  v.strictObject({
    line: v.optional(target),
    carveOut: v.optional(target),
    process: v.optional(target),
    processes: v.optional(target),
    region: v.optional(target),
    /** only with `region`: the kind of region meant */
    kind: v.optional(v.picklist(REGION_KINDS)),
    /** the most it may take */
    maxKiB: kib,
    note: v.optional(v.pipe(v.string(), v.maxLength(L.note))),
  }),
  v.check(
    (l) => TARGET_KEYS.filter((k) => l[k] !== undefined).length === 1,
    'a limit names exactly one of line, carveOut, process, processes, region',
  ),
  v.check((l) => l.kind === undefined || l.region !== undefined, 'kind goes with region only'),
);

export const BudgetSchema = v.strictObject({
  /** an editor's hint (docs/budget.schema.json); not read */
  $schema: v.optional(v.pipe(v.string(), v.maxLength(L.target))),
  ramledger: v.literal('budget'),
  version: v.literal(BUDGET_VERSION),
  title: v.optional(v.pipe(v.string(), v.maxLength(L.title))),
  /** a value at or above this share of its limit is "near" (default 0.9) */
  near: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  limits: v.pipe(v.array(LimitSchema), v.minLength(1), v.maxLength(L.limits)),
});

export type Budget = v.InferOutput<typeof BudgetSchema>;
export type Limit = Budget['limits'][number];

export const DEFAULT_NEAR = 0.9;

/** whether bytes are (the start of) a budget file: JSON whose `ramledger` is `budget` */
export function isBudgetFile(head: Uint8Array | string): boolean {
  const text = typeof head === 'string' ? head.slice(0, 512) : new TextDecoder().decode(head.subarray(0, 512));
  return /^\s*\{[\s\S]*?"ramledger"\s*:\s*"budget"/.test(text);
}

/** a budget file's text as a budget, or the first thing wrong with it (one line) */
export function readBudget(text: string): { budget: Budget } | { problem: Msg } {
  if (text.length > L.bytes) return { problem: m('budget.too-big', { cap: L.bytes }) };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { problem: m('budget.not-json', { why: (e instanceof Error ? e.message : String(e)).slice(0, 200) }) };
  }
  return checkBudget(value);
}

/** a parsed JSON value as a budget, or the first thing wrong with it */
export function checkBudget(value: unknown): { budget: Budget } | { problem: Msg } {
  if (typeof value !== 'object' || value === null || (value as { ramledger?: unknown }).ramledger !== 'budget')
    return { problem: m('budget.not-budget') };
  const version = (value as { version?: unknown }).version;
  if (version !== BUDGET_VERSION) return { problem: m('budget.version', { version: String(version).slice(0, 20) }) };
  const r = v.safeParse(BudgetSchema, value);
  if (r.success) {
    // a pattern that could hang or does not compile refuses the file, as a schema error does
    for (const [n, l] of r.output.limits.entries()) {
      const p = l.processes === undefined ? null : namePattern(l.processes);
      if (p && 'problem' in p) return { problem: m('budget.pattern', { path: `limits.${n}.processes`, why: p.problem }) };
    }
    return { budget: r.output };
  }
  const issue = r.issues[0];
  return {
    problem: m('budget.schema', {
      path: ((issue ? v.getDotPath(issue) : null) ?? '(top)').slice(0, 100),
      why: (issue?.message ?? '').slice(0, 200),
    }),
  };
}
