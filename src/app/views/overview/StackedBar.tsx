/** One horizontal bar of the whole memory, every bucket a segment in its colour; details on hover and focus. */
import { useState } from 'react';
import { bucketLabel } from '../../../core/model/buckets';
import type { BarSegment, Breakdown } from '../../../core/viewmodel/bar';
import { barScale } from '../../../core/viewmodel/barScale';
import { bucketFill, LIGHT_BUCKETS } from '../../colors';
import { fmtPct, fmtSize } from '../../format';
import { useT } from '../../i18n/useT';
import { useStore } from '../../store';
import { BarTable } from './BarTable';

/** below this share a segment has no room for its label */
const LABEL_MIN_PCT = 7;

export function StackedBar({ breakdown }: { breakdown: Breakdown }) {
  const { t, tm } = useT();
  const unit = useStore((s) => s.unit);
  // where the hovered segment is, in the bar's width: the tooltip stays at it
  const [hot, setHot] = useState<{ seg: BarSegment; x: number; w: number; bar: number } | null>(null);
  const { segments, totalKiB: total, basis } = breakdown;
  const positive = segments.filter((s) => s.kib > 0);
  const negative = segments.filter((s) => s.kib < 0);
  const scale = barScale(breakdown);
  const buckets = [...new Set(segments.map((s) => s.bucket))];
  const whole = basis === 'dram' ? 'DRAM' : 'MemTotal';
  return (
    <figure style={{ margin: 0 }} aria-label={`${t('ov.bar')} ${whole}`}>
      <figcaption className="small muted">
        {t('ov.bar')} {whole} ({fmtSize(total, unit)})
      </figcaption>
      <div className="bar-wrap">
        <div className="bar" data-testid="dram-bar">
          {positive.map((s) => {
            const pct = (s.kib / scale) * 100;
            const name = tm(s.label);
            const text = `${name}: ${fmtSize(s.kib, unit)}, ${fmtPct(s.kib, total)}`;
            const fill = bucketFill(s.bucket);
            const show = (e: React.SyntheticEvent<HTMLElement>) => {
              const el = e.currentTarget;
              setHot({ seg: s, x: el.offsetLeft, w: el.offsetWidth, bar: el.parentElement?.clientWidth ?? 0 });
            };
            return (
              <a
                key={s.id}
                href={`#/overview?row=${encodeURIComponent(s.id)}`}
                onClick={(e) => {
                  e.preventDefault();
                  document
                    .querySelector(`[data-line="${CSS.escape(s.id)}"],[data-seg-row="${CSS.escape(s.id)}"]`)
                    ?.scrollIntoView({ block: 'center' });
                }}
                className={`seg ${fill.className}${LIGHT_BUCKETS.has(s.bucket) ? ' light' : ''}${hot?.seg.id === s.id ? ' hot' : ''}`}
                style={{ width: `${pct}%`, ...fill.style }}
                data-seg={s.id}
                data-kib={s.kib}
                aria-label={text}
                title={text}
                onMouseEnter={show}
                onFocus={show}
                onBlur={() => setHot(null)}
                onMouseLeave={() => setHot(null)}
              >
                {pct > LABEL_MIN_PCT && (
                  <>
                    <span style={{ fontWeight: 700 }}>{name}</span>
                    <br />
                    {fmtSize(s.kib, unit)}
                    <br />
                    {fmtPct(s.kib, total)}
                  </>
                )}
              </a>
            );
          })}
        </div>
        {hot && (
          <div className="tooltip" role="tooltip" data-testid="bar-tooltip" style={tooltipAt(hot)}>
            <strong>{tm(hot.seg.label)}</strong>
            <div className="num" style={{ textAlign: 'left' }}>
              {fmtSize(hot.seg.kib, 'KiB')} · {fmtSize(hot.seg.kib, 'MiB')} · {fmtPct(hot.seg.kib, total)}
            </div>
            <div className="small muted">{tm(hot.seg.formula)}</div>
          </div>
        )}
      </div>
      {negative.map((s) => (
        <p key={s.id} className="overflow" data-testid="negative">
          {tm(s.label)}: {fmtSize(s.kib, unit)} — {s.bucket === 'unaccounted' ? t('ov.negative') : tm(s.formula)}
        </p>
      ))}
      <div className="legend" aria-hidden="true">
        {buckets.map((b) => {
          const fill = bucketFill(b);
          return (
            <span key={b}>
              <span className={`swatch ${fill.className}`} style={fill.style} />
              {tm(bucketLabel(b))}
            </span>
          );
        })}
      </div>
      <BarTable segments={segments} total={total} formulas />
    </figure>
  );
}

/**
 * The tooltip under its segment: from the segment's left edge on the bar's left half,
 * ending at its right edge on the right half (so it never runs off the bar, and never
 * drifts away from the segment it names).
 */
function tooltipAt(hot: { x: number; w: number; bar: number }): React.CSSProperties {
  const right = hot.x + hot.w / 2 > hot.bar / 2;
  return right ? { right: Math.max(0, hot.bar - (hot.x + hot.w)), top: '4.6rem' } : { left: hot.x, top: '4.6rem' };
}
