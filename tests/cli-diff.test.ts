import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, parseBytes } from '../src/core/index';
import { writeJson } from '../src/core/report/json';
import { emptyAnnotations } from '../src/core/share/annotations';
import { snapshotFilePieces } from '../src/core/share/file';
import { makeDoc } from '../src/core/share/make';
import { changeSeed } from './changed-seed';
import { read, SEED, SEED_FILES } from './helpers';

const BIN = join(__dirname, '..', 'bin', 'ramledger.mjs');
const diff = (args: string[]) => spawnSync('node', [BIN, 'diff', ...args], { encoding: 'utf8' });

/** the seed in one folder, the changed seed in another */
function folders() {
  const dir = mkdtempSync(join(tmpdir(), 'ramledger-diff-'));
  const before = join(dir, 'before');
  const after = join(dir, 'after');
  mkdirSync(before);
  mkdirSync(after);
  for (const f of SEED_FILES) {
    writeFileSync(join(before, f), read(SEED, f));
    writeFileSync(join(after, f), changeSeed(f, read(SEED, f)));
  }
  return { dir, before, after };
}

describe('ramledger diff', () => {
  const { dir, before, after } = folders();

  it('Markdown: wocpu_data removed and MemFree +2,304 kB, nothing else in meminfo', () => {
    const r = diff([before, after]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('| removed | no-map | wocpu_data@47DC0000 (wocpu_data) | 0x47dc0000–0x48000000 | — | 2,304 |');
    expect(r.stdout).toContain('## meminfo: 1 changed, 35 unchanged');
    expect(r.stdout).toContain('| MemFree | 49,516 kB | 51,820 kB | +2,304 kB |');
    expect(r.stdout).toContain('| DRAM = memblock.memory + no-map | 262,144 / 262,144 | 262,144 / 259,840 | holds → DOES NOT HOLD |');
  });

  it('JSON says the same, and --before/--after take sets of files', () => {
    const r = diff([
      '--format',
      'json',
      '--before',
      ...SEED_FILES.map((f) => join(before, f)),
      '--after',
      ...SEED_FILES.map((f) => join(after, f)),
    ]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.kind).toBe('ramledger-diff');
    expect(j.meminfo.rows).toEqual([{ field: 'MemFree', change: 'changed', unit: 'kB', before: 49516, after: 51820, delta: 2304 }]);
    expect(j.regions.rows.filter((x: { change: string }) => x.change === 'removed')).toEqual([
      {
        change: 'removed',
        kind: 'no-map',
        label: 'wocpu_data@47DC0000 (wocpu_data)',
        before: { start: '0x47dc0000', end: '0x48000000', sizeKiB: 2304 },
        after: null,
        size: 2304,
      },
    ]);
  });

  it('a side may be a snapshot file: its title names the side', () => {
    const inputs = SEED_FILES.map((f) => ({
      name: f,
      bytes: 0,
      parsed: parseBytes(new TextEncoder().encode(read(SEED, f)), f, { ...DEFAULT_LIMITS, keepText: true }),
    }));
    const notes = { ...emptyAnnotations(), title: 'release 1.2' };
    let text = '';
    snapshotFilePieces(
      makeDoc(inputs, notes),
      {},
      (p) => {
        text += p;
      },
      writeJson,
    );
    const file = join(dir, 'before.ramledger.json');
    writeFileSync(file, text);
    const r = diff([file, after]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('- **before:** release 1.2 (');
    expect(r.stdout).toContain('| MemFree | 49,516 kB | 51,820 kB | +2,304 kB |');
  });

  it('exit 2 with one line for a missing path, a wrong count or an empty side', () => {
    const missing = diff([before, join(dir, 'nope')]);
    expect([missing.status, missing.stderr]).toEqual([2, `ramledger: ${join(dir, 'nope')}: no such file or folder\n`]);
    const one = diff([before]);
    expect(one.status).toBe(2);
    expect(one.stderr.split('\n')[0]).toBe('ramledger: diff takes two paths (before and after), not 1');
    const noAfter = diff(['--before', before]);
    expect(noAfter.stderr.split('\n')[0]).toBe('ramledger: no after paths given');
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const nothing = diff([empty, after]);
    expect([nothing.status, nothing.stderr]).toEqual([2, `ramledger: nothing readable in the before input (${empty})\n`]);
  });
});
