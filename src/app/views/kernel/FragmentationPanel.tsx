/**
 * Free memory by block order (/proc/buddyinfo, split by migrate type when /proc/pagetypeinfo
 * is given): one small chart per zone, and the answer to "could a contiguous allocation of
 * 1, 2 or 4 MiB succeed now?" for each size.
 */
import { type BuddyView, type FragZone, verdictMsg } from '../../../core/model/zones/index';
import { fmtInt, fmtSize } from '../../format';
import { useT } from '../../i18n/useT';
import { useStore } from '../../store';
import { useZonesWords } from './zonesWords';

/** migrate types in the colours of the map's fills (both themes) */
const TYPE_FILL: Record<string, string> = {
  Unmovable: 'var(--r-memblock-reserved)',
  Movable: 'var(--r-memblock-memory)',
  Reclaimable: 'var(--r-zone)',
  HighAtomic: 'var(--r-no-map)',
  CMA: 'var(--r-cma)',
  Reserve: 'var(--r-reserved)',
  Isolate: 'var(--r-hole)',
};
const fillOf = (type: string) => TYPE_FILL[type] ?? 'var(--muted)';

export default function FragmentationPanel() {
  const w = useZonesWords();
  const { tm } = useT();
  const model = useStore((s) => s.model);
  const unit = useStore((s) => s.unit);
  const v = model?.buddy;
  if (!v) return null;
  const shown = v.zones.filter((z) => z.freeKiB > 0);
  return (
    <section aria-labelledby="frag-title" data-testid="frag-panel">
      <h3 id="frag-title">{w.fragTitle}</h3>
      <p className="small muted">{w.fragHelp}</p>
      <h4>{w.ask}</h4>
      <table className="data" data-testid="frag-answers">
        <thead>
          <tr>
            <th className="num">{w.size}</th>
            <th className="num">{w.order}</th>
            <th>{w.answer}</th>
            <th>{w.zones}</th>
          </tr>
        </thead>
        <tbody>
          {v.answers.map((a) => (
            <tr key={a.sizeKiB} data-size={a.sizeKiB} data-verdict={a.verdict}>
              <td className="num">{fmtSize(a.sizeKiB, 'MiB')}</td>
              <td className="num">{a.order}</td>
              <td>{tm(verdictMsg(a.verdict))}</td>
              <td>{a.zones.join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {v.types.length > 0 && <Legend types={v.types} />}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
        {shown.map((z) => (
          <ZoneChart key={`${z.node}-${z.zone}`} z={z} v={v} unit={unit} largest={w.largest} />
        ))}
      </div>
      {v.notes.length > 0 && (
        <ul className="small">
          {v.notes.map((n) => (
            <li key={n.key}>{tm(n)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Legend({ types }: { types: readonly string[] }) {
  return (
    <p className="small">
      {types.map((t) => (
        <span key={t} style={{ marginRight: 12 }}>
          <span className="swatch" style={{ background: fillOf(t) }} />
          {t}{' '}
        </span>
      ))}
    </p>
  );
}

const W = 380;
const H = 170;

/** one zone's free KiB by order, stacked by migrate type when known */
function ZoneChart({ z, v, unit, largest }: { z: FragZone; v: BuddyView; unit: 'KiB' | 'MiB'; largest: string }) {
  const present = useStore((s) => s.present);
  const font = present ? 16 : 11;
  const top = font + 6;
  const bottom = font * 2 + 8;
  const max = Math.max(1, ...z.orders.map((o) => o.kib));
  const n = Math.max(1, v.orders);
  const bw = W / n;
  const y = (kib: number) => ((H - top - bottom) * kib) / max;
  const name = `${z.node === 0 ? '' : `${z.node}:`}${z.zone}`;
  const big = z.largestOrder < 0 ? '—' : fmtSize(2 ** z.largestOrder * v.pageKiB, 'MiB');
  return (
    <figure style={{ margin: 0 }} data-testid="frag-chart" data-zone={z.zone}>
      <svg width={W} height={H} role="img" aria-label={`${name}: ${fmtSize(z.freeKiB, unit)}, ${largest} ${big}`}>
        <text x={2} y={font} style={{ fontSize: font }} fill="var(--ink)">
          {name} — {fmtSize(z.freeKiB, unit)} · {largest} {big}
        </text>
        {z.orders.map((o) => {
          const x = o.order * bw + 2;
          const parts = o.byType ? Object.entries(o.byType).filter(([, k]) => k > 0) : [['', o.kib] as [string, number]];
          let acc = 0;
          return (
            <g key={o.order}>
              {parts.map(([t, kib]) => {
                const h = y(kib);
                acc += h;
                return (
                  <rect
                    key={t || 'all'}
                    x={x}
                    y={H - bottom - acc}
                    width={Math.max(1, bw - 4)}
                    height={h}
                    fill={t ? fillOf(t) : 'var(--r-memblock-memory)'}
                  >
                    <title>{`${t ? `${t}: ` : ''}${fmtSize(kib, unit)} (order ${o.order}, ${fmtInt(o.blocks)} blocks)`}</title>
                  </rect>
                );
              })}
              <text x={x + bw / 2 - 2} y={H - bottom + font + 2} textAnchor="middle" style={{ fontSize: font }} fill="var(--ink)">
                {o.order}
              </text>
            </g>
          );
        })}
        <text x={W / 2} y={H - 4} textAnchor="middle" className="muted" style={{ fontSize: font }} fill="var(--muted)">
          order (block = 2ⁿ × {v.pageKiB} KiB)
        </text>
      </svg>
    </figure>
  );
}
