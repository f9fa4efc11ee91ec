// The CLI as a user runs it: through bin/ramledger.mjs (which rebuilds the bundle when src/ changed).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { read, SEED, SEED_FILES } from './helpers';

const BIN = join(__dirname, '..', 'bin', 'ramledger.mjs');
const cli = (args: string[], input?: string) => spawnSync('node', [BIN, 'analyze', ...args], { encoding: 'utf8', input: input ?? '' });
const SEED_PATHS = SEED_FILES.map((f) => join(SEED, f));

describe('ramledger analyze', () => {
  it('prints the seed numbers as JSON with every check holding', () => {
    const r = cli(['--format', 'json', ...SEED_PATHS]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.schemaVersion).toBe(1);
    expect([
      j.physical.spanKiB,
      j.physical.noMapKiB,
      j.physical.memblockMemoryKiB,
      j.physical.memblockReservedKiB,
      j.accounting.memTotalKiB,
      j.accounting.unaccountedKiB,
    ]).toEqual([262144, 3776, 258368, 27960, 230856, 50504]);
    expect(j.checks.length).toBe(8);
    expect(j.checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
    expect(j.sources.map((s: { format: string }) => s.format)).toEqual(['dts', 'memblock', 'memblock', 'kmsg', 'free', 'meminfo', 'smaps']);
  });

  it('reads a folder recursively and stdin', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ramledger-cli-'));
    try {
      for (const f of SEED_FILES) writeFileSync(join(dir, f), read(SEED, f));
      const a = JSON.parse(cli([dir]).stdout);
      expect(a.accounting.unaccountedKiB).toBe(50504);
      const b = JSON.parse(cli(['-'], read(SEED, 'meminfo.txt')).stdout);
      expect(b.accounting.memTotalKiB).toBe(230856);
      expect(b.sources[0].name).toBe('stdin');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints Markdown', () => {
    const r = cli(['--format', 'markdown', ...SEED_PATHS]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('## Checks: 8 hold, 0 do not');
    expect(r.stdout).toMatch(/\| 3 \| +unaccounted .*\| 50,504 \|/);
  });

  it('exits 0 with diagnostics for partly understood input', () => {
    const r = cli(['-'], 'MemTotal: 1000 kB\nMemFree: 10 kB\nwhat is this\n');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.sources[0].diagnostics).toEqual([expect.objectContaining({ line: 3, severity: 'error' })]);
  });

  it('exits 2 with a one-line reason for unreadable input', () => {
    for (const [args, input, why] of [
      [['/no/such/file'], '', /no such file/],
      [['--format', 'xml', SEED_PATHS[0] as string], '', /--format takes json or markdown/],
      [[], '', /no input given/],
      [['-'], 'nothing to see\n', /nothing readable/],
      [['-'], '\u0000\u0001binary', /binary file/],
    ] as [string[], string, RegExp][]) {
      const r = cli(args, input);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n')[0]).toMatch(why);
      expect(r.stdout).toBe('');
    }
  });
});

describe('ramledger analyze on the real corpus', () => {
  it('exits 0 on every readable dump, alone and as one folder, in JSON and Markdown', () => {
    const real = join(__dirname, '..', 'fixtures', 'real');
    const dirs = readdirSync(real).filter((d) => statSync(join(real, d)).isDirectory());
    const bad: string[] = [];
    for (const d of dirs)
      for (const format of ['json', 'markdown']) {
        const r = cli(['--format', format, join(real, d)]);
        if (r.status !== 0 || r.stdout.length === 0) bad.push(`${d} ${format}: ${r.status} ${r.stderr.slice(0, 200)}`);
      }
    expect(bad).toEqual([]);
  }, 120_000);
});
