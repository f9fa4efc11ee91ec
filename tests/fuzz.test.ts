// A small fixed slice of `npm run fuzz`: the same generated inputs on every run, each in
// a worker with a generous hang detector (10 s) and heap cap, so the test measures no
// time. A failure names the command that regenerates its inputs and shrinks them.
// Seeds are per parser: each slice passed when it was chosen; fuzz/known-failures.md
// lists what the wider runs still find, to be fixed before the slice is widened.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzz } from '../fuzz/engine';
import { FORMAT_IDS, loadSeeds } from '../fuzz/seeds';
import { bundleFuzz } from '../scripts/fuzz.mjs';
import type { FormatId } from '../src/core/index';

const ROOT = join(__dirname, '..');
const COUNT = 400;
const SLICE: Record<FormatId, number> = {
  smaps: 1,
  smaps_rollup: 1,
  totals: 1,
  capture: 1,
  memblock: 1,
  free: 1,
  meminfo: 1,
  status: 1,
  stat: 1,
  version: 1,
  kmsg: 1,
  dtb: 1,
  dts: 1,
  iomem: 1,
  zoneinfo: 1,
  buddyinfo: 1,
  pagetypeinfo: 1,
  slabinfo: 1,
  vmallocinfo: 1,
};

let dir = '';
let workerPath = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ramledger-fuzz-'));
  workerPath = await bundleFuzz('worker', dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fuzz slice', () => {
  it('covers every parser', () => expect(Object.keys(SLICE).sort()).toEqual([...FORMAT_IDS].sort()));

  it(`${COUNT} mutated inputs per parser break no invariant`, async () => {
    const reports = await fuzz({
      seed: SLICE,
      count: COUNT,
      parsers: FORMAT_IDS,
      budget: { ms: 10_000, memoryMb: 512 },
      jobs: 1,
      workerPath,
      seeds: loadSeeds(ROOT),
      shrinkTests: 0,
    });
    const found = reports.flatMap((r) =>
      r.found.map(
        (f) =>
          `${f.signature} (input #${f.index} from ${f.from}; npm run fuzz -- --seed ${SLICE[r.format]} --count ${COUNT} --parser ${r.format})`,
      ),
    );
    expect(found).toEqual([]);
  }, 180_000);
});
