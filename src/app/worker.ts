/**
 * The Web Worker: reads and parses every input with the same core as the CLI, keeps the
 * whole model (every mapping, every text), and answers the page's questions about it.
 */
import { expose } from 'comlink';
import { evaluateBudget } from '../core/budget/evaluate';
import { BUDGET_LIMITS, type Budget, isBudgetFile, readBudget } from '../core/budget/schema';
import { DEFAULT_LIMITS, parseBytes, tooBig, unreadable } from '../core/formats/bytes';
import { type ParsedText, parseText } from '../core/formats/detect';
import { MappingTable } from '../core/formats/smaps/index';
import { type Msg, m, render } from '../core/messages/catalogue';
import { EN } from '../core/messages/index';
import type { Analysis } from '../core/model/accounting/index';
import { buildIsolated } from '../core/model/isolate';
import type { Snapshot } from '../core/model/snapshot';
import { buddyView, zonesView } from '../core/model/zones/index';
import { toJson, writeJson } from '../core/report/json';
import { toMarkdown } from '../core/report/markdown';
import { mappingsCsv } from '../core/report/tables';
import { viewWithoutSnapshot } from '../core/share/address';
import type { Annotations } from '../core/share/annotations';
import { docAnnotations } from '../core/share/doc';
import { isSnapshotFile, readSnapshotFile, snapshotFilePieces } from '../core/share/file';
import { decodeLink, inlineDoc, LINK_COMFORT, type OpenedDoc, problemMsg } from '../core/share/link';
import { chooseLink, makeDoc } from '../core/share/make';
import { openDoc } from '../core/share/open';
import { breakdown } from '../core/viewmodel/bar';
import { iomemView } from '../core/viewmodel/iomem';
import { iomemLane } from '../core/viewmodel/iomem-lane';
import { mapRegions } from '../core/viewmodel/lanes';
import { ledgerTree } from '../core/viewmodel/ledger';
import { type FileRow, fileTable } from '../core/viewmodel/librank';
import { groupMappings, processKinds } from '../core/viewmodel/mappings';
import { headline, usedTable } from '../core/viewmodel/overview';
import { slabView } from '../core/viewmodel/slab';
import { vmallocView } from '../core/viewmodel/vmalloc';
import { zoneRegions } from '../core/viewmodel/zones-lane';
import { compareApi } from './compare/beforeModel';
import { clearSnapshots, HISTORY_LIMITS, listSnapshots, loadSnapshot, removeSnapshot, type SaveResult, saveSnapshot } from './history';
import type { BudgetView, FileInput, InputView, ModelView, Progress, SharedView, SourceLines, WorkerApi } from './protocol';

interface Input {
  id: string;
  name: string;
  bytes: number;
  group?: boolean;
  parsed: ParsedText[];
}

const inputs: Input[] = [];
let snap: Snapshot | null = null;
let lastAnalysis: Analysis | null = null;
/** where the inputs came from when they are a shared snapshot */
let shared: SharedView | undefined;
let opened = 0;
/** the history entry the inputs shown are kept under: kept until they are cleared or replaced */
let historyId: string | undefined;
let filesCache: FileRow[] | null = null;
const lineStarts = new Map<string, Uint32Array>();
/** the budget file opened beside the snapshot (not an input): its name, and the budget or why it was refused */
let budgetFile: { name: string; budget: Budget } | { name: string; problem: Msg } | null = null;

/** names one file's sources anew where they collide with one shown or with each other (two snapshot files may carry the same name) */
function nameApart(parsed: readonly ParsedText[]): void {
  const taken = new Set(inputs.flatMap((i) => i.parsed.map((p) => p.name)));
  for (const p of parsed) {
    let name = p.name;
    for (let n = 2; taken.has(name); n++) name = `${p.name} (${n})`;
    p.name = name;
    taken.add(name);
  }
}

function uniqueName(name: string): string {
  const taken = new Set(inputs.flatMap((i) => i.parsed.map((p) => p.name)));
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) if (!taken.has(`${name} (${n})`)) return `${name} (${n})`;
}

function view(): ModelView {
  // an input the model cannot take is replaced by its error; the others still show
  const built = buildIsolated(inputs);
  snap = built.snap;
  lastAnalysis = built.analysis;
  filesCache = null;
  const a = built.analysis;
  const { processes: summaries, physical, ...rest } = a;
  const procs = snap.processes;
  const analysis: ModelView['analysis'] = rest;
  if (physical) {
    const { regions: _inMap, ...layout } = physical;
    analysis.physical = layout;
  }
  const bar = breakdown(snap, a);
  const zones = zonesView(snap);
  const buddy = buddyView(snap);
  const processes = summaries.map((s, index) => ({ ...s, index, byKind: processKinds(procs[index]) }));
  return {
    ...(shared && inputs.length ? { shared } : {}),
    inputs: inputs.map(inputView),
    sources: snap.sources,
    ...(snap.kernelRelease ? { kernelRelease: snap.kernelRelease } : {}),
    analysis,
    headline: headline(a, snap.free),
    breakdown: bar,
    used: usedTable(a, snap.free),
    map: [...(a.physical ? mapRegions(a.physical) : []), ...zoneRegions(zones), ...iomemLane(snap.iomem)],
    processes,
    ledger: ledgerTree(bar, a.physical?.regions, processes),
    ...(budgetFile ? { budget: budgetView(a) } : {}),
    ...(zones ? { zones } : {}),
    ...(buddy ? { buddy } : {}),
    ...(snap.slabinfo ? { slab: slabView(snap.slabinfo, snap.meminfo?.value) } : {}),
    ...(snap.vmallocinfo ? { vmalloc: vmallocView(snap.vmallocinfo, snap.meminfo?.value, snap.kernelRelease) } : {}),
    ...(snap.iomem ? { iomem: iomemView(snap.iomem) } : {}),
  };
}

/** the budget held against the analysis shown */
function budgetView(a: Analysis): BudgetView {
  if (!budgetFile) return { name: '' };
  if ('problem' in budgetFile) return { name: budgetFile.name, problem: budgetFile.problem };
  const result = evaluateBudget(budgetFile.budget, a);
  return { name: budgetFile.name, ...(result.title ? { title: result.title } : {}), result };
}

/**
 * Takes the budget files out of a drop (recognised by content, `"ramledger": "budget"`):
 * the last one read is kept beside the snapshot, in place of any before it.
 */
async function takeBudgets(files: FileInput[]): Promise<FileInput[]> {
  const rest: FileInput[] = [];
  for (const f of files) {
    const head = f.file.size <= BUDGET_LIMITS.bytes ? new Uint8Array(await f.file.slice(0, 512).arrayBuffer()) : null;
    if (!head || !isBudgetFile(head)) {
      rest.push(f);
      continue;
    }
    const r = readBudget(await f.file.text());
    budgetFile = 'problem' in r ? { name: f.name, problem: r.problem } : { name: f.name, budget: r.budget };
  }
  return rest;
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
  async addFiles(dropped: FileInput[], onProgress?: (p: Progress) => void) {
    const files = await takeBudgets(dropped);
    let last = 0;
    const report = (p: Progress, force = false) => {
      const now = Date.now();
      if (onProgress && (force || now - last > 80)) {
        last = now;
        onProgress(p);
      }
    };
    const only = files.length === 1 ? files[0] : undefined;
    if (only && only.file.size <= DEFAULT_LIMITS.maxBytes) {
      // a snapshot file dropped alone is opened, as a link is
      const head = new Uint8Array(await only.file.slice(0, 256).arrayBuffer());
      if (isSnapshotFile(head)) {
        const r = readSnapshotFile(new Uint8Array(await only.file.arrayBuffer()));
        if ('problem' in r) throw new Error(render(problemMsg(r.problem), EN));
        return openSnapshot(r, 'file');
      }
    }
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
      nameApart(parsed);
      const same = f.group ? inputs.find((x) => x.id === f.id) : undefined;
      if (same) {
        for (const p of parsed) same.parsed.push(p);
        same.bytes += f.file.size;
      } else inputs.push({ id: f.id, name: f.group ?? name, bytes: f.file.size, parsed, ...(f.group ? { group: true } : {}) });
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
    if (inputs.length === 0) {
      // nothing left of the snapshot shown: files dropped next are a snapshot of their own,
      // not the link's (its banner, its reduced state, its history entry)
      historyId = undefined;
      shared = undefined;
    }
    return view();
  },
  async removeBudget() {
    budgetFile = null;
    return view();
  },
  async clear() {
    inputs.length = 0;
    budgetFile = null;
    historyId = undefined;
    shared = undefined;
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
  async share(annotations, view) {
    return chooseLink(inputs, snap, currentDoc(annotations, view), LINK_COMFORT);
  },
  async snapshotFile(annotations, view) {
    const pieces: string[] = [];
    const report = snap && lastAnalysis ? toJson(snap, lastAnalysis, { mappings: false, annotations }) : {};
    snapshotFilePieces(currentDoc(annotations, view), report, (p) => pieces.push(p), writeJson);
    return new Blob(pieces, { type: 'application/json' });
  },
  async openLink(payload) {
    const r = decodeLink(payload);
    if ('problem' in r) return { problem: problemMsg(r.problem) };
    return openSnapshot(r, 'link');
  },
  history: listSnapshots,
  async remember(annotations, view) {
    if (inputs.length === 0) return { kept: false };
    historyId ??= `h${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const id = historyId;
    return { ...(await keep(currentDoc(annotations, view), id)), id };
  },
  async forget(id) {
    await (id === undefined ? clearSnapshots() : removeSnapshot(id));
    return listSnapshots();
  },
  async openHistory(id, keepView) {
    const text = await loadSnapshot(id);
    const r = text === undefined ? ({ problem: { kind: 'not-snapshot' } } as const) : readSnapshotFile(new TextEncoder().encode(text));
    if ('problem' in r) return { problem: problemMsg(r.problem) };
    const v = openSnapshot(r, 'history');
    historyId = id;
    // a reload keeps the view in the address; the list opens the view it was kept with
    if (keepView && v.opened) delete v.opened.view;
    return v;
  },
  // ---------- exports (#11)
  async mappingsCsv(index) {
    return mappingsCsv(groupMappings(snap?.processes[index]?.mappings ?? new MappingTable()));
  },
  async report(format, annotations, stamp) {
    if (!snap || !lastAnalysis) return new Blob([]);
    if (format === 'markdown') return new Blob([toMarkdown(snap, lastAnalysis, EN, annotations, stamp)], { type: 'text/markdown' });
    // as the CLI: every mapping, written in pieces (a report can outgrow the longest string)
    const pieces: string[] = [];
    writeJson(toJson(snap, lastAnalysis, { mappings: true, annotations, ...(stamp ? { stamp } : {}) }), (p) => pieces.push(p));
    pieces.push('\n');
    return new Blob(pieces, { type: 'application/json' });
  },
  ...compareApi(() =>
    snap && lastAnalysis && inputs.length ? { snap, analysis: lastAnalysis, ...(shared ? { date: shared.created } : {}) } : null,
  ),
};

/**
 * The document of the inputs shown. Inputs that came from a reduced snapshot are still
 * reduced when shared or kept again, and say so; sources the sender could not carry are
 * still missing.
 */
function currentDoc(annotations: Annotations, view: string): OpenedDoc {
  const o = makeDoc(inputs, annotations, view);
  if (shared?.reduced && !o.doc.reduced) o.doc.reduced = shared.reduced;
  if (shared?.left?.length) o.doc.left = [...shared.left, ...(o.doc.left ?? [])];
  return o;
}

/** keeps a document in this browser's history; one over the cap is not even made into a string */
function keep(o: OpenedDoc, id: string): Promise<SaveResult> {
  const bytes = o.contents.reduce((s, list) => list.reduce((t, c) => t + c.data.length, s), 0);
  if (bytes > HISTORY_LIMITS.docBytes) return Promise.resolve({ kept: false, why: 'too-big' });
  const { doc } = o;
  const entry = {
    id,
    title: doc.title ?? '',
    created: doc.created,
    inputs: doc.inputs.length,
    names: doc.inputs
      .slice(0, 3)
      .map((i) => i.name)
      .join(', ')
      .slice(0, 300),
    processes: snap?.processes.length ?? 0,
    // inputs opened from a reduced link stay reduced when kept again
    reduced: doc.reduced !== undefined || shared?.reduced !== undefined,
  };
  return saveSnapshot(entry, JSON.stringify(inlineDoc(o)));
}

/** replaces the inputs with a snapshot's, parsed again as files are */
function openSnapshot(o: OpenedDoc, from: SharedView['from']): ModelView {
  const parts = openDoc(o, { maxBytes: DEFAULT_LIMITS.maxBytes, keepText: true });
  inputs.length = 0;
  lineStarts.clear();
  opened++;
  // one entry per snapshot: opening the same link again replaces it
  historyId = `snap:${o.doc.created}`;
  parts.forEach((p, n) => {
    inputs.push({ id: `snap${opened}-${n}`, name: p.name, bytes: p.bytes, parsed: p.parsed, ...(p.group ? { group: true } : {}) });
  });
  shared = { from, created: o.doc.created };
  if (o.doc.reduced) shared.reduced = o.doc.reduced;
  if (o.doc.left) shared.left = o.doc.left;
  const v = view();
  // the page goes to this view: a snapshot in it would open in place of this one
  const at = o.doc.view === undefined ? '' : viewWithoutSnapshot(o.doc.view);
  v.opened = { annotations: docAnnotations(o.doc), ...(at ? { view: at } : {}) };
  return v;
}

expose(api);
