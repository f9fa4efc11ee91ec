import { describe, expect, it } from 'vitest';
import { clipAnnotations, clipNote, cut, withNote } from '../src/app/annotations/limits';
import { ANNOTATION_LIMITS } from '../src/core/share/annotations';

describe('annotations held to their limits', () => {
  it('cuts a field at its limit, never between the halves of a surrogate pair', () => {
    expect(cut('abc', 5)).toBe('abc');
    expect(cut('abcdef', 3)).toBe('abc');
    expect(cut('ab😀', 3)).toBe('ab');
  });

  it('a note is trimmed and cut; an empty one is none', () => {
    expect(clipNote({ label: '  memmap ', comment: '' })).toEqual({ label: 'memmap' });
    expect(clipNote({ label: ' ', comment: '\n' })).toBeNull();
    expect(clipNote(null)).toBeNull();
    const long = clipNote({ label: 'x'.repeat(1000), comment: 'y'.repeat(5000) });
    expect(long?.label?.length).toBe(ANNOTATION_LIMITS.label);
    expect(long?.comment?.length).toBe(ANNOTATION_LIMITS.comment);
  });

  it('sets, replaces and removes a label; refuses a key or a count past the limit', () => {
    let labels = withNote({}, 'line:kernel', { label: 'kernel' });
    labels = withNote(labels, 'line:kernel', { comment: 'why' });
    expect(labels).toEqual({ 'line:kernel': { comment: 'why' } });
    expect(withNote(labels, 'line:kernel', null)).toEqual({});
    const none = {};
    expect(withNote(none, 'line:x', { label: '' })).toBe(none);
    expect(withNote(none, `line:${'k'.repeat(ANNOTATION_LIMITS.key)}`, { label: 'a' })).toBe(none);
    const full = Object.fromEntries(Array.from({ length: ANNOTATION_LIMITS.labels }, (_, i) => [`line:${i}`, { label: 'a' }]));
    expect(withNote(full, 'line:new', { label: 'b' })).toBe(full);
    // an existing one can still be changed or removed when the count is reached
    expect(withNote(full, 'line:0', { label: 'c' })['line:0']).toEqual({ label: 'c' });
    expect(Object.keys(withNote(full, 'line:0', null))).toHaveLength(ANNOTATION_LIMITS.labels - 1);
  });

  it('a whole set opened from elsewhere is normalised and cut', () => {
    const a = clipAnnotations({
      title: ` ${'t'.repeat(500)}`,
      notes: 'n'.repeat(30_000),
      labels: { 'process:1:init': { label: ' init ' }, 'line:x': { label: '' } },
    });
    expect(a.title.length).toBe(ANNOTATION_LIMITS.title);
    expect(a.notes.length).toBe(ANNOTATION_LIMITS.notes);
    expect(a.labels).toEqual({ 'process:1:init': { label: 'init' } });
  });
});
