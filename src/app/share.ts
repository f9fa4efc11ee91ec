/**
 * Sharing from the page: the link (the snapshot in the fragment, beside the view), the
 * snapshot file, and opening a link the page was started with. The worker holds the
 * inputs and does the packing; this side composes addresses and saves files.
 */
import { payloadOf } from '../core/share/address';
import type { ShareResult } from './protocol';
import { CURRENT, session, sessionSet, useStore, worker } from './store';

/** the view as the address has it, without a snapshot: `/processes?p=3` */
export function currentView(hash = window.location.hash): string {
  const h = hash.replace(/^#/, '') || '/overview';
  const [path = '', query = ''] = h.split('?');
  const params = query.split('&').filter((p) => p && !p.startsWith('snapshot='));
  return params.length ? `${path}?${params.join('&')}` : path;
}

/** the page's address with the snapshot and the view in its fragment */
export function addressFor(payload: string, view = currentView()): string {
  const base = window.location.href.split('#')[0] ?? '';
  return `${base}#${view}${view.includes('?') ? '&' : '?'}snapshot=${payload}`;
}

export async function makeLink(): Promise<ShareResult & { url: string }> {
  const r = await worker().share(useStore.getState().annotations, currentView());
  return { ...r, url: addressFor(r.payload) };
}

/** the title as a file name's stem: letters, digits and dashes */
export function titleStem(title: string): string {
  const stem = title
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return stem || 'snapshot';
}

/** a file name from the title: letters, digits and dashes */
export function fileName(title: string): string {
  return `${titleStem(title)}.ramledger.json`;
}

export async function saveSnapshotFile(): Promise<void> {
  const { annotations } = useStore.getState();
  const blob = await worker().snapshotFile(annotations, currentView());
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fileName(annotations.title);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** opens the snapshot of the address the page was started with; the address keeps the view */
export function openFromAddress(): void {
  const payload = payloadOf(window.location.hash);
  if (payload === null) return;
  sessionSet(CURRENT, null);
  // the snapshot is in the model now (and in the history): the address need not carry it
  window.history.replaceState(null, '', `#${currentView()}`);
  void useStore.getState().openLink(payload);
}

/** the page was reloaded, or reached with Back or Forward (not opened anew by its address) */
function reloaded(): boolean {
  const nav = performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined;
  return nav?.type === 'reload' || nav?.type === 'back_forward';
}

/**
 * A reload shows what the tab showed: the snapshot kept for it in the history, in the
 * view the address holds. A new tab, or the address typed again, starts empty, with the
 * history listed.
 */
let reopened = false;
export function reopenAfterReload(): void {
  if (reopened) return;
  reopened = true;
  const id = session(CURRENT);
  if (id === null || !reloaded() || payloadOf(window.location.hash) !== null || new URLSearchParams(window.location.search).has('example'))
    return;
  void useStore
    .getState()
    .openHistory(id, true)
    .then((ok) => {
      if (!ok) {
        // removed meanwhile (another tab's Remove all): the start page, without an error
        sessionSet(CURRENT, null);
        useStore.setState({ error: null });
      }
    });
}
