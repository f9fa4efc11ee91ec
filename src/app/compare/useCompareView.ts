/** The comparison of the inputs shown with the kept "before", asked of the worker again when either side changes. */
import { useEffect, useState } from 'react';
import { useStore, worker } from '../store';
import type { CompareView } from './protocol';
import { useCompare } from './state';

/** the comparison while a "before" is kept, asked again when either side changes; else null */
export function useCompareView(): CompareView | null {
  const version = useStore((s) => s.version);
  const { active, version: cv } = useCompare();
  const [view, setView] = useState<CompareView | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: asked again when the inputs shown (version) or the before (cv) change
  useEffect(() => {
    if (!active) return setView(null);
    let live = true;
    worker()
      .diff()
      .then((v) => live && setView(v));
    return () => {
      live = false;
    };
  }, [active, version, cv]);
  return active ? view : null;
}
