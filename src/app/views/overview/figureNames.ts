/** The headline figures' names, on the Overview and in the report. */
import type { Figure } from '../../../core/viewmodel/overview';
import type { Key } from '../../i18n/ui';

export const FIGURE_NAME: Record<Figure['id'], Key> = {
  dram: 'ov.dram',
  memtotal: 'ov.memtotal',
  used: 'ov.used',
  free: 'ov.free',
  unaccounted: 'ov.unaccounted',
};
