// Compare (#11): the seed as "before", the seed without wocpu_data and with MemFree 2,304 KiB
// higher as "after" — on the page (before from files and from a link) and with `ramledger diff`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { changeSeed } from '../tests/changed-seed';
import { SEED_FILES } from '../tests/seed-files';
import { drop, lineKiB, ROOT, SEED, shot } from './helpers';

/** the changed seed, written into a folder of its own from the fixtures */
function changedDir(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ramledger-compare-')), 'after');
  mkdirSync(dir);
  for (const f of SEED_FILES) writeFileSync(join(dir, f), changeSeed(f, readFileSync(join(SEED, f), 'utf8')));
  return dir;
}
const AFTER = changedDir();

async function dropChanged(page: Page) {
  await drop(
    page,
    SEED_FILES.map((name) => ({ name, data: readFileSync(join(AFTER, name)) })),
  );
  await expect(lineKiB(page, 'MemFree')).toHaveText('51,820');
}

/** what the compare view's tables say: wocpu_data removed, MemFree +2,304 kB */
async function expectTheChange(page: Page) {
  const tables = page.getByTestId('compare-tables');
  await expect(tables).toBeVisible();
  const wocpu = tables.locator('tr', { hasText: 'wocpu_data@47DC0000' });
  await expect(wocpu).toHaveCount(1);
  await expect(wocpu).toContainText('removed');
  await expect(wocpu).toContainText('-2,304');
  const memfree = tables.locator('tr', { hasText: 'MemFree' });
  await expect(memfree).toHaveCount(1);
  await expect(memfree.locator('td').last()).toHaveText('+2,304 kB');
  await expect(tables).toContainText('meminfo 1 changed, 35 unchanged');
  await expect(tables.locator('tr', { hasText: 'DRAM = memblock.memory + no-map' })).toContainText('holds → does not hold');
}

test.describe('compare two snapshots', () => {
  test('before from the seed files, after the changed seed: the table, the bars, the strip; screenshots', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('/');
    await dropChanged(page);
    await expect(page.getByRole('link', { name: 'Compare' })).toHaveCount(0);
    await page.getByTestId('compare').click();
    await page.getByTestId('compare-files').setInputFiles(SEED_FILES.map((f) => join(SEED, f)));
    await expect(page).toHaveURL(/#\/compare$/);
    await expectTheChange(page);
    await expect(page.getByRole('link', { name: 'Compare', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('compare-before-name')).toContainText('reserved-memory.dts');
    // one scale: both DRAMs are 256 MiB, so both bars are the full width
    const widths = await Promise.all(
      ['before', 'after'].map((w) =>
        page
          .getByTestId(`compare-bar-${w}`)
          .getByTestId('dram-bar')
          .evaluate((e) => e.getBoundingClientRect().width),
      ),
    );
    expect(Math.abs((widths[0] ?? 0) - (widths[1] ?? 1))).toBeLessThan(1);
    // the strip: wocpu_data removed on the before row, the hole added at its place on the after row
    await expect(page.locator('.compare-mark.removed')).toHaveCount(1);
    await expect(page.locator('.compare-mark.added')).toHaveCount(1);
    // the header's two selects: the theme, then the language
    const [themeSelect, langSelect] = [page.locator('header select').nth(0), page.locator('header select').nth(1)];
    for (const theme of ['light', 'dark'] as const)
      for (const lang of ['en', 'zh'] as const) {
        await langSelect.selectOption(lang);
        await themeSelect.selectOption(theme);
        await shot(page, `compare-1280-${theme}-${lang}`);
      }
    await langSelect.selectOption('en');
  });

  test('the address map marks the changed regions: wocpu_data removed, a hole added in its place; screenshots', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('/');
    await dropChanged(page);
    await page.getByTestId('compare').click();
    await page.getByTestId('compare-files').setInputFiles(SEED_FILES.map((f) => join(SEED, f)));
    await expect(page).toHaveURL(/#\/compare$/);
    await page.evaluate(() => (window.location.hash = '#/map'));
    const marks = page.getByTestId('map-changes');
    await expect(marks).toBeVisible();
    // from the diff's typed kinds: one removed (a ghost where wocpu_data was), one added
    const removed = marks.locator('[data-change="removed"]');
    await expect(removed).toHaveCount(1);
    await expect(removed.locator('title')).toHaveText(
      /^− removed: wocpu_data@47DC0000 \(wocpu_data\) \(no-map\), Before 0x47dc0000–0x48000000/,
    );
    await expect(removed.locator('.cmp-was')).toHaveCount(1);
    await expect(removed.locator('.cmp-word')).toHaveText('removed: wocpu_data@47DC0000 (wocpu_data)');
    await expect(marks.locator('[data-change="added"]')).toHaveCount(1);
    // the legend: symbols and words, with counts; the removed region named (it is no row of the table)
    const legend = page.getByTestId('map-compare-legend');
    await expect(legend).toContainText('added (1)');
    await expect(legend).toContainText('removed (1)');
    await expect(legend).toContainText('moved (0)');
    await expect(page.getByTestId('map-removed')).toContainText('wocpu_data@47DC0000');
    // the table's change column: the hole that is new, in words
    await expect(page.locator('[data-testid="region-table"] td[data-change="added"]')).toHaveText('+ added');
    const [themeSelect, langSelect] = [page.locator('header select').nth(0), page.locator('header select').nth(1)];
    for (const theme of ['light', 'dark'] as const)
      for (const lang of ['en', 'zh'] as const) {
        await langSelect.selectOption(lang);
        await themeSelect.selectOption(theme);
        await shot(page, `map-compare-1280-${theme}-${lang}`);
      }
    await langSelect.selectOption('en');
    await themeSelect.selectOption('light');
    // stopping the comparison takes the marks away
    await page.evaluate(() => (window.location.hash = '#/compare'));
    await page.getByRole('button', { name: 'Stop comparing' }).click();
    await page.evaluate(() => (window.location.hash = '#/map'));
    await expect(page.getByTestId('map')).toBeVisible();
    await expect(page.getByTestId('map-changes')).toHaveCount(0);
  });

  test('before from a link of the seed: the same facts, and the before named with its date', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Load example' }).first().click();
    await expect(lineKiB(page, 'MemFree')).toHaveText('49,516');
    await page.getByTestId('share').click();
    const url = await page.getByTestId('share-link').inputValue();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Remove all' }).click();
    await dropChanged(page);
    await page.getByTestId('compare').click();
    await page.getByLabel('A ramledger link').fill(url);
    await page.getByRole('button', { name: 'Compare with this link' }).click();
    await expectTheChange(page);
    await expect(page.getByTestId('compare-before-name')).toContainText(/\d{4}|\d{1,2}:\d{2}/);
    // the before stays while the after changes: removing an input asks for the diff again
    await page.getByRole('button', { name: 'Stop comparing' }).click();
    await expect(page.getByRole('link', { name: 'Compare', exact: true })).toHaveCount(0);
  });

  test('ramledger diff on the same folders prints the same facts (Markdown and JSON)', () => {
    const bin = join(ROOT, 'bin', 'ramledger.mjs');
    const md = execFileSync('node', [bin, 'diff', '--before', ...SEED_FILES.map((f) => join(SEED, f)), '--after', AFTER], {
      encoding: 'utf8',
    });
    expect(md).toContain('| removed | no-map | wocpu_data@47DC0000 (wocpu_data) | 0x47dc0000–0x48000000 | — | 2,304 |');
    expect(md).toContain('| MemFree | 49,516 kB | 51,820 kB | +2,304 kB |');
    const json = JSON.parse(
      execFileSync('node', [bin, 'diff', '--format', 'json', '--before', ...SEED_FILES.map((f) => join(SEED, f)), '--after', AFTER], {
        encoding: 'utf8',
      }),
    );
    expect(json.meminfo.rows).toEqual([{ field: 'MemFree', change: 'changed', unit: 'kB', before: 49516, after: 51820, delta: 2304 }]);
    expect(json.regions.rows.find((r: { change: string }) => r.change === 'removed').label).toBe('wocpu_data@47DC0000 (wocpu_data)');
  });
});
