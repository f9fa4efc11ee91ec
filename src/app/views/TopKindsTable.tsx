/**
 * The Processes chart (top processes' PSS stacked by kind) as a table: the same numbers
 * for readers who do not see the chart, with the chart's colours on the column heads.
 */
import { m } from '../../core/messages/catalogue';
import { MAPPING_KINDS } from '../../core/model/processes';
import { kindColor } from '../colors';
import { fmtNum, visible } from '../format';
import { useT } from '../i18n/useT';
import type { ProcessRow } from '../protocol';
import { useStore } from '../store';

export function TopKindsTable({ top }: { top: readonly ProcessRow[] }) {
  const { t, tm } = useT();
  const unit = useStore((s) => s.unit);
  const kinds = MAPPING_KINDS.filter((k) => top.some((p) => p.byKind[k] !== 0));
  return (
    <details data-testid="top-table">
      <summary className="small">{t('proc.topTable')}</summary>
      <table className="data small">
        <thead>
          <tr>
            <th scope="col">{t('proc.title')}</th>
            {kinds.map((k) => (
              <th key={k} scope="col" className="num">
                <span className="swatch" style={{ background: kindColor(k) }} />
                {tm(m(`kind.${k}`))}
              </th>
            ))}
            <th scope="col" className="num">
              PSS ({unit})
            </th>
          </tr>
        </thead>
        <tbody>
          {top.map((p) => (
            <tr key={p.index}>
              <td>
                {visible(p.name)} {p.pid ?? ''}
              </td>
              {kinds.map((k) => (
                <td key={k} className="num">
                  {fmtNum(p.byKind[k], unit)}
                </td>
              ))}
              <td className="num">{fmtNum(p.pssKiB, unit)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
