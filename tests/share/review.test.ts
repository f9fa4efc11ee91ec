// Review of #10 (sharing): each test here failed on the change as merged (0fe69c7).
import 'fake-indexeddb/auto';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createStore } from 'idb-keyval';
import { describe, expect, it, vi } from 'vitest';
import { HISTORY_LIMITS, historyStore } from '../../src/app/history';
import type { WorkerApi } from '../../src/app/protocol';
import { parseBytes } from '../../src/core/formats/bytes';
import { buildIsolated } from '../../src/core/model/isolate';
import { toJson } from '../../src/core/report/json';
import { emptyAnnotations } from '../../src/core/share/annotations';
import { readSnapshotFile } from '../../src/core/share/file';
import { type Content, decodeLink, encodeLink, inlineDoc, type LinkProblem, MAX_INFLATED, type OpenedDoc } from '../../src/core/share/link';
import { makeDoc, reduce, type SharedInput } from '../../src/core/share/make';
import { openDoc } from '../../src/core/share/open';

// the worker's API, without a Worker: comlink's expose hands it over
let api: WorkerApi | undefined;
vi.mock('comlink', () => ({
  expose: (a: WorkerApi) => {
    api = a;
  },
}));
const worker = async (): Promise<WorkerApi> => {
  if (!api) await import('../../src/app/worker');
  return api as WorkerApi;
};

const FIX = join(__dirname, '../../fixtures');
const text = (p: string) => readFileSync(join(FIX, p), 'utf8');
const limits = { maxBytes: 1 << 30, keepText: true };
const enc = new TextEncoder();
const input = (name: string, t: string): SharedInput => {
  const b = enc.encode(t);
  return { name, bytes: b.length, parsed: parseBytes(b, name, limits) };
};
const must = (r: OpenedDoc | { problem: LinkProblem }): OpenedDoc => {
  if ('problem' in r) throw new Error(JSON.stringify(r.problem));
  return r;
};
const model = (inputs: SharedInput[]) => {
  const { snap, analysis } = buildIsolated(inputs);
  return { snap, json: toJson(snap, analysis, { mappings: true }) };
};
/** the inputs through a reduced link and back */
const viaReduced = (inputs: SharedInput[]) => {
  const small = reduce(inputs, model(inputs).snap, makeDoc(inputs, emptyAnnotations()));
  return { small, back: openDoc(must(decodeLink(encodeLink(small))), limits) };
};
/** a hand-made document carrying these contents as one input */
const docOf = (list: Content[]): OpenedDoc => ({
  doc: {
    ramledger: 'snapshot',
    version: 1,
    created: '2026-01-01T00:00:00.000Z',
    inputs: [{ name: 'x', bytes: 1, sources: list.map((c) => ({ name: c.name, size: c.data.length })) }],
  },
  contents: [list],
});
const parsedBytes = (inputs: SharedInput[]) => inputs.reduce((s, i) => i.parsed.reduce((t, p) => t + p.bytes, s), 0);

const smaps = text('formats/smaps-x86_64.txt');
const meminfo = text('seed-mt7981/meminfo.txt');

describe('a carried source is read as it was carried: never inflated again', () => {
  // makeDoc carries each source as read (gzip inflated, tar split): compressed data in a
  // link or a snapshot file is someone's doing, and would escape the link's 64 MiB cap
  it('a short link cannot make the page inflate more than the link cap', () => {
    // 40 MiB of text, gzipped twice: under 1 KiB; two of them in a link of a few hundred characters
    const bomb = new Uint8Array(gzipSync(gzipSync(Buffer.alloc(40 * 1024 * 1024, 0x41), { level: 9 }), { level: 9 }));
    const list = [0, 1].map((n) => ({ name: `s${n}.txt`, data: bomb, binary: false }));
    const link = encodeLink(docOf(list));
    expect(link.length).toBeLessThan(2000);
    const back = openDoc(must(decodeLink(link)), limits);
    // before: 83,886,080 bytes read from a 600-character link
    expect(parsedBytes(back)).toBeLessThanOrEqual(MAX_INFLATED);
  });

  it('gzip in a link or a snapshot file is said, not read', () => {
    const gz = new Uint8Array(gzipSync(meminfo));
    const fromLink = openDoc(must(decodeLink(encodeLink(docOf([{ name: 'meminfo.txt', data: gz, binary: false }])))), limits);
    const file = enc.encode(JSON.stringify(inlineDoc(docOf([{ name: 'meminfo.txt', data: gz, binary: true }]))));
    const fromFile = parseBytes(file, 'a.ramledger.json', limits);
    for (const parsed of [fromLink[0]?.parsed ?? [], fromFile]) {
      expect(parsed.flatMap((p) => p.segments)).toEqual([]);
      expect(parsed[0]?.diagnostics[0]?.severity).toBe('error');
    }
    expect(readSnapshotFile(file)).not.toHaveProperty('problem');
  });

  it('a tar carried in a link is not read either (its members could be gzip)', () => {
    const name = 'proc/meminfo';
    const header = new Uint8Array(512);
    header.set(enc.encode(name), 0);
    header.set(enc.encode(`${meminfo.length.toString(8).padStart(11, '0')}\0`), 124);
    header[156] = 48;
    header.set(enc.encode('ustar\0'), 257);
    const body = new Uint8Array(Math.ceil(meminfo.length / 512) * 512 + 1024);
    body.set(enc.encode(meminfo), 0);
    const tar = new Uint8Array([...header, ...body]);
    const back = openDoc(must(decodeLink(encodeLink(docOf([{ name: 'c.tar', data: tar, binary: false }])))), limits);
    expect(back[0]?.parsed.flatMap((p) => p.segments)).toEqual([]);
  });

  it('what a page sends (a gzip and a tar as read) still round-trips', () => {
    const gz = { name: 'm.txt.gz', bytes: 1, parsed: parseBytes(new Uint8Array(gzipSync(meminfo)), 'm.txt.gz', limits) };
    const back = openDoc(must(decodeLink(encodeLink(makeDoc([gz], emptyAnnotations())))), limits);
    expect(model(back).json).toEqual(model([gz]).json);
  });
});

describe('a reduced snapshot', () => {
  // two processes with their smaps (no pid: each a process of its own) and meminfo
  const bundle = `${smaps}\n${meminfo}${smaps}`;

  it('keeps the check of the processes PSS against meminfo (totals carry PSS exactly)', () => {
    const inputs = [input('bundle.txt', bundle)];
    const before = model(inputs).json;
    const after = model(viaReduced(inputs).back).json;
    expect(before.checks.map((c) => c.id)).toContain('pss');
    // before: the check was gone, and the page said "fewer than two [smaps] were given"
    const pss = (j: typeof before) => j.checks.find((c) => c.id === 'pss');
    const { leftRefs: from, ...kept } = pss(after) ?? { leftRefs: [] };
    const { leftRefs: _, ...was } = pss(before) ?? { leftRefs: [] };
    expect(kept).toEqual(was);
    // the left side is read from the totals the reduced snapshot carries in place of the smaps
    expect(from).toEqual([{ source: 'ramledger-process-totals.tsv', line: 0 }]);
  });

  it('a process known by its rollup counts in the PSS check, on the sender and the receiver alike', () => {
    const rollupOnly = `==> /proc/3/smaps_rollup <==\n${text('formats/smaps_rollup.txt')}==> /proc/4/smaps <==\n${smaps}${meminfo}`;
    const inputs = [input('bundle.txt', rollupOnly)];
    const pss = (j: ReturnType<typeof model>['json']) => j.checks.find((c) => c.id === 'pss');
    const before = pss(model(inputs).json);
    expect(before).toMatchObject({ leftFormula: 'Σ Pss over 2 processes' });
    const after = pss(model(viaReduced(inputs).back).json);
    expect([after?.left, after?.right, after?.ok]).toEqual([before?.left, before?.right, before?.ok]);
  });

  it('reduced again (shared on from the page that opened it) still says what the first one left out', () => {
    const inputs = [input('bundle.txt', bundle), input('smaps-extra.txt', `==> /proc/55/smaps <==\n${smaps}`)];
    const first = viaReduced(inputs);
    // the page shares what it opened: the document says it is reduced (worker.ts currentDoc)
    const again = makeDoc(first.back, emptyAnnotations());
    again.doc.reduced = first.small.doc.reduced;
    const second = reduce(first.back, model(first.back).snap, again);
    // before: { lines: 5, bytes: 323, dropped: ['ramledger-process-totals.tsv'] }
    expect(second.doc.reduced).toEqual(first.small.doc.reduced);
    expect(model(openDoc(must(decodeLink(encodeLink(second))), limits)).json.processes).toEqual(model(first.back).json.processes);
  });
});

describe('the page after a link', () => {
  it('a link opened, its inputs removed, other files dropped: those are not said to come from the link', async () => {
    const w = await worker();
    const link = encodeLink(makeDoc([input('meminfo.txt', meminfo)], emptyAnnotations()));
    const opened = await w.openLink(link);
    if ('problem' in opened) throw new Error('refused');
    const kept = await w.remember(emptyAnnotations(), '/overview');
    for (const i of opened.inputs) await w.remove(i.id);
    const other = await w.addFiles([{ id: 'f1', name: 'free.txt', file: new Blob([text('seed-mt7981/free.txt')]) }]);
    // before: the banner said these came from the link, and they replaced its history entry
    expect(other.shared).toBeUndefined();
    const next = await w.remember(emptyAnnotations(), '/overview');
    expect(next.id).not.toBe(kept.id);
    await w.forget();
  });
});

describe('the history', () => {
  it('keeps the first inputs names it is given (listed under an untitled snapshot)', async () => {
    const h = historyStore(createStore('review-names', 'history'), HISTORY_LIMITS);
    const entry = { id: 'a', title: '', created: 'x', inputs: 2, processes: 0, reduced: false, names: 'meminfo.txt, free.txt' };
    expect(await h.save(entry, '{}')).toEqual({ kept: true });
    // before: names was not stored, so the list never showed it
    expect((await h.list())[0]?.names).toBe('meminfo.txt, free.txt');
  });
});

describe('the view a link opens on', () => {
  it('never carries a second snapshot (the page would open it in place of the link)', async () => {
    const w = await worker();
    const inner = encodeLink(makeDoc([input('free.txt', text('seed-mt7981/free.txt'))], emptyAnnotations()));
    const outer = encodeLink(makeDoc([input('meminfo.txt', meminfo)], emptyAnnotations(), `/processes?p=1&snapshot=${inner}`));
    const opened = await w.openLink(outer);
    if ('problem' in opened) throw new Error('refused');
    // before: the page set the address to this view, and its hashchange opened `inner` instead
    expect(opened.opened?.view).toBe('/processes?p=1');
    await w.clear();
  });

  it('ramledger link --view refuses a snapshot parameter (the link read that one, not its own)', () => {
    const bin = join(__dirname, '..', '..', 'bin', 'ramledger.mjs');
    const r = spawnSync('node', [bin, 'link', '--view', 'processes?snapshot=v1.abc', join(FIX, 'seed-mt7981/meminfo.txt')], {
      encoding: 'utf8',
    });
    // before: exit 0 and `#/processes?snapshot=v1.abc&snapshot=v1.…`, which the page refused as damaged
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--view takes a view');
  });
});

// found in review, then fixed: a UTF-16 file travels as it was; a text source is read as text again
describe('round trips that were not exact', () => {
  const roundTrip = (inputs: SharedInput[]) =>
    model(openDoc(must(decodeLink(encodeLink(makeDoc(inputs, emptyAnnotations())))), limits)).json;

  it('a UTF-16 file keeps "read as UTF-16LE" and its size in bytes', () => {
    const b = new Uint8Array(Buffer.from(`\ufeff${meminfo}`, 'utf16le'));
    const inputs = [{ name: 'm.txt', bytes: b.length, parsed: parseBytes(b, 'm.txt', limits) }];
    expect(roundTrip(inputs).sources).toEqual(model(inputs).json.sources);
  });

  it('pasted text with a NUL in it stays a paste (not a binary file)', async () => {
    const { parseText } = await import('../../src/core/formats/detect');
    const t = `${meminfo}x\0y\n`;
    const p = parseText(t, 'pasted', undefined);
    p.text = t;
    const inputs = [{ name: 'pasted', bytes: t.length, parsed: [p] }];
    expect(roundTrip(inputs).accounting).toEqual(model(inputs).json.accounting);
  });
});
