/**
 * The address map's compare marks, while a "before" snapshot is kept: the regions the diff
 * found added, removed, moved or resized, each drawn with a pattern and a symbol as well as
 * a colour (+ added: hatched, outlined; − removed: a dashed ghost where it was; → moved: a
 * ghost at the old place, an arrow to the new; ↔ resized: the old extent dashed) and named
 * in words beside the symbol, in the tooltip, in the legend and in the region table.
 * Everything keys on the diff's typed change kinds and addresses (src/core/compare/mapMarks.ts).
 */
import type { RegionChange, RegionChangeKind } from '../../core/compare/index';
import type { ChangeMark, PxSpan } from '../../core/compare/mapMarks';
import type { Lane } from '../../core/viewmodel/lanes';
import { fmtHex, fmtInt, fmtSize } from '../format';
import { fill } from '../i18n/ui';
import { useT } from '../i18n/useT';
import { href } from '../route';
import { useStore } from '../store';
import type { CompareView } from './protocol';
import './mapMarks.css';

export const CHANGE_KINDS: readonly RegionChangeKind[] = ['added', 'removed', 'moved', 'resized'];
export const CHANGE_SYMBOL: Record<RegionChangeKind, string> = { added: '+', removed: '−', moved: '→', resized: '↔' };

/**
 * A change in words: `− removed: wocpu_data@47DC0000 (no-map), Before 0x47dc0000–0x48000000 (2.25 MiB)`;
 * `short`: only the region and where it was (a list of what was removed).
 */
export function useChangeText(): (r: RegionChange, short?: boolean) => string {
  const { t, tm } = useT();
  const unit = useStore((s) => s.unit);
  const where = (s: RegionChange['before']) => (s ? `${fmtHex(s.start)}–${fmtHex(s.end)} (${fmtSize(s.sizeKiB, unit)})` : '');
  return (r, short = false) => {
    if (short) return `${tm(r.label)} (${r.kind}) ${where(r.before ?? r.after)}`;
    const head = `${CHANGE_SYMBOL[r.change]} ${t(`cmp.region.${r.change}`)}: ${tm(r.label)} (${r.kind})`;
    const was = r.before ? `, ${t('cmp.before')} ${where(r.before)}` : '';
    const now = r.after && r.change !== 'added' ? ` → ${where(r.after)}` : '';
    return `${head}${was}${now}`;
  };
}

/** the change of a region row in the table: symbol and word, the old place or size in the tooltip */
export function ChangeCell({ change }: { change: RegionChange | undefined }) {
  const { t } = useT();
  const text = useChangeText();
  if (!change) return <td />;
  return (
    <td className={`cmp-cell ${change.change}`} title={text(change)} data-change={change.change}>
      <span aria-hidden="true">{CHANGE_SYMBOL[change.change]}</span> {t(`cmp.region.${change.change}`)}
    </td>
  );
}

interface Geometry {
  lanes: readonly Lane[];
  /** the top of a lane's blocks */
  laneY: (lane: Lane) => number;
  blockH: number;
  font: number;
  width: number;
}

/** the patterns and the arrowhead the marks use; ids are the map's own (one map on a page) */
function MarkDefs() {
  return (
    <defs>
      <pattern id="cmp-added" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <line className="cmp-hatch added" x1="0" y1="0" x2="0" y2="6" />
      </pattern>
      <pattern id="cmp-ghost" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
        <line className="cmp-hatch removed" x1="0" y1="0" x2="0" y2="6" />
      </pattern>
      <marker id="cmp-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
        <path className="cmp-arrowhead" d="M0,0 L10,5 L0,10 z" />
      </marker>
    </defs>
  );
}

/** the width of a text at `font` px: about 0.6 em a character, 1 em a CJK one */
const textPx = (s: string, font: number) => [...s].reduce((w, c) => w + ((c.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.6) * font, 0);

/** a span at least 3 px wide, so a tiny region's mark still shows */
const atLeast = (s: PxSpan): PxSpan => (s.x1 - s.x0 >= 3 ? s : { x0: (s.x0 + s.x1) / 2 - 1.5, x1: (s.x0 + s.x1) / 2 + 1.5 });

/** the marks over the map's lanes (drawn after its blocks, so on top of them) */
export function MapChangeMarks({ marks, rows, g }: { marks: readonly ChangeMark[]; rows: readonly RegionChange[]; g: Geometry }) {
  const { t, tm } = useT();
  const text = useChangeText();
  // words beside a symbol only where they do not run into the previous mark's words on the lane
  const reach = new Map<Lane, number>();
  const order = [...marks].sort((a, b) => ((a.now ?? a.was)?.x0 ?? 0) - ((b.now ?? b.was)?.x0 ?? 0));
  return (
    <g className="cmp-marks" data-testid="map-changes" pointerEvents="none">
      <MarkDefs />
      {order.map((k) => {
        const r = rows[k.row] as RegionChange;
        const y = g.laneY(k.lane);
        const was = k.was && atLeast(k.was);
        const now = k.now && atLeast(k.now);
        const at = (now ?? was) as PxSpan;
        const cx = Math.min(Math.max((at.x0 + at.x1) / 2, g.font), g.width - g.font);
        const bw = g.font * 1.4;
        const by = y - g.font - 3;
        const word = `${t(`cmp.region.${r.change}`)}${r.change === 'removed' || r.change === 'moved' ? `: ${tm(r.label)}` : ''}`;
        const ww = textPx(word, g.font) + 6;
        // the words go right of the symbol, or left of it near the map's right edge
        const right = cx + bw / 2 + ww <= g.width;
        const wx = right ? cx + bw / 2 + 2 : cx - bw / 2 - 2 - ww;
        const room = wx >= (reach.get(k.lane) ?? Number.NEGATIVE_INFINITY);
        reach.set(k.lane, room ? wx + ww : Math.max(reach.get(k.lane) ?? 0, cx + bw / 2));
        const label = text(r);
        return (
          <g key={k.row} className={`cmp-mark ${r.change}`} data-change={r.change}>
            <title>{label}</title>
            {was && <rect className="cmp-was" x={was.x0} y={y} width={was.x1 - was.x0} height={g.blockH} fill="url(#cmp-ghost)" />}
            {now && (
              <rect
                className="cmp-now"
                x={now.x0}
                y={y}
                width={now.x1 - now.x0}
                height={g.blockH}
                fill={r.change === 'added' ? 'url(#cmp-added)' : 'none'}
              />
            )}
            {was && now && r.change === 'moved' && (
              <line
                className="cmp-move"
                x1={(was.x0 + was.x1) / 2}
                x2={(now.x0 + now.x1) / 2}
                y1={y + g.blockH / 2}
                y2={y + g.blockH / 2}
                markerEnd="url(#cmp-arrow)"
              />
            )}
            <rect className="cmp-badge" x={cx - bw / 2} y={by} width={bw} height={g.font + 2} rx={3} />
            <text className="cmp-symbol" x={cx} y={by + g.font - 1} textAnchor="middle" style={{ fontSize: g.font }}>
              {CHANGE_SYMBOL[r.change]}
            </text>
            {room && (
              <>
                <rect className="cmp-word-bg" x={wx} y={by} width={ww} height={g.font + 2} />
                <text className="cmp-word" x={wx + 3} y={by + g.font - 1} style={{ fontSize: g.font }}>
                  {word}
                </text>
              </>
            )}
          </g>
        );
      })}
    </g>
  );
}

/** a legend swatch: the mark's pattern and outline, and its symbol */
function Swatch({ change }: { change: RegionChangeKind }) {
  // on a projector every text is 16 px at least, the swatch's symbol too
  const font = useStore((st) => st.present) ? 16 : 12;
  const fillOf: Record<RegionChangeKind, string> = { added: 'url(#cmp-added)', removed: 'url(#cmp-ghost)', moved: 'none', resized: 'none' };
  return (
    // the patterns are the map's (MarkDefs in its SVG): one set of ids on the page
    <svg className={`cmp-mark ${change}`} width={font * 2.5} height={font + 4} aria-hidden="true">
      <rect
        className={change === 'removed' || change === 'resized' ? 'cmp-was' : 'cmp-now'}
        x={1}
        y={1}
        width={font * 2.5 - 2}
        height={font + 2}
        fill={fillOf[change]}
      />
      <text className="cmp-symbol" x={font * 1.25} y={font} textAnchor="middle" style={{ fontSize: font }}>
        {CHANGE_SYMBOL[change]}
      </text>
    </svg>
  );
}

/** regions removed listed at most; the rest counted */
const GONE_LISTED = 10;

/** above the map: against what it is marked, the legend with counts, and what was removed (no longer a row of the table) */
export function MapChangeLegend({ view, hidden }: { view: CompareView; hidden: number }) {
  const { t } = useT();
  const text = useChangeText();
  const rows = view.diff.regions.rows;
  const count = (c: RegionChangeKind) => rows.filter((r) => r.change === c).length;
  const gone = rows.filter((r) => r.change === 'removed');
  return (
    <div className="cmp-map-legend small" data-testid="map-compare-legend">
      <p>
        {fill(t('cmp.mapWith'), { name: `“${view.before.name}”` })}{' '}
        {CHANGE_KINDS.map((c) => (
          <span key={c} className="cmp-legend-item" data-change={c}>
            <Swatch change={c} /> {t(`cmp.region.${c}`)} ({fmtInt(count(c))})
          </span>
        ))}{' '}
        <a href={href('compare')}>{t('nav.compare')}</a>
      </p>
      {hidden > 0 && <p className="muted">{fill(t('cmp.mapHidden'), { n: fmtInt(hidden) })}</p>}
      {gone.length > 0 && (
        <p data-testid="map-removed">
          {t('cmp.mapGone')}{' '}
          {gone.slice(0, GONE_LISTED).map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the diff's order is fixed
            <span key={i} className="cmp-gone">
              {text(r, true)}
            </span>
          ))}
          {gone.length > GONE_LISTED && <span className="muted">… (+{fmtInt(gone.length - GONE_LISTED)})</span>}
        </p>
      )}
    </div>
  );
}
