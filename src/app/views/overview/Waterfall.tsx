/**
 * The ledger as a table that reads top to bottom: each line, its parts under it, with
 * KiB, MiB, share, formula and source lines; each line can carry the reader's label.
 */

import type { Line } from '../../../core/model/accounting/index';
import { lineKey } from '../../../core/share/annotations';
import { orderLines } from '../../../core/viewmodel/waterfall';
import { LabelledName } from '../../annotations/Labels';
import { bucketFill } from '../../colors';
import { fmtInt, fmtNum, fmtPct } from '../../format';
import type { Key } from '../../i18n/ui';
import { useT } from '../../i18n/useT';
import { href } from '../../route';
import { useStore } from '../../store';
import { KERNEL_PANELS, type KernelPanelId } from '../kernel/panels';
import { RefLinks } from '../RefLinks';

/** lines with a drill-down in the kernel view, when its file was given: the panel and the link's words */
const DRILL: Partial<Record<string, { panel: KernelPanelId; key: Key }>> = {
  Slab: { panel: 'slab', key: 'ov.drill.slab' },
  VmallocUsed: { panel: 'vmalloc', key: 'ov.drill.vmalloc' },
  MemFree: { panel: 'fragmentation', key: 'ov.drill.free' },
};

export function Waterfall({ lines, whole }: { lines: Line[]; whole: number }) {
  const model = useStore((s) => s.model);
  const drills = new Set(model ? KERNEL_PANELS.filter((p) => p.has(model)).map((p) => p.id) : []);
  const { t, tm } = useT();
  return (
    <table className="data" aria-label={t('ov.waterfall')} data-testid="waterfall">
      <thead>
        <tr>
          <th>{t('ov.item')}</th>
          <th className="num">KiB</th>
          <th className="num">MiB</th>
          <th className="num">{whole ? t('ov.share') : ''}</th>
          <th style={{ width: '8rem' }}>
            <span className="visually-hidden">{t('ov.minibar')}</span>
          </th>
          <th>{t('ov.formula')}</th>
          <th>{t('ov.source')}</th>
        </tr>
      </thead>
      <tbody>
        {orderLines(lines).map(({ line: l, depth }) => {
          const fill = bucketFill(l.bucket);
          return (
            <tr key={l.id} data-line={l.id} className={l.bucket === 'unaccounted' ? 'alarm' : ''}>
              <td style={{ paddingLeft: `${0.5 + depth * 1.1}rem`, fontWeight: depth === 0 ? 700 : undefined }}>
                {l.bucket && <span className={`swatch ${fill.className}`} style={fill.style} />}
                <LineName id={l.id} name={tm(l.label)} />
                <Drill to={DRILL[l.id]} shown={drills} />
              </td>
              <td className={`num${l.kib < 0 ? ' neg' : ''}`} data-kib={Math.round(l.kib)}>
                {fmtInt(l.kib)}
              </td>
              <td className={`num${l.kib < 0 ? ' neg' : ''}`}>{fmtNum(l.kib, 'MiB')}</td>
              <td className="num">{whole ? fmtPct(l.kib, whole) : ''}</td>
              <td>
                {whole > 0 && l.kib > 0 && (
                  <div
                    className={`minibar ${fill.className}`}
                    style={{
                      width: `${Math.min(100, (l.kib / whole) * 100)}%`,
                      ...(l.bucket ? fill.style : { background: 'var(--muted)' }),
                    }}
                  />
                )}
              </td>
              <td className="formula">{tm(l.formula)}</td>
              <td className="small">
                <RefLinks refs={l.refs} max={Number.POSITIVE_INFINITY} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** a line's name, its label and the button to label it; the comment and the editor under it */
function LineName({ id, name }: { id: string; name: string }) {
  return <LabelledName target={lineKey({ id })} name={name} />;
}

/** the link from a ledger line to the kernel view's panel that splits it */
function Drill({ to, shown }: { to: { panel: KernelPanelId; key: Key } | undefined; shown: ReadonlySet<KernelPanelId> }) {
  const { t } = useT();
  if (!to || !shown.has(to.panel)) return null;
  return (
    <a className="drill small" href={href('kernel', '', { p: to.panel })} data-drill={to.panel}>
      {t(to.key)} →
    </a>
  );
}
