/**
 * The zones of the page allocator (/proc/zoneinfo): a table of each zone's span, present,
 * managed and free pages and its watermarks, with a link to the zones lane of the map.
 */
import type { ZoneSummary } from '../../../core/model/zones/index';
import { fmtHex, fmtNum } from '../../format';
import { useT } from '../../i18n/useT';
import { href, sourceHref } from '../../route';
import { useStore } from '../../store';
import { useZonesWords } from './zonesWords';

export default function ZonesPanel() {
  const w = useZonesWords();
  const { tm } = useT();
  const model = useStore((s) => s.model);
  const unit = useStore((s) => s.unit);
  const v = model?.zones;
  if (!v) return null;
  const size = (kib: number | undefined) => (kib === undefined ? '—' : fmtNum(kib, unit));
  const placed = v.zones.filter((z) => z.start !== undefined && z.end !== undefined);
  const mapLink =
    placed.length > 0
      ? href('map', '', {
          from: fmtHex(placed.reduce((a, z) => ((z.start as bigint) < a ? (z.start as bigint) : a), placed[0]?.start as bigint)),
          to: fmtHex(placed.reduce((a, z) => ((z.end as bigint) > a ? (z.end as bigint) : a), 0n)),
        })
      : null;
  return (
    <section aria-labelledby="zones-title" data-testid="zones-panel">
      <h3 id="zones-title">{w.zonesTitle}</h3>
      <p className="small muted">{w.zonesHelp}</p>
      <div style={{ overflowX: 'auto' }}>
        <table className="data" data-testid="zones-table">
          <thead>
            <tr>
              <th>
                {w.zone}, {w.range}
              </th>
              <th className="num">
                {w.spanned} ({unit})
              </th>
              <th className="num">
                {w.present} ({unit})
              </th>
              <th className="num">
                {w.managed} ({unit})
              </th>
              <th className="num">
                {w.free} ({unit})
              </th>
              <th className="num">
                {w.watermarks} ({unit})
              </th>
              <th className="num">
                {w.pcp} ({unit})
              </th>
            </tr>
          </thead>
          <tbody>
            {v.zones.map((z) => (
              <ZoneRow key={`${z.node}-${z.name}-${z.line}`} z={z} size={size} w={w} />
            ))}
            <tr className="total">
              <td>{w.total}</td>
              <td className="num">{size(v.zones.reduce((a, z) => a + z.spannedKiB, 0))}</td>
              <td className="num">{size(v.zones.reduce((a, z) => a + z.presentKiB, 0))}</td>
              <td className="num" data-testid="zones-managed">
                {size(v.managedKiB)}
              </td>
              <td className="num">{size(v.freeKiB)}</td>
              <td className="num">{size(v.highKiB)}</td>
              <td className="num">{size(v.pcpKiB)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      {mapLink && (
        <p className="small">
          <a href={mapLink}>{w.onMap}</a>
        </p>
      )}
      {v.notes.length > 0 && (
        <ul className="small" data-testid="zones-notes">
          {v.notes.map((n) => (
            <li key={n.key}>{tm(n)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ZoneRow({ z, size, w }: { z: ZoneSummary; size: (k: number | undefined) => string; w: ReturnType<typeof useZonesWords> }) {
  const name = `${z.node === 0 ? '' : `${w.node} ${z.node} `}${z.name}`;
  return (
    <tr data-zone={z.name} className={z.empty ? 'muted' : undefined}>
      <td>
        <a href={sourceHref(z.source, z.line)}>{name}</a>
        {z.empty && ` (${w.empty})`}
        {z.cut && ` (${w.cut})`}
        {/* the range under the name: a column of its own made the table wider than 1280 px */}
        <div className="mono small">{z.start !== undefined && z.end !== undefined ? `${fmtHex(z.start)}–${fmtHex(z.end - 1n)}` : '—'}</div>
      </td>
      <td className="num">{size(z.spannedKiB)}</td>
      <td className="num">{size(z.presentKiB)}</td>
      <td className="num">{size(z.managedKiB)}</td>
      <td className="num">{size(z.freeKiB)}</td>
      <td className="num">
        {/* one value a line: three numbers side by side made the table wider than 1280 px */}
        {z.highKiB === undefined
          ? '—'
          : [z.minKiB, z.lowKiB, z.highKiB].map((v, i) => <div key={['min', 'low', 'high'][i]}>{size(v)}</div>)}
      </td>
      <td className="num">{size(z.pcpKiB)}</td>
    </tr>
  );
}
