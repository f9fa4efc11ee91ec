/** Every export names the snapshot's title and date (#11): the names, the captions, the report's heading and fields. */
import { describe, expect, test } from 'vitest';
import { captionOf, dayOf, fileNameOf, snapshotDate, snapshotTitle } from '../src/app/export/stamp';
import { toJson, toMarkdown } from '../src/core/index';
import type { Snapshot } from '../src/core/model/snapshot';
import { dayOf as isoDay, reportStamp } from '../src/core/report/stamp';
import { read, run, SEED, SEED_FILES } from './helpers';

const stem = (t: string) => t.replace(/[^\p{L}\p{N}]+/gu, '-');

describe('the page: title, date, file names, captions', () => {
  test('the title: the reader’s, else the first three inputs’ names', () => {
    expect(snapshotTitle('  MT7981 router ', [{ name: 'a' }])).toBe('MT7981 router');
    expect(snapshotTitle('', [{ name: 'a.dts' }, { name: 'b.txt' }])).toBe('a.dts, b.txt');
    expect(
      snapshotTitle(
        ' ',
        ['a', 'b', 'c', 'd'].map((name) => ({ name })),
      ),
    ).toBe('a, b, c, …');
    expect(snapshotTitle('', [])).toBe('');
  });

  test('the date: the day a shared snapshot was made, else the day the inputs were loaded', () => {
    const loaded = new Date(2025, 2, 9, 23, 59);
    expect(snapshotDate('2024-12-31T10:00:00.000Z', loaded)).toBe('2024-12-31');
    expect(snapshotDate(undefined, loaded)).toBe('2025-03-09');
    expect(snapshotDate('not a date', loaded)).toBe('2025-03-09');
    expect(dayOf(new Date(2025, 0, 2))).toBe('2025-01-02');
  });

  test('file names: <title>-<what>-<date>.<ext>; captions: title — heading — date', () => {
    const s = { title: 'MT7981 router, boot 3', date: '2025-03-01' };
    expect(fileNameOf('processes', 'csv', s, stem)).toBe('MT7981-router-boot-3-processes-2025-03-01.csv');
    expect(captionOf('Physical address map', s)).toBe('MT7981 router, boot 3 — Physical address map — 2025-03-01');
    expect(captionOf('', s)).toBe('MT7981 router, boot 3 — 2025-03-01');
  });
});

describe('the report: heading and fields', () => {
  const { snap, a } = run(SEED_FILES.map((name) => ({ name, text: read(SEED, name) })));
  const shared = { ...snap, shared: { ...snap.shared, created: '2025-03-01T08:00:00.000Z' } } as Snapshot;

  test('dumps on the CLI: no title, no date made up', () => {
    expect(toMarkdown(snap, a).split('\n')[0]).toBe('# ramledger report');
    const j = toJson(snap, a);
    expect('title' in j || 'date' in j).toBe(false);
  });

  test('a shared snapshot: the day it was made; the page: the title and date it gives', () => {
    expect(toMarkdown(shared, a).split('\n')[0]).toBe('# ramledger report — 2025-03-01');
    expect(toJson(shared, a)).toMatchObject({ date: '2025-03-01' });
    const stamp = { title: 'router <b>', date: '2025-04-02' };
    expect(toMarkdown(snap, a, undefined, undefined, stamp).split('\n')[0]).toBe('# router &lt;b&gt; — ramledger report — 2025-04-02');
    expect(toJson(snap, a, { stamp })).toMatchObject(stamp);
    // the annotations' title when the page gives none
    expect(reportStamp(snap, { title: 'mine', notes: '', labels: {} }, undefined)).toEqual({ title: 'mine' });
    expect(isoDay('garbage')).toBeUndefined();
  });
});
