/**
 * The views the header lists and presentation mode steps through: every view, and the
 * optional ones only when they have something to show (a budget file opened, a "before"
 * kept, a kernel drill-down given).
 */
import { useCompare } from './compare/state';
import { OPTIONAL_VIEWS, VIEWS, type View } from './route';
import { useStore } from './store';
import { hasKernelPanels } from './views/kernel/panels';

export function useShownViews(): View[] {
  const model = useStore((s) => s.model);
  const comparing = useCompare((c) => c.active);
  return VIEWS.filter(
    (v) =>
      !OPTIONAL_VIEWS.has(v) ||
      (v === 'budgets' && model?.budget !== undefined) ||
      (v === 'compare' && comparing) ||
      (v === 'kernel' && hasKernelPanels(model)),
  );
}
