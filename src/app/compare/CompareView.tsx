/**
 * The Compare view (`#/compare`): the kept "before" snapshot against the inputs shown
 * ("after"). Both DRAM bars on one scale (the larger DRAM is the full width), the regions
 * that were added, removed, moved or resized on a compact address strip, and the changes
 * of every accounting line, check, process, region and meminfo field, largest first.
 */
import type { Changes } from '../../core/compare/index';
import { fmtHex, fmtNum, fmtSize, hexWidth } from '../format';
import { fill } from '../i18n/ui';
import { useT } from '../i18n/useT';
import { useStore } from '../store';
import { StackedBar } from '../views/overview/StackedBar';
import type { CompareSideView, CompareView as View } from './protocol';
import { useCompare } from './state';
import { useCompareView } from './useCompareView';

export default function CompareView() {
  const { t } = useT();
  const title = useStore((s) => s.annotations.title);
  const { active, clear } = useCompare();
  const view = useCompareView();

  if (!active || !view) return <p className="muted">{t('cmp.none')}</p>;
  // the page's own title names the after side when it has one
  const after = title ? { ...view.after, name: title } : view.after;
  const scale = Math.max(view.before.dramKiB, after.dramKiB) || 1;
  return (
    <section className="compare" aria-labelledby="compare-h">
      <h2 id="compare-h">{t('cmp.heading')}</h2>
      <dl className="compare-sides">
        <SideName which="before" side={view.before} />
        <SideName which="after" side={after} />
      </dl>
      <p>
        <button type="button" onClick={() => void clear().then(() => (window.location.hash = '#/overview'))}>
          {t('cmp.stop')}
        </button>
      </p>
      {(['before', 'after'] as const).map((which) => {
        const side = which === 'before' ? view.before : after;
        return (
          <div key={which} className="compare-bar" data-testid={`compare-bar-${which}`}>
            <div className="compare-bar-name">{t(`cmp.${which}`)}</div>
            <div style={{ width: `${(side.dramKiB / scale) * 100}%` }}>
              <StackedBar breakdown={side.breakdown} />
            </div>
          </div>
        );
      })}
      <CompactMap view={view} />
      <Tables view={view} />
    </section>
  );
}

function SideName({ which, side }: { which: 'before' | 'after'; side: CompareSideView }) {
  const { t } = useT();
  return (
    <>
      <dt className={`compare-tag ${which}`}>{t(`cmp.${which}`)}</dt>
      <dd data-testid={`compare-${which}-name`}>
        <strong>{side.name}</strong>
        {side.date && <span className="muted"> — {new Date(side.date).toLocaleString()}</span>}
        {which === 'after' && <span className="muted"> — {t('cmp.afterNow')}</span>}
      </dd>
    </>
  );
}

/** the regions that changed, placed on one strip of the addresses both sides span */
function CompactMap({ view }: { view: View }) {
  const { t, tm } = useT();
  const rows = view.diff.regions.rows;
  const ends = [view.before, view.after].flatMap((s) => (s.start !== null && s.end !== null ? [s] : []));
  if (rows.length === 0 || ends.length === 0) return null;
  const lo = ends.reduce((m, s) => ((s.start as bigint) < m ? (s.start as bigint) : m), ends[0]?.start as bigint);
  const hi = ends.reduce((m, s) => ((s.end as bigint) > m ? (s.end as bigint) : m), ends[0]?.end as bigint);
  const span = Number(hi - lo) || 1;
  const at = (a: bigint) => Math.min(100, Math.max(0, (Number(a - lo) / span) * 100));
  const width = hexWidth(hi);
  const mark = (r: (typeof rows)[number], s: { start: bigint; end: bigint }, side: 'before' | 'after', i: number) => {
    const text = `${t(`cmp.region.${r.change}`)}: ${tm(r.label)} ${fmtHex(s.start, width)}–${fmtHex(s.end, width)}`;
    return (
      <span
        key={`${side}${i}`}
        className={`compare-mark ${r.change}`}
        style={{ left: `${at(s.start)}%`, width: `max(3px, ${at(s.end) - at(s.start)}%)` }}
        title={text}
        aria-label={text}
        role="img"
      />
    );
  };
  return (
    <figure className="compare-map" aria-label={t('cmp.map')}>
      <figcaption className="small muted">
        {t('cmp.map')} {fmtHex(lo, width)}–{fmtHex(hi, width)}
      </figcaption>
      {(['before', 'after'] as const).map((side) => (
        <div key={side} className="compare-strip-row">
          <span className="compare-strip-name">{t(`cmp.${side}`)}</span>
          <div className="compare-strip">
            {rows.map((r, i) => {
              const s = side === 'before' ? r.before : r.after;
              return s ? mark(r, s, side, i) : null;
            })}
          </div>
        </div>
      ))}
      <p className="small compare-legend">
        {(['removed', 'added', 'moved', 'resized'] as const).map((c) => (
          <span key={c}>
            <span className={`compare-swatch ${c}`} /> {t(`cmp.region.${c}`)}
          </span>
        ))}
      </p>
    </figure>
  );
}

const signed = (n: number, unit: 'KiB' | 'MiB') => (n > 0 ? `+${fmtNum(n, unit)}` : fmtNum(n, unit));

function Section<T>({
  title,
  changes,
  head,
  row,
}: {
  title: string;
  changes: Changes<T>;
  head: string[];
  row: (r: T) => React.ReactNode[];
}) {
  const { t } = useT();
  return (
    <>
      <h3>
        {title} <span className="small muted">{fill(t('cmp.counts'), { changed: changes.rows.length, unchanged: changes.unchanged })}</span>
      </h3>
      {changes.rows.length > 0 && (
        <div className="compare-scroll">
          <table className="data compare-table">
            <thead>
              <tr>
                {head.map((h, i) => (
                  <th key={h} className={i === 0 ? undefined : 'num'}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {changes.rows.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own across kinds; their order is fixed
                <tr key={i}>
                  {row(r).map((c, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
                    <td key={j} className={j === 0 ? undefined : 'num'}>
                      {c}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Tables({ view }: { view: View }) {
  const { t, tm } = useT();
  const unit = useStore((s) => s.unit);
  const d = view.diff;
  const n = (v: number | null) => (v === null ? '—' : fmtNum(v, unit));
  const ok = (v: boolean | undefined) => (v === undefined ? '—' : v ? t('cmp.holds') : t('cmp.fails'));
  const b = t('cmp.before');
  const a = t('cmp.after');
  const ch = `${t('cmp.change')} (${unit})`;
  return (
    <div data-testid="compare-tables">
      <Section
        title={t('cmp.lines')}
        changes={d.lines}
        head={[t('cmp.item'), `${b} (${unit})`, `${a} (${unit})`, ch]}
        row={(l) => [tm(l.label), n(l.before), n(l.after), <strong key="d">{signed(l.delta, unit)}</strong>]}
      />
      <Section
        title={t('cmp.checks')}
        changes={d.checks}
        head={[t('cmp.item'), b, a, t('cmp.verdict')]}
        row={(c) => [
          tm(c.label),
          c.before ? `${fmtNum(c.before.left, unit)} / ${fmtNum(c.before.right, unit)}` : '—',
          c.after ? `${fmtNum(c.after.left, unit)} / ${fmtNum(c.after.right, unit)}` : '—',
          `${ok(c.before?.ok)} → ${ok(c.after?.ok)}`,
        ]}
      />
      <Section
        title={t('cmp.processes')}
        changes={d.processes}
        head={[t('cmp.item'), 'pid', `PSS ${b}`, `PSS ${a}`, `PSS ${ch}`, `USS ${ch}`, `RSS ${ch}`]}
        row={(p) => [
          `${p.name}${p.change === 'changed' ? '' : ` (${t(`cmp.region.${p.change}`)})`}`,
          `${p.pidBefore ?? '—'} → ${p.pidAfter ?? '—'}`,
          n(p.before?.pssKiB ?? null),
          n(p.after?.pssKiB ?? null),
          signed(p.delta.pssKiB, unit),
          signed(p.delta.ussKiB, unit),
          signed(p.delta.rssKiB, unit),
        ]}
      />
      <Section
        title={t('cmp.regions')}
        changes={d.regions}
        head={[t('cmp.item'), t('cmp.what'), b, a, ch]}
        row={(r) => [
          `${tm(r.label)} (${r.kind})`,
          t(`cmp.region.${r.change}`),
          r.before ? `${fmtHex(r.before.start)} · ${fmtSize(r.before.sizeKiB, unit)}` : '—',
          r.after ? `${fmtHex(r.after.start)} · ${fmtSize(r.after.sizeKiB, unit)}` : '—',
          r.change === 'resized'
            ? signed((r.after?.sizeKiB ?? 0) - (r.before?.sizeKiB ?? 0), unit)
            : signed(r.change === 'removed' ? -r.size : r.change === 'added' ? r.size : 0, unit),
        ]}
      />
      <Section
        title="meminfo"
        changes={d.meminfo}
        head={[t('cmp.item'), b, a, t('cmp.change')]}
        row={(f) => {
          const u = f.unit === 'kB' ? ' kB' : '';
          const raw = (v: number | null) => (v === null ? '—' : `${fmtNum(v, 'KiB')}${u}`);
          return [f.field, raw(f.before), raw(f.after), <strong key="d">{`${signed(f.delta, 'KiB')}${u}`}</strong>];
        }}
      />
    </div>
  );
}
