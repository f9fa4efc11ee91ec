// `ramledger check --budget`: the exit code a device's CI holds its memory budget with.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED, SEED_FILES } from './helpers';

const BIN = join(__dirname, '..', 'bin', 'ramledger.mjs');
const EXAMPLE = join(__dirname, '..', 'docs', 'budget.example.json');
const check = (args: string[]) => spawnSync('node', [BIN, 'check', ...args], { encoding: 'utf8' });
const SEED_PATHS = SEED_FILES.map((f) => join(SEED, f));
const dir = mkdtempSync(join(tmpdir(), 'ramledger-budget-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, value: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
};

/** a budget the seed breaks: slab over by 7,464 KiB, wocpu_data over by 256 KiB, and a process it does not have */
const BROKEN = {
  ramledger: 'budget',
  version: 1,
  title: 'too tight',
  limits: [
    { line: 'Slab', maxKiB: 40000 },
    { carveOut: 'wocpu_data', maxKiB: 2048 },
    { process: 'hostapd', maxKiB: 4096 },
    { line: 'user', maxKiB: 65536 },
  ],
};

describe('ramledger check --budget', () => {
  it('exits 0 when the seed meets the documented example', () => {
    const r = check(['--budget', EXAMPLE, ...SEED_PATHS]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('11 of 11 limits hold');
  });

  it('exits 1 when a limit is over or not found, and says which and by how much', () => {
    const r = check(['--budget', file('broken.json', BROKEN), ...SEED_PATHS]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('| Slab: slab (SReclaimable + SUnreclaim) | 40,000 | 47,464 | 118.7 % | OVER | 7,464 |');
    expect(r.stdout).toContain('| carve-out wocpu_data | 2,048 | 2,304 | 112.5 % | OVER | 256 |');
    expect(r.stdout).toContain('| process hostapd | 4,096 | — | — | NOT FOUND |');
    expect(r.stderr).toBe('ramledger: the budget does not hold: 1 of 4 limits hold, 2 over, 1 not found\n');
    const j = JSON.parse(check(['--budget', file('broken.json', BROKEN), '--format', 'json', ...SEED_PATHS]).stdout);
    expect(j.holds).toBe(false);
    expect(j.counts).toEqual({ over: 2, near: 0, under: 1, missing: 1 });
  });

  it('exits 2 with one line for bad usage and an unreadable budget', () => {
    const cases: [string[], RegExp][] = [
      [SEED_PATHS, /no --budget FILE given/],
      [['--budget', EXAMPLE], /no input given/],
      [['--budget', join(dir, 'nope.json'), ...SEED_PATHS], /nope\.json: no such file/],
      [['--budget', file('bad.json', '{"ramledger":'), ...SEED_PATHS], /bad\.json: the budget file is not valid JSON/],
      [['--budget', file('snap.json', { ramledger: 'snapshot' }), ...SEED_PATHS], /not a ramledger budget/],
      [
        ['--budget', file('re.json', { ...BROKEN, limits: [{ processes: '/(a+)+$/', maxKiB: 1 }] }), ...SEED_PATHS],
        /limits\.0\.processes is refused/,
      ],
      [['--budget', file('big.json', ' '.repeat(1024 * 1024 + 1)), ...SEED_PATHS], /larger than 1,024 KiB/],
      [['--budget', EXAMPLE, '--format', 'xml', ...SEED_PATHS], /--format takes json or markdown/],
      [['--budget', EXAMPLE, join(dir, 'missing-input')], /missing-input: no such file/],
    ];
    for (const [args, why] of cases) {
      const r = check(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n')[0]).toMatch(why);
      expect(r.stdout).toBe('');
    }
  });
});
