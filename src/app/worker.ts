/**
 * The Web Worker: reads and parses every input with the same core as the CLI, keeps the
 * whole model (every mapping, every text), and answers the page's questions about it.
 */
import { expose } from 'comlink';
import { DEFAULT_LIMITS, parseBytes, tooBig, unreadable } from '../core/formats/bytes';
import { type ParsedText, parseText } from '../core/formats/detect';
import { MappingTable } from '../core/formats/smaps/index';
import { m } from '../core/messages/catalogue';
import { buildIsolated } from '../core/model/isolate';
import type { Snapshot } from '../core/model/snapshot';
import { breakdown } from '../core/viewmodel/bar';
import { mapRegions } from '../core/viewmodel/lanes';
import { type FileRow, fileTable } from '../core/viewmodel/librank';
import { groupMappings, processKinds } from '../core/viewmodel/mappings';
import { headline, usedTable } from '../core/viewmodel/overview';
import type { FileInput, InputView, ModelView, Progress, SourceLines, WorkerApi } from './protocol';

interface Input {
  id: string;
  name: string;
  bytes: number;
  parsed: ParsedText[];
}

const inputs: Input[] = [];
let snap: Snapshot | null = null;
let filesCache: FileRow[] | null = null;
const lineStarts = new Map<string, Uint32Array>();

function uniqueName(name: string): string {
  const taken = new Set(inputs.flatMap((i) => i.parsed.map((p) => p.name)));
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) if (!taken.has(`${name} (${n})`)) return `${name} (${n})`;
}

function view(): ModelView {
  // an input the model cannot take is replaced by its error; the others still show
  const built = buildIsolated(inputs);
  snap = built.snap;
  filesCache = null;
  const a = built.analysis;
  const { processes: summaries, physical, ...rest } = a;
  const procs = snap.processes;
  const analysis: ModelView['analysis'] = rest;
  if (physical) {
    const { regions: _inMap, ...layout } = physical;
    analysis.physical = layout;
  }
  return {
    inputs: inputs.map(inputView),
    sources: snap.sources,
    ...(snap.kernelRelease ? { kernelRelease: snap.kernelRelease } : {}),
    analysis,
    headline: headline(a),
    breakdown: breakdown(snap, a),
    used: usedTable(a, snap.free),
    map: a.physical ? mapRegions(a.physical) : [],
    processes: summaries.map((s, index) => ({ ...s, index, byKind: processKinds(procs[index]) })),
  };
}

function inputView(i: Input): InputView {
  const diags = i.parsed.flatMap((p) => p.diagnostics);
  const errors = diags.filter((d) => d.severity === 'error');
  const v: InputView = {
    id: i.id,
    name: i.name,
    bytes: i.bytes,
    lines: i.parsed.reduce((s, p) => s + p.lines, 0),
    formats: [...new Set(i.parsed.flatMap((p) => p.segments.map((s) => s.format)))],
    sources: i.parsed.map((p) => p.name),
    diagnostics: diags.length,
    errors: errors.length,
  };
  // the card shows what matters most: an error, else a warning, else text that was not read
  const first = errors[0] ?? diags.find((d) => d.severity === 'warning') ?? diags.find((d) => d.severity === 'unread');
  if (first) v.firstError = first;
  return v;
}

const api: WorkerApi = {
  async addFiles(files: FileInput[], onProgress?: (p: Progress) => void) {
    let last = 0;
    const report = (p: Progress, force = false) => {
      const now = Date.now();
      if (onProgress && (force || now - last > 80)) {
        last = now;
        onProgress(p);
      }
    };
    let i = 0;
    for (const f of files) {
      const name = uniqueName(f.name);
      report({ name, phase: 'reading', fraction: i / files.length }, true);
      let parsed: ParsedText[];
      if (f.file.size > DEFAULT_LIMITS.maxBytes) parsed = [tooBig(name, f.file.size)];
      else {
        try {
          const bytes = new Uint8Array(await f.file.arrayBuffer());
          const share = 1 / files.length;
          const base = i / files.length;
          parsed = parseBytes(bytes, name, {
            maxBytes: DEFAULT_LIMITS.maxBytes,
            keepText: true,
            onProgress: (done, total) => report({ name, phase: 'parsing', fraction: base + share * (total ? done / total : 1) }),
          });
        } catch (e) {
          parsed = [unreadable(name, m('bytes.read-failed', { why: e instanceof Error ? e.message : String(e) }), f.file.size)];
        }
      }
      const same = f.group ? inputs.find((x) => x.id === f.id) : undefined;
      if (same) {
        for (const p of parsed) same.parsed.push(p);
        same.bytes += f.file.size;
      } else inputs.push({ id: f.id, name: f.group ?? name, bytes: f.file.size, parsed });
      i++;
    }
    report({ name: '', phase: 'combining', fraction: 1 }, true);
    return view();
  },
  async addText(id, name, text) {
    const n = uniqueName(name);
    let parsed: ParsedText;
    try {
      parsed = parseText(text, n, undefined);
      parsed.text = text;
    } catch (e) {
      parsed = unreadable(n, m('bytes.read-failed', { why: e instanceof Error ? e.message : String(e) }), text.length);
    }
    inputs.push({ id, name: n, bytes: text.length, parsed: [parsed] });
    return view();
  },
  async remove(id) {
    const at = inputs.findIndex((i) => i.id === id);
    if (at >= 0) for (const p of inputs.splice(at, 1)[0]?.parsed ?? []) lineStarts.delete(p.name);
    return view();
  },
  async clear() {
    inputs.length = 0;
    lineStarts.clear();
    return view();
  },
  async mappings(index) {
    return groupMappings(snap?.processes[index]?.mappings ?? new MappingTable());
  },
  async files() {
    filesCache ??= fileTable(snap?.processes ?? []);
    return filesCache;
  },
  async sourceLines(source, from, count): Promise<SourceLines> {
    const p = inputs.flatMap((i) => i.parsed).find((x) => x.name === source);
    const text = p?.text ?? '';
    let starts = lineStarts.get(source);
    if (!starts) {
      const list: number[] = [0];
      for (let at = text.indexOf('\n'); at >= 0 && at < text.length - 1; at = text.indexOf('\n', at + 1)) list.push(at + 1);
      starts = Uint32Array.from(text.length === 0 ? [] : list);
      lineStarts.set(source, starts);
    }
    const total = starts.length;
    const lines: string[] = [];
    for (let n = Math.max(0, from); n < Math.min(total, from + count); n++) {
      const s = starts[n] ?? 0;
      const e = n + 1 < total ? (starts[n + 1] ?? text.length) - 1 : text.length;
      lines.push(text.slice(s, e).replace(/\r$/, '').replace(/\n$/, ''));
    }
    return { total, from, lines };
  },
};

expose(api);
