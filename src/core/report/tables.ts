/**
 * The page's tables as CSV: one builder per table, from the same rows the page shows.
 * Sizes are KiB as plain numbers (whatever unit the page shows), addresses hex, words in
 * the language `say` renders. The reader's labels go in a column of their own.
 */
import type { Diagnostic } from '../input/diagnostics';
import type { AnyMsg } from '../messages/catalogue';
import type { Check, Line } from '../model/accounting/types';
import type { ProcessSummary } from '../model/processes';
import { refText, type SourceRef } from '../model/refs';
import { type Annotations, lineKey, processKey, regionKey } from '../share/annotations';
import { bytesToKiB, hex, hexWidth } from '../units';
import type { MapRegion } from '../viewmodel/lanes';
import type { FileRow } from '../viewmodel/librank';
import type { MappingGroup } from '../viewmodel/mappings';
import type { UsedRow } from '../viewmodel/overview';
import { orderLines } from '../viewmodel/waterfall';
import { type CsvCell, toCsv } from './csv';

/** renders a model's message in the reader's language */
export type Say = (msg: AnyMsg) => string;
type Labels = Annotations['labels'];

const refsList = (refs: readonly SourceRef[]) => refs.map(refText).join('; ');
const labelOf = (labels: Labels, key: string) => labels[key]?.label ?? '';

/** the Overview's ledger, in its reading order (each line, then its parts) */
export function waterfallCsv(lines: readonly Line[], say: Say, labels: Labels = {}): string {
  return toCsv(
    ['id', 'parent', 'level', 'depth', 'item', 'label', 'KiB', 'formula', 'sources'],
    orderLines(lines).map(({ line: l, depth }) => [
      l.id,
      l.parent ?? '',
      l.level,
      depth,
      say(l.label),
      labelOf(labels, lineKey(l)),
      l.kib,
      say(l.formula),
      refsList(l.refs),
    ]),
  );
}

/** "used" as the pasted `free` printed it and as each tool computes it */
export function usedCsv(rows: readonly UsedRow[], say: Say): string {
  return toCsv(
    ['id', 'tool', 'formula', 'used KiB', 'buff/cache KiB', 'matches printed', 'source'],
    rows.map((r) => [
      r.id,
      r.tool ? say(r.tool) : '',
      r.formula ? say(r.formula) : '',
      r.usedKiB,
      r.buffCacheKiB,
      r.matchesPrinted,
      r.source !== undefined ? `${r.source}:${r.line ?? 0}` : '',
    ]),
  );
}

/** the address map's regions (`end` exclusive, as in the JSON report) */
export function regionsCsv(regions: readonly MapRegion[], say: Say, labels: Labels = {}): string {
  const w = hexWidth(regions.reduce((m, r) => (r.end > m ? r.end : m), 0n));
  return toCsv(
    ['lane', 'kind', 'name', 'label', 'start', 'end', 'KiB', 'source', 'line', 'flags'],
    regions.map((r) => [
      r.lane,
      r.kind,
      say(r.label),
      labelOf(labels, regionKey(r)),
      hex(r.start, w),
      hex(r.end, w),
      bytesToKiB(r.end - r.start),
      r.source,
      r.line ?? '',
      r.flags.map(say).join('; '),
    ]),
  );
}

/** the process table (smem's columns) */
export function processesCsv(rows: readonly ProcessSummary[], labels: Labels = {}): string {
  const swapPss = rows.some((p) => p.swapPssKiB !== undefined);
  return toCsv(
    ['name', 'pid', 'label', 'PSS KiB', 'USS KiB', 'RSS KiB', 'Swap KiB', ...(swapPss ? ['SwapPss KiB'] : []), 'mappings'],
    rows.map((p): CsvCell[] => [
      p.name,
      p.pid,
      labelOf(labels, processKey(p)),
      p.pssKiB,
      p.ussKiB,
      p.rssKiB,
      p.swapKiB,
      ...(swapPss ? [p.swapPssKiB ?? 0] : []),
      p.mappingCount,
    ]),
  );
}

/** every mapping of one process, group by group (no cap: the page shows 300 a group) */
export function mappingsCsv(groups: readonly MappingGroup[]): string {
  const w = hexWidth(groups.reduce((m, g) => g.rows.reduce((n, r) => (r.end > n ? r.end : n), m), 0n));
  return toCsv(
    ['kind', 'start', 'end', 'perms', 'path', 'size KiB', 'RSS KiB', 'PSS KiB', 'USS KiB', 'Swap KiB', 'line'],
    groups.flatMap((g) =>
      g.rows.map((r) => [
        g.kind,
        hex(r.start, w),
        hex(r.end, w),
        r.perms,
        r.path,
        r.sizeKiB,
        r.rssKiB,
        r.pssKiB,
        r.ussKiB,
        r.swapKiB,
        r.line,
      ]),
    ),
  );
}

/** the files view (librank) */
export function filesCsv(rows: readonly FileRow[]): string {
  return toCsv(
    ['path', 'kind', 'PSS KiB', 'RSS KiB', 'USS KiB', 'processes', 'mappings'],
    rows.map((r) => [r.path, r.kind, r.pssKiB, r.rssKiB, r.ussKiB, r.processes, r.mappings]),
  );
}

/** the checks: both sides, the difference, the tolerance, the verdict */
export function checksCsv(checks: readonly Check[], say: Say): string {
  return toCsv(
    [
      'id',
      'identity',
      'left formula',
      'right formula',
      'left KiB',
      'right KiB',
      'delta KiB',
      'tolerance KiB',
      'ok',
      'why',
      'left read from',
      'right read from',
    ],
    checks.map((c) => [
      c.id,
      say(c.label),
      say(c.leftFormula),
      say(c.rightFormula),
      c.left,
      c.right,
      c.delta,
      c.tolerance,
      c.ok,
      say(c.why),
      refsList(c.leftRefs),
      refsList(c.rightRefs),
    ]),
  );
}

/** one source's diagnostics, by line */
export function diagnosticsCsv(source: string, diags: readonly Diagnostic[], say: Say): string {
  return toCsv(
    ['source', 'line', 'severity', 'message'],
    diags.map((d) => [source, d.line, d.severity, say(d.msg)]),
  );
}
