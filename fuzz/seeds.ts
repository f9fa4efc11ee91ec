/**
 * The fuzzer's seeds: every fixture, cut into the segments each format reads (so a
 * parser is fuzzed from text it reads today), and each format's own sample lines.
 * Long segments give a few windows of at most WINDOW lines: small inputs run fast,
 * and the mutations make them long again when that is the point.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REGISTRY } from '../src/core/formats/registry';
import { type FormatId, parseBytes } from '../src/core/index';
import type { Seed } from './mutate';

const WINDOW = 100;
const SKIP = /(^|\/)(expected\.json|sources\.json|SOURCES?\.md|oracle\.py)$/;

export const FORMAT_IDS = Object.keys(REGISTRY) as FormatId[];

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? files(p) : [p];
    });
}

const enc = new TextEncoder();

/** the seeds of each format, in a fixed order */
export function loadSeeds(root: string): Map<FormatId, Seed[]> {
  const by = new Map<FormatId, Seed[]>(FORMAT_IDS.map((id) => [id, []]));
  const add = (id: FormatId, from: string, name: string, text: string | Uint8Array) =>
    by.get(id)?.push({ from, name, bytes: typeof text === 'string' ? enc.encode(text) : text });
  const fixtures = join(root, 'fixtures');
  for (const path of files(fixtures)) {
    const rel = relative(fixtures, path);
    if (SKIP.test(rel)) continue;
    const bytes = new Uint8Array(readFileSync(path));
    const text = new TextDecoder().decode(bytes);
    const lines = text.split('\n');
    for (const p of parseBytes(bytes, rel)) {
      for (const s of p.segments) {
        if (s.lastLine === 0) {
          add(s.format, rel, rel, bytes); // a binary blob
          continue;
        }
        const len = s.lastLine - s.firstLine + 1;
        const starts = len <= WINDOW ? [s.firstLine] : [s.firstLine, s.firstLine + Math.floor(len / 2), s.lastLine - WINDOW + 1];
        for (const from of starts) {
          const to = Math.min(s.lastLine, from + WINDOW - 1);
          add(s.format, `${rel}:${from}-${to}`, rel, lines.slice(from - 1, to).join('\n'));
        }
      }
    }
  }
  for (const id of FORMAT_IDS) {
    const { samples } = REGISTRY[id].format;
    add(id, `${id}.samples`, 'pasted text', samples.join('\n'));
    for (const [i, s] of samples.entries()) add(id, `${id}.samples[${i}]`, 'pasted text', s);
  }
  return by;
}
