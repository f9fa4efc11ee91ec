// Hostile inputs against the page: tens or hundreds of thousands of regions must not put
// as many nodes in the DOM (the map aggregates, the table is virtual), and one input that
// fails must not take the others, Remove or Load example with it. Nothing is timed against
// a threshold: the figures are printed, the assertions count nodes and check behaviour.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { drop, lineKiB, SEED, shot } from './helpers';

/** a device tree with `n` no-map reserved-memory children of 4 KiB, 8 KiB apart */
function noMapTree(n: number): string {
  const out = [
    '/dts-v1/;\n/ {\n\t#address-cells = <1>;\n\t#size-cells = <1>;\n',
    '\tmemory@40000000 { device_type = "memory"; reg = <0x40000000 0x80000000>; };\n',
    '\treserved-memory {\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n\t\tranges;\n',
  ];
  for (let i = 0; i < n; i++) {
    const a = (0x40000000 + i * 0x2000).toString(16);
    out.push(`\t\tr@${a} { reg = <0x${a} 0x1000>; no-map; };\n`);
  }
  out.push('\t};\n};\n');
  return out.join('');
}

/** a memblock dump of `n` ranges of 4 KiB, 8 KiB apart (read as memblock.memory: DRAM with a hole between each two) */
function reservedRanges(n: number): string {
  const hex = (v: number) => `0x${v.toString(16).padStart(16, '0')}`;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = 0x40000000 + i * 0x2000;
    out.push(`${String(i).padStart(6)}: ${hex(a)}..${hex(a + 0xfff)}    x NONE\n`);
  }
  return out.join('');
}

const domNodes = (page: Page) => page.evaluate(() => document.querySelectorAll('*').length);

/** the map of a big input: nodes counted, a click on another view takes effect */
async function bigMap(page: Page, name: string, text: string, regions: number, bound: number) {
  await page.goto('/');
  await drop(page, [{ name, data: text }]);
  await expect(page.getByTestId('inputs').locator('li')).toHaveCount(1, { timeout: 240_000 });
  await expect(page.getByTestId('progress')).toHaveCount(0, { timeout: 240_000 });
  const t0 = Date.now();
  await page.getByRole('link', { name: 'Address map' }).click();
  await expect(page.getByTestId('map')).toBeVisible({ timeout: 240_000 });
  const mapMs = Date.now() - t0;
  const nodes = await domNodes(page);
  console.log(`${name}: ${regions} regions, map drawn in ${mapMs} ms, ${nodes} DOM nodes`);
  expect(nodes).toBeLessThan(bound);
  await expect(page.locator('rect[data-group]').first()).toBeVisible();
  await shot(page, `hostile-map-${regions}`);
  // a click on a group zooms in on it, until its regions draw one by one
  for (let i = 0; i < 12 && (await page.locator('rect[data-region]').count()) < 5; i++)
    await page.locator('rect[data-group]').first().click({ force: true });
  await expect(page.locator('rect[data-region]').nth(4)).toBeAttached();
  expect(await domNodes(page)).toBeLessThan(bound);
  await shot(page, `hostile-map-${regions}-zoomed`);
  // the tab still answers: another view opens
  await page.getByRole('link', { name: 'Checks' }).click();
  await expect(page).toHaveURL(/#\/checks/);
  await expect(page.getByTestId('map')).toHaveCount(0);
  return nodes;
}

test('20,000 no-map ranges: the map draws a bounded number of nodes and the page stays responsive', async ({ page }) => {
  test.setTimeout(300_000);
  await bigMap(page, 'nomap-20k.dts', noMapTree(20_000), 20_000, 3000);
});

test('250,000 memblock ranges (and the 250,000 holes between them): the map draws a bounded number of nodes and the page stays responsive', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await bigMap(page, 'reserved-250k.txt', reservedRanges(250_000), 500_000, 3000);
});

test('a bad input beside a good one: its card says why, the good numbers stay, Remove and Load example work', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  const meminfo = readFileSync(join(SEED, 'meminfo.txt'));
  // gzip magic, then bytes no inflater takes
  const damaged = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03]), Buffer.from('not deflate data at all')]);
  await drop(page, [
    { name: 'meminfo.txt', data: meminfo },
    { name: 'capture.tar.gz', data: damaged, type: 'application/gzip' },
  ]);
  const inputs = page.getByTestId('inputs').locator('li');
  await expect(inputs).toHaveCount(2);
  const bad = page.locator('[data-testid="inputs"] li[data-input="capture.tar.gz"]');
  await expect(bad).toHaveClass(/has-error/);
  await expect(bad.locator('[role="note"][data-severity="error"]')).toContainText('gzip data is damaged');
  await expect(lineKiB(page, 'MemTotal')).toHaveText('230,856');

  // a file over the size limit (sparse: no disk, no memory) is refused on its card, unread
  const huge = join(tmpdir(), `ramledger-huge-${process.pid}.txt`);
  execFileSync('truncate', ['-s', '1100M', huge]);
  try {
    await page.getByTestId('file-input').setInputFiles(huge);
    const big = page.locator(`[data-testid="inputs"] li[data-input="${basename(huge)}"]`);
    await expect(big.locator('[role="note"][data-severity="error"]')).toContainText('over the 1024.0 MiB limit');
  } finally {
    rmSync(huge, { force: true });
  }
  await expect(inputs).toHaveCount(3);
  await expect(lineKiB(page, 'MemTotal')).toHaveText('230,856');
  await shot(page, 'hostile-bad-input');

  await page.getByRole('button', { name: 'Remove capture.tar.gz' }).click();
  await expect(inputs).toHaveCount(2);
  await expect(bad).toHaveCount(0);
  await expect(lineKiB(page, 'MemTotal')).toHaveText('230,856');
  await page.getByRole('button', { name: 'Load example' }).click();
  await expect(page.locator('[data-testid="inputs"] li[data-input="free.txt"]')).toHaveCount(1);
  await expect(lineKiB(page, 'dram')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});
