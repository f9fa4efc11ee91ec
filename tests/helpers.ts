import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, buildSnapshot, type ParsedText, parseText, toJson } from '../src/core/index';
import { type AnyMsg, render } from '../src/core/messages/catalogue';
import { EN } from '../src/core/messages/index';

export const SEED = join(__dirname, '..', 'fixtures', 'seed-mt7981');
export const FORMATS = join(__dirname, '..', 'fixtures', 'formats');
export { SEED_FILES } from './seed-files';
export const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');

export function run(inputs: { name: string; text: string }[]) {
  const parsed: ParsedText[] = inputs.map((i) => parseText(i.text, i.name, i.name));
  const snap = buildSnapshot(parsed);
  const a = analyze(snap);
  return { parsed, snap, a, json: toJson(snap, a) };
}

export const errors = (p: ParsedText[]) => p.flatMap((x) => x.diagnostics.filter((d) => d.severity === 'error'));

/** a message of the model, in English */
export const en = (msg: AnyMsg) => render(msg, EN);
