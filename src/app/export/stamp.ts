/**
 * The title and date every export names (docs/sharing.md, "Exports"): pure, so that the
 * names and captions are tested without a page.
 */
/** the title and date an export names */
export interface Stamp {
  title: string;
  /** YYYY-MM-DD */
  date: string;
}

/** a moment's day, YYYY-MM-DD, in the reader's time zone */
export function dayOf(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** the snapshot's date: the day it was made (a link, a file, the history), else the day its inputs were loaded */
export function snapshotDate(created: string | undefined, loaded: Date): string {
  return created && /^\d{4}-\d{2}-\d{2}/.test(created) ? created.slice(0, 10) : dayOf(loaded);
}

/** the snapshot's title: the reader's, else its first inputs' names (as the history lists an untitled one) */
export function snapshotTitle(title: string, inputs: readonly { name: string }[]): string {
  const own = title.trim();
  if (own) return own;
  return (
    inputs
      .slice(0, 3)
      .map((i) => i.name)
      .join(', ') + (inputs.length > 3 ? ', …' : '')
  );
}

/** the caption a chart file carries, visible and as its `<title>`: `MT7981 router — Address map — 2025-03-01` */
export function captionOf(heading: string, s: Stamp): string {
  return [s.title, heading, s.date].filter(Boolean).join(' — ');
}

/** `<title>-<what>-<date>.<ext>`, the title made safe for a file name by `stem` */
export function fileNameOf(what: string, ext: string, s: Stamp, stem: (title: string) => string): string {
  return `${stem(s.title)}-${what}-${s.date}.${ext}`;
}
