// Real data: this machine's own /proc, read once, through ramledger and through smem.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, buildSnapshot, type ParsedText, parseBytes, parseText } from '../src/core/index';
import { bundle, type Capture, captureProc, runSmem, writeSmemFolder } from './capture';
import { en, errors } from './helpers';

let cap: Capture;
let dir: string;
const CLI = join(__dirname, '..', 'bin', 'ramledger.mjs');

beforeAll(() => {
  cap = captureProc();
  dir = mkdtempSync(join(tmpdir(), 'ramledger-proc-'));
  writeSmemFolder(cap, dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]) {
  return JSON.parse(execFileSync('node', [CLI, 'analyze', '--no-mappings', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 }));
}

type Totals = { pid: number | null; ussKiB: number; pssKiB: number; rssKiB: number; swapKiB: number };
function expectSameAsSmem(procs: Totals[], smem: ReturnType<typeof runSmem>) {
  const ours = new Map(procs.map((p) => [p.pid, p]));
  expect([...ours.keys()].sort()).toEqual([...smem.keys()].sort());
  for (const [pid, s] of smem) {
    const o = ours.get(pid);
    expect([pid, o?.ussKiB, o?.pssKiB, o?.rssKiB, o?.swapKiB]).toEqual([pid, s.uss, s.pss, s.rss, s.swap]);
  }
}

describe("this machine's /proc", () => {
  it('is read with every line understood and the identities holding', () => {
    const read = (c: Capture) => {
      const parsed: ParsedText[] = [parseText(c.meminfo, '/proc/meminfo', '/proc/meminfo')];
      for (const p of c.procs) {
        parsed.push(parseText(p.status, `/proc/${p.pid}/status`, `/proc/${p.pid}/status`));
        parsed.push(parseText(p.smaps, `/proc/${p.pid}/smaps`, `/proc/${p.pid}/smaps`));
      }
      const snap = buildSnapshot(parsed);
      return { c, parsed, snap, a: analyze(snap) };
    };
    // memory moves between reading meminfo and each process on a loaded machine: a capture
    // whose sums drift past a check's tolerance for that moment is taken again, up to three times
    let r = read(cap);
    for (let i = 1; i < 3 && r.a.checks.some((c) => !c.ok); i++) r = read(captureProc());
    const { parsed, snap, a } = r;
    expect(errors(parsed)).toEqual([]);
    const withMaps = r.c.procs.filter((p) => p.smaps.length > 0);
    expect(snap.processes.length).toBe(withMaps.length);
    expect(withMaps.length).toBeGreaterThan(1);
    // names come from status
    for (const p of withMaps) expect(snap.processes.find((x) => x.pid === p.pid)?.name).toBe(p.name);
    const ids = a.checks.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['lru', 'slab', 'smaps-rss', 'pss']));
    for (const c of a.checks) expect(c.ok, `${en(c.label)}: ${c.left} vs ${c.right} (±${c.tolerance})`).toBe(true);
    // the meminfo identity on real numbers: the accounting adds up to MemTotal exactly
    const acc = a.accounting;
    expect((acc.freeKiB ?? 0) + (acc.userKiB ?? 0) + (acc.kernelKiB ?? 0) + (acc.unaccountedKiB ?? 0)).toBe(acc.memTotalKiB);
  });

  it("gives exactly smem's USS, PSS, RSS and swap for every process (folder in smem's layout)", () => {
    const smem = runSmem(dir);
    expect(smem.size).toBeGreaterThan(1);
    expectSameAsSmem(cli([dir]).processes, smem);
  });

  it('gives the same numbers from a ==> path <== bundle and from a tar of the folder', () => {
    const smem = runSmem(dir);
    const b = join(dir, '..', `${dir.split('/').pop()}-bundle.txt`);
    writeFileSync(b, bundle(cap));
    try {
      expectSameAsSmem(cli([b]).processes, smem);
    } finally {
      rmSync(b, { force: true });
    }
    const tarPath = `${dir}.tar`;
    execFileSync('tar', ['-cf', tarPath, '-C', dir, 'proc']);
    try {
      const parts = parseBytes(readFileSync(tarPath), 'capture.tar');
      // cmdline files are never read, and say so
      expect(parts.filter((p) => /cmdline$/.test(p.name)).every((p) => p.diagnostics[0]?.message.includes('never reads'))).toBe(true);
      const a = analyze(buildSnapshot(parts));
      expectSameAsSmem(a.processes, smem);
      const gz = `${tarPath}.gz`;
      execFileSync('gzip', ['-kf', tarPath]);
      expectSameAsSmem(analyze(buildSnapshot(parseBytes(readFileSync(gz), 'capture.tar.gz'))).processes, smem);
      rmSync(gz, { force: true });
    } finally {
      rmSync(tarPath, { force: true });
    }
  });
});
