/** The Overview's line on the budget: "Budgets: 9 of 11 hold, 1 over, 1 not found →". */
import type { BudgetResult } from '../../core/budget/evaluate';
import { fill } from '../i18n/ui';
import { useT } from '../i18n/useT';
import { href } from '../route';
import { useStore } from '../store';

/** `9 of 11 hold, 1 near, 1 over, 1 not found` in the reader's language */
export function useBudgetSummary(): (r: BudgetResult) => string {
  const { t } = useT();
  return (r) => {
    const parts = [fill(t('budget.summary'), { held: r.counts.under + r.counts.near, n: r.rows.length })];
    if (r.counts.near) parts.push(fill(t('budget.counts.near'), { n: r.counts.near }));
    if (r.counts.over) parts.push(fill(t('budget.counts.over'), { n: r.counts.over }));
    if (r.counts.missing) parts.push(fill(t('budget.counts.missing'), { n: r.counts.missing }));
    return parts.join(t('budget.comma'));
  };
}

export function BudgetStrip() {
  const { t } = useT();
  const summary = useBudgetSummary();
  const result = useStore((s) => s.model?.budget?.result);
  if (!result) return null;
  return (
    <div className={`strip${result.holds ? '' : ' bad'}`} data-testid="budget-summary" data-holds={result.holds}>
      <strong>{t('budget.strip')}:</strong>
      <span>{summary(result)}</span>
      <a href={href('budgets')}>{t('nav.budgets')} →</a>
    </div>
  );
}
