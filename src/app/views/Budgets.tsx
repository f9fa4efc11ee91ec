/**
 * Budgets: each limit of the budget file against the snapshot's actual value, with a bar
 * of its share of the limit and a status said in words as well as colour.
 */
import type { BudgetRow } from '../../core/budget/evaluate';
import { BudgetChip } from '../budget/BudgetChip';
import { useBudgetSummary } from '../budget/BudgetStrip';
import { fmtNum, fmtSize, visible } from '../format';
import { fill } from '../i18n/ui';
import { useT } from '../i18n/useT';
import { useStore } from '../store';

export default function Budgets() {
  const { t } = useT();
  const summary = useBudgetSummary();
  const budget = useStore((s) => s.model?.budget);
  const unit = useStore((s) => s.unit);
  const result = budget?.result;
  return (
    <section aria-labelledby="budgets-title">
      <h2 id="budgets-title">
        {t('nav.budgets')}
        {budget?.title ? ` — ${visible(budget.title)}` : ''}
      </h2>
      <BudgetChip />
      {result && (
        <>
          <p className={result.holds ? 'budget-verdict' : 'budget-verdict bad'} data-testid="budget-verdict">
            <strong>{result.holds ? t('budget.holdsAll') : t('budget.breaks')}</strong> {summary(result)}
            {t('budget.stop')} <span className="muted small">{fill(t('budget.near'), { pct: Math.round(result.near * 100) })}</span>
          </p>
          <div className="table-scroll">
            <table className="data budget-table" data-testid="budget-table">
              <thead>
                <tr>
                  <th>{t('budget.target')}</th>
                  <th className="num">
                    {t('budget.limit')} ({unit})
                  </th>
                  <th className="num">
                    {t('budget.actual')} ({unit})
                  </th>
                  <th>{t('budget.share')}</th>
                  <th>{t('budget.status')}</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((r, n) => (
                  // limits may repeat a target: the place in the file keys the row
                  // biome-ignore lint/suspicious/noArrayIndexKey: the file's order is the identity
                  <Row key={n} row={r} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function Row({ row }: { row: BudgetRow }) {
  const { t, tm } = useT();
  const unit = useStore((s) => s.unit);
  const share = row.share ?? 0;
  const pct = row.share === null ? '—' : `${(row.share * 100).toFixed(1)} %`;
  const detail =
    row.actualKiB === null
      ? t('budget.notFound')
      : row.actualKiB > row.limitKiB
        ? fill(t('budget.overBy'), { size: fmtSize(row.actualKiB - row.limitKiB, unit) })
        : fill(t('budget.leftOf'), { size: fmtSize(row.limitKiB - row.actualKiB, unit) });
  return (
    <tr className="budget-row" data-status={row.status} data-target={`${row.target.key}:${row.target.name}`}>
      <td>
        <strong>{visible(tm(row.label))}</strong>
        {row.note && <div className="small muted">{visible(row.note)}</div>}
      </td>
      <td className="num">{fmtNum(row.limitKiB, unit)}</td>
      <td className="num">{row.actualKiB === null ? '—' : fmtNum(row.actualKiB, unit)}</td>
      <td>
        <div className="budget-share">
          <span className="budget-bar" aria-hidden="true">
            <span className={`budget-fill ${row.status}`} style={{ width: `${Math.min(100, share * 100)}%` }} />
          </span>
          <span className="num">{pct}</span>
        </div>
      </td>
      <td>
        <span className={`budget-status ${row.status}`}>{t(`budget.status.${row.status}`)}</span>
        <div className="small muted">{detail}</div>
      </td>
    </tr>
  );
}
