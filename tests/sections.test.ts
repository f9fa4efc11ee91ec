/**
 * The byte reader of a file (formats/sections.ts, with the smaps fast path of
 * formats/smaps/fast.ts) must give exactly what the general reader gives on the decoded
 * text: same segments and data, separators, diagnostics and line numbers. Checked on
 * every fixture, on bundles made of them, and on random damage to them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ParsedText, parseText } from '../src/core/formats/detect';
import { parseSections } from '../src/core/formats/sections';
import { scanSmapsBytes } from '../src/core/formats/smaps/fast';
import { MappingTable } from '../src/core/formats/smaps/index';

const ROOT = join(__dirname, '..', 'fixtures');
const enc = new TextEncoder();

function files(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) files(p, out);
    else if (!/\.(dtb|json|py|md)$/.test(e)) out.push(p);
  }
  return out;
}
const TEXTS = files(ROOT)
  .map((p) => ({ name: relative(ROOT, p), text: readFileSync(p, 'utf8') }))
  .filter((f) => !f.text.includes('\0'));

/** a ParsedText as plain data: mappings as objects, addresses as text */
const plain = (p: ParsedText) =>
  JSON.parse(
    JSON.stringify({ ...p, bytes: undefined, text: undefined }, (_k, v) =>
      typeof v === 'bigint' ? `0x${v.toString(16)}` : v instanceof MappingTable ? v.toArray() : v,
    ),
  );

function same(text: string, name: string) {
  const want = plain(parseText(text, name, name));
  const got = plain(parseSections(enc.encode(text), name));
  expect(got).toEqual(want);
}

const smapsFiles = TEXTS.filter((f) => /smaps(-x86_64|-stack)?(\.txt)?$/.test(f.name) && !f.name.includes('rollup'));

describe('reading a file from its bytes', () => {
  it('gives what the text reader gives, on every fixture', () => {
    expect(TEXTS.length).toBeGreaterThan(60);
    for (const f of TEXTS) same(f.text, f.name);
  });

  it('gives what the text reader gives on ==> path <== bundles of every fixture', () => {
    const bundle = TEXTS.map((f) => `==> /${f.name} <==\n${f.text}`).join('\n');
    same(bundle, 'bundle.txt');
    // back to back, no blank line between sections, CRLF line ends, no final newline
    same(TEXTS.map((f) => `==> ${f.name} <==\n${f.text.trimEnd()}`).join('\n'), 'tight.txt');
    same(
      TEXTS.slice(0, 20)
        .map((f) => `==> ${f.name} <==\r\n${f.text.replace(/\n/g, '\r\n')}`)
        .join(''),
      'crlf.txt',
    );
  });

  it('takes smaps as the kernel prints it on the fast path, and leaves anything else to the text reader', () => {
    expect(smapsFiles.length).toBeGreaterThan(5);
    let fast = 0;
    for (const f of smapsFiles) {
      const b = enc.encode(f.text);
      if (scanSmapsBytes(b, 0, b.length, 1)) fast++;
    }
    // every kernel-printed file, but not the Android one (Name: lines) nor the cut-off one
    expect(fast).toBe(smapsFiles.filter((f) => !/android|truncated/.test(f.name)).length);
    const x86 = enc.encode(readFileSync(join(ROOT, 'formats', 'smaps-x86_64.txt'), 'utf8'));
    expect(scanSmapsBytes(x86, 0, x86.length, 1)?.data.mappings.length).toBeGreaterThan(0);
    for (const bad of ['  indented', 'Rss:   x 12 kB', 'Rss:\t12 kB', 'Unknown_Counter: 1 kB', 'Name: [anon:x]', 'root@OpenWrt:~# free']) {
      const t = enc.encode(`${readFileSync(join(ROOT, 'formats', 'smaps-x86_64.txt'), 'utf8')}${bad}\n`);
      expect(scanSmapsBytes(t, 0, t.length, 1), bad).toBeNull();
    }
  });

  it('gives what the text reader gives on random damage to smaps bundles', () => {
    const lines = smapsFiles.flatMap((f) => f.text.split('\n'));
    const line = fc.oneof(
      fc.constantFrom(...lines),
      fc.constantFrom('==> /proc/9/smaps <==', '==> x <==', '', '\r', 'Rss:  99999999999999999 kB', 'Pss: 4', 'MemTotal: 1 kB'),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 200 }), (ls) => same(ls.join('\n'), 'random.txt')),
      { numRuns: 300, seed: 9 },
    );
  });

  it('reads a run without headers larger than a piece in pieces at line ends, and says so', () => {
    const text = readFileSync(join(ROOT, 'formats', 'smaps-x86_64.txt'), 'utf8').replace(/^VmFlags.*\n/m, 'Name:  x\n');
    const p = parseSections(enc.encode(text.repeat(20)), 'big.txt', undefined, 4096);
    expect(p.lines).toBe(parseText(text.repeat(20), 'big.txt').lines);
    expect(p.diagnostics.some((d) => d.msg.key === 'bytes.pieces')).toBe(true);
  });
});

describe('reading from bytes, on the shapes a review found differing', () => {
  const MAP = (path = '/lib/a', perms = 'r-xp') =>
    `00400000-00401000 ${perms} 00000000 08:01 12 ${path}\nSize:  4 kB\nRss:   4 kB\nPss:   4 kB\nVmFlags: rd\n`;
  const android = (n: number) =>
    Array.from({ length: n }, (_, i) => `==> /proc/${i + 1}/smaps <==\n${MAP()}Name:  [anon:x]\n`.repeat(1)).join('');
  const junk = (n: number) => Array.from({ length: n }, (_, i) => `zzz ${i}`).join('\n');
  const cases: Record<string, string> = {
    'a header path with extra spaces': `==>  x  <==\n${MAP()}`,
    'the same header twice, the first not fast': `==> x <==\n${MAP()}Name: foo\n==> x <==\n${MAP()}`,
    'the same header twice, the second not fast': `==> x <==\n${MAP()}==> x <==\n${MAP()}Name: foo\n`,
    'a tab after the path': `==> x <==\n${MAP('/lib/a\t')}`,
    'a tab before the path': `==> x <==\n${MAP('\t/lib/a')}`,
    'a tab in VmFlags': `==> x <==\n${MAP().replace('VmFlags: rd', 'VmFlags: rd\t')}`,
    'a no-break space in VmFlags': `==> x <==\n${MAP().replace('VmFlags: rd', 'VmFlags: rd\u00a0')}`,
    'permissions of non-ASCII characters': `==> x <==\n${MAP('/lib/a', 'rw\u00e9')}`,
    'a carriage return inside a header': `==> a\rb <==\n${MAP()}`,
    'U+2028 inside a header': `==> a\u2028b <==\n${MAP()}`,
    'a path of 300,000 characters': `==> x <==\n${MAP(`/${'a'.repeat(300_000)}`)}`,
    'junk in two sections around a clean one (caps count across them)': `==> a <==\n${MAP()}${junk(600)}\n==> b <==\n${MAP()}==> c <==\n${MAP()}${junk(600)}\n`,
    'Android sections past a piece': android(6),
  };
  for (const [what, text] of Object.entries(cases)) it(what, () => same(text, 'x.txt'));

  it('cuts a long run of sections the byte reader leaves at a header, with its hint', () => {
    const text = android(40);
    const want = plain(parseText(text, 'a.txt', 'a.txt'));
    const got = plain(parseSections(enc.encode(text), 'a.txt', undefined, 512));
    expect(got).toEqual(want);
  });
});
