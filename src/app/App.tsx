/**
 * The page: header with the views and settings, the inputs beside every view, a drop
 * target covering the whole page and paste anywhere. Heavy views load on demand.
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { fmtBytes, fmtInt } from './format';
import { type Key, useT } from './i18n';
import { href, useRoute, VIEWS, type View } from './route';
import { useStore } from './store';
import { Overview } from './views/Overview';
import { StartPage } from './views/StartPage';

const AddressMap = lazy(() => import('./views/AddressMap'));
const Processes = lazy(() => import('./views/Processes'));
const Checks = lazy(() => import('./views/Checks'));
const Sources = lazy(() => import('./views/Sources'));

/** files from a drop, folders walked (webkitGetAsEntry), each named by its path */
async function droppedFiles(dt: DataTransfer): Promise<{ file: File; name: string }[]> {
  const entries = [...dt.items].map((i) => (i.kind === 'file' ? i.webkitGetAsEntry?.() : null));
  if (entries.some((e) => e?.isDirectory)) {
    const out: { file: File; name: string }[] = [];
    const walk = async (e: FileSystemEntry): Promise<void> => {
      if (e.isFile) {
        const f = await new Promise<File>((ok, bad) => (e as FileSystemFileEntry).file(ok, bad));
        out.push({ file: f, name: e.fullPath.replace(/^\//, '') });
      } else if (e.isDirectory) {
        const reader = (e as FileSystemDirectoryEntry).createReader();
        for (;;) {
          const batch = await new Promise<FileSystemEntry[]>((ok, bad) => reader.readEntries(ok, bad));
          if (batch.length === 0) break;
          for (const c of batch) await walk(c);
        }
      }
    };
    for (const e of entries) if (e) await walk(e);
    return out;
  }
  return [...dt.files].map((f) => ({ file: f, name: f.name }));
}

export function App() {
  const { t } = useT();
  const route = useRoute();
  const model = useStore((s) => s.model);
  const busy = useStore((s) => s.busy);
  const error = useStore((s) => s.error);
  const theme = useStore((s) => s.theme);
  const present = useStore((s) => s.present);
  const lang = useStore((s) => s.lang);
  const addFiles = useStore((s) => s.addFiles);
  const addText = useStore((s) => s.addText);
  const [dragging, setDragging] = useState(false);
  const pasteCount = useRef(0);

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

  // paste anywhere (not into a text field)
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT')) return;
      const files = [...(e.clipboardData?.files ?? [])];
      if (files.length > 0) {
        e.preventDefault();
        void addFiles(files.map((f) => ({ file: f, name: f.name })));
        return;
      }
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (text.trim()) {
        e.preventDefault();
        pasteCount.current++;
        void addText(`pasted text ${pasteCount.current}`, text);
      }
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [addFiles, addText]);

  // one drop target covering the page
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      void droppedFiles(e.dataTransfer).then((files) => addFiles(files));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [addFiles]);

  const empty = !model || model.inputs.length === 0;
  return (
    <>
      <Header current={route.view} />
      {empty ? (
        <StartPage />
      ) : (
        <div className="layout">
          <Inputs />
          <main className="view" id="main">
            {error && (
              <p className="alert" role="alert">
                {error}
              </p>
            )}
            <Suspense fallback={<p className="muted">…</p>}>
              {route.view === 'overview' && <Overview />}
              {route.view === 'map' && <AddressMap />}
              {route.view === 'processes' && <Processes />}
              {route.view === 'checks' && <Checks />}
              {route.view === 'sources' && <Sources />}
            </Suspense>
          </main>
        </div>
      )}
      {empty && error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {busy && (
        <div className="progress" role="status" aria-live="polite" data-testid="progress">
          {t(`progress.${busy.phase}` as Key)} {busy.name} — {Math.round(busy.fraction * 100)} %
          <progress max={1} value={busy.fraction} aria-label={t(`progress.${busy.phase}` as Key)} />
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

function Header({ current }: { current: View }) {
  const { t } = useT();
  const s = useStore();
  const model = s.model;
  return (
    <header className="top">
      <h1>
        {t('title')} <span>— {t('tagline')}</span>
      </h1>
      {model && model.inputs.length > 0 && (
        <nav className="views" aria-label="views">
          {VIEWS.map((v) => (
            <a key={v} href={href(v)} aria-current={v === current ? 'page' : undefined}>
              {t(`nav.${v}` as Key)}
            </a>
          ))}
        </nav>
      )}
      <div className="settings">
        <fieldset className="seg" aria-label={t('settings.unit')} style={{ padding: 0, margin: 0 }}>
          {(['KiB', 'MiB'] as const).map((u) => (
            <button key={u} type="button" aria-pressed={s.unit === u} onClick={() => s.set({ unit: u })}>
              {u}
            </button>
          ))}
        </fieldset>
        <label>
          <span className="visually-hidden">{t('settings.theme')}</span>
          <select value={s.theme} onChange={(e) => s.set({ theme: e.target.value as 'system' })} aria-label={t('settings.theme')}>
            <option value="system">◐ {t('settings.system')}</option>
            <option value="light">☀ {t('settings.light')}</option>
            <option value="dark">☾ {t('settings.dark')}</option>
          </select>
        </label>
        <button type="button" aria-pressed={s.present} onClick={() => s.set({ present: !s.present })}>
          {t('settings.present')}
        </button>
        <label>
          <span className="visually-hidden">{t('settings.lang')}</span>
          <select value={s.lang} onChange={(e) => s.set({ lang: e.target.value as 'en' })} aria-label={t('settings.lang')}>
            <option value="en">English</option>
            <option value="zh">简体中文</option>
          </select>
        </label>
      </div>
    </header>
  );
}

export function AddButtons({ big = false }: { big?: boolean }) {
  const { t } = useT();
  const addFiles = useStore((s) => s.addFiles);
  const addText = useStore((s) => s.addText);
  const loadExample = useStore((s) => s.loadExample);
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const pick = (e: React.ChangeEvent<HTMLInputElement>) => {
    const list = [...(e.target.files ?? [])].map((f) => ({ file: f, name: f.webkitRelativePath || f.name }));
    e.target.value = '';
    void addFiles(list);
  };
  return (
    <div className="buttons">
      <button type="button" className={big ? 'primary' : ''} onClick={() => files.current?.click()}>
        {t('btn.openFiles')}
      </button>
      <button type="button" onClick={() => folder.current?.click()}>
        {t('btn.openFolder')}
      </button>
      <button type="button" onClick={() => dialog.current?.showModal()}>
        {t('btn.paste')}
      </button>
      <button type="button" onClick={() => void loadExample()}>
        {t('btn.example')}
      </button>
      <input ref={files} type="file" multiple hidden onChange={pick} data-testid="file-input" aria-label={t('btn.openFiles')} />
      <input
        ref={folder}
        type="file"
        hidden
        onChange={pick}
        data-testid="folder-input"
        aria-label={t('btn.openFolder')}
        {...{ webkitdirectory: '' }}
      />
      <dialog ref={dialog} aria-label={t('paste.title')}>
        <form
          method="dialog"
          onSubmit={() => {
            if (text.trim()) void addText('pasted text', text);
            setText('');
          }}
        >
          <h2 style={{ marginTop: 0, fontSize: '1.1rem' }}>{t('paste.title')}</h2>
          <textarea value={text} onChange={(e) => setText(e.target.value)} aria-label={t('paste.title')} />
          <p className="muted small">{t('paste.hint')}</p>
          <div className="buttons">
            <button type="submit" className="primary">
              {t('btn.add')}
            </button>
            <button type="button" onClick={() => dialog.current?.close()}>
              {t('btn.cancel')}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}

function Inputs() {
  const { t } = useT();
  const model = useStore((s) => s.model);
  const remove = useStore((s) => s.remove);
  const clear = useStore((s) => s.clear);
  return (
    <aside className="inputs" aria-label={t('inputs.title')}>
      <h2>{t('inputs.title')}</h2>
      <AddButtons />
      <ul data-testid="inputs">
        {model?.inputs.map((i) => (
          <li key={i.id} className={i.errors > 0 ? 'has-error' : ''} data-input={i.name}>
            <div className="name" title={i.name}>
              {i.name}
            </div>
            <div>
              {i.formats.length > 0 ? (
                i.formats.map((f) => (
                  <span key={f} className="badge">
                    {f}
                  </span>
                ))
              ) : (
                <span className="badge bad">{t('inputs.none')}</span>
              )}
            </div>
            <div className="muted small">
              {fmtInt(i.lines)} {t('inputs.lines')} · {fmtBytes(i.bytes)} ·{' '}
              <a href={href('sources', '', { s: i.sources[0] ?? i.name })} data-testid="diag-count">
                {fmtInt(i.diagnostics)} {t('inputs.diagnostics')}
              </a>
            </div>
            {i.firstError && (
              <div className="small" style={{ color: 'var(--bad)' }} role="note">
                {i.firstError}
              </div>
            )}
            <button type="button" className="small" onClick={() => void remove(i.id)} aria-label={`${t('btn.remove')} ${i.name}`}>
              {t('btn.remove')}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => void clear()}>
        {t('btn.clear')}
      </button>
    </aside>
  );
}
