/**
 * The header: the views (once something is loaded) and the reader's settings; under it,
 * on every view, the snapshot's title and notes (they scroll away with the page, the
 * header stays).
 */
import { lazy, Suspense } from 'react';
import { SnapshotHead, useDocumentTitle } from './annotations/SnapshotHead';
import type { Key } from './i18n/ui';
import { useT } from './i18n/useT';
import { href, type View } from './route';
import { ShareMenu } from './ShareMenu';
import { useShownViews } from './shownViews';
import { type Theme, useStore } from './store';

// the Compare dialog and its sources load after the first paint
const CompareMenu = lazy(() => import('./compare/CompareMenu').then((m) => ({ default: m.CompareMenu })));

const THEMES: Theme[] = ['system', 'light', 'dark'];
const THEME_ICON: Record<Theme, string> = { system: '◐', light: '☀', dark: '☾' };

export function Header({ current }: { current: View }) {
  const { t } = useT();
  const s = useStore();
  useDocumentTitle();
  const loaded = s.model !== null && s.model.inputs.length > 0;
  const shown = useShownViews();
  return (
    <>
      <header className="top">
        <h1>
          {t('title')} <span>— {t('tagline')}</span>
        </h1>
        {loaded && (
          <nav className="views" aria-label={t('nav.views')}>
            {shown.map((v) => (
              <a key={v} href={href(v)} aria-current={v === current ? 'page' : undefined}>
                {t(`nav.${v}` satisfies Key)}
              </a>
            ))}
          </nav>
        )}
        <div className="settings">
          {loaded && <ShareMenu />}
          {loaded && (
            <Suspense fallback={null}>
              <CompareMenu />
            </Suspense>
          )}
          <fieldset className="seg" aria-label={t('settings.unit')} style={{ padding: 0, margin: 0 }}>
            {(['KiB', 'MiB'] as const).map((u) => (
              <button key={u} type="button" aria-pressed={s.unit === u} onClick={() => s.set({ unit: u })}>
                {u}
              </button>
            ))}
          </fieldset>
          <label>
            <span className="visually-hidden">{t('settings.theme')}</span>
            <select
              value={s.theme}
              onChange={(e) => s.set({ theme: THEMES.find((x) => x === e.target.value) ?? 'system' })}
              aria-label={t('settings.theme')}
            >
              {THEMES.map((th) => (
                <option key={th} value={th}>
                  {THEME_ICON[th]} {t(`settings.${th}` satisfies Key)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" aria-pressed={s.present} onClick={() => s.set({ present: !s.present })}>
            {t('settings.present')}
          </button>
          <label>
            <span className="visually-hidden">{t('settings.lang')}</span>
            <select value={s.lang} onChange={(e) => s.set({ lang: e.target.value === 'zh' ? 'zh' : 'en' })} aria-label={t('settings.lang')}>
              <option value="en">English</option>
              <option value="zh">简体中文</option>
            </select>
          </label>
        </div>
      </header>
      {loaded && <SnapshotHead />}
    </>
  );
}
