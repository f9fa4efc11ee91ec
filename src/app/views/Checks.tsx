/** Checks: every identity with both sides, the difference, the tolerance, the verdict and why it can differ; then what did not run and what it needs. */
import { checksCsv } from '../../core/report/tables';
import { CsvButton } from '../export/ExportButtons';
import { fmtNum } from '../format';
import { useT } from '../i18n/useT';
import { useStore } from '../store';
import { RefLinks } from './RefLinks';

export default function Checks() {
  const { t, tm } = useT();
  const model = useStore((s) => s.model);
  const unit = useStore((s) => s.unit);
  if (!model) return null;
  const a = model.analysis;
  return (
    <section aria-labelledby="checks-title">
      <div className="table-head">
        <h2 id="checks-title">{t('checks.title')}</h2>
        <CsvButton what="checks" label={t('checks.title')} make={() => checksCsv(a.checks, tm)} />
      </div>
      <table className="data" data-testid="checks-table">
        <thead>
          <tr>
            <th>{t('checks.identity')}</th>
            <th className="num">
              {t('checks.left')} ({unit})
            </th>
            <th className="num">
              {t('checks.right')} ({unit})
            </th>
            <th className="num">{t('checks.delta')}</th>
            <th className="num">{t('checks.tolerance')}</th>
            <th>{t('checks.verdict')}</th>
            <th>{t('checks.why')}</th>
          </tr>
        </thead>
        <tbody>
          {a.checks.map((c) => (
            <tr key={c.id} data-check={c.id} data-ok={c.ok}>
              <td>
                <strong>{tm(c.label)}</strong>
                <div className="formula small">
                  {tm(c.leftFormula)} = {tm(c.rightFormula)}
                </div>
                <div className="small check-refs" data-testid="check-refs">
                  {c.leftRefs.length > 0 && (
                    <span data-side="left">
                      {t('checks.leftFrom')} <RefLinks refs={c.leftRefs} max={4} />
                    </span>
                  )}
                  {c.rightRefs.length > 0 && (
                    <span data-side="right">
                      {t('checks.rightFrom')} <RefLinks refs={c.rightRefs} max={4} />
                    </span>
                  )}
                </div>
              </td>
              <td className="num">{fmtNum(c.left, unit)}</td>
              <td className="num">{fmtNum(c.right, unit)}</td>
              <td className={`num${c.ok ? '' : ' neg'}`}>{fmtNum(c.delta, unit)}</td>
              <td className="num">± {fmtNum(c.tolerance, unit)}</td>
              <td style={{ color: c.ok ? 'var(--ok)' : 'var(--bad)', fontWeight: 700, whiteSpace: 'nowrap' }}>
                {c.ok ? `✓ ${t('checks.ok')}` : `✗ ${t('checks.fail')}`}
              </td>
              <td className="small">{tm(c.why)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {a.checksNotRun.length > 0 && (
        <>
          <h3>{t('checks.notRun')}</h3>
          <ul data-testid="checks-not-run">
            {a.checksNotRun.map((c) => (
              <li key={c.id} data-check-not-run={c.id}>
                <code>{c.id}</code>: {tm(c.reason)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
