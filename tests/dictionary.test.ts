// The links' preset dictionary: what deflate allows, never changed by accident (every
// link ever shared depends on its exact bytes), and worth having.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, inflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseBytes } from '../src/core/formats/bytes';
import { emptyAnnotations } from '../src/core/share/annotations';
import { DICTIONARY_V1 } from '../src/core/share/dictionary';
import { frame } from '../src/core/share/link';
import { makeDoc, type SharedInput } from '../src/core/share/make';
import { SEED_FILES } from './seed-files';

const SEED = join(__dirname, '../fixtures/seed-mt7981');
const dictionary = strToU8(DICTIONARY_V1);

function seedFrame(): Uint8Array {
  const inputs: SharedInput[] = SEED_FILES.map((f) => {
    const bytes = readFileSync(join(SEED, f));
    return { name: f, bytes: bytes.length, parsed: parseBytes(bytes, f, { maxBytes: 1 << 30, keepText: true }) };
  });
  return frame(makeDoc(inputs, emptyAnnotations(), undefined, '2026-11-26T00:00:00.000Z'));
}

describe('DICTIONARY_V1', () => {
  it('fits deflate: at most its 32 KiB window, plain ASCII (its characters are its bytes)', () => {
    expect(dictionary.length).toBeLessThanOrEqual(32 * 1024);
    expect(dictionary.length).toBe(DICTIONARY_V1.length);
    expect(DICTIONARY_V1).toMatch(/^[\t\n\x20-\x7e]+$/);
  });

  it('never changes: links made with it open only with these exact bytes (a new one is a new link version)', () => {
    expect(dictionary.length).toBe(14_783);
    expect(createHash('sha256').update(dictionary).digest('hex')).toBe('7c502be7ed16be205e21679124c5000f0472446172f0c6193ba0aacbbf5c2962');
  });

  it("shortens the seed's link, and the link opens with it", () => {
    const bytes = seedFrame();
    const plain = deflateSync(bytes, { level: 9 });
    const withDict = deflateSync(bytes, { level: 9, dictionary });
    // measured: 1,742 bytes without, 1,164 with (a third less); a quarter is the floor
    expect(withDict.length).toBeLessThan(plain.length * 0.75);
    expect(inflateSync(withDict, { dictionary })).toEqual(bytes);
  });
});
