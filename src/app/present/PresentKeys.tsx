/**
 * Presentation mode without a pointer: PageDown/→ and PageUp/← step through the views,
 * ↑/↓ move a highlight through the current table's rows and the map's regions, Enter
 * opens the highlighted one (follows its link or clicks it). Keys typed into a field, or
 * already used by the focused control (the map pans with ←/→), are left alone.
 */
import { useEffect, useRef } from 'react';
import { useT } from '../i18n/useT';
import { currentRoute, href, type Route, useRoute, type View } from '../route';
import { useShownViews } from '../shownViews';
import { useStore } from '../store';

/** what ↑/↓ step through, in the order of the page */
const LIT_TARGETS = 'main svg.map [data-region], main table.data tbody tr, main [role=row][data-row]';
const LIT = 'kbd-lit';

/** the views in the order the key steps through them; the files table is a step of its own */
export function steps(views: readonly View[]): string[] {
  return views.flatMap((v) => (v === 'processes' ? [href(v), href(v, 'files')] : [href(v)]));
}

const routeHref = (r: Route) => href(r.view, r.sub);

const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || t.matches('input, textarea, select, [role=table], [role=row]'));

function open(el: Element): void {
  const target = el.matches('tr') ? (el.querySelector('a[href], button') ?? el) : el;
  if (target instanceof HTMLElement) target.click();
  else target.dispatchEvent(new MouseEvent('click', { bubbles: true }));
}

export function PresentKeys() {
  const { t } = useT();
  const present = useStore((s) => s.present);
  const route = useRoute();
  const here = routeHref(route);
  const lit = useRef(-1);
  const views = useShownViews();

  // a new view starts with nothing highlighted
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of view
  useEffect(() => {
    lit.current = -1;
    for (const e of document.querySelectorAll(`.${LIT}`)) e.classList.remove(LIT);
  }, [here]);

  useEffect(() => {
    if (!present) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) return;
      const order = steps(views);
      // the address, not this render's copy: a second key can come before the view re-renders
      const at = Math.max(0, order.indexOf(routeHref(currentRoute())));
      if (e.key === 'PageDown' || e.key === 'ArrowRight' || e.key === 'PageUp' || e.key === 'ArrowLeft') {
        const d = e.key === 'PageDown' || e.key === 'ArrowRight' ? 1 : -1;
        window.location.hash = order[(at + d + order.length) % order.length] ?? '#/overview';
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        const all = [...document.querySelectorAll(LIT_TARGETS)];
        if (all.length === 0) return;
        for (const x of all) x.classList.remove(LIT);
        lit.current = Math.max(0, Math.min(all.length - 1, lit.current + (e.key === 'ArrowDown' ? 1 : -1)));
        const el = all[lit.current];
        el?.classList.add(LIT);
        el?.scrollIntoView({ block: 'nearest' });
      } else if (e.key === 'Enter') {
        const el = document.querySelector(`main .${LIT}`);
        if (!el) return;
        open(el);
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [present, views]);

  return present ? (
    <p className="present-help muted" data-testid="present-help">
      {t('present.help')}
    </p>
  ) : null;
}
