/**
 * The kernel view: the drill-downs behind the big buckets of the ledger, one panel per
 * kernel file given (./panels.ts), each in a section of its own with its heading.
 */
import { type ComponentType, useEffect } from 'react';
import { useT } from '../../i18n/useT';
import { useRoute } from '../../route';
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
  const wanted = useRoute().params.get('p');
  const shown = model ? KERNEL_PANELS.filter((p) => p.has(model)) : [];
  // `#/kernel?p=slab` (the Overview's drill-down links) opens at that panel
  useEffect(() => {
    if (wanted && shown.some((p) => p.id === wanted))
      document.querySelector(`[data-panel="${wanted}"]`)?.scrollIntoView({ block: 'start' });
  }, [wanted, shown]);
  if (!model) return null;
  return (
    <section aria-labelledby="kernel-title" className="kernel-view">
      <h2 id="kernel-title">{t('nav.kernel')}</h2>
      {shown.length === 0 && <p className="muted">{t('kernel.none')}</p>}
      {shown.map((p) => {
        const Panel = COMPONENTS[p.id];
        return Panel ? (
          <div key={p.id} data-panel={p.id}>
            <Panel />
          </div>
        ) : null;
      })}
    </section>
  );
}
