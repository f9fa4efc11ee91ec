/**
 * The page: the header, the inputs beside every view, a drop target covering the whole
 * page and paste anywhere. Heavy views load on demand.
 */
import { lazy, Suspense, useEffect } from 'react';
import { BudgetChip } from './budget/BudgetChip';
import { Header } from './Header';
import type { Key } from './i18n/ui';
import { useT } from './i18n/useT';
import { InputList } from './inputs/InputList';
import { usePageDrop, usePagePaste } from './inputs/pageInputs';
import { useRoute } from './route';
import { SharedBanner } from './SharedBanner';
import { openFromAddress, reopenAfterReload } from './share';
import { useStore } from './store';
import { Overview } from './views/overview/Overview';
import { StartPage } from './views/StartPage';

const AddressMap = lazy(() => import('./views/AddressMap'));
const Processes = lazy(() => import('./views/Processes'));
const Checks = lazy(() => import('./views/Checks'));
const Sources = lazy(() => import('./views/Sources'));
// the keys of presentation mode load with it
const PresentKeys = lazy(() => import('./present/PresentKeys').then((m) => ({ default: m.PresentKeys })));
const Report = lazy(() => import('./views/Report'));
const CompareView = lazy(() => import('./compare/CompareView'));
const Budgets = lazy(() => import('./views/Budgets'));
const Ledger = lazy(() => import('./views/ledger/Ledger'));
const Kernel = lazy(() => import('./views/kernel/Kernel'));

export function App() {
  const { t, tm } = useT();
  const route = useRoute();
  const model = useStore((s) => s.model);
  const busy = useStore((s) => s.busy);
  const error = useStore((s) => s.error);
  const theme = useStore((s) => s.theme);
  const present = useStore((s) => s.present);
  const lang = useStore((s) => s.lang);
  const dragging = usePageDrop();
  usePagePaste();

  // "system" follows prefers-color-scheme, live; the CSS knows only light and dark
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      document.documentElement.dataset.theme = theme === 'system' ? (media.matches ? 'dark' : 'light') : theme;
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);

  useEffect(() => {
    document.documentElement.dataset.present = String(present);
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [present, lang]);

  // a link's snapshot opens once, then the address keeps only the view
  useEffect(() => {
    reopenAfterReload();
    openFromAddress();
    // a link pasted into the address bar of the open page changes only the fragment
    window.addEventListener('hashchange', openFromAddress);
    return () => window.removeEventListener('hashchange', openFromAddress);
  }, []);

  const empty = !model || model.inputs.length === 0;
  return (
    <>
      <Header current={route.view} />
      {empty ? (
        <>
          {/* a budget opened before any dump: said here, held against the dumps that follow */}
          {model?.budget && (
            <div className="budget-start">
              <BudgetChip />
            </div>
          )}
          <StartPage />
        </>
      ) : (
        <div className="layout">
          <InputList />
          <main className="view" id="main">
            {error && (
              <p className="alert" role="alert">
                {typeof error === 'string' ? `${t('error.stopped')} ${error}` : `${t('share.refused')} ${tm(error)}`}
              </p>
            )}
            {model.shared && <SharedBanner shared={model.shared} />}
            <Suspense fallback={<p className="muted">…</p>}>
              {route.view === 'overview' && <Overview />}
              {route.view === 'map' && <AddressMap />}
              {route.view === 'processes' && <Processes />}
              {route.view === 'checks' && <Checks />}
              {route.view === 'sources' && <Sources />}
              {route.view === 'report' && <Report />}
              {route.view === 'compare' && <CompareView />}
              {route.view === 'budgets' && <Budgets />}
              {route.view === 'ledger' && <Ledger />}
              {route.view === 'kernel' && <Kernel />}
            </Suspense>
            {present && (
              <Suspense fallback={null}>
                <PresentKeys />
              </Suspense>
            )}
          </main>
        </div>
      )}
      {empty && error && (
        <p className="alert" role="alert">
          {typeof error === 'string' ? `${t('error.stopped')} ${error}` : `${t('share.refused')} ${tm(error)}`}
        </p>
      )}
      {busy && (
        <div className="progress" role="status" aria-live="polite" data-testid="progress">
          {t(`progress.${busy.phase}` satisfies Key)} {busy.name} — {Math.round(busy.fraction * 100)} %
          <progress max={1} value={busy.fraction} aria-label={t(`progress.${busy.phase}` satisfies Key)} />
        </div>
      )}
      {dragging && (
        <div className="dropzone-overlay" aria-hidden="true">
          {t('start.drop')}
        </div>
      )}
    </>
  );
}
