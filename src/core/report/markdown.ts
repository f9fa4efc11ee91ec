/** A Markdown report of the analysis, for CI logs and design-meeting notes. */

import { type Catalogue, type Msg, render, visible } from '../messages/catalogue';
import { EN } from '../messages/index';
import type { Analysis } from '../model/accounting/index';
import type { Check } from '../model/accounting/types';
import { refsText } from '../model/refs';
import type { Snapshot } from '../model/snapshot';
import { type Annotations, lineKey, processKey, regionKey } from '../share/annotations';
import { docAnnotations } from '../share/doc';
import { bytesToKiB, fmtKiB, fmtMiB, fmtPct, hex } from '../units';
import { drilldownMarkdown } from './drilldowns';
import { iomemMarkdown } from './iomem';
import { type ReportStamp, reportStamp } from './stamp';
import { zonesMarkdown } from './zones';

/** diagnostics listed in the report; the JSON output has them all */
const MAX_DIAGNOSTICS = 200;
/** rows of the address map: a real layout has far fewer */
const MAX_REGIONS = 2000;

/** the input lines behind each side of a check, the first few of each */
const MAX_REFS = 4;
const sides = (c: Check): string => `left: ${refsText(c.leftRefs, MAX_REFS) || '—'}; right: ${refsText(c.rightRefs, MAX_REFS) || '—'}`;

/** the annotations of the snapshot file the inputs came from, if any */
export function snapshotAnnotations(snap: Snapshot): Annotations | undefined {
  return snap.shared ? docAnnotations(snap.shared) : undefined;
}

/**
 * A table cell: text from the inputs lands in a wiki or an issue that renders Markdown and
 * HTML, so control and bidi characters are made visible, HTML inert and the cell unbroken.
 */
export function cell(s: string): string {
  return visible(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
}

export function toMarkdown(
  snap: Snapshot,
  a: Analysis,
  cat: Catalogue = EN,
  notes: Annotations | undefined = snapshotAnnotations(snap),
  stamp?: ReportStamp,
): string {
  const t = (msg: Msg) => render(msg, cat);
  // the heading names the snapshot and its date when they are known: `# router — ramledger report — 2025-03-01`
  const { title, date } = reportStamp(snap, notes, stamp);
  const out: string[] = [`# ${[...(title ? [cell(title)] : []), 'ramledger report', ...(date ? [date] : [])].join(' — ')}`, ''];
  // a label beside what it names: `slab «kmalloc heavy»`
  const labelOf = (key: string) => {
    const l = notes?.labels[key]?.label;
    return l ? ` «${cell(l)}»` : '';
  };
  if (notes?.notes) out.push(...notes.notes.split(/\r?\n/).map((line) => `> ${cell(line)}`), '');
  if (snap.shared?.reduced) {
    const r = snap.shared.reduced;
    out.push(
      `Reduced snapshot: the ${r.mappings} mappings of ${r.processes} processes were left out (${r.lines} lines); per-process totals are in ${cell(r.totals)}.`,
      '',
    );
  }
  const dram = a.physical?.spanKiB ?? a.boot?.physKiB ?? a.accounting.memTotalKiB ?? 0;
  out.push('## Inputs', '', '| input | formats | lines | diagnostics |', '|---|---|--:|--:|');
  for (const s of snap.sources)
    out.push(
      `| ${cell(s.name)} | ${s.formats.join(', ') || '—'} | ${s.lines} | ${s.diagnostics.filter((d) => d.severity !== 'info').length} |`,
    );
  out.push('', '## Where the memory went', '', '| level | item | KiB | MiB | % of DRAM | formula |', '|--:|---|--:|--:|--:|---|');
  for (const l of a.accounting.lines)
    out.push(
      `| ${l.level} | ${'  '.repeat(l.level)}${cell(t(l.label))}${labelOf(lineKey(l))} | ${fmtKiB(l.kib)} | ${fmtMiB(l.kib)} | ${fmtPct(l.kib, dram)} | ${cell(t(l.formula))} |`,
    );
  if (a.physical) {
    out.push(
      '',
      '## Physical address map',
      '',
      `DRAM from: ${cell(t(a.physical.dramFrom))}`,
      '',
      '| start | end | KiB | kind | name |',
      '|---|---|--:|---|---|',
    );
    for (const r of a.physical.regions.slice(0, MAX_REGIONS))
      out.push(
        `| ${hex(r.start)} | ${hex(r.end)} | ${fmtKiB(bytesToKiB(r.end - r.start))} | ${r.kind}${r.outside ? ' (outside DRAM)' : ''} | ${cell(t(r.label))}${labelOf(regionKey(r))} |`,
      );
    if (a.physical.regions.length > MAX_REGIONS) out.push('', `${a.physical.regions.length - MAX_REGIONS} more regions are not listed.`);
    if (a.physical.unplaced.length > 0) {
      out.push(
        '',
        'Placed at boot, address not known:',
        '',
        '| name | KiB | kind | alignment KiB | alloc-ranges |',
        '|---|--:|---|--:|---|',
      );
      for (const u of a.physical.unplaced)
        out.push(
          `| ${cell(u.label ? `${u.name} (${u.label})` : u.name)} | ${fmtKiB(u.sizeKiB)} | ${u.kind} | ${u.alignmentKiB !== undefined ? fmtKiB(u.alignmentKiB) : '—'} | ${u.allocRanges.map((r) => `${hex(r.start)}–${hex(r.end)}`).join(', ') || '—'} |`,
        );
    }
  }
  out.push(...iomemMarkdown(snap.iomem, cell));
  if (a.used.length) {
    out.push('', '## "used", as each tool computes it', '', '| tool | formula | used KiB |', '|---|---|--:|');
    for (const u of a.used) out.push(`| ${cell(t(u.tool))} | ${cell(t(u.formula))} | ${fmtKiB(u.usedKiB)} |`);
  }
  const failed = a.checks.filter((c) => !c.ok).length;
  out.push(
    '',
    `## Checks: ${a.checks.length - failed} hold, ${failed} do not`,
    '',
    '| check | left | right | difference | tolerance | verdict | read from |',
    '|---|--:|--:|--:|--:|---|---|',
  );
  for (const c of a.checks)
    out.push(
      `| ${cell(t(c.label))} | ${fmtKiB(c.left)} | ${fmtKiB(c.right)} | ${fmtKiB(c.delta)} | ${fmtKiB(c.tolerance)} | ${c.ok ? 'holds' : 'DOES NOT HOLD'} | ${cell(sides(c))} |`,
    );
  for (const c of a.checksNotRun) out.push(`| ${c.id}: not run — ${cell(t(c.reason))} | | | | | | |`);
  for (const line of zonesMarkdown(snap, cat, cell)) out.push(line);
  out.push(...drilldownMarkdown(snap, cell));
  if (a.processes.length) {
    out.push('', '## Processes by PSS', '', '| pid | name | PSS | USS | RSS | swap |', '|--:|---|--:|--:|--:|--:|');
    for (const p of [...a.processes].sort((x, y) => y.pssKiB - x.pssKiB).slice(0, 50))
      out.push(
        `| ${p.pid ?? '?'} | ${cell(p.name)}${labelOf(processKey(p))} | ${fmtKiB(p.pssKiB)} | ${fmtKiB(p.ussKiB)} | ${fmtKiB(p.rssKiB)} | ${fmtKiB(p.swapKiB)} |`,
      );
  }
  const labelled = Object.entries(notes?.labels ?? {});
  if (labelled.length) {
    out.push('', '## Labels', '', '| on | label | comment |', '|---|---|---|');
    for (const [key, n] of labelled) out.push(`| ${cell(key)} | ${cell(n.label ?? '')} | ${cell(n.comment ?? '')} |`);
  }
  const modelNotes = [...a.accounting.notes, ...a.accounting.missing].map(t);
  if (modelNotes.length) {
    out.push('', '## Notes', '');
    // one push per note: spreading a long list into push() overflows the call stack
    for (const n of modelNotes) out.push(`- ${cell(n)}`);
  }
  // what each input said about its lines: errors first, then what was not read, warnings, notes
  const order = { error: 0, unread: 1, warning: 2, info: 3 } as const;
  const diags = snap.sources.flatMap((s) => s.diagnostics.map((d) => ({ ...d, source: s.name })));
  if (diags.length) {
    out.push('', '## Diagnostics', '', '| input | line | severity | message |', '|---|--:|---|---|');
    const sorted = diags.sort((x, y) => order[x.severity] - order[y.severity] || x.line - y.line);
    for (const d of sorted.slice(0, MAX_DIAGNOSTICS))
      out.push(`| ${cell(d.source)} | ${d.line || '—'} | ${d.severity} | ${cell(t(d.msg))} |`);
    if (sorted.length > MAX_DIAGNOSTICS) out.push('', `${sorted.length - MAX_DIAGNOSTICS} more diagnostics are in the JSON output.`);
  }
  return `${out.join('\n')}\n`;
}
