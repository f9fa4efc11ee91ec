/**
 * A snapshot in a link: the document's JSON with each source's content replaced by its
 * size, a line end, then the contents one after another (texts are not escaped inside
 * JSON, a device-tree blob stays binary); compressed with raw DEFLATE and a preset
 * dictionary of the formats' common words (./dictionary.ts), written as base64url.
 * The fragment holds it as `snapshot=v1.<payload>` beside the view's route.
 *
 * A link from someone else is untrusted: its length is capped before anything is done,
 * the inflated size is capped while it inflates (a deflate bomb stops at the cap, never
 * allocating past it), the JSON part is capped, and the document is validated
 * (./doc.ts) before any source is parsed.
 */
import { deflateSync, Inflate } from 'fflate';
import { joinBytes } from '../input/join';
import { type Msg, m } from '../messages/catalogue';
import { fromBase64, fromBase64Url, toBase64, toBase64Url } from './base64';
import { DICTIONARY_V1 } from './dictionary';
import { checkDoc, type DocProblem, type SnapshotDoc } from './doc';

export { LINK_COMFORT, payloadOf } from './address';

export const LINK_PREFIX = 'v1.';
/** the longest payload read (Chrome's longest address is 2 MiB) */
export const MAX_LINK_CHARS = 2 * 1024 * 1024;
/** the most a link may inflate to */
export const MAX_INFLATED = 64 * 1024 * 1024;
/** the most its JSON part may be (the texts come after it) */
const MAX_META = 8 * 1024 * 1024;

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: false });
const dictionary = () => (DICTIONARY_V1 ? enc.encode(DICTIONARY_V1) : undefined);

/** a source's content as bytes: its text in UTF-8, or its blob */
export interface Content {
  name: string;
  data: Uint8Array;
  binary: boolean;
}

/** a document with its sources' contents as bytes, how links and files are read and written */
export interface OpenedDoc {
  doc: SnapshotDoc;
  /** per input, per source, in the document's order */
  contents: Content[][];
}

export type LinkProblem =
  | DocProblem
  | { kind: 'too-long'; chars: number; cap: number }
  | { kind: 'bad-encoding' }
  | { kind: 'inflates-past-cap'; cap: number }
  | { kind: 'damaged'; why: string };

/** contents taken from a document's text and base64 fields (a file or the history) */
export function contentsOf(doc: SnapshotDoc): Content[][] | { problem: LinkProblem } {
  const out: Content[][] = [];
  for (const i of doc.inputs) {
    const list: Content[] = [];
    for (const s of i.sources) {
      if (s.text !== undefined) list.push({ name: s.name, data: enc.encode(s.text), binary: false });
      else {
        const data = s.base64 !== undefined ? fromBase64(s.base64) : null;
        if (!data) return { problem: { kind: 'schema', path: `inputs.sources(${s.name.slice(0, 60)})`, why: 'not base64' } };
        list.push({ name: s.name, data, binary: true });
      }
    }
    out.push(list);
  }
  return out;
}

/** the document with every content inline (text, or base64 for a blob): a file, the history */
export function inlineDoc(o: OpenedDoc): SnapshotDoc {
  return {
    ...o.doc,
    inputs: o.doc.inputs.map((i, n) => ({
      ...i,
      sources: (o.contents[n] ?? []).map((c) =>
        c.binary ? { name: c.name, base64: toBase64(c.data) } : { name: c.name, text: dec.decode(c.data) },
      ),
    })),
  };
}

/** the frame: the JSON with sizes in place of contents, a line end, the contents */
export function frame(o: OpenedDoc): Uint8Array {
  const meta: SnapshotDoc = {
    ...o.doc,
    inputs: o.doc.inputs.map((i, n) => ({
      ...i,
      sources: (o.contents[n] ?? []).map((c) =>
        c.binary ? { name: c.name, size: c.data.length, binary: true } : { name: c.name, size: c.data.length },
      ),
    })),
  };
  return joinBytes([enc.encode(JSON.stringify(meta)), new Uint8Array([10]), ...o.contents.flatMap((list) => list.map((c) => c.data))]);
}

export function unframe(bytes: Uint8Array): OpenedDoc | { problem: LinkProblem } {
  const nl = bytes.subarray(0, MAX_META).indexOf(10);
  if (nl < 0) return { problem: { kind: 'damaged', why: 'no end to the snapshot header' } };
  let value: unknown;
  try {
    value = JSON.parse(dec.decode(bytes.subarray(0, nl)));
  } catch (e) {
    return { problem: { kind: 'not-json', why: String((e as Error).message).slice(0, 200) } };
  }
  const r = checkDoc(value);
  if ('problem' in r) return r;
  const contents: Content[][] = [];
  let at = nl + 1;
  for (const i of r.doc.inputs) {
    const list: Content[] = [];
    for (const s of i.sources) {
      if (s.size === undefined) return { problem: { kind: 'damaged', why: 'a source without its size' } };
      if (at + s.size > bytes.length) return { problem: { kind: 'damaged', why: 'the contents are shorter than the header says' } };
      list.push({ name: s.name, data: bytes.subarray(at, at + s.size), binary: s.binary === true });
      at += s.size;
    }
    contents.push(list);
  }
  if (at !== bytes.length) return { problem: { kind: 'damaged', why: 'bytes after the last source' } };
  return { doc: r.doc, contents };
}

/** the link's payload: `v1.` and base64url of the compressed frame */
export function encodeLink(o: OpenedDoc, level: 1 | 9 = 9): string {
  const dict = dictionary();
  return LINK_PREFIX + toBase64Url(deflateSync(frame(o), dict ? { level, dictionary: dict } : { level }));
}

class Overflow extends Error {}

/** inflates at most `cap` bytes; past it, null */
export function inflateCapped(data: Uint8Array, cap: number, dict = dictionary()): Uint8Array | null | { error: string } {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inf = new Inflate(dict ? { dictionary: dict } : {}, (chunk, final) => {
    total += chunk.length;
    if (total > cap) throw new Overflow();
    chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    // small pieces: one piece can inflate at most ~1,000 times its size before the cap is checked
    const step = 4096;
    for (let at = 0; at < data.length; at += step) inf.push(data.subarray(at, at + step), at + step >= data.length);
    if (data.length === 0) inf.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof Overflow) return null;
    return { error: String((e as Error).message ?? e).slice(0, 200) };
  }
  if (!ended) return { error: 'the compressed data ends early' };
  return joinBytes(chunks);
}

/** a payload (`v1.…`, as in the fragment) back to the document and its contents */
export function decodeLink(payload: string): OpenedDoc | { problem: LinkProblem } {
  if (payload.length > MAX_LINK_CHARS) return { problem: { kind: 'too-long', chars: payload.length, cap: MAX_LINK_CHARS } };
  if (!payload.startsWith(LINK_PREFIX)) {
    const v = /^v(\d+)\./.exec(payload);
    return { problem: v ? { kind: 'version', version: v[1] ?? '' } : { kind: 'bad-encoding' } };
  }
  const packed = fromBase64Url(payload.slice(LINK_PREFIX.length));
  if (!packed) return { problem: { kind: 'bad-encoding' } };
  const bytes = inflateCapped(packed, MAX_INFLATED);
  if (bytes === null) return { problem: { kind: 'inflates-past-cap', cap: MAX_INFLATED } };
  if ('error' in bytes) return { problem: { kind: 'damaged', why: bytes.error } };
  return unframe(bytes);
}

/** what is wrong with a link or a snapshot file, in the reader's words */
export function problemMsg(p: LinkProblem): Msg {
  switch (p.kind) {
    case 'not-json':
      return m('share.not-json', { why: p.why });
    case 'not-snapshot':
      return m('share.not-snapshot');
    case 'version':
      return m('share.version', { version: p.version });
    case 'schema':
      return m('share.schema', { path: p.path, why: p.why });
    case 'too-long':
      return m('share.too-long', { chars: p.chars, cap: p.cap });
    case 'bad-encoding':
      return m('share.bad-encoding');
    case 'inflates-past-cap':
      return m('share.inflates-past-cap', { cap: p.cap });
    case 'damaged':
      return m('share.damaged', { why: p.why });
  }
}
