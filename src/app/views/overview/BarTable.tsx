/** A bar said as a table (under "The bar as a table"): each segment with its swatch, size and share; the whole bar's also with its formula. */
import type { BarSegment } from '../../../core/viewmodel/bar';
import { bucketFill } from '../../colors';
import { fmtPct, fmtSize } from '../../format';
import { useT } from '../../i18n/useT';
import { useStore } from '../../store';

export function BarTable({ segments, total, formulas = false }: { segments: readonly BarSegment[]; total: number; formulas?: boolean }) {
  const { t, tm } = useT();
  const unit = useStore((s) => s.unit);
  return (
    <details>
      <summary className="small">{t('ov.barTable')}</summary>
      <table className="data small">
        <tbody>
          {segments.map((s) => {
            const fill = bucketFill(s.bucket);
            return (
              // the whole bar's rows are where a click on its segment leads
              <tr key={s.id} data-seg-row={formulas ? s.id : undefined}>
                <td>
                  <span className={`swatch ${fill.className}`} style={fill.style} />
                  {tm(s.label)}
                </td>
                <td className={`num${s.kib < 0 ? ' neg' : ''}`}>{fmtSize(s.kib, unit)}</td>
                <td className="num">{fmtPct(s.kib, total)}</td>
                {formulas && <td className="formula">{tm(s.formula)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
