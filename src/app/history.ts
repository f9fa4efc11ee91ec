/**
 * The snapshots this browser has seen, kept in IndexedDB (idb-keyval) so the start page
 * can offer them again. Used inside the Web Worker, where the documents are made and read.
 *
 * One object store holds two kinds of key: `meta:<id>` (a small HistoryEntry, what the
 * list reads) and `doc:<id>` (the snapshot document, read only on open). Both are written
 * in one transaction, so an entry never points at a missing document.
 *
 * IndexedDB may be missing or refuse (private mode, a page opened from disk, a full disk),
 * and another tab or version may have written anything under our keys: every function
 * resolves, and what is read back is checked before it is believed.
 */
import { clear, createStore, delMany, get, promisifyRequest, type UseStore } from 'idb-keyval';
import * as v from 'valibot';
import { ANNOTATION_LIMITS } from '../core/share/annotations';

export interface HistoryEntry {
  id: string;
  title: string;
  /** the snapshot's own date (ISO) */
  created: string;
  /** when this browser last saved it (ms since the epoch) */
  savedAt: number;
  /** size of the stored document (UTF-8 bytes) */
  bytes: number;
  inputs: number;
  processes: number;
  /** the snapshot came from a reduced link (process totals in place of smaps) */
  reduced: boolean;
  /** the first inputs' names, to tell untitled snapshots apart */
  names?: string | undefined;
}

export type SaveResult = { kept: boolean; why?: 'too-big' | 'quota' | 'unavailable' };

const MiB = 1024 * 1024;
export const HISTORY_LIMITS = { entries: 20, totalBytes: 256 * MiB, docBytes: 128 * MiB };
export type HistoryLimits = typeof HISTORY_LIMITS;

const MAX_ID = 256;
const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
/** an entry as read back; a newer version may add fields (dropped here) */
const EntrySchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID)),
  title: v.pipe(v.string(), v.maxLength(ANNOTATION_LIMITS.title)),
  created: v.pipe(v.string(), v.maxLength(64)),
  savedAt: count,
  bytes: count,
  inputs: count,
  processes: count,
  reduced: v.boolean(),
  names: v.optional(v.pipe(v.string(), v.maxLength(300))),
});

const META = 'meta:';
const DOC = 'doc:';
/** every key that starts with `prefix` (the next character after ':' is ';') */
const under = (prefix: string) => IDBKeyRange.bound(prefix, `${prefix.slice(0, -1)};`, false, true);

/**
 * UTF-8 length without encoding a copy of a document that may be 100 MiB. A surrogate
 * pair counts 2 + 2 (4 bytes, as encoded); the early return keeps a huge doc cheap to refuse.
 */
export function utf8Length(s: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let n = s.length;
  for (let i = 0; i < s.length && n <= stopAbove; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x800) n += c >= 0xd800 && c < 0xe000 ? 1 : 2;
    else if (c >= 0x80) n += 1;
  }
  return n;
}

/** the keys under `prefix` that are strings (anything else is not ours to read) */
const keysUnder = async (store: IDBObjectStore, prefix: string) =>
  (await promisifyRequest(store.getAllKeys(under(prefix)))).filter((k): k is string => typeof k === 'string');

/** what `meta:*` holds, with the keys of the entries that are not understood apart */
async function readEntries(store: IDBObjectStore): Promise<{ good: HistoryEntry[]; badKeys: string[] }> {
  // both requests in one transaction, so keys and values are of one state, in key order
  const [keys, values] = await Promise.all([promisifyRequest(store.getAllKeys(under(META))), promisifyRequest(store.getAll(under(META)))]);
  const good: HistoryEntry[] = [];
  const badKeys: string[] = [];
  keys.forEach((key, i) => {
    const parsed = v.safeParse(EntrySchema, values[i]);
    if (parsed.success && key === META + parsed.output.id) good.push(parsed.output);
    else if (typeof key === 'string') badKeys.push(key);
  });
  return { good, badKeys };
}

const newestFirst = (a: HistoryEntry, b: HistoryEntry) => b.savedAt - a.savedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The other entries to keep beside a new one of `bytes`: the newest, while the count and
 * the bytes fit; from the first that does not fit on, every older one goes (oldest first).
 * `squeeze` drops that many more of the oldest (room asked for by a full disk).
 */
export function entriesToKeep(others: HistoryEntry[], bytes: number, limits: HistoryLimits, squeeze = 0): HistoryEntry[] {
  const sorted = [...others].sort(newestFirst);
  let total = bytes;
  let n = 0;
  for (const e of sorted) {
    if (n + 1 >= limits.entries || total + e.bytes > limits.totalBytes) break;
    total += e.bytes;
    n++;
  }
  return sorted.slice(0, Math.max(0, n - squeeze));
}

/**
 * The end of a write transaction. A request's error reaches the transaction (bubbling)
 * before `transaction.error` is set, so the reason is taken from the request then:
 * that is where a browser may say QuotaExceededError.
 */
const settled = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = (ev) => reject(tx.error ?? (ev.target as IDBRequest | null)?.error ?? new Error('transaction aborted'));
  });

const abort = (tx: IDBTransaction) => {
  try {
    tx.abort();
  } catch {
    // already finished: nothing to roll back
  }
};

const isQuota = (e: unknown) => (e as { name?: unknown } | null)?.name === 'QuotaExceededError';

/** the history API on one store (the page's is below; tests make their own with small limits) */
export function historyStore(store: UseStore, limits: HistoryLimits = HISTORY_LIMITS) {
  /** one save attempt, in one transaction: the new entry in, what no longer fits out */
  const write = (meta: Omit<HistoryEntry, 'savedAt'>, doc: string, squeeze: number) =>
    store('readwrite', async (s) => {
      const [{ good, badKeys }, docKeys] = await Promise.all([readEntries(s), keysUnder(s, DOC)]);
      const others = good.filter((e) => e.id !== meta.id);
      const keepIds = new Set([meta.id, ...entriesToKeep(others, meta.bytes, limits, squeeze).map((e) => e.id)]);
      // strictly after every other entry, so "newest first" holds within one millisecond too
      const savedAt = good.reduce((t, e) => Math.max(t, e.savedAt + 1), Date.now());
      try {
        // dropped entries, entries not understood, and documents no entry lists any more
        for (const e of others) if (!keepIds.has(e.id)) s.delete(META + e.id);
        for (const k of badKeys) if (k !== META + meta.id) s.delete(k);
        for (const k of docKeys) if (!keepIds.has(k.slice(DOC.length))) s.delete(k);
        s.put(doc, DOC + meta.id);
        s.put({ ...meta, savedAt }, META + meta.id);
      } catch (e) {
        // a call that throws must not leave the deletes before it to commit on their own
        abort(s.transaction);
        throw e;
      }
      // still in the same task as the requests: the transaction cannot have ended yet
      await settled(s.transaction);
    });

  async function save(entry: Omit<HistoryEntry, 'savedAt' | 'bytes'>, doc: string): Promise<SaveResult> {
    const bytes = utf8Length(doc, limits.docBytes);
    if (bytes > limits.docBytes) return { kept: false, why: 'too-big' };
    const meta: Omit<HistoryEntry, 'savedAt'> = {
      id: entry.id,
      title: entry.title.slice(0, ANNOTATION_LIMITS.title),
      created: entry.created,
      bytes,
      inputs: entry.inputs,
      processes: entry.processes,
      reduced: entry.reduced,
      ...(entry.names ? { names: entry.names } : {}),
    };
    if (!v.is(EntrySchema, { ...meta, savedAt: 0 })) return { kept: false, why: 'unavailable' };
    // a full disk: make room by dropping the oldest others, 1, 2, 4… at a time, then give up
    for (let squeeze = 0; ; squeeze = squeeze * 2 || 1) {
      try {
        await write(meta, doc, squeeze);
        return { kept: true };
      } catch (e) {
        if (!isQuota(e)) return { kept: false, why: 'unavailable' };
        // every failed attempt was rolled back whole: the entries are as they were
        const others = (await list()).filter((e) => e.id !== meta.id);
        if (squeeze >= others.length) return { kept: false, why: 'quota' };
      }
    }
  }

  /** newest first; reads the entries only, never the documents */
  async function list(): Promise<HistoryEntry[]> {
    try {
      const { good } = await store('readonly', readEntries);
      return good.sort(newestFirst).slice(0, limits.entries);
    } catch {
      return [];
    }
  }

  async function load(id: string): Promise<string | undefined> {
    try {
      const doc: unknown = await get(DOC + id, store);
      return typeof doc === 'string' ? doc : undefined;
    } catch {
      return undefined;
    }
  }

  async function remove(id: string): Promise<void> {
    try {
      await delMany([META + id, DOC + id], store);
    } catch {
      // nothing stored, nothing to remove
    }
  }

  async function clearAll(): Promise<void> {
    try {
      await clear(store);
    } catch {
      // as above
    }
  }

  return { save, list, load, remove, clear: clearAll };
}

const history = historyStore(createStore('ramledger', 'history'));

export const saveSnapshot = history.save;
export const listSnapshots = history.list;
export const loadSnapshot = history.load;
export const removeSnapshot = history.remove;
export const clearSnapshots = history.clear;
