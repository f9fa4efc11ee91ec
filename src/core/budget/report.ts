/** A budget's result as Markdown (for CI logs) and as JSON (for scripts), as `ramledger check` prints it. */

import { type Catalogue, render } from '../messages/catalogue';
import { EN } from '../messages/index';
import { cell } from '../report/markdown';
import { fmtKiB } from '../units';
import type { BudgetResult, BudgetStatus } from './evaluate';

const STATUS_WORD: Record<BudgetStatus, string> = { over: 'OVER', near: 'near', under: 'under', missing: 'NOT FOUND' };

/** `9 of 11 limits hold (2 near), 1 over, 1 not found` */
export function budgetSummary(r: BudgetResult): string {
  const held = r.counts.near + r.counts.under;
  const near = r.counts.near ? ` (${r.counts.near} near)` : '';
  const parts = [`${held} of ${r.rows.length} ${r.rows.length === 1 ? 'limit holds' : 'limits hold'}${near}`];
  if (r.counts.over) parts.push(`${r.counts.over} over`);
  if (r.counts.missing) parts.push(`${r.counts.missing} not found`);
  return parts.join(', ');
}

const pct = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)} %`);

export function budgetMarkdown(r: BudgetResult, cat: Catalogue = EN): string {
  const out = [`# ${r.title ? `${cell(r.title)} — ` : ''}ramledger budget`, '', `${budgetSummary(r)}.`, ''];
  out.push('| target | limit KiB | actual KiB | of limit | status | over by KiB | note |', '|---|--:|--:|--:|---|--:|---|');
  for (const row of r.rows) {
    const by = row.actualKiB !== null && row.status === 'over' ? fmtKiB(row.actualKiB - row.limitKiB) : '';
    out.push(
      `| ${cell(render(row.label, cat))} | ${fmtKiB(row.limitKiB)} | ${row.actualKiB === null ? '—' : fmtKiB(row.actualKiB)} | ${pct(row.share)} | ${STATUS_WORD[row.status]} | ${by} | ${cell(row.note ?? '')} |`,
    );
  }
  return `${out.join('\n')}\n`;
}

export function budgetJson(r: BudgetResult, cat: Catalogue = EN): object {
  return {
    ramledger: 'budget-result',
    ...(r.title ? { title: r.title } : {}),
    holds: r.holds,
    near: r.near,
    counts: r.counts,
    rows: r.rows.map((row) => ({
      ...row.target,
      label: render(row.label, cat),
      limitKiB: row.limitKiB,
      actualKiB: row.actualKiB,
      status: row.status,
      share: row.share,
      matched: row.matched,
      ...(row.note ? { note: row.note } : {}),
    })),
  };
}
