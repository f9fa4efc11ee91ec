// Budgets: the file's schema (valibot and docs/budget.schema.json agree), evaluation of
// every kind of target, missing targets, and hostile budget files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateBudget } from '../src/core/budget/evaluate';
import { globMatch, globSteps, namePattern, regexProblem } from '../src/core/budget/pattern';
import { budgetJson, budgetMarkdown } from '../src/core/budget/report';
import { BUDGET_LIMITS, checkBudget, isBudgetFile, readBudget } from '../src/core/budget/schema';
import type { Analysis } from '../src/core/model/accounting/index';
import type { ProcessSummary } from '../src/core/model/processes';
import { en, read, run, SEED, SEED_FILES } from './helpers';

const DOCS = join(__dirname, '..', 'docs');
const seed = run(SEED_FILES.map((f) => ({ name: f, text: read(SEED, f) }))).a;

const proc = (name: string, pssKiB: number, pid: number): ProcessSummary => ({
  pid,
  name,
  pssKiB,
  ussKiB: pssKiB,
  rssKiB: pssKiB,
  swapKiB: 0,
  mappingCount: 1,
  fromRollup: true,
});
const withProcs: Analysis = {
  ...seed,
  processes: [proc('node', 30000, 1), proc('node-red', 20000, 2), proc('nodejs', 5000, 3), proc('dnsmasq', 800, 4), proc('node', 1000, 5)],
};

const budget = (limits: unknown[], more: object = {}) => ({ ramledger: 'budget', version: 1, limits, ...more });
const ok = (value: unknown) => {
  const r = checkBudget(value);
  if ('problem' in r) throw new Error(en(r.problem));
  return r.budget;
};
const problem = (value: unknown) => {
  const r = checkBudget(value);
  return 'problem' in r ? en(r.problem) : null;
};

describe('budget evaluation', () => {
  it('the documented example holds for the seed, every row found', () => {
    const b = readBudget(readFileSync(join(DOCS, 'budget.example.json'), 'utf8'));
    if ('problem' in b) throw new Error(en(b.problem));
    const r = evaluateBudget(b.budget, seed);
    expect(r.holds).toBe(true);
    expect(r.counts.missing + r.counts.over).toBe(0);
    expect(r.rows.length).toBeGreaterThanOrEqual(10);
  });

  it('lines, carve-outs and regions: actual, status, share', () => {
    const r = evaluateBudget(
      ok(
        budget([
          { line: 'Slab', maxKiB: 40000 },
          { line: 'VmallocUsed', maxKiB: 38000 },
          { line: 'unaccounted', maxKiB: 100000 },
          { carveOut: 'wocpu_data', maxKiB: 2048 },
          { carveOut: 'wocpu_data@47DC0000', maxKiB: 4096 },
          { region: 'kernel-image', kind: 'memblock-reserved', maxKiB: 12000 },
          { region: 'kernel-image', kind: 'no-map', maxKiB: 12000 },
        ]),
      ),
      seed,
    );
    expect(r.rows.map((x) => [x.actualKiB, x.status])).toEqual([
      [47464, 'over'],
      [35556, 'near'],
      [50504, 'under'],
      [2304, 'over'],
      [2304, 'under'],
      [10396, 'under'],
      [null, 'missing'],
    ]);
    expect(r.rows[0]?.share).toBeCloseTo(47464 / 40000);
    expect(r.holds).toBe(false);
    expect(r.counts).toEqual({ over: 2, near: 1, under: 3, missing: 1 });
    expect(en(r.rows[0]?.label ?? { key: '' })).toBe('Slab: slab (SReclaimable + SUnreclaim)');
  });

  it('a target the snapshot does not have is missing, never passed', () => {
    const r = evaluateBudget(
      ok(
        budget([
          { line: 'NoSuchLine', maxKiB: 1e9 },
          { carveOut: 'no_such_region', maxKiB: 1e9 },
          { process: 'sshd', maxKiB: 1e9 },
          { processes: 'zz*', maxKiB: 1e9 },
        ]),
      ),
      withProcs,
    );
    expect(r.rows.every((x) => x.status === 'missing' && x.actualKiB === null && x.share === null)).toBe(true);
    expect(r.holds).toBe(false);
  });

  it('processes: exact name sums every process of that name; globs and regexes sum their matches', () => {
    const r = evaluateBudget(
      ok(
        budget([
          { process: 'node', maxKiB: 40000 },
          { processes: 'node*', maxKiB: 50000 },
          { processes: '/^node(js)?$/', maxKiB: 40000 },
          { processes: 'dns?asq', maxKiB: 1000 },
        ]),
      ),
      withProcs,
    );
    expect(r.rows.map((x) => [x.actualKiB, x.matched, x.status])).toEqual([
      [31000, 2, 'under'],
      [56000, 4, 'over'],
      [36000, 3, 'near'],
      [800, 1, 'under'],
    ]);
    expect(en(r.rows[1]?.label ?? { key: '' })).toBe('processes node* (4 processes)');
  });

  it('the Markdown and JSON say which limit is over and by how much', () => {
    const r = evaluateBudget(ok(budget([{ line: 'Slab', maxKiB: 40000, note: 'a|b <i>' }], { title: 'T' })), seed);
    const md = budgetMarkdown(r);
    expect(md).toContain('| Slab: slab (SReclaimable + SUnreclaim) | 40,000 | 47,464 | 118.7 % | OVER | 7,464 | a\\|b &lt;i&gt; |');
    expect(md).toContain('0 of 1 limit holds, 1 over');
    const j = budgetJson(r) as { holds: boolean; rows: { key: string; name: string; status: string }[] };
    expect(j.holds).toBe(false);
    expect(j.rows[0]).toMatchObject({ key: 'line', name: 'Slab', status: 'over', actualKiB: 47464 });
  });
});

describe('budget file', () => {
  it('is recognised by its content', () => {
    expect(isBudgetFile('{\n  "$schema": "x",\n  "ramledger": "budget", "version": 1')).toBe(true);
    expect(isBudgetFile('{"ramledger":"snapshot"}')).toBe(false);
    expect(isBudgetFile('MemTotal: 1 kB')).toBe(false);
  });

  it('refuses what does not hold, with the place and one line', () => {
    expect(problem(null)).toMatch(/not a ramledger budget/);
    expect(problem({ ramledger: 'budget', version: 2, limits: [] })).toMatch(/version 2/);
    expect(problem(budget([]))).toMatch(/limits/);
    expect(problem(budget([{ line: 'Slab' }]))).toMatch(/limits\.0\.maxKiB/);
    expect(problem(budget([{ line: 'Slab', maxKiB: -1 }]))).toMatch(/maxKiB/);
    expect(problem(budget([{ line: 'Slab', process: 'x', maxKiB: 1 }]))).toMatch(/exactly one/);
    expect(problem(budget([{ maxKiB: 1 }]))).toMatch(/exactly one/);
    expect(problem(budget([{ line: 'Slab', maxKib: 1, maxKiB: 1 }]))).toMatch(/maxKib/);
    expect(problem(budget([{ line: 'Slab', kind: 'cma', maxKiB: 1 }]))).toMatch(/kind goes with region/);
    expect(problem(budget([{ region: 'x', kind: 'ram', maxKiB: 1 }]))).toMatch(/kind/);
    expect(problem(budget([{ line: 'Slab', maxKiB: 1 }], { near: 1.5 }))).toMatch(/near/);
    const bad = readBudget('{"ramledger": "budget",');
    expect('problem' in bad && en(bad.problem)).toMatch(/not valid JSON/);
  });

  it('hostile: huge lists and strings are refused by the caps, a huge file before it is parsed', () => {
    const many = Array.from({ length: BUDGET_LIMITS.limits + 1 }, () => ({ line: 'Slab', maxKiB: 1 }));
    expect(problem(budget(many))).toMatch(/limits/);
    expect(problem(budget([{ line: 'x'.repeat(BUDGET_LIMITS.target + 1), maxKiB: 1 }]))).toMatch(/limits\.0\.line/);
    expect(problem(budget([{ line: 'Slab', maxKiB: 1, note: 'n'.repeat(BUDGET_LIMITS.note + 1) }]))).toMatch(/note/);
    const huge = readBudget(' '.repeat(BUDGET_LIMITS.bytes + 1));
    expect('problem' in huge && en(huge.problem)).toMatch(/larger than 1,024 KiB/);
    // the most a budget may hold is evaluated against many processes with work in proportion
    const procs = Array.from({ length: 2000 }, (_, i) => proc(`p${i % 200}`, 1, i));
    const r = evaluateBudget(
      ok(budget(Array.from({ length: BUDGET_LIMITS.limits }, (_, i) => ({ processes: `p${i % 10}*`, maxKiB: 1e6 })))),
      { ...seed, processes: procs },
    );
    expect(r.rows.length).toBe(BUDGET_LIMITS.limits);
    // p0* is p0 alone; p1* is p1, p10–p19, p100–p199: 111 names of 10 processes each
    expect([r.rows[0]?.actualKiB, r.rows[1]?.actualKiB]).toEqual([10, 1110]);
  });

  it('hostile: a regex that could hang, or does not compile, is refused with why', () => {
    for (const [re, why] of [
      ['/(a+)+$/', /group under a quantifier/],
      ['/(a|aa)*b/', /group under a quantifier/],
      ['/(.*)*x/', /group under a quantifier/],
      ['/(a|aa){1,50}b/', /group under a quantifier/],
      ['/(x+x+)+y/', /group under a quantifier/],
      ['/(a)\\1/', /backreferences/],
      ['/(?=a)a/', /backreferences/],
      ['/a*b*c*/', /unbounded quantifiers/],
      ['/a{1,5000}/', /count over 100/],
      ['/[a/', /not a valid regular expression/],
      [`/${'a'.repeat(101)}/`, /longer than 100/],
      ['*'.repeat(101), /longer than 100/],
    ] as const)
      expect(problem(budget([{ processes: re, maxKiB: 1 }])), re).toMatch(why);
    expect(regexProblem('^kworker/[0-9]+:.*$')).toBeNull();
    expect(regexProblem('[(]a+[)]+')).toBeNull();
    expect(namePattern('/^node$/i')).not.toHaveProperty('problem');
  });

  it('hostile: a glob never backtracks: work grows with name × pattern, not exponentially', () => {
    const steps = (n: number) => {
      globSteps.n = 0;
      expect(globMatch('*a*a*a*a*a*a*a*a*b', 'a'.repeat(n))).toBe(false);
      return globSteps.n;
    };
    const small = steps(200);
    const large = steps(400);
    // at most name × stars steps; a backtracking regex would take C(n, 8)
    expect(large).toBeLessThanOrEqual(400 * 9);
    expect(large / small).toBeLessThan(2.5);
    expect(globMatch('n?de*', 'node-red')).toBe(true);
    expect(globMatch('node', 'node-red')).toBe(false);
    expect(globMatch('*', '')).toBe(true);
    expect(globMatch('a.b', 'axb')).toBe(false);
  });
});

/** the part of JSON Schema docs/budget.schema.json uses, enough to hold it against valibot */
type S = Record<string, unknown>;
function valid(schema: S, value: unknown, root: S): boolean {
  if (typeof schema.$ref === 'string') {
    const def = (root.$defs as Record<string, S>)[schema.$ref.replace('#/$defs/', '')];
    if (!def || !valid(def, value, root)) return false;
  }
  if ('const' in schema && value !== schema.const) return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return false;
  const t = schema.type;
  if (t === 'object' && (typeof value !== 'object' || value === null || Array.isArray(value))) return false;
  if (t === 'array' && !Array.isArray(value)) return false;
  if (t === 'string' && typeof value !== 'string') return false;
  if (t === 'number' && (typeof value !== 'number' || !Number.isFinite(value))) return false;
  if (typeof value === 'string') {
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) return false;
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) return false;
  }
  if (typeof value === 'number') {
    if (typeof schema.maximum === 'number' && value > schema.maximum) return false;
    if (typeof schema.minimum === 'number' && value < schema.minimum) return false;
  }
  if (Array.isArray(value)) {
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) return false;
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) return false;
    if (schema.items && !value.every((x) => valid(schema.items as S, x, root))) return false;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, S>;
    if (Array.isArray(schema.required) && !schema.required.every((k) => k in o)) return false;
    if (schema.additionalProperties === false && Object.keys(o).some((k) => !(k in props))) return false;
    for (const [k, p] of Object.entries(props)) if (k in o && !valid(p, o[k], root)) return false;
    for (const [k, needs] of Object.entries((schema.dependentRequired ?? {}) as Record<string, string[]>))
      if (k in o && !needs.every((n) => n in o)) return false;
  }
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter((s) => valid(s as S, value, root)).length !== 1) return false;
  return true;
}

describe('docs/budget.schema.json', () => {
  const schema = JSON.parse(readFileSync(join(DOCS, 'budget.schema.json'), 'utf8')) as S;
  it('says yes and no where the page and the CLI do', () => {
    const example = JSON.parse(readFileSync(join(DOCS, 'budget.example.json'), 'utf8'));
    const corpus: unknown[] = [
      example,
      budget([{ line: 'Slab', maxKiB: 1 }]),
      budget([{ region: 'kernel-image', kind: 'memblock-reserved', maxKiB: 0, note: '' }], { title: 't', near: 0.5 }),
      budget([
        { processes: 'node*', maxKiB: 1 },
        { process: 'x', maxKiB: 2 },
        { carveOut: 'c', maxKiB: 3 },
      ]),
      null,
      [],
      { ...example, version: 2 },
      { ...example, ramledger: 'snapshot' },
      { ...example, extra: 1 },
      { ...example, near: 2 },
      { ...example, title: 't'.repeat(201) },
      budget([]),
      budget([{ line: 'Slab' }]),
      budget([{ line: '', maxKiB: 1 }]),
      budget([{ line: 'Slab', maxKiB: -1 }]),
      budget([{ line: 'Slab', maxKiB: '1' }]),
      budget([{ line: 'Slab', maxKiB: 2 ** 60 }]),
      budget([{ maxKiB: 1 }]),
      budget([{ line: 'Slab', region: 'x', maxKiB: 1 }]),
      budget([{ line: 'Slab', kind: 'cma', maxKiB: 1 }]),
      budget([{ region: 'x', kind: 'nope', maxKiB: 1 }]),
      budget([{ line: 'Slab', maxKiB: 1, note: 'n'.repeat(1001) }]),
      budget([{ line: 'Slab', maxKiB: 1, extra: true }]),
      budget(Array.from({ length: 1001 }, () => ({ line: 'Slab', maxKiB: 1 }))),
    ];
    for (const [n, doc] of corpus.entries()) expect(valid(schema, doc, schema), `corpus ${n}: ${problem(doc)}`).toBe(problem(doc) === null);
  });
});
