/**
 * The budget file opened beside the snapshot: a chip with its title and a remove button
 * (not an input card: it is not read as a dump), or why the file was refused.
 */
import { visible } from '../format';
import { fill } from '../i18n/ui';
import { useT } from '../i18n/useT';
import { href } from '../route';
import { useStore } from '../store';

export function BudgetChip() {
  const { t, tm } = useT();
  const budget = useStore((s) => s.model?.budget);
  const removeBudget = useStore((s) => s.removeBudget);
  if (!budget) return null;
  const name = visible(budget.title ?? budget.name);
  return (
    <div className={`budget-chip${budget.problem ? ' bad' : ''}`} data-testid="budget-chip">
      {budget.problem ? (
        <span role="alert">
          {t('budget.refused')} {visible(budget.name)}: {tm(budget.problem)}
        </span>
      ) : (
        <a href={href('budgets')} title={visible(budget.name)}>
          {fill(t('budget.chip'), { title: name })}
        </a>
      )}
      <button type="button" className="small" onClick={() => void removeBudget()} aria-label={`${t('budget.remove')} ${name}`}>
        ×
      </button>
    </div>
  );
}
