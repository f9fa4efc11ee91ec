/** The words for a region's evidence: apart from physical(), so a view that shows them does not load the computation. */
import { type Msg, m } from '../../messages/catalogue';
import type { Evidence } from './types';

/** the words for how a memblock.reserved group was named */
export function evidenceRule(e: Evidence | undefined): Msg {
  switch (e?.rule) {
    case 'covers':
      return m('evidence.covers', e);
    case 'note':
      return m('evidence.note');
    case 'kernel-image':
      return m('evidence.kernel-image', e);
    case 'memmap':
      return m('evidence.memmap', e);
    default:
      return m('evidence.none');
  }
}
