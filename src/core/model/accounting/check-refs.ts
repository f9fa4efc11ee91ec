/**
 * Where each side of a check was read: the input lines behind its numbers, so a reader
 * can open both and see for themselves. A sum over a table points at the table's lines as
 * one range; a value read from one line points at that line.
 */

import { memRow } from '../../formats/free/index';
import type { MeminfoKey } from '../../formats/meminfo/index';
import type { Physical } from '../physical/index';
import type { SourceRef } from '../refs';
import type { Snapshot } from '../snapshot';

export interface CheckRefs {
  /** the meminfo lines of these fields */
  meminfo(...keys: MeminfoKey[]): SourceRef[];
  /** `free`'s `Mem:` row */
  freeMem(): SourceRef[];
  /** the boot `Memory:` line */
  boot(): SourceRef[];
  /** the `Freeing … memory` lines after it (or the line's init field) */
  freed(): SourceRef[];
  /** a memblock table, as the range of its region lines */
  memblock(kind: 'memory' | 'reserved'): SourceRef[];
  /** the lines the DRAM extent was read from */
  dram(): SourceRef[];
  /** the device tree's no-map reservations */
  noMap(): SourceRef[];
  /** the inputs that hold processes' mappings (or their rollups or totals), each as a whole */
  smaps(): SourceRef[];
}

/** at most this many runs of lines listed one by one; more become one range from first to last */
const MAX_RUNS = 6;

/** lines of one input: runs of consecutive lines as ranges, and when there are many, one range */
export function linesOf(source: string, lines: readonly number[]): SourceRef[] {
  const ls = [...new Set(lines.filter((l) => l > 0))].sort((a, b) => a - b);
  const runs: SourceRef[] = [];
  for (const line of ls) {
    const last = runs[runs.length - 1];
    if (last && (last.to ?? last.line) === line - 1) last.to = line;
    else runs.push({ source, line });
  }
  const first = runs[0];
  const end = runs[runs.length - 1];
  if (!first || !end) return source ? [{ source, line: 0 }] : [];
  return runs.length <= MAX_RUNS ? runs : [{ source, line: first.line, to: end.to ?? end.line }];
}

/** each line once, in the order first given */
export function uniqueRefs(refs: readonly SourceRef[]): SourceRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = `${r.source}\0${r.line}\0${r.to ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function checkRefs(snap: Snapshot, phys: Physical | null): CheckRefs {
  const info = snap.meminfo;
  const log = snap.kernelLog;
  const dt = snap.deviceTree;
  const memblock = (kind: 'memory' | 'reserved'): SourceRef[] => {
    const t = snap.memblock[kind];
    return t
      ? linesOf(
          t.source,
          t.value.map((r) => r.line),
        )
      : [];
  };
  return {
    meminfo: (...keys) =>
      info
        ? linesOf(
            info.source,
            keys.flatMap((k) => info.value.fields.get(k)?.line ?? []),
          )
        : [],
    freeMem() {
      const f = snap.free;
      const row = f ? memRow(f.value) : undefined;
      return f ? linesOf(f.source, row ? [row.line] : []) : [];
    },
    boot: () => (snap.boot ? [{ source: snap.boot.source, line: snap.boot.value.line }] : []),
    freed() {
      const boot = snap.boot;
      if (!boot) return [];
      const sameLog = log && log.source === boot.source;
      const after = sameLog ? log.value.freedInitKiB.filter((f) => f.afterMemoryLine).map((f) => f.line) : [];
      return linesOf(boot.source, after.length > 0 ? after : [boot.value.line]);
    },
    memblock,
    dram() {
      switch (phys?.dramSource) {
        case 'device-tree':
          return dt ? dt.value.banks.map((b) => b.ref) : [];
        case 'memblock':
          return memblock('memory');
        case 'kernel-log':
          return log
            ? linesOf(
                log.source,
                log.value.nodeRanges.map((r) => r.line),
              )
            : [];
        case 'firmware-map':
          return log
            ? linesOf(
                log.source,
                log.value.e820.filter((e) => e.type === 'usable').map((e) => e.line),
              )
            : [];
        case 'kernel-log-banks':
          return log?.value.bankTotal ? [{ source: log.source, line: log.value.bankTotal.line }] : [];
        case 'boot-line':
          return snap.boot ? [{ source: snap.boot.source, line: snap.boot.value.line }] : [];
        default:
          return [];
      }
    },
    noMap: () =>
      dt
        ? linesOf(
            dt.source,
            dt.value.reservations.filter((r) => r.noMap).map((r) => r.ref.line),
          )
        : [],
    smaps() {
      const names = new Set<string>();
      for (const p of snap.processes)
        if (p.mappings.length > 0 || p.rollup !== undefined || (p.totals !== undefined && (p.totals.mappings > 0 || p.totals.pss > 0)))
          for (const s of p.sources) names.add(s);
      return [...names].map((source) => ({ source, line: 0 }));
    },
  };
}
