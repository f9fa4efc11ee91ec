/**
 * A scrolling table says that it scrolls: under the box, "↓ N more rows — scroll the
 * table" while rows are below its bottom edge (a projector, a touch pad or an overlay
 * scrollbar shows no scrollbar until the box is scrolled), and nothing once every row is
 * in view. Rows are counted from the DOM, so a virtual table (only the rows on screen are
 * rendered) passes its row count and marks its rows with `data-index` or `aria-rowindex`;
 * a panel of several tables (a process's mappings) counts the rows it shows.
 */
import { type RefObject, useEffect, useState } from 'react';
import { fmtInt } from '../format';
import { fill } from '../i18n/ui';
import { useT } from '../i18n/useT';

const ROWS = 'tbody > tr:not(.spacer), [role=rowgroup] > [role=row]';

/** a row's place among all the rows: its `data-index`, its `aria-rowindex` (1 is the header), else its place in the DOM */
function indexOf(row: HTMLElement, inDom: number): number {
  if (row.dataset.index !== undefined) return Number(row.dataset.index);
  const aria = row.getAttribute('aria-rowindex');
  return aria !== null ? Number(aria) - 2 : inDom;
}

/**
 * How many rows end below the visible bottom of `box` (a sticky footer inside it hides what
 * is under it): of `total` rows when given, else of the rows shown (closed groups left out).
 */
export function rowsBelow(box: HTMLElement, total?: number): number {
  if (box.scrollHeight <= box.clientHeight + 1) return 0;
  const footer = box.querySelector<HTMLElement>(':scope > .vtotal');
  const bottom = box.getBoundingClientRect().top + box.clientTop + box.clientHeight - (footer?.offsetHeight ?? 0);
  const rows = [...box.querySelectorAll<HTMLElement>(ROWS)].filter((r) => r.getClientRects().length > 0);
  const under = (r: HTMLElement) => r.getBoundingClientRect().bottom > bottom + 1;
  if (total === undefined) return rows.filter(under).length;
  let lastSeen = -1;
  rows.forEach((row, i) => {
    if (!under(row)) lastSeen = Math.max(lastSeen, indexOf(row, i));
  });
  return Math.max(0, total - 1 - lastSeen);
}

/** the rows below the box's bottom edge, kept up to date as it scrolls, resizes or its rows change */
export function useRowsBelow(box: RefObject<HTMLElement | null>, total?: number): number {
  const [below, setBelow] = useState(0);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setBelow(rowsBelow(el, total));
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    // a group of rows opened or closed
    el.addEventListener('toggle', measure, true);
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    const mo = new MutationObserver(measure);
    mo.observe(el, { childList: true, subtree: true });
    return () => {
      el.removeEventListener('scroll', measure);
      el.removeEventListener('toggle', measure, true);
      ro.disconnect();
      mo.disconnect();
    };
  }, [box, total]);
  return below;
}

/** the cue under a scrolling table; nothing when every row is in view */
export function ScrollCue({ box, total }: { box: RefObject<HTMLElement | null>; total?: number }) {
  const { t } = useT();
  const below = useRowsBelow(box, total);
  if (below === 0) return null;
  return (
    <p className="scroll-cue small" data-testid="scroll-cue">
      ↓ {below === 1 ? t('scroll.more.one') : fill(t('scroll.more'), { n: fmtInt(below) })}
    </p>
  );
}
