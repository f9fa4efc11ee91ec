// The checks table: a check runs when its needs are met, and otherwise says what it needs.
import { describe, expect, it } from 'vitest';
import { m } from '../src/core/messages/catalogue';
import { CHECKS } from '../src/core/model/accounting/check-table';
import { defineCheck, gatherFacts, runChecks } from '../src/core/model/accounting/checks';
import { physical } from '../src/core/model/physical/index';
import { summarizeProcesses } from '../src/core/model/processes';
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
    expect(why.pss).toBe('needs the smaps of every process (a full capture; fewer than two were given) and meminfo AnonPages, Mapped');
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
      }),
    });
    const needsLog = defineCheck({ ...extra, id: 'needs-zones', needs: ['bootFreed', 'smaps', 'allSmaps'] });
    const out = runChecks([...CHECKS, extra, needsLog], gatherFacts(r.snap, phys, summarizeProcesses(r.snap.processes)));
    expect(out.checks.find((c) => c.id === 'kernel-below-memtotal')).toMatchObject({ left: 47464, right: 230856, ok: true });
    expect(en(out.notRun.find((c) => c.id === 'needs-zones')?.reason ?? m('formula.holes'))).toBe(
      'needs the smaps of every process (a full capture; fewer than two were given)',
    );
  });
});
