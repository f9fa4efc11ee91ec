/**
 * The title and date a report names in its heading (Markdown) and fields (JSON): those the
 * page gives (the reader's title, else the first inputs' names; the snapshot's date), else
 * what a snapshot file read by the CLI carries (its title, the day it was made). Dumps read
 * by the CLI carry no date: none is made up.
 */
import type { Snapshot } from '../model/snapshot';
import type { Annotations } from '../share/annotations';

export interface ReportStamp {
  title?: string;
  /** YYYY-MM-DD */
  date?: string;
}

/** the day of an ISO date (`2025-03-01T09:30:00Z` → `2025-03-01`), or undefined when it is none */
export const dayOf = (iso: string | undefined): string | undefined =>
  iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : undefined;

export function reportStamp(snap: Snapshot, notes: Annotations | undefined, given: ReportStamp | undefined): ReportStamp {
  const title = given?.title?.trim() || notes?.title.trim() || undefined;
  const date = dayOf(given?.date) ?? dayOf(snap.shared?.created);
  return { ...(title ? { title } : {}), ...(date ? { date } : {}) };
}
