import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/core/formats/detect';
import type { ProcessTotals } from '../../src/core/formats/totals/index';
import { TOTALS_COLUMNS, TOTALS_MAGIC } from '../../src/core/formats/totals/index';
import { summarizeProcesses } from '../../src/core/model/processes';
import { buildSnapshot } from '../../src/core/model/snapshot';
import { totalsText } from '../../src/core/share/make';
import { processKinds } from '../../src/core/viewmodel/mappings';

const HEAD = `${TOTALS_MAGIC}: sums\n${TOTALS_COLUMNS.join('\t')}\n`;
const rowsOf = (text: string) => {
  const p = parseText(text, 'totals.tsv', undefined);
  const seg = p.segments.find((s) => s.format === 'totals');
  return { rows: (seg?.data ?? []) as ProcessTotals[], diags: p.diagnostics };
};

describe('process totals (what a reduced link carries)', () => {
  it('reads a table written from this machine: every total and kind as written', () => {
    const text = readFileSync(join(__dirname, '../../fixtures/formats/totals-this-machine.txt'), 'utf8');
    const { rows, diags } = rowsOf(text);
    expect(diags).toEqual([]);
    expect(rows.length).toBe(text.trim().split('\n').length - 2);
    // written again from the model it makes, it is the same text
    const snap = buildSnapshot([parseText(text, 'totals.tsv', undefined)]);
    expect(totalsText(snap).text.split('\n').slice(1)).toEqual(text.split('\n').slice(1));
  });

  it('keeps any name: tabs, line ends, backslashes, markup', () => {
    const names = ['a\tb', 'two\nlines', 'back\\slash', '<img src=x onerror=alert(1)>', ''];
    const text =
      HEAD +
      names
        .map((n, i) => `${i + 1}\t1\t8\t4\t2\t0\t-\t1\t0\t3\t0\t0\t0\t0\t${n.replace(/\\/g, '\\134').replace(/\n/g, '\\012')}`)
        .join('\n');
    const snap = buildSnapshot([parseText(text, 't', undefined)]);
    expect(snap.processes.map((p) => p.name)).toEqual(names.map((n, i) => n || `pid ${i + 1}`));
    const s = summarizeProcesses(snap.processes);
    expect(s[0]).toMatchObject({ pid: 1, pssKiB: 4, ussKiB: 2, rssKiB: 8, swapKiB: 0, mappingCount: 1, fromTotals: true });
    expect(s[0]?.swapPssKiB).toBeUndefined();
    expect(processKinds(snap.processes[0])).toMatchObject({ heap: 1, anonymous: 3 });
  });

  it('says every row it cannot read, with its line', () => {
    const text = `${HEAD}1\t2\t3\n2\t1\t8\t4\t2\t0\t-\t1\t0\t3\t0\t0\t0\tx\tname\n3\t1\t8\t4\t2\t0\t-\t1\t0\t3\t0\t0\t0\t-5\tneg\n4\t1\t99999999999999999999\t4\t2\t0\t-\t1\t0\t3\t0\t0\t0\t0\tbig\n5\t1\t8\t4\t2\t0\t-\t1\t0\t3\t0\t0\t0\t0\tok`;
    const { rows, diags } = rowsOf(text);
    expect(rows.map((r) => r.name)).toEqual(['ok']);
    expect(diags.map((d) => [d.line, d.severity])).toEqual([
      [3, 'error'],
      [4, 'error'],
      [5, 'error'],
      [6, 'error'],
    ]);
  });

  it('a later version is refused, its rows listed', () => {
    const { rows, diags } = rowsOf('# ramledger process totals 2: new\npid\tx\n1\t2');
    expect(rows).toEqual([]);
    expect(diags[0]?.message).toContain('later ramledger version');
    expect(diags.length).toBe(3);
  });

  it('rows before the column line are not guessed', () => {
    const { rows, diags } = rowsOf(`${TOTALS_MAGIC}\n1\t1\t8\t4\t2\t0\t-\t1\t0\t3\t0\t0\t0\t0\tx`);
    expect(rows).toEqual([]);
    expect(diags[0]?.message).toContain('column line');
  });
});
