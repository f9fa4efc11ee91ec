/**
 * One bad input never loses the others. The model is built from every input; when that
 * throws (a parser or model bug an input triggers), the inputs are added one at a time and
 * each one the model cannot take is replaced by an error naming what went wrong, so the
 * rest still show and the page keeps its input list and Remove buttons.
 */
import { unreadable } from '../formats/bytes';
import type { ParsedText } from '../formats/detect';
import { m } from '../messages/catalogue';
import { type Analysis, analyze } from './accounting/index';
import { buildSnapshot, type Snapshot } from './snapshot';

export interface InputParts {
  /** the input's name as the page lists it */
  name: string;
  bytes: number;
  parsed: ParsedText[];
}

const why = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** snapshot and analysis of every input; inputs the model cannot take have their `parsed` replaced */
export function buildIsolated(inputs: InputParts[]): { snap: Snapshot; analysis: Analysis } {
  try {
    const snap = buildSnapshot(inputs.flatMap((i) => i.parsed));
    return { snap, analysis: analyze(snap) };
  } catch {
    const ok: ParsedText[] = [];
    for (const input of inputs) {
      try {
        const trial = buildSnapshot([...ok, ...input.parsed]);
        analyze(trial);
        for (const p of input.parsed) ok.push(p);
      } catch (e) {
        input.parsed = [unreadable(input.name, m('input.model-failed', { why: why(e) }), input.bytes)];
        for (const p of input.parsed) ok.push(p);
      }
    }
    const snap = buildSnapshot(ok);
    return { snap, analysis: analyze(snap) };
  }
}
