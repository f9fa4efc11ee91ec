/**
 * The ledger picture: DRAM as one rectangle split into its parts by area (a squarified
 * treemap, src/core/viewmodel/squarify.ts), each part showing its own parts inside. A click
 * on a part (or Enter on it) zooms into it; the path above zooms back out, and so does
 * Escape. A process's mappings are asked of the worker when one of its kinds is zoomed
 * into. The table under the picture says the same numbers for readers who do not see it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { type LedgerNode, mappingNodes } from '../../../core/viewmodel/ledger';
import { type Rect, squarify } from '../../../core/viewmodel/squarify';
import { bucketColor, kindColor, LIGHT_BUCKETS } from '../../colors';
import { fmtPct, fmtSize } from '../../format';
import { useT } from '../../i18n/useT';
import { href, keepInAddress, useRoute } from '../../route';
import { useStore, worker } from '../../store';
import { fitLabel, labelLines } from './fit';
import { useSize } from './useSize';

/** mapping kinds light enough to need dark text on them */
const LIGHT_KINDS = new Set(['stack', 'file data', 'other']);
/** a part's own parts are drawn inside it when it is at least this big (px) */
const NEST_MIN = { w: 90, h: 70 };
const GAP = 2;

export default function Ledger() {
  const { t, tm } = useT();
  const model = useStore((s) => s.model);
  const unit = useStore((s) => s.unit);
  const present = useStore((s) => s.present);
  const version = useStore((s) => s.version);
  const route = useRoute();
  const [zoom, setZoom] = useState(() => route.params.get('n') ?? 'root');
  /** children fetched from the worker (a process's mappings of one kind), by node id */
  const [fetched, setFetched] = useState<Record<string, LedgerNode[]>>({});
  const box = useRef<HTMLDivElement>(null);
  const size = useSize(box);
  const font = present ? 16 : 12.5;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new model drops what was fetched for the old one
  useEffect(() => setFetched({}), [version]);
  useEffect(() => keepInAddress(href('ledger', '', zoom === 'root' ? undefined : { n: zoom })), [zoom]);

  const root = model?.ledger.root;
  // a zoom not in this tree (an old link, a new model) shows the whole
  const found = useMemo(() => (root ? findPath(root, zoom, fetched) : []), [root, zoom, fetched]);
  const path = found.length > 0 || !root ? found : [root];
  const shown = path[path.length - 1];
  const lazy = shown && !shown.children && !fetched[shown.id] && canFetch(shown) ? shown : undefined;
  useEffect(() => {
    if (!lazy || lazy.process === undefined || !lazy.kind) return;
    let live = true;
    void worker()
      .mappings(lazy.process)
      .then((groups) => {
        const g = groups.find((x) => x.kind === lazy.kind);
        if (live && g) setFetched((f) => ({ ...f, [lazy.id]: mappingNodes(lazy, g) }));
      });
    return () => {
      live = false;
    };
  }, [lazy]);

  if (!model || !root || !shown) return null;
  const kids = childrenOf(shown, fetched) ?? [];
  const whole = root.kib;
  const go = (id: string) => {
    setZoom(id);
    // focus stays in the picture: on the first part that zooms further, else on the picture
    requestAnimationFrame(() => (box.current?.querySelector<HTMLElement>('.lg-cell.zoom') ?? box.current)?.focus());
  };
  const up = () => {
    const parent = path[path.length - 2];
    if (parent) go(parent.id);
  };
  const cells = size.w > 0 ? layout(kids, { x: 0, y: 0, w: size.w, h: size.h }) : [];
  return (
    <section
      aria-labelledby="lg-title"
      className="ledger"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && path.length > 1) {
          e.preventDefault();
          up();
        }
      }}
    >
      <h2 id="lg-title">{t('ledger.title')}</h2>
      <p className="small muted">{t('ledger.help')}</p>
      <nav aria-label={t('ledger.path')} className="lg-path" data-testid="ledger-path">
        {path.map((n, i) =>
          i < path.length - 1 ? (
            <span key={n.id}>
              <button type="button" className="linkish" onClick={() => go(n.id)}>
                {tm(n.label)}
              </button>
              <span aria-hidden="true"> › </span>
            </span>
          ) : (
            <strong key={n.id} aria-current="location">
              {tm(n.label)} — {fmtSize(n.kib, unit)}
              {n !== root && ` (${fmtPct(n.kib, whole)} ${tm(root.label)})`}
            </strong>
          ),
        )}
      </nav>
      <div
        ref={box}
        className="lg-map"
        data-testid="ledger-map"
        role="group"
        aria-label={`${tm(shown.label)} ${fmtSize(shown.kib, unit)}`}
        tabIndex={-1}
      >
        {cells.map(({ node, rect }) => (
          <Cell key={node.id} node={node} rect={rect} parentKiB={shown.kib} font={font} fetched={fetched} onZoom={go} />
        ))}
        {lazy && <p className="muted lg-wait">{t('ledger.loading')}</p>}
        {!lazy && kids.length === 0 && <p className="muted lg-wait">{t('ledger.leaf')}</p>}
      </div>
      <table className="data small lg-table" data-testid="ledger-table">
        <caption className="visually-hidden">{tm(shown.label)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ledger.part')}</th>
            <th scope="col" className="num">
              {unit}
            </th>
            <th scope="col" className="num">
              {t('ledger.share')}
            </th>
            <th scope="col">{t('ledger.formula')}</th>
          </tr>
        </thead>
        <tbody>
          {kids.map((k) => (
            <tr key={k.id} data-node={k.id}>
              <td>
                <span className={`swatch${k.bucket === 'unaccounted' ? ' pattern-unaccounted' : ''}`} style={{ background: fillOf(k) }} />
                {zoomable(k, fetched) ? (
                  <button type="button" className="linkish" onClick={() => go(k.id)}>
                    {tm(k.label)}
                  </button>
                ) : (
                  tm(k.label)
                )}
              </td>
              <td className={`num${k.kib < 0 ? ' neg' : ''}`}>{fmtSize(k.kib, unit)}</td>
              <td className="num">{fmtPct(k.kib, shown.kib)}</td>
              <td className="formula">{k.formula ? tm(k.formula) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {model.ledger.notes.length > 0 && (
        <ul className="small" data-testid="ledger-notes">
          {model.ledger.notes.map((n) => (
            <li key={JSON.stringify(n)}>{tm(n)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Cell(props: {
  node: LedgerNode;
  rect: Rect;
  parentKiB: number;
  font: number;
  fetched: Record<string, LedgerNode[]>;
  onZoom: (id: string) => void;
}) {
  const { node, rect, parentKiB, font, fetched, onZoom } = props;
  const { tm } = useT();
  const unit = useStore((s) => s.unit);
  const name = tm(node.label);
  const sizeText = fmtSize(node.kib, unit);
  const share = fmtPct(node.kib, parentKiB);
  const label = fitLabel(name, sizeText, share, rect.w - GAP, rect.h - GAP, font);
  const inner = childrenOf(node, fetched)?.filter((c) => c.kib > 0) ?? [];
  const nest = inner.length > 1 && rect.w >= NEST_MIN.w && rect.h >= NEST_MIN.h;
  // the node's own parts below its label, smaller, not focusable (zoom in to reach them)
  const top = labelLines(label) > 0 ? Math.min(rect.h / 2, labelLines(label) * font * 1.25 + 6) : 4;
  const innerCells = nest ? layout(inner, { x: 3, y: top, w: rect.w - GAP - 6, h: rect.h - GAP - top - 3 }) : [];
  const text = `${name}: ${sizeText}, ${share}${node.formula ? ` — ${tm(node.formula)}` : ''}`;
  const style = {
    left: rect.x,
    top: rect.y,
    width: Math.max(0, rect.w - GAP),
    height: Math.max(0, rect.h - GAP),
    background: nest ? undefined : fillOf(node),
    fontSize: font,
  };
  const cls = `lg-cell${nest ? ' nest' : ''}${!nest && isLight(node) ? ' light' : ''}${!nest && node.bucket === 'unaccounted' ? ' pattern-unaccounted' : ''}`;
  const body = (
    <>
      {nest && <span className="lg-band" style={{ background: fillOf(node) }} aria-hidden="true" />}
      {labelLines(label) > 0 && (
        <span className="lg-label" aria-hidden="true">
          <span className="lg-name">{label.name.join('\n')}</span>
          {label.extra.length > 0 && `\n${label.extra.join('\n')}`}
        </span>
      )}
      {innerCells.map(({ node: c, rect: r }) => {
        const cl = fitLabel(tm(c.label), fmtSize(c.kib, unit), '', r.w - 1, r.h - 1, font);
        return (
          <span
            key={c.id}
            aria-hidden="true"
            className={`lg-inner${isLight(c) ? ' light' : ''}${c.bucket === 'unaccounted' ? ' pattern-unaccounted' : ''}`}
            style={{ left: r.x, top: r.y, width: Math.max(0, r.w - 1), height: Math.max(0, r.h - 1), background: fillOf(c) }}
          >
            {[...cl.name, ...cl.extra].join('\n')}
          </span>
        );
      })}
    </>
  );
  if (!zoomable(node, fetched))
    return (
      <div className={cls} style={style} title={text} role="img" aria-label={text} data-node={node.id} data-kib={node.kib}>
        {body}
      </div>
    );
  return (
    <button
      type="button"
      className={`${cls} zoom`}
      style={style}
      title={text}
      aria-label={text}
      data-node={node.id}
      data-kib={node.kib}
      onClick={() => onZoom(node.id)}
    >
      {body}
    </button>
  );
}

/** the cells of a node's parts with an area (those below zero are in the table only) */
function layout(nodes: readonly LedgerNode[], rect: Rect): { node: LedgerNode; rect: Rect }[] {
  const drawn = nodes.filter((n) => n.kib > 0);
  const rects = squarify(
    drawn.map((n) => n.kib),
    rect,
  );
  return drawn.flatMap((node, i) => {
    const r = rects[i];
    return r && r.w >= 1 && r.h >= 1 ? [{ node, rect: r }] : [];
  });
}

const fillOf = (n: LedgerNode): string => (n.kind ? kindColor(n.kind) : bucketColor(n.bucket ?? 'managed'));
const isLight = (n: LedgerNode): boolean => (n.kind ? LIGHT_KINDS.has(n.kind) : LIGHT_BUCKETS.has(n.bucket ?? 'managed'));
/** a process's mappings of one kind can be asked of the worker */
const canFetch = (n: LedgerNode): boolean => n.kind !== undefined && n.process !== undefined && n.kib > 0;
const childrenOf = (n: LedgerNode, fetched: Record<string, LedgerNode[]>): LedgerNode[] | undefined => fetched[n.id] ?? n.children;
const zoomable = (n: LedgerNode, fetched: Record<string, LedgerNode[]>): boolean =>
  (childrenOf(n, fetched)?.length ?? 0) > 0 || canFetch(n);

/** the nodes from the root to `id`, through fetched children too; empty when it is not there */
function findPath(n: LedgerNode, id: string, fetched: Record<string, LedgerNode[]>): LedgerNode[] {
  if (n.id === id) return [n];
  // ids are paths: only a prefix of the one sought can lead to it
  if (!id.startsWith(`${n.id}/`)) return [];
  for (const c of childrenOf(n, fetched) ?? []) {
    const p = findPath(c, id, fetched);
    if (p.length > 0) return [n, ...p];
  }
  return [];
}
