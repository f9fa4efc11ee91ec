/**
 * Names and the download itself for every export: a file is named after the snapshot's
 * title and date (`MT7981-router-processes-2025-03-01.csv`), so a folder of exports from
 * several devices stays readable, and the files that can say more (SVG, PNG, Markdown,
 * JSON) carry the same title and date inside (docs/sharing.md, "Exports").
 */
import { titleStem } from '../share';
import { useStore } from '../store';
import { captionOf, fileNameOf, type Stamp, snapshotDate, snapshotTitle } from './stamp';

export type { Stamp } from './stamp';

/**
 * When the inputs shown were loaded: the first time this page saw this set of inputs. Kept
 * here, watching the store, so a day's exports of dumps dropped yesterday still say yesterday.
 */
let loaded = { inputs: '', at: new Date() };
const inputsKey = () => (useStore.getState().model?.inputs ?? []).map((i) => i.id).join('\u0000');
const noteLoad = () => {
  const key = inputsKey();
  if (key !== loaded.inputs) loaded = { inputs: key, at: new Date() };
};
noteLoad();
useStore.subscribe(noteLoad);

/** the title and date of the snapshot shown */
export function stamp(): Stamp {
  const { annotations, model } = useStore.getState();
  noteLoad();
  return { title: snapshotTitle(annotations.title, model?.inputs ?? []), date: snapshotDate(model?.shared?.created, loaded.at) };
}

/** `<title>-<what>-<date>.<ext>`, the title made safe for a file name */
export function exportName(what: string, ext: string, s: Stamp = stamp()): string {
  return fileNameOf(what, ext, s, titleStem);
}

/** the caption a chart file carries, visible and as its `<title>`: `MT7981 router — Address map — 2025-03-01` */
export function caption(heading: string, s: Stamp = stamp()): string {
  return captionOf(heading, s);
}

/** saves a file the way the browser saves a download (works offline and from file://) */
export function download(data: Blob | string, name: string, type = 'text/plain;charset=utf-8'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
