/**
 * Views reachable by URL: `#/overview`, `#/map`, `#/processes`, `#/processes/files`,
 * `#/checks`, `#/sources?s=<name>&l=<line>`, `#/report` (one printable page), `#/budgets`,
 * `#/compare`, `#/ledger`, `#/kernel` (the kernel's drill-downs). A hash route works from a static folder and
 * from a single HTML file alike.
 */
import { useSyncExternalStore } from 'react';

export type View = 'overview' | 'map' | 'processes' | 'checks' | 'sources' | 'budgets' | 'compare' | 'report' | 'ledger' | 'kernel';
export const VIEWS: View[] = ['overview', 'map', 'processes', 'checks', 'sources', 'budgets', 'compare', 'report', 'ledger', 'kernel'];
/** views listed in the header only when there is something to show (a budget file opened, a "before" kept, a kernel drill-down given) */
export const OPTIONAL_VIEWS: ReadonlySet<View> = new Set(['budgets', 'compare', 'kernel']);

export interface Route {
  view: View;
  sub: string;
  params: URLSearchParams;
}

function parseRoute(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = h.split('?');
  const [v = '', sub = ''] = path.split('/');
  const view = (VIEWS as string[]).includes(v) ? (v as View) : 'overview';
  return { view, sub, params: new URLSearchParams(query) };
}

export function href(view: View, sub = '', params?: Record<string, string | number>): string {
  const q = params ? new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString() : '';
  return `#/${view}${sub ? `/${sub}` : ''}${q ? `?${q}` : ''}`;
}

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

/** the route the address holds now (for handlers that must not act on a render's stale copy) */
export const currentRoute = (): Route => parseRoute(window.location.hash);

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

/** the link to the line of an input a number was read from */
export const sourceHref = (source: string, line: number, to?: number): string =>
  href('sources', '', line > 0 ? { s: source, l: line, ...(to !== undefined && to > line ? { to } : {}) } : { s: source });

/**
 * Writes a view's state (a zoom, a filter) into the address without a history entry and
 * without a `hashchange`: the view already shows it, and a link or a reload finds it there.
 */
export function keepInAddress(hash: string): void {
  if (window.location.hash !== hash) window.history.replaceState(window.history.state, '', hash);
}
