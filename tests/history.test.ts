// The snapshot history (src/app/history.ts) on fake-indexeddb, and its list on the start
// page (src/app/views/HistoryList.tsx) rendered to markup.
import 'fake-indexeddb/auto';
import { createStore, keys, set, type UseStore } from 'idb-keyval';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  clearSnapshots,
  entriesToKeep,
  HISTORY_LIMITS,
  type HistoryEntry,
  historyStore,
  listSnapshots,
  loadSnapshot,
  removeSnapshot,
  saveSnapshot,
  utf8Length,
} from '../src/app/history';
import { loadLang } from '../src/app/i18n/ui';
import { useStore } from '../src/app/store';
import { HistoryList } from '../src/app/views/HistoryList';
import { parseText } from '../src/core/formats/detect';
import { readSnapshotFile } from '../src/core/share/file';
import { inlineDoc } from '../src/core/share/link';
import { makeDoc } from '../src/core/share/make';

let dbs = 0;
/** a history on a database of its own, with small limits so tests stay small */
function fresh(limits: Partial<typeof HISTORY_LIMITS> = {}) {
  const store = createStore(`test-${++dbs}`, 'history');
  return { store, h: historyStore(store, { ...HISTORY_LIMITS, ...limits }) };
}

const entry = (id: string, more: Partial<HistoryEntry> = {}) => ({
  id,
  title: `snapshot ${id}`,
  created: '2025-03-04T12:00:00.000Z',
  inputs: 2,
  processes: 40,
  reduced: false,
  ...more,
});
const ids = (list: HistoryEntry[]) => list.map((e) => e.id);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('snapshot history', () => {
  it('saves, lists newest first, loads, removes and clears', async () => {
    const { h } = fresh();
    expect(await h.list()).toEqual([]);
    expect(await h.save(entry('a'), '{"a":1}')).toEqual({ kept: true });
    expect(await h.save(entry('b', { reduced: true }), '{"b":2}')).toEqual({ kept: true });
    const list = await h.list();
    expect(ids(list)).toEqual(['b', 'a']);
    expect(list[0]).toMatchObject({ title: 'snapshot b', bytes: 7, inputs: 2, processes: 40, reduced: true });
    expect(list[0]?.savedAt).toBeGreaterThan(list[1]?.savedAt ?? Number.POSITIVE_INFINITY);
    expect(await h.load('a')).toBe('{"a":1}');
    expect(await h.load('nothing')).toBeUndefined();
    await h.remove('a');
    expect(ids(await h.list())).toEqual(['b']);
    expect(await h.load('a')).toBeUndefined();
    await h.remove('not there');
    await h.clear();
    expect(await h.list()).toEqual([]);
    expect(await h.load('b')).toBeUndefined();
  });

  it('the page API does the same on its own store', async () => {
    expect(await saveSnapshot(entry('p'), 'doc')).toEqual({ kept: true });
    expect(ids(await listSnapshots())).toEqual(['p']);
    expect(await loadSnapshot('p')).toBe('doc');
    await removeSnapshot('p');
    expect(await listSnapshots()).toEqual([]);
    await saveSnapshot(entry('q'), 'doc');
    await clearSnapshots();
    expect(await listSnapshots()).toEqual([]);
  });

  it('saving the same id again replaces it and makes it the newest', async () => {
    const { h, store } = fresh();
    await h.save(entry('a'), 'one');
    await h.save(entry('b'), 'two');
    await h.save(entry('a', { title: 'renamed' }), 'three!');
    const list = await h.list();
    expect(ids(list)).toEqual(['a', 'b']);
    expect(list[0]).toMatchObject({ title: 'renamed', bytes: 6 });
    expect(await h.load('a')).toBe('three!');
    expect((await keys(store)).length).toBe(4);
  });

  it('keeps the newest 20 and drops the oldest', async () => {
    const { h, store } = fresh();
    for (let i = 0; i < 23; i++) expect((await h.save(entry(`s${i}`), `doc ${i}`)).kept).toBe(true);
    const list = await h.list();
    expect(list.length).toBe(20);
    expect(list[0]?.id).toBe('s22');
    expect(list.at(-1)?.id).toBe('s3');
    expect(await h.load('s2')).toBeUndefined();
    // no document is left behind without its entry
    expect((await keys(store)).length).toBe(40);
  });

  it('keeps the documents under the byte cap, dropping the oldest first', async () => {
    const { h } = fresh({ totalBytes: 100, docBytes: 60 });
    await h.save(entry('a'), 'a'.repeat(30));
    await h.save(entry('b'), 'b'.repeat(40));
    await h.save(entry('c'), 'c'.repeat(30));
    expect(ids(await h.list())).toEqual(['c', 'b', 'a']);
    await h.save(entry('d'), 'd'.repeat(30));
    expect(ids(await h.list())).toEqual(['d', 'c', 'b']);
    // a bigger version of the newest pushes out more
    await h.save(entry('d'), 'd'.repeat(60));
    expect(ids(await h.list())).toEqual(['d', 'c']);
    expect(await h.load('b')).toBeUndefined();
  });

  it('drops everything older than the first entry that does not fit, not just that one', () => {
    const e = (id: string, savedAt: number, bytes: number): HistoryEntry => ({ ...entry(id), savedAt, bytes });
    const limits = { entries: 20, totalBytes: 100, docBytes: 100 };
    // the newer b (70) does not fit beside 40; the older, small a goes with it
    expect(ids(entriesToKeep([e('a', 1, 5), e('b', 2, 70)], 40, limits))).toEqual([]);
    expect(ids(entriesToKeep([e('a', 1, 5), e('b', 2, 50)], 40, limits))).toEqual(['b', 'a']);
    expect(ids(entriesToKeep([e('a', 1, 5), e('b', 2, 50)], 40, limits, 1))).toEqual(['b']);
    expect(ids(entriesToKeep([e('a', 1, 5), e('b', 2, 50), e('c', 3, 1)], 40, { ...limits, entries: 3 }))).toEqual(['c', 'b']);
  });

  it('refuses a document over 128 MiB and counts bytes as UTF-8', async () => {
    const { h } = fresh({ docBytes: 10 });
    expect(await h.save(entry('x'), 'é'.repeat(6))).toEqual({ kept: false, why: 'too-big' });
    expect(await h.save(entry('y'), 'é'.repeat(5))).toEqual({ kept: true });
    expect(await h.list()).toMatchObject([{ id: 'y', bytes: 10 }]);
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
    // the real limit, refused before anything is written
    expect(await saveSnapshot(entry('huge'), 'x'.repeat(128 * 1024 * 1024 + 1))).toEqual({ kept: false, why: 'too-big' });
    expect(ids(await listSnapshots())).not.toContain('huge');
  });

  it('skips entries it does not understand, and removes them and stray documents on the next save', async () => {
    const { h, store } = fresh();
    await h.save(entry('good'), 'doc');
    const valid = (await h.list())[0];
    await set('meta:bad', { id: 'bad', title: 5 }, store);
    await set('meta:other', { ...valid, id: 'not-its-key' }, store);
    await set('meta:neg', { ...valid, id: 'neg', bytes: -1 }, store);
    await set('meta:str', 'not an entry', store);
    await set('doc:bad', 'a document of a bad entry', store);
    await set('doc:stray', 'a document without an entry', store);
    expect(ids(await h.list())).toEqual(['good']);
    expect(await h.save(entry('next'), 'doc 2')).toEqual({ kept: true });
    expect((await keys(store)).sort()).toEqual(['doc:good', 'doc:next', 'meta:good', 'meta:next']);
  });

  it('lists without reading a document', async () => {
    const { h } = fresh();
    await h.save(entry('a'), 'doc');
    const asked: unknown[] = [];
    for (const method of ['get', 'getAll', 'openCursor'] as const) {
      const original = IDBObjectStore.prototype[method] as (...a: unknown[]) => IDBRequest;
      vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args: unknown[]) {
        asked.push(args[0] instanceof IDBKeyRange ? args[0].lower : args[0]);
        return original.apply(this, args);
      } as never);
    }
    expect(ids(await h.list())).toEqual(['a']);
    expect(asked).toEqual(['meta:']);
  });

  it('makes room when the disk is full, and keeps everything when it cannot', async () => {
    const { h } = fresh();
    for (const id of ['a', 'b', 'c', 'd']) await h.save(entry(id), `doc ${id}`);
    const put = IDBObjectStore.prototype.put;
    let refusals = 2;
    const full = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value, key) {
      if (key === 'doc:e' && refusals-- > 0) throw new DOMException('no room', 'QuotaExceededError');
      return put.call(this, value, key);
    });
    // refused twice: dropping the oldest one, then two, makes room
    expect(await h.save(entry('e'), 'doc e')).toEqual({ kept: true });
    expect(ids(await h.list())).toEqual(['e', 'd', 'c']);
    // never room: every attempt is rolled back, nothing is lost
    refusals = Number.POSITIVE_INFINITY;
    full.mockClear();
    expect(await h.save(entry('e'), 'doc e, longer')).toEqual({ kept: false, why: 'quota' });
    expect(ids(await h.list())).toEqual(['e', 'd', 'c']);
    expect(await h.load('e')).toBe('doc e');
    expect(full.mock.calls.length).toBeLessThanOrEqual(4);
  });

  it('makes room when the refusal comes on the request, before the transaction has an error', async () => {
    const { h, store } = fresh();
    for (const id of ['a', 'b', 'c']) await h.save(entry(id), `doc ${id}`);
    // a key outside the history's, so that add() on it fails later, on the request, as a refusal does
    await set('taken', 1, store);
    const put = IDBObjectStore.prototype.put;
    let refusals = 1;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value, key) {
      if (key !== 'doc:d' || refusals-- <= 0) return put.call(this, value, key);
      const request = this.add(value, 'taken');
      const quota = new DOMException('no room', 'QuotaExceededError');
      Object.defineProperty(request, 'error', { get: () => quota, set() {} });
      return request;
    });
    expect(await h.save(entry('d'), 'doc d')).toEqual({ kept: true });
    expect(ids(await h.list())).toEqual(['d', 'c', 'b']);
  });

  it('gives back a snapshot document as it was kept (text and blobs, annotations, view)', async () => {
    const { h } = fresh();
    const meminfo = 'MemTotal:        1000 kB\nMemFree:          200 kB\n';
    const text = { ...parseText(meminfo, 'meminfo'), text: meminfo };
    const blob = { ...parseText('', 'board.dtb'), blob: new Uint8Array([0xd0, 0x0d, 0xfe, 0xed, 0, 0xff]) };
    const made = makeDoc(
      [{ name: 'meminfo', bytes: meminfo.length, parsed: [text, blob] }],
      { title: 'board X — 启动后', notes: 'CMA?', labels: { 'line:cma': { label: 'CMA' } } },
      '/overview',
    );
    await h.save(entry('round', { title: made.doc.title ?? '' }), JSON.stringify(inlineDoc(made)));
    const back = readSnapshotFile(new TextEncoder().encode((await h.load('round')) ?? ''));
    if ('problem' in back) throw new Error(JSON.stringify(back.problem));
    expect(back.doc).toMatchObject({ title: made.doc.title, notes: 'CMA?', view: '/overview', labels: [{ on: 'line:cma', label: 'CMA' }] });
    expect(back.contents).toEqual(made.contents);
  });

  it('resolves without IndexedDB (private mode, a page opened from disk)', async () => {
    const { h } = fresh();
    vi.stubGlobal('indexedDB', undefined);
    try {
      expect(await h.save(entry('a'), 'doc')).toEqual({ kept: false, why: 'unavailable' });
      expect(await h.list()).toEqual([]);
      expect(await h.load('a')).toBeUndefined();
      await expect(h.remove('a')).resolves.toBeUndefined();
      await expect(h.clear()).resolves.toBeUndefined();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('resolves when the database cannot be opened or has no history store', async () => {
    vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    const { h } = fresh();
    expect(await h.save(entry('a'), 'doc')).toEqual({ kept: false, why: 'unavailable' });
    expect(await h.list()).toEqual([]);
    vi.restoreAllMocks();
    // another version made the database with other stores
    const other: UseStore = createStore('made-by-another-version', 'something-else');
    await set('k', 1, other);
    const h2 = historyStore(createStore('made-by-another-version', 'history'));
    expect(await h2.save(entry('a'), 'doc')).toEqual({ kept: false, why: 'unavailable' });
    expect(await h2.list()).toEqual([]);
    expect(await h2.load('a')).toBeUndefined();
    await expect(h2.remove('a')).resolves.toBeUndefined();
    await expect(h2.clear()).resolves.toBeUndefined();
  });
});

describe('the history list', () => {
  const items: HistoryEntry[] = [
    { ...entry('one', { title: '<img src=x onerror=alert(1)>\u202Egnp.exe', reduced: true }), savedAt: 2, bytes: 2048 },
    { ...entry('two', { title: '   ', created: 'not a date' }), savedAt: Date.UTC(2024, 0, 2), bytes: 10 },
  ];
  const render = (props: Partial<Parameters<typeof HistoryList>[0]> = {}) =>
    renderToStaticMarkup(createElement(HistoryList, { items, onOpen() {}, onRemove() {}, onClear() {}, ...props }));

  // a render on the server reads the store's initial state (useSyncExternalStore's server snapshot)
  const setLang = (lang: 'en' | 'zh') => {
    useStore.getInitialState().lang = lang;
  };
  afterEach(() => setLang('en'));

  it('shows each entry with its buttons, titles as text', () => {
    setLang('en');
    const html = render({ current: 'one' });
    expect(html.match(/data-testid="history-item"/g)?.length).toBe(2);
    expect(html.match(/data-testid="history-open"/g)?.length).toBe(2);
    expect(html.match(/data-testid="history-remove"/g)?.length).toBe(2);
    expect(html).toContain('data-testid="history-clear"');
    expect(html).toContain('Recent snapshots');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // the bidi override that would turn the name around is written out
    expect(html).not.toContain('\u202E');
    expect(html).toContain('Untitled snapshot');
    expect(html).toContain('aria-label="Open: Untitled snapshot"');
    expect(html).toContain('2.0 KiB');
    expect(html).toContain('>reduced<');
    expect(html).toContain('aria-current="true"');
    // noon UTC is 4 March in every time zone but the few past +12
    expect(html).toMatch(/Mar [45], 2025/);
    // not a date: when it was saved
    expect(html).toContain('dateTime="2024-01-02T00:00:00.000Z"');
  });

  it('speaks the page language', async () => {
    await loadLang('zh');
    setLang('zh');
    const html = render();
    expect(html).toContain('最近的快照');
    expect(html).toMatch(/2025年3月[45]日/);
    expect(html).toContain('未命名快照');
  });

  it('shows nothing when nothing is kept', () => {
    expect(render({ items: [] })).toBe('');
  });
});
