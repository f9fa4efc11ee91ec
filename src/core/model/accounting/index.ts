/**
 * The analysis of a snapshot: the ledger from DRAM down to MemFree (./levels.ts), "used"
 * by each tool (./used.ts), the consistency checks (./check-table.ts) and the
 * per-process totals. Every number carries the formula that made it and the input lines
 * it read.
 */
import type { BootMemoryLine } from '../../formats/kmsg/index';
import { m, type Note } from '../../messages/catalogue';
import { physical } from '../physical/index';
import { summarizeProcesses } from '../processes';
import type { Snapshot } from '../snapshot';
import { bootFreed } from './boot';
import { checkRefs } from './check-refs';
import { CHECKS } from './check-table';
import { gatherFacts, runChecks } from './checks';
import { bootLines, meminfoLines, meminfoRefs, physicalLines } from './levels';
import type { Accounting, Analysis, Line } from './types';
import { usedFormulas } from './used';

export type { Accounting, Analysis, BootSummary, Check, CheckNotRun, Line, UsedFormula, UsedToolId } from './types';

export function analyze(given: Snapshot): Analysis {
  // a boot line whose numbers are not exact (a 400-digit field) is left out, and said
  const inexact = given.boot && !bootIsExact(given, given.boot.value);
  const snap = inexact ? withoutBoot(given, m('note.boot-inexact', { source: given.boot?.source ?? '' })) : given;
  const phys = physical(snap);
  const lines: Line[] = [];
  const acc: Accounting = {
    memTotalKiB: null,
    freeKiB: null,
    userKiB: null,
    kernelKiB: null,
    unaccountedKiB: null,
    lines,
    notes: [...snap.notes, ...(phys?.notes ?? [])],
    missing: [...(phys?.missing ?? [])],
  };
  if (phys) physicalLines(snap, phys, lines);
  else acc.missing.push(m('missing.physical'));

  const boot = snap.boot ? bootLines(snap, snap.boot.value, snap.boot.source, phys, lines) : null;
  if (!boot) acc.missing.push(m('missing.boot-line'));

  const info = snap.meminfo?.value;
  if (info && snap.meminfo) {
    acc.meminfoSource = snap.meminfo.source;
    meminfoLines(info, meminfoRefs(snap), acc, snap.kernelRelease);
  } else acc.missing.push(m('missing.meminfo'));

  const processes = summarizeProcesses(snap.processes);
  const { checks, notRun } = runChecks(CHECKS, gatherFacts(snap, phys, processes), checkRefs(snap, phys));
  const pss = checks.find((c) => c.id === 'pss');
  if (pss && pss.left < pss.right - pss.tolerance)
    acc.notes.push(
      m('note.pss-partial', {
        pss: pss.left,
        right: pss.right,
        pct: Math.round((pss.left / pss.right) * 100),
        processes: processes.filter((p) => !p.fromRollup || p.pssKiB > 0).length,
      }),
    );
  acc.notes = capByKind(acc.notes);
  return { physical: phys, boot, accounting: acc, used: info ? usedFormulas(info) : [], checks, checksNotRun: notRun, processes };
}

function withoutBoot(snap: Snapshot, why: Note): Snapshot {
  const { boot: _, ...rest } = snap;
  return { ...rest, notes: [...snap.notes, why] };
}

/** every number of the boot line, and what was freed after it, finite and within 2^53 */
function bootIsExact(snap: Snapshot, boot: BootMemoryLine): boolean {
  const numbers = [boot.availableKiB, boot.physKiB, ...Object.values(boot.fields), bootFreed(snap, boot)?.kib ?? 0];
  return numbers.every((v) => Number.isFinite(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER);
}

/** notes of one kind listed one by one up to this many, then counted */
export const NOTES_PER_KIND = 100;

/**
 * The first NOTES_PER_KIND notes of each kind, then one note counting the rest: 130,000
 * memblock tables make 130,000 alike notes, which no reader reads and no report can hold.
 */
function capByKind(notes: readonly Note[]): Note[] {
  const seen = new Map<string, { count: number; last: Note }>();
  const out: Note[] = [];
  for (const n of notes) {
    const kind = seen.get(n.key) ?? { count: 0, last: n };
    kind.count++;
    if (kind.count <= NOTES_PER_KIND) {
      kind.last = n;
      out.push(n);
    }
    seen.set(n.key, kind);
  }
  for (const { count, last } of seen.values())
    if (count > NOTES_PER_KIND) out.push(m('note.more-of-kind', { count: count - NOTES_PER_KIND, cap: NOTES_PER_KIND, like: last }));
  return out;
}
