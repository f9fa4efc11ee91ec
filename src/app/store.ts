/**
 * The page's state (Zustand): the model the worker sent, what is in progress, and the
 * reader's settings (kept in localStorage). All parsing happens in the worker.
 */
import { proxy, type Remote, wrap } from 'comlink';
import { create } from 'zustand';
import type { Msg } from '../core/messages/catalogue';
import { ANNOTATION_LIMITS, type Annotations, emptyAnnotations, type Note } from '../core/share/annotations';
import type { SizeUnit } from '../core/units';
import { clipAnnotations, cut, withNote } from './annotations/limits';
import type { HistoryEntry, SaveResult } from './history';
import { loadCatalogues } from './i18n/catalogues';
import { browserLang, type Lang, langReady, loadLang } from './i18n/ui';
import { makeWorker } from './makeWorker';
import type { FileInput, ModelView, OpenResult, Progress, WorkerApi } from './protocol';

export type Unit = SizeUnit;
export type Theme = 'system' | 'light' | 'dark';

interface State {
  model: ModelView | null;
  busy: Progress | null;
  /** why the last action failed (the page says it with `error.stopped`); the model shown stays */
  error: string | Msg | null;
  /** the snapshot's title, notes and labels (carried in links, files and the history), held to ANNOTATION_LIMITS */
  annotations: Annotations;
  setTitle(title: string): void;
  setNotes(notes: string): void;
  /** a label or comment on one target (`regionKey`, `lineKey`, `processKey`); null or empty removes it */
  setNote(key: string, note: Note | null): void;
  /** replaces them all (a snapshot opened) */
  setAnnotations(a: Annotations): void;
  /** opens a link's snapshot (the `snapshot=` payload); false when it was refused */
  openLink(payload: string): Promise<boolean>;
  /** the snapshots kept in this browser, newest first (the start page lists them) */
  history: HistoryEntry[];
  /** why the inputs shown were not kept in the history, null when they were */
  notKept: SaveResult['why'] | null;
  loadHistory(): Promise<void>;
  /** opens a kept snapshot; false when it was refused */
  openHistory(id: string, keepView?: boolean): Promise<boolean>;
  /** removes one kept snapshot, or all without an id */
  forget(id?: string): Promise<void>;
  unit: Unit;
  theme: Theme;
  lang: Lang;
  present: boolean;
  /** bumped when the model changes, so views refetch what they asked the worker */
  version: number;
  addFiles(files: { file: Blob; name: string }[]): Promise<void>;
  addText(name: string, text: string): Promise<void>;
  remove(id: string): Promise<void>;
  clear(): Promise<void>;
  /** forgets the budget file opened beside the snapshot */
  removeBudget(): Promise<void>;
  loadExample(): Promise<void>;
  /** an action that failed before reaching the worker (a drop that could not be read) */
  fail(why: unknown): void;
  set(p: Partial<Pick<State, 'unit' | 'theme' | 'lang' | 'present'>>): void;
}

let remote: Remote<WorkerApi> | null = null;
/** rejects every call in flight: a worker that failed to load or died never answers them */
let workerDied: Promise<never> = new Promise(() => {});
export function worker(): Remote<WorkerApi> {
  if (remote) return remote;
  const w = makeWorker();
  workerDied = new Promise<never>((_, fail) => {
    w.addEventListener('error', (e) => {
      e.preventDefault();
      fail(new Error(e.message || 'the parser worker stopped'));
    });
    w.addEventListener('messageerror', () => fail(new Error('a message from the parser worker could not be read')));
  });
  workerDied.catch(() => {
    // the next action starts a new worker; the model shown stays until then
    remote = null;
    w.terminate();
  });
  remote = wrap<WorkerApi>(w);
  return remote;
}

const why = (e: unknown) => String((e as Error)?.message ?? e);

/** the language the reader chose last, while its words may still be loading */
let langWanted: Lang | null = null;

let seq = 0;
const nextId = () => `in${++seq}`;

const saved = (() => {
  try {
    return JSON.parse(localStorage.getItem('ramledger.settings') ?? '{}') as Partial<State>;
  } catch {
    return {};
  }
})();

/** the history entry of the inputs this tab shows, reopened by a reload */
export const CURRENT = 'ramledger.current';

/** sessionStorage, which a sandboxed or private page may refuse */
export function session(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}
export function sessionSet(key: string, value: string | null): void {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // not kept: the tab forgets it on reload
  }
}

const initialLang = (): Lang => (saved.lang === 'en' || saved.lang === 'zh' ? saved.lang : browserLang());

export const useStore = create<State>((set, get) => {
  // progress comes over its own MessagePort and can arrive after the answer: only the
  // job still running may show it
  let running = 0;
  const progress = (job: number) => (p: Progress) => {
    if (job === running) set({ busy: p });
  };
  const run = async (label: string, job: (id: number) => Promise<ModelView>) => {
    const id = ++running;
    set({ busy: { name: label, phase: 'reading', fraction: 0 }, error: null });
    try {
      // the model's words come with the first model (./i18n/catalogues.ts)
      const [model] = await Promise.race([Promise.all([job(id), loadCatalogues()]), workerDied]);
      if (id === running) running = 0;
      set((s) => ({ model, busy: running ? s.busy : null, version: s.version + 1 }));
      rememberSoon(0);
      if (model.opened) {
        // a snapshot was opened: its notes, and the view its sender was looking at
        get().setAnnotations(model.opened.annotations);
        if (model.opened.view) window.location.hash = `#${model.opened.view}`;
      }
    } catch (e) {
      if (id === running) running = 0;
      // the inputs shown stay: each card keeps its Remove, the page keeps working
      set({ busy: null, error: why(e) });
    }
  };
  /** replaces the inputs with a snapshot (a link's, a kept one's); false when it was refused */
  const open = async (ask: () => Promise<OpenResult>) => {
    let refused: Msg | null = null;
    await run('', async () => {
      const r = await ask();
      if ('problem' in r) {
        refused = r.problem;
        return get().model ?? (await worker().clear());
      }
      return r;
    });
    if (refused) set({ error: refused });
    return refused === null;
  };
  // the inputs shown, with their title, notes and labels, go to the history after each change, once typing pauses
  let keepTimer: ReturnType<typeof setTimeout> | undefined;
  // new inputs go to the history at once (a reload right after a drop must find them);
  // notes being typed, once typing pauses
  const rememberSoon = (wait = 800) => {
    clearTimeout(keepTimer);
    keepTimer = setTimeout(async () => {
      const { annotations, model } = get();
      if (!model?.inputs.length) return;
      try {
        const r = await worker().remember(annotations, window.location.hash.replace(/^#/, '') || '/overview');
        // a reload of this tab reopens it
        if (r.id) sessionSet(CURRENT, r.id);
        set({ notKept: r.kept ? null : (r.why ?? null), history: await worker().history() });
      } catch {
        // the worker stopped: the next change tries again
      }
    }, wait);
  };
  return {
    model: null,
    busy: null,
    error: null,
    annotations: emptyAnnotations(),
    setTitle(title) {
      // one line: the title is shown in the header and the tab
      const one = cut(title.replace(/[\r\n\t]+/g, ' '), ANNOTATION_LIMITS.title);
      set((s) => ({ annotations: { ...s.annotations, title: one } }));
      rememberSoon();
    },
    setNotes(notes) {
      set((s) => ({ annotations: { ...s.annotations, notes: cut(notes, ANNOTATION_LIMITS.notes) } }));
      rememberSoon();
    },
    setNote(key, note) {
      const before = get().annotations.labels;
      const labels = withNote(before, key, note);
      if (labels === before) return;
      set((s) => ({ annotations: { ...s.annotations, labels } }));
      rememberSoon();
    },
    setAnnotations(a) {
      set({ annotations: clipAnnotations(a) });
      rememberSoon();
    },
    openLink: (payload) => open(() => worker().openLink(payload)),
    history: [],
    notKept: null,
    async loadHistory() {
      try {
        set({ history: await worker().history() });
      } catch {
        // no worker, no history: the start page shows none
      }
    },
    async openHistory(id, keepView) {
      const ok = await open(() => worker().openHistory(id, keepView));
      if (ok) sessionSet(CURRENT, id);
      return ok;
    },
    async forget(id) {
      try {
        set({ history: await worker().forget(id) });
      } catch {
        // as above
      }
    },
    unit: saved.unit === 'MiB' ? 'MiB' : 'KiB',
    theme: saved.theme === 'light' || saved.theme === 'dark' ? saved.theme : 'system',
    lang: initialLang(),
    // presentation mode lasts for the tab (a reload keeps it), not for every later visit
    present: session('ramledger.present') === '1',
    version: 0,
    async addFiles(files) {
      if (files.length === 0) return;
      // a dropped folder is one input: `proc/ (812 files)`
      const root = (n: string) => (n.includes('/') ? n.slice(0, n.indexOf('/')) : null);
      const first = root(files[0]?.name ?? '');
      const folder = files.length > 1 && first !== null && files.every((f) => root(f.name) === first);
      const groupId = nextId();
      const list: FileInput[] = files.map((f) =>
        folder
          ? { id: groupId, file: f.file, name: f.name, group: `${first}/ (${files.length} files)` }
          : { id: nextId(), file: f.file, name: f.name },
      );
      await run(files[0]?.name ?? '', (id) => worker().addFiles(list, proxy(progress(id))) as Promise<ModelView>);
    },
    async addText(name, text) {
      await run(name, () => worker().addText(nextId(), name, text) as Promise<ModelView>);
    },
    async remove(id) {
      await run('', () => worker().remove(id) as Promise<ModelView>);
    },
    async clear() {
      set({ annotations: emptyAnnotations() });
      sessionSet(CURRENT, null);
      await run('', () => worker().clear() as Promise<ModelView>);
    },
    async removeBudget() {
      await run('', () => worker().removeBudget() as Promise<ModelView>);
    },
    async loadExample() {
      let files: { file: Blob; name: string }[];
      try {
        const { SEED_FILES } = await import('./seed');
        files = SEED_FILES.map((f) => ({ file: new Blob([f.text], { type: 'text/plain' }), name: f.name }));
      } catch (e) {
        get().fail(e);
        return;
      }
      await get().addFiles(files);
    },
    fail(e) {
      set({ busy: null, error: why(e) });
    },
    set(p) {
      // the words of a language arrive before the page switches to it; a language chosen
      // while they are on their way wins over them, and a failed load is said
      if (p.lang) langWanted = p.lang;
      if (p.lang && !langReady(p.lang)) {
        const lang = p.lang;
        loadLang(lang).then(
          () => {
            if (langWanted === lang) get().set(p);
          },
          (e) => {
            if (langWanted === lang) get().fail(e);
          },
        );
        return;
      }
      set(p);
      if (p.present !== undefined) sessionSet('ramledger.present', p.present ? '1' : '0');
      const { unit, theme, lang } = get();
      try {
        localStorage.setItem('ramledger.settings', JSON.stringify({ unit, theme, lang }));
      } catch {
        // private mode: settings last for this visit only
      }
    },
  };
});
