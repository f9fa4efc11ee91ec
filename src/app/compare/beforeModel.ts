/**
 * The worker's "before" side of a comparison: a snapshot from this browser's history, a
 * link, a snapshot file or a set of dump files, built into a model of its own beside the
 * inputs shown (the "after" side), which it never touches.
 */
import { diffSnapshots, dramOf, type Side } from '../../core/compare/index';
import { DEFAULT_LIMITS, parseBytes, tooBig } from '../../core/formats/bytes';
import type { ParsedText } from '../../core/formats/detect';
import { buildIsolated, type InputParts } from '../../core/model/isolate';
import type { Snapshot } from '../../core/model/snapshot';
import { isSnapshotFile, readSnapshotFile } from '../../core/share/file';
import { decodeLink, type OpenedDoc, problemMsg } from '../../core/share/link';
import { openDoc } from '../../core/share/open';
import { breakdown } from '../../core/viewmodel/bar';
import { loadSnapshot } from '../history';
import type { BeforeSource, CompareResult, CompareSideView, CompareView } from './protocol';

interface Before extends Side {
  name: string;
  date?: string;
}

let before: Before | null = null;

const LIMITS = { maxBytes: DEFAULT_LIMITS.maxBytes };

/** the name of a side: its title, else its first inputs' names */
function nameOf(snap: Snapshot, title: string | undefined): string {
  if (title) return title;
  const names = snap.sources.slice(0, 3).map((s) => s.name);
  return names.join(', ') + (snap.sources.length > 3 ? ', …' : '');
}

function fromDoc(o: OpenedDoc): Before {
  const built = buildIsolated(openDoc(o, LIMITS));
  return { ...built, name: nameOf(built.snap, o.doc.title), date: o.doc.created };
}

async function fromFiles(files: { file: Blob; name: string }[]): Promise<Before | CompareResult> {
  const only = files.length === 1 ? files[0] : undefined;
  if (only && only.file.size <= LIMITS.maxBytes) {
    const bytes = new Uint8Array(await only.file.arrayBuffer());
    if (isSnapshotFile(bytes.subarray(0, 256))) {
      const r = readSnapshotFile(bytes);
      return 'problem' in r ? { problem: problemMsg(r.problem) } : fromDoc(r);
    }
  }
  const inputs: InputParts[] = [];
  for (const f of files) {
    const parsed: ParsedText[] =
      f.file.size > LIMITS.maxBytes
        ? [tooBig(f.name, f.file.size)]
        : parseBytes(new Uint8Array(await f.file.arrayBuffer()), f.name, LIMITS);
    inputs.push({ name: f.name, bytes: f.file.size, parsed });
  }
  if (inputs.every((i) => i.parsed.every((p) => p.segments.length === 0))) return { empty: true };
  const built = buildIsolated(inputs);
  return { ...built, name: nameOf(built.snap, undefined) };
}

async function load(src: BeforeSource): Promise<Before | CompareResult> {
  if ('link' in src) {
    const r = decodeLink(src.link);
    return 'problem' in r ? { problem: problemMsg(r.problem) } : fromDoc(r);
  }
  if ('history' in src) {
    const text = await loadSnapshot(src.history);
    const r = text === undefined ? ({ problem: { kind: 'not-snapshot' } } as const) : readSnapshotFile(new TextEncoder().encode(text));
    return 'problem' in r ? { problem: problemMsg(r.problem) } : fromDoc(r);
  }
  return fromFiles(src.files);
}

function sideView(s: Side, name: string, date: string | undefined): CompareSideView {
  const p = s.analysis.physical;
  return {
    name,
    ...(date ? { date } : {}),
    dramKiB: dramOf(s.analysis),
    start: p?.start ?? null,
    end: p?.end ?? null,
    breakdown: breakdown(s.snap, s.analysis),
  };
}

/** the compare part of the WorkerApi; `current` is the model of the inputs shown */
export function compareApi(current: () => (Side & { date?: string }) | null) {
  return {
    async compareWith(src: BeforeSource): Promise<CompareResult> {
      try {
        const b = await load(src);
        if (!('snap' in b)) return b;
        before = b;
        return { ok: true };
      } catch (e) {
        return { error: e instanceof Error ? e.message : String(e) };
      }
    },
    async clearCompare(): Promise<void> {
      before = null;
    },
    async diff(): Promise<CompareView | null> {
      const after = current();
      if (!before || !after) return null;
      return {
        before: sideView(before, before.name, before.date),
        after: sideView(after, nameOf(after.snap, after.snap.shared?.title), after.date),
        diff: diffSnapshots(before, after),
      };
    },
  };
}
