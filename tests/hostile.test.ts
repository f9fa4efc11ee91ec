/**
 * Values no kernel prints and encodings nobody expects: each gets its message, and
 * nothing else is lost. (Paths, archives and sizes are in cli.test.ts; the device tree's
 * and the model's hostile inputs have their own files.)
 */
import { describe, expect, it } from 'vitest';
import { parseBytes } from '../src/core/formats/bytes';
import { type ParsedText, parseText } from '../src/core/formats/detect';
import { parseSections } from '../src/core/formats/sections';
import { read, SEED } from './helpers';

const enc = new TextEncoder();
const keys = (p: ParsedText) => p.diagnostics.map((d) => d.msg.key);

const mapping = (range: string, kib: Record<string, number>) =>
  `${range} rw-p 00000000 00:00 0 [heap]\n${Object.entries(kib)
    .map(([k, v]) => `${k}:${String(v).padStart(16 - k.length)} kB`)
    .join('\n')}\n`;
const ok = { Size: 8, Rss: 8, Pss: 8, Private_Dirty: 8 };

describe('smaps values no kernel prints', () => {
  const cases: [string, string, string][] = [
    ['an end before its start', mapping('00002000-00001000', ok), 'smaps.reversed'],
    ['more Rss than Size', mapping('00001000-00003000', { ...ok, Rss: 16 }), 'smaps.rss-over-size'],
    ['an Rss without a Pss', mapping('00001000-00003000', { Size: 8, Rss: 8 }), 'smaps.no-pss'],
  ];
  for (const [what, text, key] of cases)
    it(`says ${what}, once, on the text and on the byte path alike`, () => {
      const twice = text + text.replace(/^0000/, '1000');
      for (const p of [parseText(twice, 'smaps'), parseSections(enc.encode(twice), 'smaps')]) {
        expect(keys(p).filter((k) => k === key)).toHaveLength(1);
        expect(p.diagnostics.find((d) => d.msg.key === key)?.message).toMatch(/^2 mappings/);
        expect(p.segments).toHaveLength(1);
      }
    });

  it('leaves out a value of more than 15 digits (it would pass 2^53) and says so', () => {
    const text = mapping('00001000-00003000', { ...ok }).replace('Rss:            8 kB', `Rss: ${'9'.repeat(400)} kB`);
    for (const p of [parseText(text, 'smaps'), parseSections(enc.encode(text), 'smaps')]) {
      expect(keys(p)).toContain('diag.unread');
      expect(p.diagnostics.find((d) => d.msg.key === 'diag.unread')?.message).toMatch(/Rss larger than any memory/);
    }
  });
});

describe('UTF-16 text', () => {
  const meminfo = read(SEED, 'meminfo.txt');
  const want = JSON.stringify(parseText(meminfo, 'meminfo').segments);
  const utf16le = (s: string) => {
    const b = new Uint8Array(s.length * 2);
    for (let i = 0; i < s.length; i++) {
      b[2 * i] = s.charCodeAt(i) & 0xff;
      b[2 * i + 1] = s.charCodeAt(i) >> 8;
    }
    return b;
  };
  const swap = (b: Uint8Array) => b.map((_, i) => b[i ^ 1] ?? 0);
  const bom = (b: Uint8Array, m: number[]) => new Uint8Array([...m, ...b]);
  const forms: [string, Uint8Array, string][] = [
    ['little-endian with a byte-order mark (PowerShell)', bom(utf16le(meminfo), [0xff, 0xfe]), 'UTF-16LE'],
    ['big-endian with a byte-order mark', bom(swap(utf16le(meminfo)), [0xfe, 0xff]), 'UTF-16BE'],
    ['little-endian without a mark', utf16le(meminfo), 'UTF-16LE'],
  ];
  for (const [what, bytes, encoding] of forms)
    it(`is read as the same text, ${what}`, () => {
      const [p] = parseBytes(bytes, 'meminfo');
      expect(JSON.stringify(p?.segments)).toBe(want);
      expect(p?.diagnostics[0]?.message).toContain(encoding);
    });
  it('binary data with NUL bytes is still called binary', () => {
    const [p] = parseBytes(new Uint8Array([1, 0, 0, 7, 0, 3, 200, 0, 0, 0, 9]), 'blob');
    expect(keys(p as ParsedText)).toEqual(['bytes.binary']);
  });
});

describe('kernel log numbers no kernel prints', () => {
  it('a Memory: line with a 400-digit field is said and not used, so no Infinity reaches the model', () => {
    const line = `Memory: ${'9'.repeat(400)}K/262144K available (6144K kernel code, 27960K reserved)`;
    const p = parseText(`[    0.000000] ${line}\n`, 'dmesg');
    expect(keys(p)).toContain('kmsg.value-too-large');
    const seg = p.segments[0];
    expect(seg?.format === 'kmsg' && seg.data.memoryLine).toBeFalsy();
  });
});

describe('a reader that stops on a line', () => {
  it('costs only its own lines, said with the reason; the rest of the text is read', async () => {
    const { BY_PRIORITY } = await import('../src/core/formats/registry');
    const { vi } = await import('vitest');
    const free = BY_PRIORITY.find((f) => f.id === 'free');
    if (!free) throw new Error('no free format');
    const spy = vi.spyOn(free, 'read').mockImplementation((cur) => {
      cur.advance();
      throw new RangeError('The number Infinity cannot be converted to a BigInt');
    });
    try {
      const text = `${read(SEED, 'free.txt')}\n${read(SEED, 'meminfo.txt')}`;
      const p = parseText(text, 'paste');
      const d = p.diagnostics.find((x) => x.msg.key === 'diag.parser-failed');
      expect(d?.message).toMatch(/^the free reader stopped on this input \(The number Infinity/);
      expect(p.segments.map((s) => s.format)).toContain('meminfo');
    } finally {
      spy.mockRestore();
    }
  });
});
