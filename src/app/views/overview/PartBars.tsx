/**
 * The kernel part and the user part of the DRAM bar, each a stacked bar of its own so its
 * small segments get room for labels: the same segments and colours as the bar, shares of
 * the part. Each value is on its segment (when it fits), in its tooltip, and in the table.
 */
import { useRef } from 'react';
import type { Breakdown } from '../../../core/viewmodel/bar';
import { barParts, type Part } from '../../../core/viewmodel/parts';
import { bucketFill, LIGHT_BUCKETS } from '../../colors';
import { fmtPct, fmtSize } from '../../format';
import type { Key } from '../../i18n/ui';
import { useT } from '../../i18n/useT';
import { useStore } from '../../store';
import { fitLabel } from '../ledger/fit';
import { useSize } from '../ledger/useSize';
import { BarTable } from './BarTable';

/** the labels' font size in px (the bar's height is 4.2 rem: three lines) */
const FONT = 12;

export function PartBars({ breakdown }: { breakdown: Breakdown }) {
  const { t } = useT();
  const parts = barParts(breakdown).filter((p) => p.totalKiB > 0);
  if (parts.length === 0) return null;
  return (
    <section aria-label={t('ov.parts')} className="part-bars" data-testid="part-bars">
      {parts.map((p) => (
        <PartBar key={p.id} part={p} whole={breakdown.totalKiB} />
      ))}
    </section>
  );
}

function PartBar({ part, whole }: { part: Part; whole: number }) {
  const { t, tm } = useT();
  const unit = useStore((s) => s.unit);
  const title = t(`ov.part.${part.id}` satisfies Key);
  const drawn = part.segments.filter((s) => s.kib > 0);
  const scale = drawn.reduce((s, x) => s + x.kib, 0) || 1;
  const bar = useRef<HTMLDivElement>(null);
  const size = useSize(bar);
  return (
    <figure style={{ margin: 0 }} aria-label={title} data-part={part.id}>
      <figcaption className="small muted">
        {title}: {fmtSize(part.totalKiB, unit)} ({fmtPct(part.totalKiB, whole)})
      </figcaption>
      <div className="bar" ref={bar} data-testid={`part-${part.id}`}>
        {drawn.map((s) => {
          const pct = (s.kib / scale) * 100;
          const name = tm(s.label);
          const text = `${name}: ${fmtSize(s.kib, unit)}, ${fmtPct(s.kib, part.totalKiB)}`;
          const fill = bucketFill(s.bucket);
          const label = fitLabel(name, fmtSize(s.kib, unit), fmtPct(s.kib, part.totalKiB), (pct / 100) * size.w, size.h, FONT);
          return (
            <span
              key={s.id}
              role="img"
              className={`seg ${fill.className}${LIGHT_BUCKETS.has(s.bucket) ? ' light' : ''}`}
              style={{ width: `${pct}%`, ...fill.style }}
              data-seg={s.id}
              data-kib={s.kib}
              aria-label={text}
              title={text}
            >
              {label.name.length > 0 && (
                <span aria-hidden="true" className="part-label">
                  <strong>{label.name.join('\n')}</strong>
                  {label.extra.length > 0 && `\n${label.extra.join('\n')}`}
                </span>
              )}
            </span>
          );
        })}
      </div>
      <BarTable segments={part.segments} total={part.totalKiB} />
    </figure>
  );
}
