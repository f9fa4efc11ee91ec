import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SEED_FILES } from '../tests/seed-files';
import { axe, drop, lineKiB, offline, SEED, shot } from './helpers';

const expected = JSON.parse(readFileSync(join(SEED, 'expected.json'), 'utf8'));
const kib = (n: number) => n.toLocaleString('en-US');

test('dropping the seed files reproduces expected.json on every view, offline', async ({ page }) => {
  const external = offline(page);
  await page.goto('/');
  await expect(page.getByTestId('start-drop')).toBeVisible();
  await axe(page);
  await shot(page, '01-start');
  await drop(
    page,
    SEED_FILES.map((f) => ({ name: f, data: readFileSync(join(SEED, f)) })),
  );
  // inputs list: detected format, line count, diagnostics count, at once
  const inputs = page.getByTestId('inputs');
  await expect(inputs.locator('li')).toHaveCount(7);
  await expect(inputs.locator('li[data-input="meminfo.txt"]')).toContainText('meminfo');
  await expect(inputs.locator('li[data-input="reserved-memory.dts"]')).toContainText('dts');

  const p = expected.physical;
  await expect(lineKiB(page, 'dram')).toHaveText(kib(p.span.sizeKiB));
  await expect(lineKiB(page, 'no-map')).toHaveText(kib(p.noMapTotalKiB));
  await expect(lineKiB(page, 'memblock-memory')).toHaveText(kib(p.memblockMemoryKiB));
  await expect(lineKiB(page, 'boot-reserved')).toHaveText(kib(p.memblockReservedPageRoundedKiB));
  const groups = await page.locator('tr[data-line^="boot-reserved:"] td[data-kib]').allTextContents();
  expect(groups).toEqual(p.memblockReservedGroupsKiB.map(kib));
  const m = expected.meminfo;
  await expect(lineKiB(page, 'MemTotal')).toHaveText(kib(m.MemTotal));
  for (const [k, v] of Object.entries(m.kernelAccounted))
    await expect(lineKiB(page, k === 'sum' ? 'kernel' : k)).toHaveText(kib(v as number));
  for (const [k, v] of Object.entries(m.userAccounted)) await expect(lineKiB(page, k === 'sum' ? 'user' : k)).toHaveText(kib(v as number));
  await expect(lineKiB(page, 'MemFree')).toHaveText(kib(m.free));
  await expect(lineKiB(page, 'unaccounted')).toHaveText(kib(m.unaccountedKiB));
  await expect(page.locator('[data-fig="unaccounted"] [data-kib]')).toHaveAttribute('data-kib', String(m.unaccountedKiB));
  // "used" is what the pasted free printed, with the tool whose formula gives it
  await expect(page.locator('[data-fig="used"] [data-kib]')).toHaveAttribute('data-kib', '146008');
  await expect(page.locator('[data-fig="used"]')).toContainText('free as pasted: procps-ng 3.3.12');
  await expect(page.getByTestId('checks-summary')).toContainText('8 hold, 0 do not');
  // the bar closes: its segments add up to DRAM exactly
  const segs = await page
    .locator('[data-testid="dram-bar"] [data-seg]')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-kib'))));
  expect(segs.reduce((s, x) => s + x, 0)).toBe(p.span.sizeKiB);
  await expect(page.getByTestId('dram-bar').locator('[data-seg="unaccounted"]')).toHaveAttribute('data-kib', String(m.unaccountedKiB));
  // unaccounted wears its pattern everywhere (it must survive greyscale print)
  await expect(page.getByTestId('dram-bar').locator('[data-seg="unaccounted"]')).toHaveClass(/pattern-unaccounted/);
  await expect(page.locator('tr[data-line="unaccounted"] .minibar')).toHaveClass(/pattern-unaccounted/);
  await expect(page.locator('tr[data-line="unaccounted"] .minibar')).not.toHaveAttribute('style', /background/);
  // "used" as each tool computes it, beside what free printed
  await expect(page.locator('tr[data-tool="printed"]')).toContainText(kib(expected.free.used));
  await expect(page.locator('[data-testid="used-table"] tbody tr')).toHaveCount(7);
  // hover a segment: details
  await page.getByTestId('dram-bar').locator('[data-seg="unaccounted"]').hover();
  await expect(page.getByRole('tooltip')).toContainText('MemTotal − MemFree');
  // on the bar's right half too, the tooltip stays under its segment
  for (const id of ['unaccounted', 'MemFree']) {
    const seg = page.getByTestId('dram-bar').locator(`[data-seg="${id}"]`);
    await seg.hover();
    const [a, b] = [await seg.boundingBox(), await page.getByTestId('bar-tooltip').boundingBox()];
    expect(a && b && b.x < a.x + a.width && b.x + b.width > a.x, `tooltip of ${id} overlaps its segment`).toBe(true);
  }
  await page.getByTestId('dram-bar').locator('[data-seg="unaccounted"]').hover();
  await axe(page);
  await shot(page, '02-overview');

  // MiB switch
  await page.getByRole('button', { name: 'MiB', exact: true }).click();
  await expect(page.locator('[data-fig="dram"] .v')).toHaveText('256.0 MiB');
  await page.getByRole('button', { name: 'KiB', exact: true }).click();

  // address map
  await page.getByRole('link', { name: 'Address map' }).click();
  await expect(page).toHaveURL(/#\/map/);
  const map = page.getByTestId('map');
  await expect(map).toBeVisible();
  for (const n of p.noMap) await expect(page.getByTestId('region-table')).toContainText(n.name);
  // the 20 KiB reservation in 256 MiB is drawn at least 3 px wide and can be hovered
  const tinyRow = page.locator('[data-testid="region-table"] tr', { hasText: '0x4f7f2000' });
  const idx = await tinyRow.getAttribute('data-region-row');
  const tiny = page.locator(`rect[data-region="${idx}"]`);
  expect((await tiny.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(2.9);
  await tiny.hover({ force: true });
  await expect(tinyRow).toHaveClass(/hot/);
  await tinyRow.hover();
  await expect(tiny).toHaveClass(/hot/);
  const before = await page.getByTestId('map-window').textContent();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(page.getByTestId('map-window')).not.toHaveText(before ?? '');
  await expect(page.getByTestId('map-window')).toContainText('(131,072 KiB)');
  await map.hover();
  await page.mouse.wheel(0, -400);
  await page.getByRole('button', { name: 'Reset zoom' }).click();
  await expect(page.getByTestId('map-window')).toHaveText(before ?? '');
  await axe(page);
  await shot(page, '03-map');

  // processes: the seed has one smaps (the [stack] of one process)
  await page.getByRole('link', { name: 'Processes' }).first().click();
  await expect(page.getByTestId('proc-table-total')).toContainText(kib(expected.smaps.pssKiB));
  await page.locator('[data-testid="proc-table"] [role="row"][data-row]').first().click();
  await expect(page.locator('[data-testid="mappings"] details[data-kind="stack"]')).toContainText('256');
  await axe(page);
  await shot(page, '04-processes');

  // checks
  await page.getByRole('link', { name: 'Checks' }).click();
  await expect(page.locator('tr[data-check]')).toHaveCount(8);
  await expect(page.locator('tr[data-check][data-ok="false"]')).toHaveCount(0);
  await expect(page.locator('tr[data-check="lru"]')).toContainText(
    kib(expected.checks.activePlusInactiveEqualsAnonPlusCachedPlusBuffers[0]),
  );
  await axe(page);
  await shot(page, '05-checks');

  // every number traces to its line: MemTotal's source link opens meminfo at that line
  await page.getByRole('link', { name: 'Overview' }).click();
  await page.locator('tr[data-line="MemTotal"] a').first().click();
  await expect(page).toHaveURL(/#\/sources\?s=meminfo\.txt&l=\d+/);
  const l = new URL(page.url()).hash.match(/l=(\d+)/)?.[1];
  await expect(page.locator(`.raw [data-ln="${l}"]`)).toHaveClass(/target/);
  await expect(page.locator(`.raw [data-ln="${l}"]`)).toContainText(`MemTotal:`);
  await axe(page);
  await shot(page, '06-sources');
  expect(external).toEqual([]);
});

test('every check links to the lines of both its sides; a range of lines opens highlighted', async ({ page }) => {
  await page.goto('/?example#/checks');
  const rows = page.locator('tr[data-check]');
  await expect(rows).toHaveCount(8);
  for (const id of ['lru', 'slab', 'free-total', 'memblock-phys', 'memblock-reserved', 'span', 'memtotal-boot', 'smaps-rss']) {
    const refs = page.locator(`tr[data-check="${id}"] [data-testid="check-refs"]`);
    await expect(refs.locator('[data-side="left"] a').first(), id).toBeVisible();
    await expect(refs.locator('[data-side="right"] a').first(), id).toBeVisible();
  }
  const slab = page.locator('tr[data-check="slab"] [data-testid="check-refs"]');
  await expect(slab.locator('[data-side="left"]')).toHaveText('left from meminfo.txt:24');
  await expect(slab.locator('[data-side="right"]')).toHaveText('right from meminfo.txt:25–26');
  // the right side: two lines, both highlighted in the input
  await slab.locator('[data-side="right"] a').click();
  await expect(page).toHaveURL(/#\/sources\?s=meminfo.txt&l=25&to=26/);
  await expect(page.locator('.raw [data-ln="25"]')).toHaveClass(/target/);
  await expect(page.locator('.raw [data-ln="26"]')).toHaveClass(/target/);
  await expect(page.locator('.raw [data-ln="24"]')).not.toHaveClass(/target/);
  await expect(page.locator('.raw [data-ln="26"]')).toContainText('SUnreclaim:');
  await page.goBack();
  // the left side of the boot check: the log's Memory: line
  await page.locator('tr[data-check="memblock-phys"] [data-side="right"] a').click();
  await expect(page.locator('.raw [data-ln="1"]')).toHaveClass(/target/);
  await expect(page.locator('.raw [data-ln="1"]')).toContainText('Memory: ');
});

test('Load example, a view opened by URL, remove an input', async ({ page }) => {
  await page.goto('/?example#/checks');
  await expect(page.locator('tr[data-check]')).toHaveCount(8);
  await page.goto('/');
  await page.getByRole('button', { name: 'Load example' }).click();
  await expect(lineKiB(page, 'MemTotal')).toHaveText('230,856');
  await page.getByRole('button', { name: 'Remove meminfo.txt' }).click();
  await expect(page.getByTestId('inputs').locator('li')).toHaveCount(6);
  await expect(lineKiB(page, 'MemTotal')).toHaveCount(0);
  await expect(page.getByTestId('missing')).toContainText('add /proc/meminfo');
  // memblock.reserved removed: the page names what to add
  await page.getByRole('button', { name: 'Remove memblock-reserved.txt' }).click();
  await expect(page.getByTestId('missing')).toContainText(
    'add /sys/kernel/debug/memblock/reserved to split the 27,960 KiB boot reservation',
  );
});
