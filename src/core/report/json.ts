/**
 * The CLI's JSON (schemaVersion 1), documented in README.md. Addresses are hex strings,
 * `end` exclusive; sizes in KiB; the model's words in English.
 */

import { C } from '../formats/smaps/index';
import { type Msg, render } from '../messages/catalogue';
import { EN } from '../messages/index';
import type { Analysis } from '../model/accounting/index';
import { evidenceRule, type PhysRegion } from '../model/physical/index';
import { rowKind } from '../model/processes';
import type { Snapshot } from '../model/snapshot';
import type { Annotations } from '../share/annotations';
import { docAnnotations } from '../share/doc';
import { bytesToKiB, hex, hexWidth } from '../units';
import { slabJson, vmallocJson } from './drilldowns';
import { iomemJson } from './iomem';
import { type ReportStamp, reportStamp } from './stamp';
import { buddyJson, zonesJson } from './zones';

export const SCHEMA_VERSION = 1;

const en = (msg: Msg) => render(msg, EN);

/**
 * Regions listed in `physical.regions`, in address order; past it, `regionsOmitted`
 * counts the rest. A real layout has at most a few thousand (memblock.memory and
 * memblock.reserved included); a million-line memblock dump would make a JSON of
 * hundreds of MB that no one reads, while its totals are all in the fields above.
 */
export const MAX_REGIONS = 10_000;

function regionJson(r: PhysRegion, width: number) {
  return {
    start: hex(r.start, width),
    end: hex(r.end, width),
    sizeKiB: bytesToKiB(r.end - r.start),
    kind: r.kind,
    role: r.role,
    name: en(r.label),
    ...(r.evidence ? { rule: en(evidenceRule(r.evidence)) } : {}),
    source: r.source,
    ...(r.line ? { line: r.line } : {}),
    ...(r.placedBy ? { placedBy: r.placedBy } : {}),
    ...(r.outside ? { outsideDram: true } : {}),
  };
}

export function toJson(snap: Snapshot, a: Analysis, opts: { mappings?: boolean; annotations?: Annotations; stamp?: ReportStamp } = {}) {
  const width = hexWidth(a.physical?.end);
  const notes = opts.annotations ?? (snap.shared ? docAnnotations(snap.shared) : undefined);
  return {
    schemaVersion: SCHEMA_VERSION,
    // the snapshot's title and date (YYYY-MM-DD) when known: what the page's file is named after
    ...reportStamp(snap, notes, opts.stamp),
    ...(notes && (notes.title || notes.notes || Object.keys(notes.labels).length)
      ? { annotations: { title: notes.title, notes: notes.notes, labels: Object.entries(notes.labels).map(([on, n]) => ({ on, ...n })) } }
      : {}),
    ...(snap.shared?.reduced ? { reduced: snap.shared.reduced } : {}),
    sources: snap.sources.map((s) => ({
      name: s.name,
      format: s.formats.length === 1 ? s.formats[0] : s.formats.length === 0 ? 'unknown' : 'bundle',
      formats: s.formats,
      lines: s.lines,
      bytes: s.bytes,
      segments: s.segments,
      diagnostics: s.diagnostics.map((d) => ({ line: d.line, severity: d.severity, message: d.message })),
    })),
    notes: a.accounting.notes.map(en),
    missing: a.accounting.missing.map(en),
    kernelRelease: snap.kernelRelease ?? null,
    physical: a.physical && {
      dramSource: a.physical.dramSource,
      dramFrom: en(a.physical.dramFrom),
      start: a.physical.start === null ? null : hex(a.physical.start, width),
      end: a.physical.end === null ? null : hex(a.physical.end, width),
      spanKiB: a.physical.spanKiB,
      noMapKiB: a.physical.noMapKiB,
      memblockMemoryKiB: a.physical.memblockMemoryKiB,
      memblockNomapKiB: a.physical.memblockNomapKiB,
      memblockReservedKiB: a.physical.memblockReservedKiB,
      holesKiB: a.physical.holesKiB,
      regions: a.physical.regions.slice(0, MAX_REGIONS).map((r) => regionJson(r, width)),
      ...(a.physical.regions.length > MAX_REGIONS ? { regionsOmitted: a.physical.regions.length - MAX_REGIONS } : {}),
      unplaced: a.physical.unplaced.map((u) => ({
        name: u.name,
        ...(u.label !== undefined ? { label: u.label } : {}),
        kind: u.kind,
        sizeKiB: u.sizeKiB,
        ...(u.alignmentKiB !== undefined ? { alignmentKiB: u.alignmentKiB } : {}),
        allocRanges: u.allocRanges.map((r) => ({ start: hex(r.start, width), end: hex(r.end, width) })),
        source: u.source,
        line: u.line,
      })),
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
        label: en(l.label),
        kib: l.kib,
        level: l.level,
        formula: en(l.formula),
        ...(l.parent ? { parent: l.parent } : {}),
        ...(l.bucket ? { bucket: l.bucket } : {}),
        refs: l.refs,
      })),
    },
    used: a.used.map((u) => ({ id: u.id, tool: en(u.tool), formula: en(u.formula), usedKiB: u.usedKiB, buffCacheKiB: u.buffCacheKiB })),
    checks: a.checks.map((c) => ({
      id: c.id,
      label: en(c.label),
      left: c.left,
      right: c.right,
      delta: c.delta,
      tolerance: c.tolerance,
      ok: c.ok,
      ...(c.atMost ? { atMost: true } : {}),
      leftFormula: en(c.leftFormula),
      rightFormula: en(c.rightFormula),
      leftRefs: c.leftRefs,
      rightRefs: c.rightRefs,
      why: en(c.why),
    })),
    checksNotRun: a.checksNotRun.map((c) => ({ id: c.id, reason: en(c.reason) })),
    iomem: iomemJson(snap.iomem),
    zones: zonesJson(snap),
    buddy: buddyJson(snap),
    /** the kernel drill-downs (/proc/slabinfo, /proc/vmallocinfo); null when not given */
    slab: slabJson(snap),
    vmalloc: vmallocJson(snap),
    processes: a.processes.map((p, i) => {
      const model = snap.processes[i];
      return {
        ...p,
        mappings:
          opts.mappings === false || !model
            ? undefined
            : Array.from({ length: model.mappings.length }, (_, r) => {
                const t = model.mappings;
                const map = t.get(r);
                return {
                  start: hex(map.start, 8),
                  end: hex(map.end, 8),
                  perms: map.perms,
                  path: map.path,
                  kind: rowKind(t, r),
                  rssKiB: t.kib(r, C.Rss),
                  pssKiB: t.kib(r, C.Pss),
                  ussKiB: t.kib(r, C.Private_Clean) + t.kib(r, C.Private_Dirty),
                  swapKiB: t.kib(r, C.Swap),
                };
              }),
      };
    }),
  };
}

/**
 * `JSON.stringify(value, null, 1)` handed out in pieces of about `chunk` characters: a
 * report larger than the longest string a JavaScript engine can make (~512 MiB in V8)
 * is still written whole, and the CLI never holds it all as one string.
 */
export function writeJson(value: unknown, out: (piece: string) => void, chunk = 1 << 16): void {
  let buf = '';
  const put = (s: string) => {
    buf += s;
    if (buf.length >= chunk) {
      out(buf);
      buf = '';
    }
  };
  // recursive: the report nests a handful of levels, whatever the input
  const emit = (v: unknown, depth: number) => {
    const json = toJsonValue(v);
    if (json === null || typeof json !== 'object') {
      put(JSON.stringify(json) ?? 'null');
      return;
    }
    const pad = `\n${' '.repeat(depth + 1)}`;
    if (Array.isArray(json)) {
      if (json.length === 0) return put('[]');
      put('[');
      json.forEach((item, i) => {
        put(i === 0 ? pad : `,${pad}`);
        emit(item, depth + 1);
      });
      put(`\n${' '.repeat(depth)}]`);
      return;
    }
    const entries = Object.entries(json).filter(([, x]) => toJsonValue(x) !== undefined && typeof x !== 'function');
    if (entries.length === 0) return put('{}');
    put('{');
    entries.forEach(([k, x], i) => {
      put(`${i === 0 ? pad : `,${pad}`}${JSON.stringify(k)}: `);
      emit(x, depth + 1);
    });
    put(`\n${' '.repeat(depth)}}`);
  };
  emit(value, 0);
  if (buf) out(buf);
}

/** what JSON.stringify would see: `toJSON()` applied */
function toJsonValue(v: unknown): unknown {
  return v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function'
    ? (v as { toJSON: () => unknown }).toJSON()
    : v;
}
