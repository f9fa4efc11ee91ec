/**
 * The page's side of a comparison: whether a "before" is kept in the worker (the header
 * shows the Compare view only then) and what it is called. The comparison itself is asked
 * of the worker by the view, again whenever the inputs shown change.
 */
import { create } from 'zustand';
import { worker } from '../store';
import type { BeforeSource, CompareResult } from './protocol';

interface CompareState {
  /** a "before" is kept in the worker */
  active: boolean;
  /** bumped when the before changes, so the view asks for the comparison again */
  version: number;
  setBefore(src: BeforeSource): Promise<CompareResult>;
  clear(): Promise<void>;
}

export const useCompare = create<CompareState>((set, get) => ({
  active: false,
  version: 0,
  async setBefore(src) {
    const r = await worker().compareWith(src);
    if ('ok' in r) set({ active: true, version: get().version + 1 });
    return r;
  },
  async clear() {
    await worker().clearCompare();
    set({ active: false, version: get().version + 1 });
  },
}));
