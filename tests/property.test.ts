// Property tests: no parser throws or hangs on arbitrary text; CRLF, tabs and
// concatenation give the same model as the clean input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, buildSnapshot, parseBytes, parseText, toJson } from '../src/core/index';
import { FORMATS, read, SEED, SEED_FILES } from './helpers';
import { unaccountedLines } from './lines';

const FORMAT_FILES = [
  'dts-full.dts',
  'dmesg-arm64.txt',
  'free-procps-old.txt',
  'meminfo-6x.txt',
  'smaps-x86_64.txt',
  'memblock-memory-new.txt',
  'smaps-arm32-truncated.txt',
];
const samples = [...SEED_FILES.map((f) => read(SEED, f)), ...FORMAT_FILES.map((f) => read(FORMATS, f))];

/** the model, without where each line came from */
function model(texts: string[]) {
  const snap = buildSnapshot(texts.map((t, i) => parseText(t, `input${i}`)));
  const j = toJson(snap, analyze(snap));
  return {
    physical: j.physical && {
      ...j.physical,
      dramFrom: j.physical.dramFrom.replace(/\(input\d+\)/, ''),
      regions: j.physical.regions.map(({ line: _l, source: _s, ...r }) => r),
    },
    boot: j.boot && { ...j.boot, freed: j.boot.freed && { kib: j.boot.freed.kib, from: j.boot.freed.from } },
    meminfo: j.meminfo,
    free: j.free,
    acc: j.accounting.lines.map((l) => [l.id, l.kib]),
    checks: j.checks.map((c) => [c.id, c.left, c.right]),
    procs: j.processes.map((p) => [p.pssKiB, p.rssKiB, p.ussKiB, p.swapKiB, p.mappings?.length]),
  };
}

// text made of pieces of real dumps, mutated: the inputs most likely to reach odd parser states
const dumpish = fc
  .array(
    fc.oneof(
      fc.constantFrom(...samples.flatMap((s) => s.split('\n'))),
      fc.string({ maxLength: 40 }),
      fc.constantFrom('{', '};', '<', '>', '/*', '*/', '"', '==> x <==', 'root@OpenWrt:~# cat /proc/meminfo', '\r', '\t', '0x', '..', ': '),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join('\n'));

describe('parsers on arbitrary input', () => {
  it('never throw, and account for every line they did not read', () => {
    fc.assert(
      fc.property(fc.oneof(dumpish, fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 })), (text) => {
        const p = parseText(text, 'fuzz');
        const snap = buildSnapshot([p]);
        analyze(snap);
        for (const s of p.segments) expect(s.lastLine).toBeGreaterThanOrEqual(s.firstLine);
        expect(unaccountedLines(text, p)).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });

  it('never throw on arbitrary bytes (binary, gzip and tar magic included)', () => {
    const magic = fc.constantFrom([0x1f, 0x8b], [0xd0, 0x0d, 0xfe, 0xed], []);
    fc.assert(
      fc.property(magic, fc.uint8Array({ maxLength: 2000 }), (m, body) => {
        const b = new Uint8Array([...m, ...body]);
        if (b.length > 262) b.set([0x75, 0x73, 0x74, 0x61, 0x72], 257);
        const parts = parseBytes(b, 'fuzz.bin');
        expect(parts.length).toBeGreaterThan(0);
        analyze(buildSnapshot(parts));
      }),
      { numRuns: 500 },
    );
  });

  it('finish in linear time on a long line and on many short ones', () => {
    // a hang shows as the test timing out; the sizes make a quadratic parser take minutes
    parseText(`${'('.repeat(200_000)}\n`, 'deep');
    parseText(`a {${' b {'.repeat(20_000)}`, 'nested');
    parseText('x\n'.repeat(300_000), 'many');
    parseText(`MemTotal: ${'9'.repeat(100_000)} kB\n`, 'long number');
    // the log's readers, on the shapes that would make a backtracking pattern quadratic
    parseText(`BIOS-e820: [mem 0x0-0x9fbff] usable${' '.repeat(200_000)}x\n`, 'e820');
    parseText(`Memory: 1K/2K available (${'1K a'.repeat(50_000)}${' '.repeat(50_000)}\n`, 'memory line');
    parseText(`[    0.000000] OF: reserved mem: initialized node ${'a'.repeat(200_000)}\n`, 'of');
    parseText(`${'@:'.repeat(100_000)}\n`, 'prompt');
    parseText(`May 12 12:30:24 ${'h '.repeat(100_000)}\n`, 'syslog');
    parseText(`[    0.000000] Freeing ${' '.repeat(200_000)}: 1K\n`, 'freeing');
  });
});

describe('the same model however the text was pasted', () => {
  const files = SEED_FILES.map((f) => read(SEED, f));
  const clean = model(files);

  it('CRLF line ends', () => {
    expect(model(files.map((t) => t.replace(/\n/g, '\r\n')))).toEqual(clean);
  });

  it('tabs for spaces in tabular dumps', () => {
    const tabbed = files.map((t, i) => (SEED_FILES[i]?.endsWith('.dts') ? t : t.replace(/ {2,}/g, '\t')));
    expect(model(tabbed)).toEqual(clean);
  });

  it('any order and concatenation into one text', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(files, { minLength: files.length, maxLength: files.length }),
        fc.constantFrom('\n', '\n\n', '\r\n'),
        (order, sep) => {
          expect(model([order.join(sep)])).toEqual(clean);
        },
      ),
      { numRuns: 60 },
    );
  });
});
