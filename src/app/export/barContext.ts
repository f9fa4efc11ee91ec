/** What drawing the DRAM bar as a file needs from the page: its words, the unit, the title. */
import { useT } from '../i18n/useT';
import { useStore } from '../store';

export function useBarContext() {
  const { t, tm } = useT();
  const unit = useStore((s) => s.unit);
  const title = useStore((s) => s.annotations.title);
  return { t, tm, unit, title };
}

export type BarContext = ReturnType<typeof useBarContext>;
