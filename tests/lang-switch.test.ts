// The Chinese words load when first asked for (src/app/i18n/ui.ts loadLang); the store
// switches language only once they are there. A reader who picks 中文 and then English
// before the words arrive must end in English: the late arrival must not switch back.
import { expect, it } from 'vitest';
import { langReady, loadLang } from '../src/app/i18n/ui';
import { useStore } from '../src/app/store';

it('the last language chosen wins when the Chinese words arrive after it', async () => {
  useStore.getState().set({ lang: 'en' });
  expect(langReady('zh')).toBe(false);
  useStore.getState().set({ lang: 'zh' });
  useStore.getState().set({ lang: 'en' });
  await loadLang('zh');
  await new Promise((r) => setTimeout(r, 0));
  expect(useStore.getState().lang).toBe('en');
  // and choosing it again now switches at once
  useStore.getState().set({ lang: 'zh' });
  expect(useStore.getState().lang).toBe('zh');
});
