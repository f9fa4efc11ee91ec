/**
 * The kernel view: the drill-downs behind the big buckets of the ledger, one panel per
 * kernel file given (./panels.ts), each in a section of its own with its heading.
 */
import type { ComponentType } from 'react';
import { useT } from '../../i18n/useT';
import { useStore } from '../../store';
import FragmentationPanel from './FragmentationPanel';
import IomemPanel from './IomemPanel';
import { KERNEL_PANELS, type KernelPanelId } from './panels';
import SlabPanel from './SlabPanel';
import VmallocPanel from './VmallocPanel';
import ZonesPanel from './ZonesPanel';

/** each drill-down adds its component */
const COMPONENTS: Partial<Record<KernelPanelId, ComponentType>> = {
  iomem: IomemPanel,
  slab: SlabPanel,
  vmalloc: VmallocPanel,
  zones: ZonesPanel,
  fragmentation: FragmentationPanel,
};

export default function Kernel() {
  const { t } = useT();
  const model = useStore((s) => s.model);
  if (!model) return null;
  const shown = KERNEL_PANELS.filter((p) => p.has(model));
  return (
    <section aria-labelledby="kernel-title" className="kernel-view">
      <h2 id="kernel-title">{t('nav.kernel')}</h2>
      {shown.length === 0 && <p className="muted">{t('kernel.none')}</p>}
      {shown.map((p) => {
        const Panel = COMPONENTS[p.id];
        return Panel ? <Panel key={p.id} /> : null;
      })}
    </section>
  );
}
