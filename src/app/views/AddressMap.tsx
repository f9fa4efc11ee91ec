/**
 * Physical address map: lanes over one shared address axis, to scale. Wheel zooms
 * around the pointer, drag pans, the strip on top picks a window, buttons and keys
 * (+ − 0 ← →) do the same. Tiny regions keep a minimum width and a marker; regions too
 * narrow to tell apart are one mark of N regions (a click zooms in on them), so the nodes
 * drawn are bounded by the width, not by the regions. The region table below (virtual)
 * follows the window and the hover, both ways. A region the reader labelled shows the
 * label in its block (when it fits), its tooltip and its row.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { changeMarks, changeOfRegion, changesByPlace } from '../../core/compare/mapMarks';
import { m } from '../../core/messages/catalogue';
import { evidenceRule } from '../../core/model/physical/evidence';
import type { UnplacedRegion } from '../../core/model/physical/types';
import { regionsCsv } from '../../core/report/tables';
import { type Note, regionKey } from '../../core/share/annotations';
import { LANES, type LaneMark, laneMarks, type MapRegion, mapAxis } from '../../core/viewmodel/lanes';
import { roundTicks } from '../../core/viewmodel/ticks';
import { LabelledName } from '../annotations/Labels';
import { regionColor, regionSwatch } from '../colors';
import { ChangeCell, MapChangeLegend, MapChangeMarks, useChangeText } from '../compare/MapMarks';
import { useCompareView } from '../compare/useCompareView';
import { ChartButtons, CsvButton } from '../export/ExportButtons';
import { caption } from '../export/names';
import { cssVar, svgFromPage } from '../export/svg';
import { fmtHex, fmtInt, fmtNum, fmtSize, hexWidth, visible } from '../format';
import { useT } from '../i18n/useT';
import { href, keepInAddress, sourceHref, useRoute } from '../route';
import { useStore } from '../store';
import { ScrollCue } from './ScrollCue';

const LANE_H = 34;
const TOP = 56;
const MINI_H = 18;
const MIN_W = 3;
/** the region table's row height before it is measured */
const ROW_H = 24;
/** flagged regions listed under the map; the table has them all */
const MAX_FLAGS_LISTED = 50;

/** the width of one character of a tick label per px of font (monospace) */
const TICK_CHAR_EM = 0.6;
/** the map's text: 12 px, 16 px on a projector; labels are never drawn smaller (a label that does not fit is left out) */
const FONT_PX = 12;
const PRESENT_FONT_PX = 16;

export default function AddressMap() {
  const { t, tm } = useT();
  const model = useStore((s) => s.model);
  const unit = useStore((s) => s.unit);
  const labels = useStore((s) => s.annotations.labels);
  const present = useStore((s) => s.present);
  const font = present ? PRESENT_FONT_PX : FONT_PX;
  const laneH = Math.round((LANE_H * font) / FONT_PX);
  const top = Math.round((TOP * font) / FONT_PX);
  /** a block's height: the lane's name sits in the gap above it */
  const blockH = laneH - font - 4;
  const route = useRoute();
  const svg = useRef<SVGSVGElement>(null);
  const [width, setWidth] = useState(900);
  const [hot, setHot] = useState<number | null>(null);
  const phys = model?.analysis.physical;
  const regions = model?.map ?? [];
  const base = phys?.start ?? regions[0]?.start ?? 0n;
  const endAddr = phys?.end ?? regions.reduce((m, r) => (r.end > m ? r.end : m), 0n);
  const span = Math.max(1, Number(endAddr - base));
  const hw = hexWidth(endAddr);

  // the window, from the URL when given (#/map?from=0x…&to=0x…) so a link can open a zoom
  const f = route.params.get('from');
  const to = route.params.get('to');
  const initial = useMemo((): [number, number] => {
    try {
      if (f && to) {
        const a = Number(BigInt(f) - base);
        const b = Number(BigInt(to) - base);
        if (b > a) return [Math.max(0, a), Math.min(span, b)];
      }
    } catch {
      // a bad address in a link: show everything
    }
    return [0, span];
  }, [f, to, base, span]);
  const [win, setWin] = useState<[number, number]>(initial);
  // the address keeps the window, so a link and a reload open the same zoom; a window this
  // view wrote there is already shown (reading it back would feed the zoom into itself)
  const written = useRef<string | null>(null);
  useEffect(() => {
    if (written.current !== window.location.hash) setWin(initial);
  }, [initial]);
  useEffect(() => {
    if (!window.location.hash.startsWith('#/map')) return;
    const at = (off: number) => fmtHex(base + BigInt(Math.round(off)), hw);
    const whole = win[0] <= 0 && win[1] >= span;
    written.current = whole ? href('map') : href('map', '', { from: at(win[0]), to: at(win[1]) });
    keepInAddress(written.current);
  }, [win, base, hw, span]);

  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => e && setWidth(Math.max(300, e.contentRect.width)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const clamp = (a: number, b: number): [number, number] => {
    const w = Math.min(span, Math.max(4096, b - a));
    let s = Math.max(0, Math.min(a, span - w));
    if (!Number.isFinite(s)) s = 0;
    return [s, s + w];
  };
  const zoom = (factor: number, at = 0.5) => {
    setWin(([a, b]) => {
      const w = b - a;
      const nw = w * factor;
      const centre = a + w * at;
      return clamp(centre - nw * at, centre - nw * at + nw);
    });
  };
  const pan = (frac: number) => setWin(([a, b]) => clamp(a + (b - a) * frac, b + (b - a) * frac));

  // wheel needs a non-passive listener to stop the page from scrolling
  // biome-ignore lint/correctness/useExhaustiveDependencies: zoom reads the latest window through setWin
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      zoom(e.deltaY > 0 ? 1.25 : 0.8, (e.clientX - r.left) / r.width);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [span]);

  const drag = useRef<{ x: number; win: [number, number]; mini: boolean } | null>(null);
  const onDown = (e: React.PointerEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const y = e.clientY - r.top;
    const mini = y < MINI_H + 4;
    drag.current = { x: e.clientX - r.left, win: win, mini };
  };
  const onMove = (e: React.PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d) return;
    const r = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - r.left;
    // captured once it moves: a click without a drag still reaches the mark under it
    if (Math.abs(x - d.x) < 3) return;
    if (!e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.setPointerCapture(e.pointerId);
    if (d.mini) {
      const a = (Math.min(d.x, x) / width) * span;
      const b = (Math.max(d.x, x) / width) * span;
      if (b - a > span / width) setWin(clamp(a, b));
    } else {
      const dx = ((x - d.x) / width) * (d.win[1] - d.win[0]);
      setWin(clamp(d.win[0] - dx, d.win[1] - dx));
    }
  };
  const onUp = () => {
    drag.current = null;
  };
  /** a click on a group: the window on it when that is a real zoom, else 4× in around the pointer */
  const zoomInto = (k: LaneMark, e: React.MouseEvent) => {
    const pad = Math.max(2048, (k.end - k.start) * 0.05);
    if (k.end - k.start + 2 * pad < (win[1] - win[0]) / 2) setWin(clamp(k.start - pad, k.end + pad));
    else {
      const box = svg.current?.getBoundingClientRect();
      zoom(0.25, box ? (e.clientX - box.left) / box.width : 0.5);
    }
  };

  // what is drawn is bounded by the width, not by the number of regions: regions too
  // narrow to tell apart are one mark (src/core/viewmodel/lanes.ts), the table is virtual
  const axis = useMemo(() => mapAxis(regions, base), [regions, base]);
  const lanes = useMemo(() => LANES.filter((l) => axis.lanes.has(l)), [axis]);
  const marks = useMemo(() => {
    const all = lanes.flatMap((l) => laneMarks(regions, axis, l, win, width, MIN_W));
    // the narrow ones over the wide ones, so a carve-out inside a big region shows
    return [...all.filter((k) => !k.narrow), ...all.filter((k) => k.narrow)];
  }, [regions, axis, lanes, win, width]);
  /**
   * The words beside blocks too narrow for them (carve-outs in the device-tree lane, the
   * kernel image in memblock.reserved), lane by lane from the left: after the block when a
   * name fits whole before the next block, else before it when it fits after what is
   * already drawn; else as many whole words as fit inside, or none.
   */
  const beside = useMemo(() => {
    const out = new Map<LaneMark, Placed>();
    for (const lane of lanes) {
      const row = marks.filter((k) => k.lane === lane).sort((a, b) => a.x0 - b.x0);
      let free = 0;
      row.forEach((k, i) => {
        const { x, w } = blockBox(k, width);
        const r = regions[k.region] as MapRegion;
        const note = k.count > 1 ? undefined : labels[regionKey(r)];
        const inside = w >= font * 3 ? blockWords([tm(r.label)], note?.label, w - 6, font) : null;
        if (k.count > 1 || (inside && !inside.cut) || (r.kind === 'dram' && !note?.label)) {
          free = Math.max(free, x + w);
          return;
        }
        const names = besideNames(r, tm(r.label));
        const next = row[i + 1] ? blockBox(row[i + 1] as LaneMark, width).x : width;
        const after = blockWords(names, note?.label, next - x - w - 8, font);
        const before = blockWords(names, note?.label, x - free - 8, font);
        const whole = (b: Words | null) => b !== null && !b.cut;
        // a block with room for some of its words keeps them unless its whole name fits beside it
        if (inside && !whole(after) && !whole(before)) free = Math.max(free, x + w);
        else if (after && (whole(after) || !whole(before))) {
          out.set(k, { x: x + w + 4, anchor: 'start', words: after });
          free = x + w + 4 + after.px;
        } else if (before) {
          out.set(k, { x: x - 4, anchor: 'end', words: before });
          free = x + w;
        } else free = Math.max(free, x + w);
      });
    }
    return out;
  }, [marks, lanes, width, regions, labels, font, tm]);
  const mini = useMemo(
    () =>
      lanes
        .filter((l) => l !== 'memblock.memory')
        .flatMap((l) => laneMarks(regions, axis, l, [0, span], width, 1))
        .filter((k) => k.kind !== 'dram' && k.kind !== 'memblock-memory'),
    [regions, axis, lanes, span, width],
  );
  const rows = useMemo(() => {
    const out: number[] = [];
    for (let i = 0; i < regions.length; i++) if ((axis.end[i] ?? 0) > win[0] && (axis.start[i] ?? 0) < win[1]) out.push(i);
    return out;
  }, [regions, axis, win]);
  const flagged = useMemo(() => regions.filter((r) => r.flags.length > 0), [regions]);
  const tableBox = useRef<HTMLDivElement>(null);
  const rowsV = useVirtualizer({ count: rows.length, getScrollElement: () => tableBox.current, estimateSize: () => ROW_H, overscan: 8 });
  const shown = rowsV.getVirtualItems();
  const padTop = shown[0]?.start ?? 0;
  const padBottom = Math.max(0, rowsV.getTotalSize() - (shown.at(-1)?.end ?? 0));
  // while a "before" is kept: the diff's region changes marked on the lanes and in the table
  const compare = useCompareView();
  const changeText = useChangeText();
  const changed = useMemo(() => compare && changesByPlace(compare.diff.regions.rows), [compare]);
  const cmpMarks = useMemo(
    () => compare && changeMarks(compare.diff.regions.rows, base, win, width, new Set(lanes)),
    [compare, base, win, width, lanes],
  );

  const unplaced = model?.analysis.physical?.unplaced ?? [];
  if (!model || (regions.length === 0 && unplaced.length === 0)) return <p data-testid="map-empty">{t('map.none')}</p>;
  if (regions.length === 0) return <Unplaced list={unplaced} />;

  const [v0, v1] = win;
  const height = top + lanes.length * laneH + 8;
  // round addresses, as many as fit without their labels touching: the first and last
  // labels may be anchored at the edges, so the spacing holds two labels
  const labelPx = (hw + 2) * TICK_CHAR_EM * font;
  const ticks = roundTicks(base, v0, v1, Math.max(1, Math.min(8, Math.floor(width / (2 * labelPx + 8)))));
  const xOf = (off: number) => ((off - v0) / (v1 - v0)) * width;
  const textY = (y: number) => y + blockH / 2 + font * 0.35;
  const size = (bytes: number) => fmtSize(bytes / 1024, unit);
  const addr = (off: number) => fmtHex(base + BigInt(Math.round(off)), hw);
  const showRow = (i: number) => {
    const at = rows.indexOf(i);
    if (at < 0) return;
    rowsV.scrollToIndex(at, { align: 'center' });
    // the table may be below the fold (a projector's short screen): bring it up too
    tableBox.current?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <section aria-labelledby="map-title">
      <h2 id="map-title">{t('map.title')}</h2>
      <div className="map-tools">
        <button type="button" onClick={() => zoom(0.5)} aria-label={t('map.zoomIn')}>
          +
        </button>
        <button type="button" onClick={() => zoom(2)} aria-label={t('map.zoomOut')}>
          −
        </button>
        <button type="button" onClick={() => pan(-0.25)} aria-label="←">
          ←
        </button>
        <button type="button" onClick={() => pan(0.25)} aria-label="→">
          →
        </button>
        <button type="button" onClick={() => setWin([0, span])}>
          {t('map.reset')}
        </button>
        <span className="mono small" data-testid="map-window">
          {addr(v0)} – {addr(v1)} ({fmtSize((v1 - v0) / 1024, unit)})
        </span>
        <a className="small" href={href('map', '', { from: addr(v0), to: addr(v1) })}>
          {t('map.link')}
        </a>
        <span className="small muted">{t('map.help')}</span>
        <ChartButtons
          what="address-map"
          label={t('map.title')}
          svg={() => {
            return svg.current
              ? svgFromPage(svg.current, {
                  title: caption(t('map.title')),
                  background: cssVar('--bg') || '#ffffff',
                })
              : null;
          }}
        />
      </div>
      {compare && cmpMarks && <MapChangeLegend view={compare} hidden={cmpMarks.hidden} />}
      <svg
        ref={svg}
        className="map"
        height={height}
        role="img"
        aria-label={`${t('map.title')}: ${regions.length} regions`}
        tabIndex={0}
        data-testid="map"
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onKeyDown={(e) => {
          if (e.key === '+' || e.key === '=') zoom(0.5);
          else if (e.key === '-') zoom(2);
          else if (e.key === '0') setWin([0, span]);
          else if (e.key === 'ArrowLeft') pan(-0.2);
          else if (e.key === 'ArrowRight') pan(0.2);
          else return;
          e.preventDefault();
        }}
      >
        <defs>
          <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="var(--r-hole)" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="var(--bad)" strokeWidth="2" />
          </pattern>
        </defs>
        {/* minimap: the whole span, the window in it */}
        <rect x={0} y={2} width={width} height={MINI_H} fill="var(--r-dram)" />
        {mini.map((k) => (
          <rect
            key={`m${k.lane}-${k.region}`}
            x={k.x0}
            y={4}
            width={Math.max(1, k.x1 - k.x0)}
            height={MINI_H - 4}
            fill={k.kind ? regionSwatch(k.kind) : 'var(--muted)'}
          />
        ))}
        <rect
          x={(v0 / span) * width}
          y={1}
          width={Math.max(2, ((v1 - v0) / span) * width)}
          height={MINI_H + 2}
          fill="none"
          stroke="var(--accent)"
          strokeWidth={2}
        />
        {/* hex ticks on round addresses */}
        {ticks.map(({ at, off }) => {
          const x = xOf(off);
          const anchor = x < labelPx / 2 ? 'start' : x > width - labelPx / 2 ? 'end' : 'middle';
          return (
            <g key={`t${at}`}>
              <line x1={x} x2={x} y1={MINI_H + 8} y2={height} stroke="var(--line)" />
              <text
                className="tick"
                x={Math.min(Math.max(x, 2), width - 2)}
                y={MINI_H + 8 + font}
                textAnchor={anchor}
                style={{ fontSize: font }}
              >
                {fmtHex(at, hw)}
              </text>
            </g>
          );
        })}
        {lanes.map((lane, li) => (
          <text key={lane} x={4} y={top + li * laneH - 3} className="small" style={{ fontSize: font }} fill="var(--muted)">
            {tm(m(`lane.${lane}`))}
          </text>
        ))}
        {marks.map((k) => {
          const y = top + lanes.indexOf(k.lane) * laneH;
          const { x, w, tiny } = blockBox(k, width);
          const r = regions[k.region] as MapRegion;
          const group = k.count > 1;
          const name = group ? `${fmtInt(k.count)} ${t('map.groupLabel')}` : tm(r.label);
          const note = group ? undefined : labels[regionKey(r)];
          const change = !group && changed ? changeOfRegion(changed, r) : undefined;
          const label = group
            ? `${fmtInt(k.count)} ${t('map.group')}: ${addr(k.start)}–${addr(k.end)}, ${size(k.bytes)} — ${t('map.groupZoom')}`
            : `${name} ${addr(k.start)}–${addr(k.end)} ${size(k.bytes)}${noteText(note)}${change ? ` — ${changeText(change)}` : ''}`;
          const fill = k.kind ? regionColor(k.kind) : 'var(--muted)';
          const placed = beside.get(k);
          return (
            <g key={`${k.lane}-${k.region}`} data-lane={k.lane}>
              <rect
                className={`region${group ? ' group' : ''}${!group && hot === k.region ? ' hot' : ''}`}
                role="button"
                aria-label={label}
                x={x}
                y={y}
                width={w}
                height={blockH}
                fill={fill}
                {...(group ? { 'data-group': k.count } : { 'data-region': k.region })}
                onMouseEnter={() => !group && setHot(k.region)}
                onMouseLeave={() => setHot(null)}
                onClick={(e) => (group ? zoomInto(k, e) : showRow(k.region))}
              >
                <title>{label}</title>
              </rect>
              {tiny && <path d={`M${x + w / 2 - 4},${y - 1} l4,5 l4,-5 z`} fill="var(--ink)" pointerEvents="none" />}
              {k.flagged > 0 && <rect className="flag" x={x - 1} y={y - 2} width={w + 2} height={blockH + 4} pointerEvents="none" />}
              {(group || r.kind !== 'dram' || note?.label) && w >= font * 3 && !placed && (
                <BlockText x={x + 3} y={textY(y)} font={font} words={blockWords([name], note?.label, w - 6, font)} />
              )}
              {placed && <BlockText x={placed.x} y={textY(y)} font={font} words={placed.words} anchor={placed.anchor} outside />}
            </g>
          );
        })}
        {compare && cmpMarks && (
          <MapChangeMarks
            marks={cmpMarks.marks}
            rows={compare.diff.regions.rows}
            g={{ lanes, laneY: (l) => top + lanes.indexOf(l) * laneH, blockH, font, width }}
          />
        )}
      </svg>
      {flagged.length > 0 && (
        <ul className="small" data-testid="map-flags" style={{ color: 'var(--bad)' }}>
          {flagged.slice(0, MAX_FLAGS_LISTED).map((r) => (
            <li key={`${r.start}-${r.end}-${r.kind}-${r.line ?? 0}`}>
              {fmtHex(r.start, hw)}–{fmtHex(r.end, hw)} {tm(r.label)}: {r.flags.map(tm).join('; ')}
            </li>
          ))}
          {flagged.length > MAX_FLAGS_LISTED && (
            <li>
              {fmtInt(flagged.length - MAX_FLAGS_LISTED)} {t('map.flagsMore')}
            </li>
          )}
        </ul>
      )}
      <div className="table-head">
        <h3>
          {t('map.regions')} ({fmtInt(rows.length)} / {fmtInt(regions.length)})
        </h3>
        <CsvButton what="regions" label={t('map.regions')} make={() => regionsCsv(regions, tm, labels)} />
      </div>
      <div className="region-table" ref={tableBox}>
        <table className="data small" data-testid="region-table">
          <thead>
            <tr>
              <th>{t('map.kind')}</th>
              <th>{t('map.name')}</th>
              <th>{t('map.start')}</th>
              <th>{t('map.end')}</th>
              <th className="num">
                {t('map.size')} ({unit})
              </th>
              <th>{t('ov.source')}</th>
              <th>{t('map.flags')}</th>
              {changed && <th>{t('cmp.what')}</th>}
            </tr>
          </thead>
          <tbody>
            {padTop > 0 && (
              <tr className="spacer" style={{ height: padTop }}>
                <td colSpan={7} />
              </tr>
            )}
            {shown.map((it) => {
              const i = rows[it.index] as number;
              const r = regions[i] as MapRegion;
              return (
                <tr
                  key={i}
                  ref={rowsV.measureElement}
                  data-index={it.index}
                  data-region-row={i}
                  className={hot === i ? 'hot' : ''}
                  onMouseEnter={() => setHot(i)}
                  onMouseLeave={() => setHot(null)}
                  onFocus={() => setHot(i)}
                >
                  <td>
                    <span className="swatch" style={{ background: regionSwatch(r.kind) }} />
                    {r.kind}
                  </td>
                  <td title={tm(r.evidence ? evidenceRule(r.evidence) : r.label)}>
                    <RegionName region={r} name={tm(r.label)} hw={hw} />
                    {r.evidence && <div className="muted">{tm(evidenceRule(r.evidence))}</div>}
                    {r.placedBy && (
                      <div className="muted">
                        {t('map.placedBy')}{' '}
                        <a href={sourceHref(r.placedBy.source, r.placedBy.line)}>
                          {r.placedBy.source.split('/').pop()}:{r.placedBy.line}
                        </a>
                      </div>
                    )}
                  </td>
                  <td className="mono">{fmtHex(r.start, hw)}</td>
                  <td className="mono">{fmtHex(r.end - 1n, hw)}</td>
                  <td className="num">
                    {unit === 'KiB'
                      ? fmtInt(Number(r.end - r.start) / 1024)
                      : fmtSize(Number(r.end - r.start) / 1024, 'MiB').replace(' MiB', '')}
                  </td>
                  <td>
                    {r.source ? (
                      <a href={sourceHref(r.source, r.line ?? 0)} onFocus={() => setHot(i)}>
                        {r.source.split('/').pop()}
                        {r.line ? `:${r.line}` : ''}
                      </a>
                    ) : (
                      <span className="muted">{r.kind === 'dram' ? t('map.derived') : ''}</span>
                    )}
                  </td>
                  <td style={{ color: 'var(--bad)' }}>{r.flags.map(tm).join('; ')}</td>
                  {changed && <ChangeCell change={changeOfRegion(changed, r)} />}
                </tr>
              );
            })}
            {padBottom > 0 && (
              <tr className="spacer" style={{ height: padBottom }}>
                <td colSpan={7} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <ScrollCue box={tableBox} total={rows.length} />
      {unplaced.length > 0 && <Unplaced list={unplaced} />}
    </section>
  );
}

/** a labelled target's words for its tooltip: ` "memmap" — comment` */
const noteText = (n: Note | undefined) =>
  n ? `${n.label ? ` “${visible(n.label)}”` : ''}${n.comment ? ` — ${visible(n.comment)}` : ''}` : '';

/** the width of a character at `font` px: about 0.6 em, a CJK or other wide one about 1 em */
const charPx = (c: string, font: number) => ((c.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.6) * font;
const textPx = (s: string, font: number) => [...s].reduce((w, c) => w + charPx(c, font), 0);

/** `s` whole when it fits `px`, else its first whole words and "…", else '': a word is never cut */
function fitText(s: string, px: number, font: number): string {
  if (textPx(s, font) <= px) return s;
  let out = '';
  for (const word of s.split(/(?<=[\s@(,])/)) {
    if (textPx(`${out}${word}`.trimEnd(), font) + charPx('…', font) > px) break;
    out += word;
  }
  // "memmap (struct page array)…", not "…array),…"
  out = out.replace(/[\s,@(]+$/, '');
  return out && `${out}…`;
}

/** where a mark's block is drawn: at least MIN_W wide (centred on a tiny region), clipped a little past the edges */
function blockBox(k: LaneMark, width: number): { x: number; w: number; tiny: boolean } {
  const tiny = k.x1 - k.x0 < MIN_W;
  const x = Math.max(-10, tiny ? (k.x0 + k.x1) / 2 - MIN_W / 2 : k.x0);
  return { x, w: Math.min(width + 20 - x, tiny ? MIN_W : k.x1 - x), tiny };
}

/**
 * A region's names beside its block, longest first: a device-tree node without its unit
 * address (the axis gives it) — `wmcpu-reserved (wmcpu_emi)`, then its label `wmcpu_emi`,
 * then its node name `wmcpu-reserved`; another region by its name.
 */
function besideNames(r: MapRegion, name: string): string[] {
  if (r.label.key !== 'region.dt') return [name];
  const { name: full, label } = r.label.params;
  const node = visible(full.split('@')[0] || full);
  return label ? [`${node} (${visible(label)})`, visible(label), node] : [node];
}

/** the words that fit `room` px: the reader's label (bold), then the first of `names` that fits whole, else its first whole words and "…" */
interface Words {
  label: string;
  name: string;
  px: number;
  /** a name cut short with "…" */
  cut: boolean;
}
function blockWords(names: readonly string[], label: string | undefined, room: number, font: number): Words | null {
  if (room < font) return null;
  const shown = label ? fitText(visible(label), room / 1.1, font) : '';
  const left = room - textPx(shown, font) * 1.1 - (shown ? font / 2 : 0);
  const whole = names.find((n) => textPx(n, font) <= left);
  const name = whole ?? fitText(names[0] ?? '', left, font);
  if (!shown && !name) return null;
  const px = textPx(shown, font) * 1.1 + (shown && name ? font / 2 : 0) + textPx(name, font);
  return { label: shown, name, px, cut: whole === undefined };
}

/** words placed beside a narrow block */
interface Placed {
  x: number;
  anchor: 'start' | 'end';
  words: Words;
}

/** the words in (or beside) a block: the reader's label first (bold), then the name */
function BlockText(p: { x: number; y: number; font: number; words: Words | null; anchor?: 'start' | 'end'; outside?: boolean }) {
  if (!p.words) return null;
  const { label, name } = p.words;
  return (
    <text
      x={p.x}
      y={p.y}
      pointerEvents="none"
      style={{ fontSize: p.font }}
      textAnchor={p.anchor}
      className={p.outside ? 'beside' : undefined}
    >
      {label && <tspan fontWeight={700}>{label}</tspan>}
      {name && `${label ? ' ' : ''}${name}`}
    </text>
  );
}

/** a region's name in its row, with its label, the button to label it, the comment and the editor */
function RegionName({ region: r, name, hw }: { region: MapRegion; name: string; hw: number }) {
  return <LabelledName target={regionKey(r)} name={name} describe={`${name} ${fmtHex(r.start, hw)}–${fmtHex(r.end - 1n, hw)}`} />;
}

/** dynamic regions whose address no input gives: sizes known, places not */
function Unplaced({ list }: { list: readonly UnplacedRegion[] }) {
  const { t } = useT();
  const unit = useStore((s) => s.unit);
  return (
    <section aria-labelledby="unplaced-title" data-testid="unplaced">
      <h3 id="unplaced-title">
        {t('map.unplaced')} ({list.length})
      </h3>
      <p className="small muted">{t('map.unplacedHelp')}</p>
      <table className="data small">
        <thead>
          <tr>
            <th>{t('map.kind')}</th>
            <th>{t('map.name')}</th>
            <th className="num">
              {t('map.size')} ({unit})
            </th>
            <th className="num">
              {t('map.alignment')} ({unit})
            </th>
            <th>{t('map.allocRanges')}</th>
            <th>{t('ov.source')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((u) => (
            <tr key={`${u.source}:${u.line}:${u.name}`} data-unplaced={u.name}>
              <td>
                <span className="swatch" style={{ background: regionSwatch(u.kind) }} />
                {u.kind}
              </td>
              <td>{visible(u.label ? `${u.name} (${u.label})` : u.name)}</td>
              <td className="num">{fmtNum(u.sizeKiB, unit)}</td>
              <td className="num">{u.alignmentKiB !== undefined ? fmtNum(u.alignmentKiB, unit) : '—'}</td>
              <td className="mono">{u.allocRanges.map((r) => `${fmtHex(r.start)}–${fmtHex(r.end - 1n)}`).join(', ') || '—'}</td>
              <td>
                <a href={sourceHref(u.source, u.line)}>
                  {u.source.split('/').pop()}:{u.line}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
