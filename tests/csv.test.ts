import { describe, expect, it } from 'vitest';
import { csvField, parseCsv, toCsv } from '../src/core/report/csv';
import { checksCsv, mappingsCsv, processesCsv, regionsCsv, waterfallCsv } from '../src/core/report/tables';
import { mapRegions } from '../src/core/viewmodel/lanes';
import { groupMappings } from '../src/core/viewmodel/mappings';
import { en, read, run, SEED, SEED_FILES } from './helpers';

describe('CSV (RFC 4180)', () => {
  it('quotes a field with a comma, a quote or a line break, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(toCsv(['a', 'b'], [['x,y', 'z']])).toBe('a,b\r\n"x,y",z\r\n');
  });

  it('writes numbers plain: no grouping, no unit, negatives stay numbers', () => {
    expect(toCsv(['KiB'], [[1234567], [-2304], [0.5], [Number.NaN], [null], [12345678901234567890n]])).toBe(
      'KiB\r\n1234567\r\n-2304\r\n0.5\r\n\r\n\r\n12345678901234567890\r\n',
    );
  });

  it('neutralises formula injection: = + - @ tab CR at the start of text get a leading quote', () => {
    for (const s of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])
      expect(csvField(s).replace(/^"|"$/g, '').startsWith("'")).toBe(true);
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('=A1,B1')).toBe(`"'=A1,B1"`);
    // inside the text, the same characters are harmless
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('x-y')).toBe('x-y');
  });

  it('round-trips any text, unicode, quotes and line breaks included', () => {
    const rows = [
      ['内存 «slab»', 'naïve, "quoted"', 'line1\r\nline2'],
      ['🙂 emoji', '', 'tab\tinside'],
      ['\u202Ebidi', ',', '""'],
    ];
    const back = parseCsv(toCsv(['a', 'b', 'c'], rows));
    expect(back).toEqual([['a', 'b', 'c'], ...rows]);
    // an injected cell comes back with its quote, never as a formula
    expect(parseCsv(toCsv(['x'], [['=cmd|" /C calc"!A0']]))[1]).toEqual([`'=cmd|" /C calc"!A0`]);
  });

  it('a table of N rows is N + 1 records', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [`p${i}`, i]);
    expect(parseCsv(toCsv(['name', 'n'], rows))).toHaveLength(1001);
  });
});

describe('the page tables as CSV, on the seed', () => {
  const { snap, a } = run(SEED_FILES.map((f) => ({ name: f, text: read(SEED, f) })));
  const say = en;

  it('the ledger: one row a line, KiB as plain numbers that match the model', () => {
    const rows = parseCsv(waterfallCsv(a.accounting.lines, say, { 'line:dram': { label: '=evil' } }));
    expect(rows).toHaveLength(a.accounting.lines.length + 1);
    expect(rows[0]).toEqual(['id', 'parent', 'level', 'depth', 'item', 'label', 'KiB', 'formula', 'sources']);
    const dram = rows.find((r) => r[0] === 'dram');
    const line = a.accounting.lines.find((l) => l.id === 'dram');
    expect(Number(dram?.[6])).toBe(line?.kib);
  });

  it('regions, processes, every mapping of a process, checks', () => {
    const regions = a.physical ? mapRegions(a.physical) : [];
    expect(parseCsv(regionsCsv(regions, say))).toHaveLength(regions.length + 1);
    expect(parseCsv(processesCsv(a.processes))).toHaveLength(a.processes.length + 1);
    const p = snap.processes[0];
    if (!p) throw new Error('the seed has processes');
    const groups = groupMappings(p.mappings);
    expect(parseCsv(mappingsCsv(groups))).toHaveLength(p.mappings.length + 1);
    const checks = parseCsv(checksCsv(a.checks, say));
    expect(checks).toHaveLength(a.checks.length + 1);
    expect(checks.slice(1).every((r) => r[8] === 'true' || r[8] === 'false')).toBe(true);
  });
});
