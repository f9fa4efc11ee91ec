/** What drawing the DRAM bar as a file needs from the page: its words and the unit (the title and date: names.ts `stamp`). */
import { useT } from '../i18n/useT';
import { useStore } from '../store';

export function useBarContext() {
  const { t, tm } = useT();
  const unit = useStore((s) => s.unit);
  return { t, tm, unit };
}

export type BarContext = ReturnType<typeof useBarContext>;
