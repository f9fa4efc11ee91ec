/**
 * Annotations held to ANNOTATION_LIMITS as they are typed or opened: a field past its
 * limit is cut (the inputs' maxLength already stops typing there; a pasted or opened
 * snapshot is cut here), a key past its limit or a label past the count is refused.
 */
import { ANNOTATION_LIMITS, type Annotations, type Note, normalizeAnnotations } from '../../core/share/annotations';

/** the first `max` UTF-16 units, without a lone high surrogate at the cut */
export function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const end = /[\uD800-\uDBFF]/.test(s.charAt(max - 1)) ? max - 1 : max;
  return s.slice(0, end);
}

/** a note within limits, or null when nothing is left in it */
export function clipNote(n: Note | null): Note | null {
  const label = cut(n?.label?.trim() ?? '', ANNOTATION_LIMITS.label);
  const comment = cut(n?.comment?.trim() ?? '', ANNOTATION_LIMITS.comment);
  if (!label && !comment) return null;
  return { ...(label ? { label } : {}), ...(comment ? { comment } : {}) };
}

/** `labels` with `key` set to `note` (removed when null or empty); unchanged when the key or the count is past its limit */
export function withNote(labels: Record<string, Note>, key: string, note: Note | null): Record<string, Note> {
  const clipped = clipNote(note);
  const { [key]: _old, ...rest } = labels;
  if (!clipped) return key in labels ? rest : labels;
  if (key.length > ANNOTATION_LIMITS.key) return labels;
  if (!(key in labels) && Object.keys(labels).length >= ANNOTATION_LIMITS.labels) return labels;
  return { ...rest, [key]: clipped };
}

/** a whole set (opened from a snapshot) normalised and within limits */
export function clipAnnotations(a: Annotations): Annotations {
  const n = normalizeAnnotations(a);
  let labels: Record<string, Note> = {};
  for (const [key, note] of Object.entries(n.labels)) labels = withNote(labels, key, note);
  return { title: cut(n.title, ANNOTATION_LIMITS.title), notes: cut(n.notes, ANNOTATION_LIMITS.notes), labels };
}
