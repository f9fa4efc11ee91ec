// The model's words: one catalogue per language, keys unique across areas, every key
// used, and the Chinese page really Chinese — every message the fixtures' models say is
// rendered in both languages.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AnyMsg, render } from '../src/core/messages/catalogue';
import { AREAS, EN, ZH } from '../src/core/messages/index';
import { breakdown } from '../src/core/viewmodel/bar';
import { mapRegions } from '../src/core/viewmodel/lanes';
import { FORMATS, read, run, SEED, SEED_FILES } from './helpers';

const SRC = join(__dirname, '..', 'src');
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) && !/messages\.ts$/.test(f) ? [readFileSync(p, 'utf8')] : [];
  });
}

/** every message inside a model (labels, formulas, notes, flags, diagnostics) */
function collect(x: unknown, out: Map<string, AnyMsg>, depth = 0): void {
  if (depth > 12 || x === null || typeof x !== 'object') return;
  if (Array.isArray(x)) {
    for (const v of x) collect(v, out, depth + 1);
    return;
  }
  const o = x as Record<string, unknown>;
  if (typeof o.key === 'string' && Object.hasOwn(EN, o.key) && Object.keys(o).every((k) => k === 'key' || k === 'params')) {
    out.set(
      JSON.stringify(o, (_k, v) => (typeof v === 'bigint' ? String(v) : v)),
      o as unknown as AnyMsg,
    );
    collect(o.params, out, depth + 1);
    return;
  }
  for (const v of Object.values(o)) collect(v, out, depth + 1);
}

/** keys whose words are the same in both languages: field names, formulas, proper names */
const SAME_IN_BOTH = new Set([
  'formula.expr',
  'formula.sum',
  'formula.holes',
  'formula.memblock-memory',
  'formula.hugepages',
  'formula.cached-unmapped',
  'formula.held',
  'region.dram',
  'region.dt',
  'region.named',
  'region.memreserve',
  'region.cma-log',
  'region.memory',
  'region.noted',
  'line.dram',
  'line.Slab',
  'line.VmallocUsed',
  'line.Percpu',
  'bucket.vmalloc',
  'bucket.percpu',
  'bucket.cma',
  'bucket.buffers',
  'bucket.boot-memmap',
  'seg.slab',
  'check.lru',
  'check.slab',
  'check.span',
  'dram.none',
  'lane.memblock.memory',
  'lane.memblock.reserved',
  'tool.procps-ng-4',
  'tool.procps-ng-3.3.12',
  'tool.procps-ng-3.3.10',
  'tool.procps-3.3.9',
  'region.nomap-flagged',
  'fact.meminfo',
  'fact.memblockMemory',
  'fact.memblockReserved',
  'input.meminfo',
  'formula.memblock-memory-all',
  'formula.used',
]);

describe('the model’s messages', () => {
  it('has keys unique across areas, the same in both languages', () => {
    const all = Object.values(AREAS).flatMap((a) => Object.keys(a.en));
    expect(all.length).toBe(new Set(all).size);
    expect(Object.keys(ZH).sort()).toEqual(Object.keys(EN).sort());
  });

  it('uses every key it defines', () => {
    const code = sources(SRC).join('\n');
    const unused = Object.keys(EN).filter((k) => {
      if (code.includes(`'${k}'`)) return false;
      // keys built from an id: `bucket.${id}`, `line.${k}`, …
      const prefix = k.slice(0, k.indexOf('.') + 1);
      return !code.includes(`\`${prefix}\${`);
    });
    expect(unused).toEqual([]);
  });

  it('says everything the fixtures’ models say in Chinese too', () => {
    const found = new Map<string, AnyMsg>();
    const sets = [
      SEED_FILES.map((f) => ({ name: f, text: read(SEED, f) })),
      ...readdirSync(FORMATS).map((f) => [{ name: f, text: read(FORMATS, f) }]),
    ];
    sets.push(['dmesg-arm64.txt', 'dts-full.dts', 'meminfo-6x.txt', 'smaps-x86_64.txt'].map((f) => ({ name: f, text: read(FORMATS, f) })));
    sets.push([{ name: 'bad', text: 'garbage\n{\nMemTotal: 5 kB\nSize: 4 kB\n' }]);
    for (const inputs of sets) {
      const r = run(inputs);
      collect([r.a, r.parsed, r.snap.notes, breakdown(r.snap, r.a), r.a.physical ? mapRegions(r.a.physical) : []], found);
    }
    expect(found.size).toBeGreaterThan(100);
    const untranslated: string[] = [];
    for (const msg of found.values()) {
      const en = render(msg, EN);
      const zh = render(msg, ZH);
      if (en.length > 0) expect(zh.length, msg.key).toBeGreaterThan(0);
      if (en === zh && !SAME_IN_BOTH.has(msg.key)) untranslated.push(`${msg.key}: ${en}`);
      if (!SAME_IN_BOTH.has(msg.key) && en.length > 0 && !/[\u4e00-\u9fff]/.test(zh)) untranslated.push(`${msg.key}: ${zh}`);
    }
    expect(untranslated).toEqual([]);
  });
});
