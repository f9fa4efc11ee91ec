/**
 * What one fuzz input must satisfy, at two levels. Alone: the format's own parser, called
 * the way detection calls it (at each line it claims), throws nothing, always moves on,
 * and returns data without NaN or Infinity. Whole pipeline, as the CLI runs it: bytes →
 * parseBytes → buildIsolated → JSON and Markdown; nothing throws (nor is caught and
 * turned into a "model failed" error by buildIsolated), every number is finite, the
 * reports stay within a size bound of the input, the Markdown holds no raw HTML tag, and
 * every input line is read or reported with its number.
 */

import type { ParseContext } from '../src/core/formats/format';
import { BY_PRIORITY, REGISTRY } from '../src/core/formats/registry';
import { buildIsolated, type FormatId, parseBytes, toJson, toMarkdown } from '../src/core/index';
import { Cursor } from '../src/core/input/cursor';
import { Diagnostics } from '../src/core/input/diagnostics';
import { promptCommand } from '../src/core/input/prompt';
import { unaccountedLines } from '../tests/lines';

export interface Failure {
  /** the invariant broken: `throw`, `model-threw`, `non-finite`, … (`hang`, `oom`, `crash` come from the runner) */
  kind: string;
  /** where: `alone` (the format's parser by itself) or `pipeline` */
  level: 'alone' | 'pipeline' | 'runner';
  message: string;
  /** the first frames of the stack, in src/ when there are some */
  where: string;
}

const dec = new TextDecoder('utf-8', { fatal: false });
const BUNDLE_HEADER = /^==> (.+) <==\s*$/;

/** a failure's identity, for counting distinct ones and for shrinking: kind, place, the message without its numbers and quotes */
export function signature(f: Failure): string {
  // a hang, slowness or death is the input's whatever the figures
  if (f.level === 'runner') return `runner/${f.kind} @ ${f.where}`;
  const msg = f.message
    // a non-finite number: one bug per part of the data, whichever field it was in
    .replace(/(\$\.[^.[\s]+)[^\s]*/, '$1…')
    .replace(/\[[^\]]*\]/g, '[K]')
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '…')
    .replace(/0x[0-9a-f]+|\d+/gi, 'N')
    .replace(/\s+/g, ' ')
    .slice(0, 120);
  return `${f.level}/${f.kind}: ${msg} @ ${f.where}`;
}

/** the frames of `e` that lie in the project's sources, else the first frames */
function frames(e: unknown): string {
  const stack = e instanceof Error ? (e.stack ?? '') : '';
  const all = stack
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .map((l) =>
      l
        .trim()
        .replace(/^at /, '')
        .replace(/\(.*?(src\/[^)]*)\)/, '($1)'),
    );
  const ours = all.filter((l) => l.includes('src/'));
  return (ours.length ? ours : all).slice(0, 2).join(' < ');
}

const thrown = (kind: string, level: Failure['level'], e: unknown): Failure => ({
  kind,
  level,
  message: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
  where: frames(e),
});

/** the path to the first NaN or ±Infinity in `v` (Maps, Sets and class instances too), or null */
export function nonFinite(v: unknown, path = '$', seen = new Set<object>()): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? null : `${path} = ${v}`;
  if (typeof v !== 'object' || v === null || seen.has(v)) return null;
  seen.add(v);
  if (v instanceof Map) {
    for (const [k, x] of v) {
      const bad = nonFinite(k, `${path}.key`, seen) ?? nonFinite(x, `${path}[${String(k)}]`, seen);
      if (bad) return bad;
    }
    return null;
  }
  if (ArrayBuffer.isView(v)) return null;
  const entries = v instanceof Set ? [...v].entries() : Array.isArray(v) ? v.entries() : Object.entries(v);
  for (const [k, x] of entries) {
    const bad = nonFinite(x, `${path}.${k}`, seen);
    if (bad) return bad;
  }
  return null;
}

/** the format's parser alone: at each line it claims, read as detection would */
function alone(format: FormatId, bytes: Uint8Array): Failure | null {
  const f = REGISTRY[format].format;
  const text = dec.decode(bytes);
  const diag = new Diagnostics();
  const ctx: ParseContext = {
    source: 'fuzz',
    diag,
    hint: undefined,
    isBoundary: (line) =>
      BUNDLE_HEADER.test(line) || promptCommand(line) !== null || BY_PRIORITY.some((o) => o.id !== format && o.starts(line)),
  };
  const cur = new Cursor(text);
  try {
    while (!cur.done) {
      if (cur.blank || !f.starts(cur.str)) {
        cur.advance();
        continue;
      }
      const from = cur.ls;
      const firstLine = cur.line;
      const seg = f.read(cur, ctx, firstLine, undefined);
      if (cur.ls < from)
        return { kind: 'cursor-back', level: 'alone', message: `read moved the cursor back from line ${firstLine}`, where: format };
      if (cur.ls === from)
        cur.advance(); // detection reports the line and moves on
      else if (seg.lastLine < seg.firstLine)
        return { kind: 'segment-order', level: 'alone', message: `segment ${seg.firstLine}..${seg.lastLine}`, where: format };
      const bad = nonFinite(seg.data);
      if (bad) return { kind: 'non-finite', level: 'alone', message: `parse data ${bad}`, where: format };
    }
    diag.finish();
  } catch (e) {
    return thrown('throw', 'alone', e);
  }
  return null;
}

/** the CLI's path: parseBytes → buildIsolated → JSON and Markdown */
function pipeline(name: string, bytes: Uint8Array): Failure | null {
  let stage = 'parseBytes';
  try {
    const parsed = parseBytes(bytes, name);
    const inputs = parsed.map((p) => ({ name: p.name, bytes: p.bytes, parsed: [p] }));
    stage = 'buildIsolated';
    const { snap, analysis } = buildIsolated(inputs);
    for (const i of inputs)
      for (const p of i.parsed)
        for (const d of p.diagnostics)
          if (d.msg.key === 'input.model-failed')
            return { kind: 'model-threw', level: 'pipeline', message: d.message, where: 'buildSnapshot/analyze' };
    stage = 'toJson';
    const json = toJson(snap, analysis, { mappings: true });
    const bad = nonFinite(json);
    if (bad) return { kind: 'non-finite', level: 'pipeline', message: `JSON ${bad}`, where: 'toJson' };
    const text = JSON.stringify(json);
    const bound = 50 * bytes.length + 1024 * 1024;
    if (text.length > bound)
      return {
        kind: 'json-size',
        level: 'pipeline',
        message: `JSON is ${text.length} characters for ${bytes.length} bytes`,
        where: 'toJson',
      };
    stage = 'toMarkdown';
    const md = toMarkdown(snap, analysis);
    if (md.length > bound)
      return {
        kind: 'markdown-size',
        level: 'pipeline',
        message: `Markdown is ${md.length} characters for ${bytes.length} bytes`,
        where: 'toMarkdown',
      };
    const tag = /<[A-Za-z!/?]/.exec(md);
    if (tag)
      return {
        kind: 'markdown-html',
        level: 'pipeline',
        message: `raw ${JSON.stringify(md.slice(tag.index, tag.index + 30))}`,
        where: 'toMarkdown',
      };
    for (const p of parsed) {
      // only the input read as text: not a blob, a binary refused, a gzip or tar member
      // (a UTF-16 file's lines are those of its decoded text, not of the bytes read as UTF-8)
      if (p.lines === 0 || p.name !== name || p.diagnostics.some((d) => d.msg.key === 'bytes.utf16')) continue;
      const missing = unaccountedLines(dec.decode(bytes), p);
      if (missing.length)
        return {
          kind: 'line-unaccounted',
          level: 'pipeline',
          message: `lines ${missing.slice(0, 5).join(', ')} neither read nor reported`,
          where: 'parseText',
        };
    }
  } catch (e) {
    const f = thrown('throw', 'pipeline', e);
    return { ...f, message: `${stage}: ${f.message}` };
  }
  return null;
}

/** every invariant on one input; the first broken one */
export function check(format: FormatId, name: string, bytes: Uint8Array): Failure | null {
  return alone(format, bytes) ?? pipeline(name, bytes);
}
