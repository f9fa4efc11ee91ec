/**
 * A diff of two snapshots (compare/index.ts) as Markdown, for a design meeting's notes, and
 * as JSON (schemaVersion 1, `kind: "ramledger-diff"`), for scripts. Addresses are hex
 * strings, `end` exclusive; sizes in KiB; the model's words in English unless a catalogue
 * is given to the Markdown.
 */

import type { SnapshotDiff } from '../compare/index';
import { type Catalogue, type Msg, render } from '../messages/catalogue';
import { EN } from '../messages/index';
import { fmtKiB, hex } from '../units';
import { cell } from './markdown';

export const DIFF_SCHEMA_VERSION = 1;

/** how each side is named in the report: its title or its inputs, and its date if known */
export interface SideName {
  name: string;
  date?: string;
}

/** a change with its sign: +2,304, -2,304, 0 */
export const signedKiB = (kib: number): string => (kib > 0 ? `+${fmtKiB(kib)}` : fmtKiB(kib));

const side = (s: SideName) => (s.date ? `${s.name} (${s.date})` : s.name);
const num = (v: number | null) => (v === null ? '—' : fmtKiB(v));
const span = (s: { start: bigint; end: bigint } | null) => (s ? `${hex(s.start)}–${hex(s.end)}` : '—');

export function diffMarkdown(d: SnapshotDiff, names: { before: SideName; after: SideName }, cat: Catalogue = EN): string {
  const t = (msg: Msg) => cell(render(msg, cat));
  const out = [
    '# ramledger diff',
    '',
    `- **before:** ${cell(side(names.before))}`,
    `- **after:** ${cell(side(names.after))}`,
    `- **DRAM:** ${fmtKiB(d.dramKiB.before)} KiB → ${fmtKiB(d.dramKiB.after)} KiB`,
  ];
  const head = (title: string, n: number, unchanged: number, columns: string, align: string) => {
    out.push('', `## ${title}: ${n} changed, ${unchanged} unchanged`);
    if (n > 0) out.push('', columns, align);
  };

  head('Accounting lines', d.lines.rows.length, d.lines.unchanged, '| item | before KiB | after KiB | change KiB |', '|---|--:|--:|--:|');
  for (const l of d.lines.rows) out.push(`| ${t(l.label)} | ${num(l.before)} | ${num(l.after)} | ${signedKiB(l.delta)} |`);

  head(
    'Checks',
    d.checks.rows.length,
    d.checks.unchanged,
    '| check | before: left / right | after: left / right | verdict before → after |',
    '|---|--:|--:|---|',
  );
  const verdict = (ok: boolean | undefined) => (ok === undefined ? 'not run' : ok ? 'holds' : 'DOES NOT HOLD');
  const sides = (c: { left: number; right: number } | null) => (c ? `${fmtKiB(c.left)} / ${fmtKiB(c.right)}` : '—');
  for (const c of d.checks.rows)
    out.push(`| ${t(c.label)} | ${sides(c.before)} | ${sides(c.after)} | ${verdict(c.before?.ok)} → ${verdict(c.after?.ok)} |`);

  head(
    'Processes',
    d.processes.rows.length,
    d.processes.unchanged,
    '| name | pid before → after | PSS before | PSS after | PSS change | USS change | RSS change | swap change |',
    '|---|---|--:|--:|--:|--:|--:|--:|',
  );
  const pid = (p: number | null) => (p === null ? '—' : String(p));
  for (const p of d.processes.rows)
    out.push(
      `| ${cell(p.name)} (${p.change}) | ${pid(p.pidBefore)} → ${pid(p.pidAfter)} | ${num(p.before?.pssKiB ?? null)} | ${num(p.after?.pssKiB ?? null)} | ${signedKiB(p.delta.pssKiB)} | ${signedKiB(p.delta.ussKiB)} | ${signedKiB(p.delta.rssKiB)} | ${signedKiB(p.delta.swapKiB)} |`,
    );

  head(
    'Physical regions',
    d.regions.rows.length,
    d.regions.unchanged,
    '| change | kind | name | before | after | KiB |',
    '|---|---|---|---|---|--:|',
  );
  for (const r of d.regions.rows) {
    const kib = r.change === 'resized' ? signedKiB((r.after?.sizeKiB ?? 0) - (r.before?.sizeKiB ?? 0)) : fmtKiB(r.size);
    out.push(`| ${r.change} | ${r.kind} | ${t(r.label)} | ${span(r.before)} | ${span(r.after)} | ${kib} |`);
  }

  head('meminfo', d.meminfo.rows.length, d.meminfo.unchanged, '| field | before | after | change |', '|---|--:|--:|--:|');
  for (const f of d.meminfo.rows) {
    const unit = f.unit === 'kB' ? ' kB' : '';
    out.push(`| ${cell(f.field)} | ${num(f.before)}${unit} | ${num(f.after)}${unit} | ${signedKiB(f.delta)}${unit} |`);
  }
  return `${out.join('\n')}\n`;
}

export function diffJson(d: SnapshotDiff, names: { before: SideName; after: SideName }) {
  const en = (msg: Msg) => render(msg, EN);
  const spanJson = (s: { start: bigint; end: bigint; sizeKiB: number } | null) =>
    s && { start: hex(s.start), end: hex(s.end), sizeKiB: s.sizeKiB };
  return {
    schemaVersion: DIFF_SCHEMA_VERSION,
    kind: 'ramledger-diff',
    before: names.before,
    after: names.after,
    dramKiB: d.dramKiB,
    lines: { unchanged: d.lines.unchanged, rows: d.lines.rows.map((l) => ({ ...l, label: en(l.label) })) },
    checks: { unchanged: d.checks.unchanged, rows: d.checks.rows.map((c) => ({ ...c, label: en(c.label) })) },
    processes: d.processes,
    regions: {
      unchanged: d.regions.unchanged,
      rows: d.regions.rows.map((r) => ({ ...r, label: en(r.label), before: spanJson(r.before), after: spanJson(r.after) })),
    },
    meminfo: d.meminfo,
  };
}
