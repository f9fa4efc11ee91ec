/** The reader's language for the page's words (`t`) and the model's (`tm`). */
import { type AnyMsg, render } from '../../core/messages/catalogue';
import { useStore } from '../store';
import { catalogue } from './catalogues';
import { type Key, translate } from './ui';

export function useT() {
  const lang = useStore((s) => s.lang);
  const t = (key: Key) => translate(lang, key);
  /** a message of the model, in the reader's language */
  const tm = (msg: AnyMsg) => {
    const cat = catalogue(lang);
    return cat ? render(msg, cat) : '';
  };
  return { t, tm, lang };
}
