// The corpus of real dumps under fixtures/real (where each came from: sources.json and
// SOURCES.md there), against numbers an independent script computed from the same files
// (fixtures/real/expected.json, made by a Python oracle that shares no code with
// ramledger). Every file alone, then each device's files together.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ParsedText, parseText, segmentsOf } from '../src/core/index';
import { breakdown } from '../src/core/viewmodel/bar';
import { run } from './helpers';
import { unaccountedLines } from './lines';

const REAL = join(__dirname, '..', 'fixtures', 'real');
interface Source {
  path: string;
  device: string;
  arch: string;
  formats: string[];
}
const sources: Source[] = JSON.parse(readFileSync(join(REAL, 'sources.json'), 'utf8'));
// biome-ignore lint/suspicious/noExplicitAny: the oracle's JSON, read field by field below
const expected: Record<string, any> = JSON.parse(readFileSync(join(REAL, 'expected.json'), 'utf8'));
const text = (path: string) => readFileSync(join(REAL, path), 'latin1');

/** every line number a kernel log's data refers to */
function linesIn(v: unknown, out = new Set<number>()): Set<number> {
  if (Array.isArray(v)) for (const x of v) linesIn(x, out);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (k === 'line' && typeof x === 'number') out.add(x);
      else if (/lines$/i.test(k) && Array.isArray(x) && x.every((n) => typeof n === 'number')) {
        for (const n of x) if (typeof n === 'number') out.add(n);
      } else linesIn(x, out);
    }
  return out;
}

const reported = (p: ParsedText) => {
  const s = new Set<number>();
  for (const d of p.diagnostics) {
    s.add(d.line);
    if (d.msg.key === 'diag.unread-run') for (let l = d.msg.params.from; l <= d.msg.params.to; l++) s.add(l);
    if (d.msg.key === 'kmsg.boots') for (let l = d.msg.params.first; l < d.msg.params.from; l++) s.add(l);
  }
  return s;
};

describe('the real corpus', () => {
  it('has at least 30 files from 15 devices, four architectures, Android and OpenWrt, each with its source', () => {
    expect(sources.length).toBeGreaterThanOrEqual(30);
    expect(new Set(sources.map((s) => s.path.split('/')[0])).size).toBeGreaterThanOrEqual(15);
    const arch = new Set(sources.map((s) => s.arch));
    for (const a of ['arm32', 'arm64', 'x86_64']) expect(arch).toContain(a);
    expect([...arch].some((a) => /mips|riscv|powerpc/.test(a))).toBe(true);
    expect(sources.some((s) => /android/i.test(JSON.stringify(s)))).toBe(true);
    expect(sources.some((s) => /openwrt/i.test(JSON.stringify(s)))).toBe(true);
    for (const s of sources) expect(statSync(join(REAL, s.path)).isFile()).toBe(true);
  });

  describe.each(sources.map((s) => [s.path, s] as const))('%s', (path) => {
    const exp = expected[path];
    it('reads every line or reports it, and reads what it is', () => {
      const t = text(path);
      const parsed = parseText(t, path, path);
      expect(unaccountedLines(t, parsed)).toEqual([]);
      expect(parsed.segments.length).toBeGreaterThan(0);
    });
    if (exp.kind === 'smaps')
      it('PSS, RSS, USS and swap equal an independent sum of its lines', () => {
        const r = run([{ name: path, text: text(path) }]);
        const got = r.json.processes.map((p) => ({
          pss: p.pssKiB,
          rss: p.rssKiB,
          uss: p.ussKiB,
          swap: p.swapKiB,
          swapPss: p.swapPssKiB ?? 0,
        }));
        const want = exp.processes.map((p: Record<string, number>) => ({
          pss: p.pssKiB,
          rss: p.rssKiB,
          uss: p.ussKiB,
          swap: p.swapKiB,
          swapPss: p.swapPssKiB,
        }));
        expect(got).toEqual(want);
      });
    if (exp.kind === 'smaps_rollup')
      it('gives the rollup totals', () => {
        const r = run([{ name: path, text: text(path) }]);
        expect(r.json.processes[0]).toMatchObject({ pssKiB: exp.pssKiB, rssKiB: exp.rssKiB, swapKiB: exp.swapKiB });
      });
    if (exp.kind === 'meminfo')
      it('MemTotal, MemFree and every field', () => {
        const r = run([{ name: path, text: text(path) }]);
        expect(r.json.meminfo).toMatchObject({ MemTotal: exp.MemTotal, MemFree: exp.MemFree });
        expect(Object.keys(r.json.meminfo ?? {}).sort()).toEqual([...exp.fields].sort());
        // the ledger adds up, whatever the kernel: unaccounted is what is left
        const a = r.a.accounting;
        expect((a.unaccountedKiB ?? 0) + (a.userKiB ?? 0) + (a.kernelKiB ?? 0) + (a.freeKiB ?? 0)).toBe(exp.MemTotal);
      });
    if (exp.kind === 'free')
      it('the Mem: total in KiB, in the unit it was printed in', () => {
        const r = run([{ name: path, text: text(path) }]);
        const block = exp.blocks[0];
        const total = (r.json.free?.rows.find((x) => x.label === 'Mem') as { total?: number } | undefined)?.total;
        const per: Record<string, number> = { KiB: 1, MiB: 1024, GiB: 1048576, B: 1 / 1024 };
        if (block.unit in per) expect(total).toBe(Number(block.total) * (per[block.unit] ?? 1));
        else expect(total).toBeGreaterThan(0);
      });
    if (exp.kind === 'kernel-log')
      it('the boot line of the last boot, and every memory line used or reported', () => {
        const parsed = parseText(text(path), path, path);
        const logs = segmentsOf(parsed.segments, 'kmsg').map((s) => s.data);
        const last = exp.memoryLines.filter((l: { form: string }) => !/MB total/.test(l.form)).at(-1);
        const line = logs.map((l) => l.memoryLine).find((x) => x !== undefined);
        if (last) expect(line).toMatchObject({ availableKiB: last.availableKiB, physKiB: last.physKiB });
        const used = new Set<number>();
        for (const l of logs) linesIn(l, used);
        for (const s of segmentsOf(parsed.segments, 'version')) used.add(s.firstLine);
        const seen = reported(parsed);
        // the oracle numbers lines as Python's splitlines() does, which also breaks at a lone
        // `\r` (serial captures end lines with `\r\n\r`): such lines are found by their text
        const ours = text(path)
          .split('\n')
          .map((l) => l.replace(/\r/g, '').trim());
        const at = (l: { line: number; text: string }) =>
          exp.crlf ? ours.flatMap((o, i) => (o.startsWith(l.text.trim()) ? [i + 1] : [])) : [l.line];
        const lost = exp.memoryRelatedLines
          .filter((l: { line: number; text: string }) => !at(l).some((n) => used.has(n) || seen.has(n)))
          .map((l: { line: number; text: string }) => `${l.line}: ${l.text}`);
        expect(lost).toEqual([]);
        if (exp.linuxVersion.length > 0)
          expect(run([{ name: path, text: text(path) }]).snap.kernelRelease).toBe(exp.linuxVersion.at(-1).release);
      });
  });
});

/** a device's files, read together as one snapshot */
function device(dir: string) {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else files.push(relative(REAL, p));
    }
  };
  walk(join(REAL, dir));
  return run(files.map((f) => ({ name: f, text: text(f) })));
}

describe('each device, all its files together', () => {
  const devices = [...new Set(sources.map((s) => s.path.split('/')[0] ?? ''))];
  it.each(devices)('%s: no check fails that the kernel’s own numbers satisfy', (dir) => {
    const r = device(dir);
    const failed = r.json.checks.filter((c) => !c.ok).map((c) => `${c.id}: ${c.left} vs ${c.right}`);
    expect(failed).toEqual([]);
  });
});

describe('what the corpus showed, held', () => {
  const one = (path: string) => run([{ name: path, text: text(path) }]);
  it('old ARM: DRAM from "Memory: 244MB 276MB = 520MB total"; both numbers before "available" are free pages', () => {
    const r = one('tcl-tv-novatek-arm32-3.8/dmesg.txt');
    expect(r.json.physical).toMatchObject({ dramSource: 'kernel-log-banks', spanKiB: 520 * 1024 });
    expect(r.json.boot).toMatchObject({ form: 'old-arm', availableKiB: 518168 });
    // MemTotal = available + Σ freed after the line
    const freed = r.snap.kernelLog?.value.freedInitKiB.filter((f) => f.afterMemoryLine).reduce((s, f) => s + f.kib, 0) ?? 0;
    expect(r.json.boot?.expectedMemTotalKiB).toBe(518168 + freed);
  });
  it('old ARM with memblock: the memblock checks wait for a 3.x-or-later line instead of failing', () => {
    const r = device('rpi1-bcm2835-arm32-3.x');
    expect(r.json.checks.filter((c) => c.id.startsWith('memblock'))).toEqual([]);
    expect(r.json.checksNotRun.map((c) => c.id)).toContain('memblock-phys');
  });
  it('VmallocUsed before 4.4 is address space: left out of the kernel lines', () => {
    const r = one('zte-ont-arm32-4.1/proc/meminfo');
    expect(r.a.accounting.vmalloc).toBe('address-space');
    expect(r.json.accounting.lines.find((l) => l.id === 'VmallocUsed')).toBeUndefined();
    expect(r.json.accounting.unaccountedKiB).toBeGreaterThan(-2048);
  });
  it('Android vendor fields are kernel lines of their own', () => {
    const r = one('android-pixel3-arm64-4.9/meminfo.txt');
    const vendor = r.json.accounting.lines.filter((l) => l.bucket === 'vendor').map((l) => [l.id, l.kib]);
    expect(vendor).toEqual([
      ['vendor:ION_heap', 226960],
      ['vendor:ION_page_pool', 123744],
    ]);
  });
  it('every "Freeing … memory" after the boot line counts; a balloon driver stops the exact check', () => {
    const r = device('rhcos-hyperv-x86_64-4.18');
    expect(r.json.boot?.freed).toMatchObject({ kib: 32 + 59732 + 2356 + 2020 + 276, from: 'log' });
    expect(r.json.checksNotRun.find((c) => c.id === 'memtotal-boot')?.reason).toContain('balloon');
  });
  it('x86 without memblock: the DRAM bar closes, the boot reservation in it', () => {
    const r = device('rhcos-hyperv-x86_64-4.18');
    const b = breakdown(r.snap, r.a);
    expect(b.basis).toBe('dram');
    expect(b.residualKiB).toBe(0);
    expect(b.segments.find((s) => s.id === 'boot-held')?.kib).toBe(8387452 - 8164548);
  });
  it('a 6.18 machine (this one): the line printed late, a Freeing line before it not counted, MemTotal exact', () => {
    const r = device('this-machine-x86_64-6.18');
    expect(r.json.boot?.freed).toMatchObject({ kib: 7488 + 3732 + 1572 + 1996, from: 'log' });
    expect(r.json.checks.find((c) => c.id === 'memtotal-boot')).toMatchObject({ ok: true, delta: 0 });
    expect(r.json.checks.find((c) => c.id === 'free-total')).toMatchObject({ ok: true });
  });
  it('a log of several boots: the last boot is used and the earlier ones are said', () => {
    const r = one('debian7-i686-pae-3.2/kern.log');
    expect(r.json.boot).toMatchObject({ availableKiB: 2064116, physKiB: 2097024, form: 'legacy' });
    expect(r.json.sources[0]?.diagnostics.some((d) => /holds 9 boots/.test(d.message))).toBe(true);
  });
  it('the release from a prefixed Linux version line', () => {
    expect(one('surface-book-x86_64-4.4/dmesg.txt').snap.kernelRelease).toBe('4.4.0-21-generic');
  });
  it('bootloader text in a serial capture is unread, not an error', () => {
    const r = one('xiaomi-mi-router-4a-mt7621-mips-3.10/bootlog.txt');
    const d = r.json.sources[0]?.diagnostics ?? [];
    expect(d.filter((x) => x.severity === 'error')).toEqual([]);
    expect(d.some((x) => x.severity === 'unread')).toBe(true);
  });
  it('partial process captures: the PSS check is a bound, and the coverage is said', () => {
    const r = device('xilinx-zynq-innofirmware-arm32-4.4');
    expect(r.json.checks.find((c) => c.id === 'pss')).toMatchObject({ ok: true, atMost: true });
    expect(r.json.notes.some((n) => /5 processes given hold 85 %/.test(n))).toBe(true);
  });
});
