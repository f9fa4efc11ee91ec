/** The reader's language for the page's words (`t`) and the model's (`tm`). */
import { type AnyMsg, render } from '../../core/messages/catalogue';
import { CATALOGUES } from '../../core/messages/index';
import { useStore } from '../store';
import { type Key, translate } from './ui';

export function useT() {
  const lang = useStore((s) => s.lang);
  const t = (key: Key) => translate(lang, key);
  /** a message of the model, in the reader's language */
  const tm = (msg: AnyMsg) => render(msg, CATALOGUES[lang]);
  return { t, tm, lang };
}
