/**
 * Names and the download itself for every export: a file is named after the snapshot's
 * title and date (`MT7981-router-2025-03-01-processes.csv`), so a folder of exports from
 * several devices stays readable.
 */
import { titleStem } from '../share';
import { useStore } from '../store';

/** the snapshot's date, YYYY-MM-DD: when it was made (a link, a file) or today (dumps just dropped) */
export function snapshotDate(created: string | undefined, now = new Date()): string {
  if (created && /^\d{4}-\d{2}-\d{2}/.test(created)) return created.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** the title and date of the snapshot shown */
export function stamp(): { title: string; date: string } {
  const { annotations, model } = useStore.getState();
  return { title: annotations.title, date: snapshotDate(model?.shared?.created) };
}

/** `<title>-<date>-<what>.<ext>`, the title made safe for a file name */
export function exportName(what: string, ext: string, s = stamp()): string {
  return `${titleStem(s.title)}-${s.date}-${what}.${ext}`;
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
