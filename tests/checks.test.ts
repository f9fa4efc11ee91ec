// The checks table: a check runs when its needs are met, and otherwise says what it needs.
import { describe, expect, it } from 'vitest';
import { m } from '../src/core/messages/catalogue';
import { linesOf } from '../src/core/model/accounting/check-refs';
import { CHECKS } from '../src/core/model/accounting/check-table';
import { defineCheck, gatherFacts, runChecks } from '../src/core/model/accounting/checks';
import { physical } from '../src/core/model/physical/index';
import { summarizeProcesses } from '../src/core/model/processes';
import { refsText } from '../src/core/model/refs';
import { toJson } from '../src/core/report/json';
import { toMarkdown } from '../src/core/report/markdown';
import { checksCsv } from '../src/core/report/tables';
import { en, read, run, SEED, SEED_FILES } from './helpers';

const reasons = (r: ReturnType<typeof run>) => Object.fromEntries(r.a.checksNotRun.map((c) => [c.id, en(c.reason)]));

describe('the checks table', () => {
  it('has one entry per id', () => {
    const ids = CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('runs or lists every check, whatever the inputs', () => {
    for (const inputs of [
      [],
      [{ name: 'm', text: 'MemTotal: 100 kB\nMemFree: 10 kB\n' }],
      SEED_FILES.map((f) => ({ name: f, text: read(SEED, f) })),
    ]) {
      const r = run(inputs);
      expect([...r.a.checks.map((c) => c.id), ...r.a.checksNotRun.map((c) => c.id)].sort()).toEqual(CHECKS.map((c) => c.id).sort());
    }
  });

  it('says what each check that did not run needs, from its needs', () => {
    const r = run([
      { name: 'meminfo', text: 'MemTotal: 1000 kB\nMemFree: 100 kB\nActive: 10 kB\nSlab: 5 kB\nSReclaimable: 2 kB\nSUnreclaim: 3 kB\n' },
    ]);
    expect(r.a.checks.map((c) => c.id)).toEqual(['slab']);
    const why = reasons(r);
    expect(why.lru).toBe('needs meminfo Inactive, AnonPages, Cached, Buffers');
    expect(why['free-total']).toBe('needs “free” output with a Mem: total');
    expect(why['memblock-phys']).toBe(
      'needs the physical layout (device tree, memblock or the boot log), memblock/memory and a Memory: line of a 3.x or later kernel (physical pages, reserved)',
    );
    expect(why['memtotal-boot']).toBe(
      'needs the Memory: line and the "Freeing … memory" lines after the Memory: line, or its "init" field',
    );
    expect(why.pss).toBe(
      'needs the smaps or smaps_rollup of every process (a full capture; fewer than two were given) and meminfo AnonPages, Mapped',
    );
    expect(run([]).a.checksNotRun.find((c) => c.id === 'lru')?.reason).toMatchObject({ key: 'check.needs' });
  });

  it('takes a new check as one entry', () => {
    const r = run(SEED_FILES.map((f) => ({ name: f, text: read(SEED, f) })));
    const phys = physical(r.snap);
    const extra = defineCheck({
      id: 'kernel-below-memtotal',
      label: m('check.slab'),
      why: m('why.slab'),
      needs: ['meminfo'],
      fields: ['MemTotal', 'Slab'],
      run: (_, f) => ({
        left: f.Slab,
        right: f.MemTotal,
        tolerance: f.MemTotal,
        leftFormula: m('formula.holes'),
        rightFormula: m('formula.holes'),
        leftRefs: [],
        rightRefs: [],
      }),
    });
    const needsLog = defineCheck({ ...extra, id: 'needs-zones', needs: ['bootFreed', 'smaps', 'allSmaps'] });
    const out = runChecks([...CHECKS, extra, needsLog], gatherFacts(r.snap, phys, summarizeProcesses(r.snap.processes)));
    expect(out.checks.find((c) => c.id === 'kernel-below-memtotal')).toMatchObject({ left: 47464, right: 230856, ok: true });
    expect(en(out.notRun.find((c) => c.id === 'needs-zones')?.reason ?? m('formula.holes'))).toBe(
      'needs the smaps or smaps_rollup of every process (a full capture; fewer than two were given)',
    );
  });
});

describe('where each side of a check was read', () => {
  const seed = () => run(SEED_FILES.map((f) => ({ name: f, text: read(SEED, f) })));
  const lineOf = (source: string, n: number) => read(SEED, source).split('\n')[n - 1] ?? '';

  it('gives every check of the seed the input lines of both sides, and each line holds what the side reads', () => {
    const r = seed();
    const at = Object.fromEntries(
      r.a.checks.map((c) => [
        c.id,
        [c.leftRefs, c.rightRefs].map((refs) => refs.map((x) => `${x.source}:${x.line}${x.to ? `-${x.to}` : ''}`)),
      ]),
    );
    expect(at).toEqual({
      lru: [
        ['meminfo.txt:8-9', 'meminfo.txt:14'],
        ['meminfo.txt:5-7', 'meminfo.txt:20'],
      ],
      slab: [['meminfo.txt:24'], ['meminfo.txt:25-26']],
      'free-total': [['free.txt:2'], ['meminfo.txt:2']],
      'memblock-phys': [['memblock-memory.txt:1-3'], ['dmesg-memory-line.txt:1']],
      'memblock-reserved': [['memblock-reserved.txt:1-18'], ['dmesg-memory-line.txt:1']],
      span: [
        ['memblock-memory.txt:1-3'],
        ['memblock-memory.txt:1-3', 'reserved-memory.dts:8', 'reserved-memory.dts:16', 'reserved-memory.dts:23', 'reserved-memory.dts:31'],
      ],
      'memtotal-boot': [['meminfo.txt:2'], ['dmesg-memory-line.txt:1']],
      'smaps-rss': [['smaps-stack.txt:0'], ['smaps-stack.txt:0']],
    });
    // the lines are the ones the formulas name
    expect(lineOf('meminfo.txt', 24)).toMatch(/^Slab:/);
    expect([25, 26].map((n) => lineOf('meminfo.txt', n).split(':')[0])).toEqual(['SReclaimable', 'SUnreclaim']);
    expect(lineOf('free.txt', 2)).toMatch(/^Mem:/);
    expect(lineOf('dmesg-memory-line.txt', 1)).toMatch(/Memory: /);
    for (const n of [8, 16, 23, 31]) expect(lineOf('reserved-memory.dts', n)).toMatch(/^\s*reg = </);
  });

  it('writes runs of lines as ranges, and many runs as one range, each line once', () => {
    expect(linesOf('f', [3, 1, 2, 2, 7])).toEqual([
      { source: 'f', line: 1, to: 3 },
      { source: 'f', line: 7 },
    ]);
    expect(linesOf('f', [1, 3, 5, 7, 9, 11, 13])).toEqual([{ source: 'f', line: 1, to: 13 }]);
    expect(linesOf('f', [])).toEqual([{ source: 'f', line: 0 }]);
    expect(linesOf('', [])).toEqual([]);
    expect(
      refsText(
        [
          { source: 'a', line: 8, to: 9 },
          { source: 'a', line: 14 },
          { source: 'b', line: 0 },
        ],
        2,
      ),
    ).toBe('a:8–9, 14 (+1)');
  });

  it('carries the lines in the CLI JSON, the Markdown report and the CSV', () => {
    const r = seed();
    const slab = (toJson(r.snap, r.a) as { checks: { id: string; leftRefs: unknown }[] }).checks.find((c) => c.id === 'slab');
    expect(slab?.leftRefs).toEqual([{ source: 'meminfo.txt', line: 24 }]);
    expect(toMarkdown(r.snap, r.a)).toContain('left: meminfo.txt:24; right: meminfo.txt:25–26');
    expect(checksCsv(r.a.checks, en)).toContain('meminfo.txt:24,meminfo.txt:25–26');
  });
});
