// "Every input line is understood or listed with its line number", asserted for real:
// on every fixture, on pastes of them, and on arbitrary text.
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseText } from '../src/core/index';
import { FORMATS, read, SEED, SEED_FILES } from './helpers';
import { unaccountedLines } from './lines';

const fixtures = [
  ...SEED_FILES.map((f) => ({ f, text: read(SEED, f) })),
  ...readdirSync(FORMATS).map((f) => ({ f, text: read(FORMATS, f) })),
];

describe('every non-blank line is read, a separator, or reported', () => {
  it.each(fixtures)('$f', ({ f, text }) => {
    expect(unaccountedLines(text, parseText(text, f, f))).toEqual([]);
  });

  it('in one paste of every fixture, with prompts, bundle headers, notes and garbage between them', () => {
    const text = fixtures
      .map(({ f, text }, i) =>
        [
          i % 3 === 0 ? `root@OpenWrt:~# cat ${f}` : i % 3 === 1 ? `==> ${f} <==` : '',
          text,
          i % 4 === 0 ? 'a note someone typed' : '',
        ].join('\n'),
      )
      .join('\n');
    const parsed = parseText(text, 'paste');
    expect(unaccountedLines(text, parsed)).toEqual([]);
    expect(parsed.diagnostics.filter((d) => d.message.includes('a note someone typed')).length).toBeGreaterThan(0);
  });

  it('on arbitrary text made of pieces of real dumps', () => {
    const lines = fixtures.flatMap(({ text }) => text.split('\n'));
    const text = fc
      .array(
        fc.oneof(fc.constantFrom(...lines), fc.string({ maxLength: 30 }), fc.constantFrom('{', '};', '==> x <==', '# cat /proc/meminfo')),
        {
          maxLength: 80,
        },
      )
      .map((parts) => parts.join('\n'));
    fc.assert(
      fc.property(text, (t) => {
        expect(unaccountedLines(t, parseText(t, 'fuzz'))).toEqual([]);
      }),
      { numRuns: 800 },
    );
  });

  it('past the cap of listed diagnostics, the rest are counted', () => {
    // inside a dump ramledger reads, each bad line is an error of its own
    const text = `MemTotal: 100 kB\n${'garbage\n'.repeat(1500)}`;
    const parsed = parseText(text, 'garbage');
    expect(parsed.diagnostics.filter((d) => d.line > 0)).toHaveLength(1000);
    expect(unaccountedLines(text, parsed)).toEqual([]);
  });

  it('a run of text no format reads is one diagnostic that spans it, named by its shape', () => {
    const text = 'U-Boot 2023.04 (Apr 01 2023)\nDRAM:  256 MiB\nHit any key to stop autoboot\nMemTotal: 100 kB\n';
    const parsed = parseText(text, 'console');
    expect(parsed.diagnostics.map((d) => [d.line, d.severity, d.message])).toEqual([
      [1, 'unread', 'lines 1–3 (3 lines): bootloader or firmware output, not read: "U-Boot 2023.04 (Apr 01 2023)" …'],
    ]);
    expect(unaccountedLines(text, parsed)).toEqual([]);
    const slab = parseText(
      'slabinfo - version: 2.1\n# name <active_objs> <num_objs>\nkmalloc-64 10 20 64 64 1 : tunables 0 0 0 : slabdata 1 1 0\n',
      's',
    );
    // slabinfo is read now (formats/slabinfo): no run of it is left unread
    expect(slab.segments.map((x) => x.format)).toEqual(['slabinfo']);
    expect(slab.diagnostics).toEqual([]);
  });

  it('catches a parser that drops a line without a word', () => {
    // the checker itself must fail when a line goes missing: drop one diagnostic, one
    // separator, one segment's last line
    const text = 'what is this\nroot@OpenWrt:~# cat /proc/meminfo\nMemTotal: 100 kB\nMemFree: 50 kB\n';
    const parsed = parseText(text, 'x');
    expect(unaccountedLines(text, parsed)).toEqual([]);
    expect(unaccountedLines(text, { ...parsed, diagnostics: parsed.diagnostics.filter((d) => d.line !== 1) })).toEqual([1]);
    expect(unaccountedLines(text, { ...parsed, separators: [] })).toEqual([2]);
    const cut = parsed.segments.map((s) => ({ ...s, lastLine: s.lastLine - 1 }));
    expect(unaccountedLines(text, { ...parsed, segments: cut })).toEqual([4]);
  });
});
