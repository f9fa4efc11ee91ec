/**
 * The snapshot document: what a link, a snapshot file and the page's history carry.
 * The inputs as they were read (so the receiver parses them again and can show every
 * source line), the annotations, the view, and, when the inputs were reduced to fit a
 * link, exactly what was left out. Version 1; a reader refuses a version it does not
 * know rather than guessing.
 *
 * A document from someone else is untrusted: `checkDoc` validates it against the
 * schema below (valibot), with a cap on every string and list.
 */
import * as v from 'valibot';
import { ANNOTATION_LIMITS, type Annotations, emptyAnnotations, type Note } from './annotations';

export const DOC_VERSION = 1;

/** the largest text one snapshot may carry, in all (the page's and the CLI's input cap) */
export const MAX_DOC_BYTES = 1024 * 1024 * 1024;
const MAX_NAME = 1_000;
const MAX_INPUTS = 100_000;

const name = v.pipe(v.string(), v.maxLength(MAX_NAME));
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));

const SourceSchema = v.object({
  name,
  /** the text, for a text source (in a file or the history; a link carries it after the JSON) */
  text: v.optional(v.string()),
  /** the bytes as base64, for a binary source (a device-tree blob) */
  base64: v.optional(v.string()),
  /** in a link's frame: the length in bytes of this source's content after the JSON */
  size: v.optional(count),
  binary: v.optional(v.boolean()),
});

const InputSchema = v.object({
  name,
  bytes: count,
  /** a dropped folder: one input of many files */
  group: v.optional(v.boolean()),
  sources: v.pipe(v.array(SourceSchema), v.maxLength(MAX_INPUTS)),
});

/** what a reduced snapshot left out (share/reduce.ts), said on the page */
const ReducedSchema = v.object({
  processes: count,
  mappings: count,
  lines: count,
  bytes: count,
  /** sources not carried at all, and how many there were past the ones listed */
  dropped: v.pipe(v.array(name), v.maxLength(100)),
  droppedMore: count,
  /** the source the per-process totals were written to */
  totals: name,
});

/** a source that could not be carried at all (too large to keep, unreadable) */
const LeftSchema = v.object({ name, why: v.picklist(['too-large', 'unreadable']) });

const L = ANNOTATION_LIMITS;
const LabelSchema = v.object({
  /** what it is on: `region:…`, `line:…` or `process:…` (./annotations.ts) */
  on: v.pipe(v.string(), v.maxLength(L.key), v.regex(/^(region|line|process):/, 'a label is on a region, a line or a process')),
  label: v.optional(v.pipe(v.string(), v.maxLength(L.label))),
  comment: v.optional(v.pipe(v.string(), v.maxLength(L.comment))),
});

export const DocSchema = v.object({
  ramledger: v.literal('snapshot'),
  version: v.literal(DOC_VERSION),
  created: v.pipe(v.string(), v.maxLength(40)),
  title: v.optional(v.pipe(v.string(), v.maxLength(L.title))),
  notes: v.optional(v.pipe(v.string(), v.maxLength(L.notes))),
  labels: v.optional(v.pipe(v.array(LabelSchema), v.maxLength(L.labels))),
  /** the view: `/processes?p=3` (a route of the page, checked again where it is used) */
  view: v.optional(v.pipe(v.string(), v.maxLength(2_000))),
  inputs: v.pipe(v.array(InputSchema), v.maxLength(MAX_INPUTS)),
  reduced: v.optional(ReducedSchema),
  left: v.optional(v.pipe(v.array(LeftSchema), v.maxLength(MAX_INPUTS))),
});

export type SnapshotDoc = v.InferOutput<typeof DocSchema>;
export type DocInput = SnapshotDoc['inputs'][number];
/** a snapshot file's document without its inputs, and the file's name */
export type SnapshotMeta = Omit<SnapshotDoc, 'inputs'> & { file: string };
export type DocSource = DocInput['sources'][number];
export type Reduced = NonNullable<SnapshotDoc['reduced']>;

export type DocProblem =
  | { kind: 'not-json'; why: string }
  | { kind: 'not-snapshot' }
  | { kind: 'version'; version: string }
  | { kind: 'schema'; path: string; why: string };

/** a parsed JSON value as a snapshot document, or the first thing wrong with it */
export function checkDoc(value: unknown): { doc: SnapshotDoc } | { problem: DocProblem } {
  if (typeof value !== 'object' || value === null || (value as { ramledger?: unknown }).ramledger !== 'snapshot')
    return { problem: { kind: 'not-snapshot' } };
  const version = (value as { version?: unknown }).version;
  if (version !== DOC_VERSION) return { problem: { kind: 'version', version: String(version).slice(0, 20) } };
  const r = v.safeParse(DocSchema, value);
  if (r.success) {
    for (const i of r.output.inputs)
      for (const s of i.sources) {
        const kinds = Number(s.text !== undefined) + Number(s.base64 !== undefined) + Number(s.size !== undefined);
        if (kinds !== 1)
          return {
            problem: {
              kind: 'schema',
              path: `inputs.sources(${s.name.slice(0, 60)})`,
              why: 'a source holds exactly one of text, base64 or size',
            },
          };
      }
    return { doc: r.output };
  }
  const issue = r.issues[0];
  return { problem: { kind: 'schema', path: (issue ? v.getDotPath(issue) : null) ?? '(top)', why: issue?.message.slice(0, 200) ?? '' } };
}

/** the annotations a document carries */
export function docAnnotations(doc: Pick<SnapshotDoc, 'title' | 'notes' | 'labels'>): Annotations {
  const a = emptyAnnotations();
  a.title = doc.title ?? '';
  a.notes = doc.notes ?? '';
  for (const l of doc.labels ?? []) {
    const n: Note = {};
    if (l.label) n.label = l.label;
    if (l.comment) n.comment = l.comment;
    a.labels[l.on] = n;
  }
  return a;
}

/** annotations as a document's fields (empty ones left out) */
export function annotationFields(a: Annotations): Pick<SnapshotDoc, 'title' | 'notes' | 'labels'> {
  const out: Pick<SnapshotDoc, 'title' | 'notes' | 'labels'> = {};
  if (a.title) out.title = a.title;
  if (a.notes) out.notes = a.notes;
  const labels = Object.entries(a.labels).map(([on, n]) => ({ on, ...n }));
  if (labels.length) out.labels = labels;
  return out;
}
