/**
 * The page's state (Zustand): the model the worker sent, what is in progress, and the
 * reader's settings (kept in localStorage). All parsing happens in the worker.
 */
import { proxy, type Remote, wrap } from 'comlink';
import { create } from 'zustand';
import type { Msg } from '../core/messages/catalogue';
import { type Annotations, emptyAnnotations } from '../core/share/annotations';
import type { SizeUnit } from '../core/units';
import { loadCatalogues } from './i18n/catalogues';
import { browserLang, type Lang } from './i18n/ui';
import { makeWorker } from './makeWorker';
import type { FileInput, ModelView, Progress, WorkerApi } from './protocol';

export type Unit = SizeUnit;
export type Theme = 'system' | 'light' | 'dark';

interface State {
  model: ModelView | null;
  busy: Progress | null;
  /** why the last action failed (the page says it with `error.stopped`); the model shown stays */
  error: string | Msg | null;
  /** the snapshot's title, notes and labels (carried in links, files and the history) */
  annotations: Annotations;
  setAnnotations(a: Annotations): void;
  /** opens a link's snapshot (the `snapshot=` payload); false when it was refused */
  openLink(payload: string): Promise<boolean>;
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

let seq = 0;
const nextId = () => `in${++seq}`;

const saved = (() => {
  try {
    return JSON.parse(localStorage.getItem('ramledger.settings') ?? '{}') as Partial<State>;
  } catch {
    return {};
  }
})();

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
      if (model.opened) {
        // a snapshot was opened: its notes, and the view its sender was looking at
        set({ annotations: model.opened.annotations });
        if (model.opened.view) window.location.hash = `#${model.opened.view}`;
      }
    } catch (e) {
      if (id === running) running = 0;
      // the inputs shown stay: each card keeps its Remove, the page keeps working
      set({ busy: null, error: why(e) });
    }
  };
  return {
    model: null,
    busy: null,
    error: null,
    annotations: emptyAnnotations(),
    setAnnotations(a) {
      set({ annotations: a });
    },
    async openLink(payload) {
      let refused: Msg | null = null;
      await run('', async () => {
        const r = await worker().openLink(payload);
        if ('problem' in r) {
          refused = r.problem;
          return get().model ?? (await worker().clear());
        }
        return r;
      });
      if (refused) set({ error: refused });
      return refused === null;
    },
    unit: saved.unit === 'MiB' ? 'MiB' : 'KiB',
    theme: saved.theme === 'light' || saved.theme === 'dark' ? saved.theme : 'system',
    lang: initialLang(),
    present: false,
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
      await run('', () => worker().clear() as Promise<ModelView>);
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
      set(p);
      const { unit, theme, lang } = get();
      try {
        localStorage.setItem('ramledger.settings', JSON.stringify({ unit, theme, lang }));
      } catch {
        // private mode: settings last for this visit only
      }
    },
  };
});
