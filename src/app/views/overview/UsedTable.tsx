/** "used" as the pasted `free` printed it, beside what each tool's formula gives from the same meminfo. */
import type { UsedRow } from '../../../core/viewmodel/overview';
import { fmtNum, fmtPct } from '../../format';
import { useT } from '../../i18n/useT';
import { sourceHref } from '../../route';
import { useStore } from '../../store';

export function UsedTable({ rows, whole, ofWhole }: { rows: UsedRow[]; whole: number; ofWhole: string }) {
  const { t, tm } = useT();
  const unit = useStore((s) => s.unit);
  return (
    <table className="data" data-testid="used-table" style={{ maxWidth: '60rem' }}>
      <thead>
        <tr>
          <th>{t('ov.tool')}</th>
          <th>{t('ov.formula')}</th>
          <th className="num">
            {t('ov.used')} ({unit})
          </th>
          <th className="num">
            {t('ov.buffcache')} ({unit})
          </th>
          <th className="num">{ofWhole}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-tool={r.id}>
            <td>
              {r.id === 'printed' ? (
                <>
                  <strong>{t('ov.printed')}</strong> <span className="muted small">({r.layout})</span>
                </>
              ) : (
                r.tool && tm(r.tool)
              )}
              {r.matchesPrinted && <span className="badge"> {t('ov.matchesPrinted')}</span>}
            </td>
            <td className="formula">
              {r.source !== undefined ? (
                <a href={sourceHref(r.source, r.line ?? 0)}>
                  {r.source}:{r.line}
                </a>
              ) : (
                r.formula && tm(r.formula)
              )}
            </td>
            <td className="num">{r.usedKiB !== null ? fmtNum(r.usedKiB, unit) : '—'}</td>
            <td className="num">{fmtNum(r.buffCacheKiB, unit)}</td>
            <td className="num">{r.usedKiB !== null ? fmtPct(r.usedKiB, whole) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
