import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseBytes } from '../../src/core/formats/bytes';
import { buildIsolated } from '../../src/core/model/isolate';
import { toJson } from '../../src/core/report/json';
import { emptyAnnotations } from '../../src/core/share/annotations';
import { toBase64Url } from '../../src/core/share/base64';
import {
  decodeLink,
  encodeLink,
  frame,
  LINK_PREFIX,
  type LinkProblem,
  MAX_INFLATED,
  type OpenedDoc,
  payloadOf,
} from '../../src/core/share/link';
import { makeDoc, reduce, type SharedInput } from '../../src/core/share/make';
import { openDoc } from '../../src/core/share/open';
import { SEED_FILES } from '../seed-files';

const SEED = join(__dirname, '../../fixtures/seed-mt7981');
const limits = { maxBytes: 1 << 30, keepText: true };

function seedInputs(): SharedInput[] {
  return SEED_FILES.map((f) => {
    const bytes = readFileSync(join(SEED, f));
    return { name: f, bytes: bytes.length, parsed: parseBytes(bytes, f, limits) };
  });
}

const report = (inputs: SharedInput[]) => {
  const { snap, analysis } = buildIsolated(inputs);
  return { snap, analysis, json: toJson(snap, analysis, { mappings: true }) };
};

function must(r: OpenedDoc | { problem: LinkProblem }): OpenedDoc {
  if ('problem' in r) throw new Error(`problem: ${JSON.stringify(r.problem)}`);
  return r;
}

describe('a link carries the snapshot', () => {
  it('round-trips the seed: the same model, the same annotations', () => {
    const inputs = seedInputs();
    const a = emptyAnnotations();
    a.title = 'mt7981 <script>alert(1)</script>';
    a.notes = 'before the CMA change\nline two';
    a.labels['line:Slab'] = { label: 'slab', comment: 'mostly kmalloc-128' };
    const link = encodeLink(makeDoc(inputs, a, '/processes?p=0', '2026-11-26T00:00:00.000Z'));
    expect(link.startsWith(LINK_PREFIX)).toBe(true);
    const back = must(decodeLink(link));
    expect(back.doc.title).toBe(a.title);
    expect(back.doc.notes).toBe(a.notes);
    expect(back.doc.labels).toEqual([{ on: 'line:Slab', label: 'slab', comment: 'mostly kmalloc-128' }]);
    expect(back.doc.view).toBe('/processes?p=0');
    expect(report(openDoc(back)).json).toEqual(report(inputs).json);
  });

  it('is found in a page address beside the view', () => {
    expect(payloadOf('file:///x/ramledger.html#/processes?p=3&snapshot=v1.abc_-')).toBe('v1.abc_-');
    expect(payloadOf('#/overview')).toBeNull();
    expect(payloadOf('#/overview?snapshot=v1.%ZZ')).toBe('v1.%ZZ');
  });

  it('reduced: the per-process files become totals, every process total stays exact', () => {
    const inputs = seedInputs();
    const { snap, json } = report(inputs);
    const full = makeDoc(inputs, emptyAnnotations());
    const small = reduce(inputs, snap, full);
    expect(small.doc.reduced?.processes).toBe(snap.processes.length);
    expect(small.doc.reduced?.dropped).toContain('smaps-stack.txt');
    const back = report(openDoc(must(decodeLink(encodeLink(small)))));
    const totals = (j: typeof json) =>
      j.processes.map((p) => ({ ...p, mappings: undefined, fromRollup: undefined, fromTotals: undefined }));
    expect(totals(back.json)).toEqual(totals(json));
    // everything not per-process is untouched
    expect(back.json.accounting).toEqual(json.accounting);
    // the per-mapping check cannot run on totals; every other check is the same
    const perMapping = (c: { id: string }) => c.id === 'smaps-rss';
    expect(back.json.checks.filter((c) => !perMapping(c))).toEqual(json.checks.filter((c) => !perMapping(c)));
    expect(json.checks.some(perMapping)).toBe(true);
  });
});

describe('a link from someone else is untrusted', () => {
  it('refuses a deflate bomb at the cap', () => {
    const head = JSON.stringify({
      ramledger: 'snapshot',
      version: 1,
      created: 'x',
      inputs: [{ name: 'a', bytes: 1, sources: [{ name: 'a', size: MAX_INFLATED + 10 }] }],
    });
    const big = Buffer.alloc(MAX_INFLATED + 10 + head.length + 1, 32);
    Buffer.from(`${head}\n`).copy(big);
    const packed = deflateRawSync(big, { level: 9 });
    expect(packed.length).toBeLessThan(100_000);
    const r = decodeLink(LINK_PREFIX + toBase64Url(packed));
    expect(r).toEqual({ problem: { kind: 'inflates-past-cap', cap: MAX_INFLATED } });
  });

  it.each([
    ['not base64url', 'v1.ab$cd', 'bad-encoding'],
    ['a later version', 'v2.abcd', 'version'],
    ['garbage', 'hello', 'bad-encoding'],
    ['not deflate', `v1.${toBase64Url(new Uint8Array([255, 255, 255, 255, 0, 1]))}`, 'damaged'],
    ['cut off', 'CUT', 'damaged'],
  ])('%s', (_, payload, kind) => {
    const real = encodeLink(makeDoc(seedInputs(), emptyAnnotations(), undefined, '2026-11-26T00:00:00.000Z'));
    const p = payload === 'CUT' ? real.slice(0, 3 + 4 * Math.floor(real.length / 8)) : payload;
    const r = decodeLink(p);
    expect('problem' in r && r.problem.kind).toBe(kind);
  });

  it('validates the schema', () => {
    const enc = (doc: unknown) => LINK_PREFIX + toBase64Url(deflateRawSync(Buffer.from(`${JSON.stringify(doc)}\n`)));
    const cases: [unknown, string][] = [
      [{ ramledger: 'snapshot', version: 1, created: 'x', inputs: 'no' }, 'schema'],
      [{ ramledger: 'snapshot', version: 1, created: 'x', title: 'x'.repeat(201), inputs: [] }, 'schema'],
      [{ ramledger: 'other', version: 1 }, 'not-snapshot'],
      [{ ramledger: 'snapshot', version: 7, inputs: [] }, 'version'],
      [{ ramledger: 'snapshot', version: 1, created: 'x', inputs: [{ name: 'a', bytes: -1, sources: [] }] }, 'schema'],
      [
        { ramledger: 'snapshot', version: 1, created: 'x', inputs: [{ name: 'a', bytes: 1, sources: [{ name: 'a', size: 99 }] }] },
        'damaged',
      ],
    ];
    for (const [doc, kind] of cases) {
      const r = decodeLink(enc(doc));
      expect('problem' in r && r.problem.kind, JSON.stringify(doc).slice(0, 80)).toBe(kind);
    }
  });

  it('frames contents after the JSON, with their sizes', () => {
    const o = makeDoc(seedInputs(), emptyAnnotations());
    const f = frame(o);
    const nl = f.indexOf(10);
    const meta = JSON.parse(Buffer.from(f.subarray(0, nl)).toString());
    expect(meta.inputs[0].sources[0].size).toBeGreaterThan(0);
    expect(meta.inputs[0].sources[0].text).toBeUndefined();
  });
});

describe('labels', () => {
  it('are only on regions, lines and processes: a `__proto__` or other key is refused', () => {
    const enc = (doc: unknown) => LINK_PREFIX + toBase64Url(deflateRawSync(Buffer.from(`${JSON.stringify(doc)}\n`)));
    for (const on of ['__proto__', 'constructor', 'x:1']) {
      const r = decodeLink(enc({ ramledger: 'snapshot', version: 1, created: 'x', labels: [{ on, label: 'x' }], inputs: [] }));
      expect('problem' in r && r.problem.kind, on).toBe('schema');
    }
  });
});
