/**
 * Every view in normal mode at 1280 px wide: tables readable (no cell cut, numbers whole),
 * scrolling tables say that they scroll, and the address map names regions in every lane.
 */
import { expect, type Page, test } from '@playwright/test';
import { cuts, shownRoutes, showView, withBudgetAndBefore } from './fit';
import { shot } from './helpers';

async function open(page: Page, o: { theme: 'light' | 'dark'; lang: 'en' | 'zh'; w: number; h: number }): Promise<void> {
  await page.setViewportSize({ width: o.w, height: o.h });
  await page.addInitScript(({ theme, lang }) => localStorage.setItem('ramledger.settings', JSON.stringify({ unit: 'KiB', theme, lang })), {
    theme: o.theme,
    lang: o.lang,
  });
  await page.goto('/?example#/overview');
  await expect(page.locator('tr[data-line="MemTotal"]')).toBeVisible();
}

test('normal mode at 1280×720: every view fits, no table cell cut, numbers whole', async ({ page }) => {
  await open(page, { theme: 'light', lang: 'en', w: 1280, h: 720 });
  await withBudgetAndBefore(page);
  for (const r of await shownRoutes(page)) {
    await showView(page, r);
    await shot(page, `normal-1280-light-en-${r.replace('/', '-')}`);
    expect.soft(await cuts(page), r).toEqual([]);
  }
});

/** the words drawn in (or beside) the blocks of one lane of the map */
const laneWords = (page: Page, lane: string) =>
  page.locator(`svg.map g[data-lane="${lane}"] text`).evaluateAll((ts) => ts.map((t) => t.textContent ?? ''));

for (const present of [false, true])
  test(`the address map names the device-tree lane's carve-outs where they fit, never below ${present ? 16 : 12} px${present ? ' (presentation)' : ''}`, async ({
    page,
  }) => {
    if (present) await page.addInitScript(() => sessionStorage.setItem('ramledger.present', '1'));
    await open(page, { theme: 'light', lang: 'en', w: 1280, h: 720 });
    await showView(page, 'map');
    const words = await laneWords(page, 'device tree');
    // secmon and wocpu_data have room after them, wmcpu-reserved before it; wocpu0_emi (256 KiB between two others) none
    expect(words).toEqual(
      expect.arrayContaining([expect.stringMatching(/^secmon/), expect.stringMatching(/wmcpu/), expect.stringMatching(/^wocpu_data/)]),
    );
    // whole names: `node (label)`, the label or the node name (the unit address is on the axis), never a word cut
    for (const w of words) expect(w).toMatch(/^[\w-]+( \([\w-]+\))?$/);
    const sizes = await page.locator('svg.map text').evaluateAll((ts) => ts.map((t) => Number.parseFloat(getComputedStyle(t).fontSize)));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(present ? 16 : 12);
    // the labels do not run into each other
    const boxes = await page
      .locator('svg.map g[data-lane="device tree"] text')
      .evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect()).map((r) => [r.left, r.right]));
    boxes.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]?.[0] ?? 0).toBeGreaterThanOrEqual(boxes[i - 1]?.[1] ?? 0);
    await shot(page, `map-lanes-${present ? 'present' : 'normal'}`);
  });

test('a scrolling table says so: "N more rows — scroll the table" while rows are below its edge, nothing once they fit', async ({
  page,
}) => {
  await open(page, { theme: 'light', lang: 'en', w: 1280, h: 720 });
  await showView(page, 'map');
  const box = page.locator('.region-table');
  const cue = page.getByTestId('scroll-cue');
  // the seed's 14 regions do not fit the box: the cue counts those under its edge
  await expect(cue).toHaveText(/^↓ \d+ more rows? — scroll the table$/);
  const below = Number((await cue.textContent())?.match(/\d+/)?.[0]);
  expect(below).toBeGreaterThan(0);
  expect(below).toBeLessThan(14);
  // scrolled to the end: every row seen, no cue
  await box.evaluate((e) => e.scrollTo(0, e.scrollHeight));
  await expect(cue).toHaveCount(0);
  await box.evaluate((e) => e.scrollTo(0, 0));
  await expect(cue).toHaveText(`↓ ${below} more rows — scroll the table`);
  // a window with few regions: they fit, no cue
  await page.evaluate(() => {
    window.location.hash = '#/map?from=0x43000000&to=0x43030000';
  });
  await expect(page.locator('[data-testid="region-table"] tbody tr[data-region-row]')).not.toHaveCount(14);
  await expect(cue).toHaveCount(0);
});
