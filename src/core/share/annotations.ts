/**
 * What people add to a snapshot: a title, free notes, and a label or comment on a
 * region of the address map, an accounting line or a process ("memmap" on the
 * 14,336 KiB memblock block). A label is attached by a key made from what it is on,
 * never by an index, so it finds its target again after the inputs are parsed anew
 * from a link, a file or the history.
 */
export interface Note {
  /** a short name shown beside the target */
  label?: string;
  /** a longer remark, shown on demand and in exports */
  comment?: string;
}

export interface Annotations {
  title: string;
  notes: string;
  /** by target key (`regionKey`, `lineKey`, `processKey`) */
  labels: Record<string, Note>;
}

export const emptyAnnotations = (): Annotations => ({ title: '', notes: '', labels: {} });

/** limits a snapshot from someone else is held to (share/doc.ts checks them) */
export const ANNOTATION_LIMITS = { title: 200, notes: 20_000, label: 200, comment: 2_000, labels: 2_000, key: 300 } as const;

export type TargetKind = 'region' | 'line' | 'process';

/** a region of the map: its kind and its addresses (hex, end exclusive) */
export const regionKey = (r: { kind: string; start: bigint; end: bigint }): string =>
  `region:${r.kind}:${r.start.toString(16)}-${r.end.toString(16)}`;

/** an accounting line, by its id */
export const lineKey = (l: { id: string }): string => `line:${l.id}`;

/** a process, by pid and name (a pid alone is reused; a name alone is not unique) */
export const processKey = (p: { pid: number | null; name: string }): string => `process:${p.pid ?? '-'}:${p.name}`;

export const targetKind = (key: string): TargetKind | null => {
  const k = key.slice(0, key.indexOf(':'));
  return k === 'region' || k === 'line' || k === 'process' ? k : null;
};

/** the annotations without empty notes, labels sorted by key (what is saved and compared) */
export function normalizeAnnotations(a: Annotations): Annotations {
  const labels: Record<string, Note> = {};
  for (const key of Object.keys(a.labels).sort()) {
    const n = a.labels[key];
    const label = n?.label?.trim();
    const comment = n?.comment?.trim();
    if (!label && !comment) continue;
    labels[key] = { ...(label ? { label } : {}), ...(comment ? { comment } : {}) };
  }
  return { title: a.title.trim(), notes: a.notes.trim(), labels };
}
