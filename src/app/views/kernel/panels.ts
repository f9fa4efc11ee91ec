/**
 * The kernel's drill-downs behind the big buckets (#/kernel): slab caches, vmalloc
 * callers, zones, free-block fragmentation and iomem. One entry per panel, shown when its
 * input was given; the header lists the view only when some panel has something to show.
 * The panels' components live with the view (./Kernel.tsx), loaded only when it opens.
 */
import type { ModelView } from '../../protocol';

export type KernelPanelId = 'slab' | 'vmalloc' | 'zones' | 'fragmentation' | 'iomem';

export interface KernelPanel {
  id: KernelPanelId;
  /** the model has this panel's input */
  has: (m: ModelView) => boolean;
}

/** in the order the view shows them; each drill-down adds its entry */
export const KERNEL_PANELS: readonly KernelPanel[] = [
  { id: 'slab', has: (m) => m.slab !== undefined },
  { id: 'vmalloc', has: (m) => m.vmalloc !== undefined },
  { id: 'zones', has: (m) => m.zones !== undefined },
  { id: 'fragmentation', has: (m) => m.buddy !== undefined },
  { id: 'iomem', has: (m) => m.iomem !== undefined },
];

export const hasKernelPanels = (m: ModelView | null): boolean => m !== null && KERNEL_PANELS.some((p) => p.has(m));
