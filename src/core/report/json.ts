/**
 * The CLI's JSON (schemaVersion 1), documented in README.md. Addresses are hex
 * strings, `end` exclusive; sizes in KiB.
 */
import type { Analysis } from '../model/accounting';
import { regionJson } from '../model/physical';
import { mappingKind } from '../model/processes';
import { hex } from '../model/ranges';
import type { Snapshot } from '../model/snapshot';

export const SCHEMA_VERSION = 1;

export function toJson(snap: Snapshot, a: Analysis, opts: { mappings?: boolean } = {}) {
  const width = a.physical?.end !== null && a.physical?.end !== undefined && a.physical.end > 0x1_0000_0000n ? 16 : 8;
  const byPid = new Map(snap.processes.map((p) => [p, p] as const));
  void byPid;
  return {
    schemaVersion: SCHEMA_VERSION,
    sources: snap.sources.map((s) => ({
      name: s.name,
      format: s.formats.length === 1 ? s.formats[0] : s.formats.length === 0 ? 'unknown' : 'bundle',
      formats: s.formats,
      lines: s.lines,
      bytes: s.bytes,
      segments: s.segments,
      diagnostics: s.diagnostics.map((d) => ({ line: d.line, severity: d.severity, message: d.message })),
    })),
    notes: a.accounting.notes,
    missing: a.accounting.missing,
    kernelRelease: snap.kernelRelease ?? null,
    physical: a.physical && {
      dramFrom: a.physical.dramFrom,
      start: a.physical.start === null ? null : hex(a.physical.start, width),
      end: a.physical.end === null ? null : hex(a.physical.end, width),
      spanKiB: a.physical.spanKiB,
      noMapKiB: a.physical.noMapKiB,
      memblockMemoryKiB: a.physical.memblockMemoryKiB,
      memblockNomapKiB: a.physical.memblockNomapKiB,
      memblockReservedKiB: a.physical.memblockReservedKiB,
      holesKiB: a.physical.holesKiB,
      regions: a.physical.regions.map((r) => regionJson(r, width)),
    },
    boot: a.boot,
    meminfo: snap.meminfo ? Object.fromEntries([...snap.meminfo.value.fields].map(([k, v]) => [k, v.value])) : null,
    free: snap.free
      ? {
          layout: snap.free.value.layout,
          unit: snap.free.value.unit,
          rows: snap.free.value.rows.map((r) => ({ label: r.label, ...r.values })),
        }
      : null,
    accounting: {
      memTotalKiB: a.accounting.memTotalKiB,
      freeKiB: a.accounting.freeKiB,
      userKiB: a.accounting.userKiB,
      kernelKiB: a.accounting.kernelKiB,
      unaccountedKiB: a.accounting.unaccountedKiB,
      lines: a.accounting.lines.map((l) => ({
        id: l.id,
        label: l.label,
        kib: l.kib,
        level: l.level,
        formula: l.formula,
        ...(l.parent ? { parent: l.parent } : {}),
        refs: l.refs,
      })),
    },
    used: a.used,
    checks: a.checks,
    checksNotRun: a.checksNotRun,
    processes: a.processes.map((p, i) => {
      const model = snap.processes[i];
      return {
        ...p,
        mappings:
          opts.mappings === false || !model
            ? undefined
            : model.mappings.map((m) => ({
                start: hex(m.start, 8),
                end: hex(m.end, 8),
                perms: m.perms,
                path: m.path,
                kind: mappingKind(m),
                rssKiB: m.kib.Rss ?? 0,
                pssKiB: m.kib.Pss ?? 0,
                ussKiB: (m.kib.Private_Clean ?? 0) + (m.kib.Private_Dirty ?? 0),
                swapKiB: m.kib.Swap ?? 0,
              })),
      };
    }),
  };
}
