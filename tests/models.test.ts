// The whole model of every fixture, pinned as text (tests/dump.ts): any change to any
// number, label, check or diagnostic shows up in review as a diff of these files.
// After a deliberate change: `npx vitest run tests/models.test.ts -u`, then read the diff.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dumpModel } from './dump';
import { FORMATS, read, SEED, SEED_FILES } from './helpers';

const files = (dir: string, names: string[]) => names.map((f) => ({ name: f, text: read(dir, f) }));
const snap = (name: string) => `__snapshots__/models/${name}.txt`;

describe('the whole model, pinned', () => {
  it('the seed router, from its files', async () => {
    await expect(dumpModel(files(SEED, SEED_FILES))).toMatchFileSnapshot(snap('seed'));
  });
  it('the seed router with the annotated memblock paste', async () => {
    const names = SEED_FILES.map((f) => (f === 'memblock-reserved.txt' ? 'memblock-reserved.annotated.txt' : f));
    await expect(dumpModel(files(SEED, names))).toMatchFileSnapshot(snap('seed-annotated'));
  });
  it('the seed router pasted into one text with prompts', async () => {
    const text = SEED_FILES.map((f) => `root@OpenWrt:~# cat ${f}\n${read(SEED, f)}`).join('\n');
    await expect(dumpModel([{ name: 'paste', text }])).toMatchFileSnapshot(snap('seed-one-paste'));
  });
  it('newer memblock (node and flags) with both tables', async () => {
    const inputs = [
      { name: 'memblock/memory', text: read(FORMATS, 'memblock-memory-new.txt') },
      { name: 'memblock/reserved', text: read(FORMATS, 'memblock-reserved-new.txt') },
    ];
    await expect(dumpModel(inputs)).toMatchFileSnapshot(snap('memblock-new'));
  });
  it('an arm64 log with a device tree and a 6.x meminfo', async () => {
    await expect(dumpModel(files(FORMATS, ['dmesg-arm64.txt', 'dts-full.dts', 'meminfo-6x.txt']))).toMatchFileSnapshot(
      snap('arm64-dts-meminfo'),
    );
  });
  for (const f of readdirSync(FORMATS).sort())
    it(`fixtures/formats/${f} alone`, async () => {
      await expect(dumpModel(files(FORMATS, [f]))).toMatchFileSnapshot(snap(`format-${f.replace(/\.\w+$/, '')}`));
    });
});
