/**
 * Presentation mode for a projector: every view at 1280×720 (light English, dark Chinese) and
 * 1920×1080 — Budgets with a budget the seed breaks, Compare with the changed seed as the
 * "before", one page per combination stepping through the views — with no table cell cut
 * and no number ending in "…"; one key steps through
 * the views and the arrow keys move a highlight through the current table or map.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { cuts, shownRoutes, showView, smallestText, withBudgetAndBefore } from './fit';
import { axe, drop, shot } from './helpers';

/** every view there is: the optional ones are listed once a budget and a "before" are given (the kernel's when it has a panel) */
const ROUTES = ['overview', 'map', 'processes', 'processes/files', 'checks', 'sources', 'budgets', 'compare', 'report', 'ledger'];

async function open(page: Page, o: { theme: 'light' | 'dark'; lang: 'en' | 'zh'; w: number; h: number }): Promise<void> {
  await page.setViewportSize({ width: o.w, height: o.h });
  await page.addInitScript(
    ({ theme, lang }) => {
      localStorage.setItem('ramledger.settings', JSON.stringify({ unit: 'KiB', theme, lang }));
      sessionStorage.setItem('ramledger.present', '1');
    },
    { theme: o.theme, lang: o.lang },
  );
  await page.goto('/?example#/overview');
  await expect(page.locator('html[data-present="true"]')).toBeAttached();
  await expect(page.locator('tr[data-line="MemTotal"]')).toBeVisible();
}

// both themes and both languages at 1280×720 (a theme changes colours, not widths: light
// English and dark Chinese cover the widths of both languages), and light English at 1920×1080
const CONFIGS = [
  { theme: 'light', lang: 'en', w: 1280, h: 720 },
  { theme: 'dark', lang: 'zh', w: 1280, h: 720 },
  { theme: 'light', lang: 'en', w: 1920, h: 1080 },
] as const;

for (const c of CONFIGS) {
  test(`presentation mode ${c.w}×${c.h} ${c.theme} ${c.lang}: every view fits, nothing cut`, async ({ page }) => {
    await open(page, c);
    await expect(page.locator('aside.inputs')).toBeHidden();
    await withBudgetAndBefore(page);
    const routes = await shownRoutes(page);
    expect(routes).toEqual(expect.arrayContaining(ROUTES));
    for (const r of routes) {
      await showView(page, r);
      await shot(page, `present-${c.w}-${c.theme}-${c.lang}-${r.replace('/', '-')}`);
      expect.soft(await cuts(page), `${r}`).toEqual([]);
      const small = await smallestText(page);
      expect.soft(small.px, `${r}: ${small.what}`).toBeGreaterThanOrEqual(16);
      // accessibility once per view, in light English (CI's time: the dark theme has axe runs of its own in
      // page.spec's settings test and in the budget, compare and kernel specs)
      if (c.w === 1280 && c.lang === 'en' && c.theme === 'light') await axe(page);
    }
  });
}

/** this machine's kernel files (x86_64, 6.18, as root): every panel of the kernel view */
const KERNEL_FILES = [
  'fixtures/real-slabinfo/x86_64-6.18-this-machine/root-bundle.txt',
  'fixtures/real-zones/this-machine-x86_64-6.18/root/zoneinfo',
  'fixtures/real-zones/this-machine-x86_64-6.18/root/buddyinfo',
  'fixtures/real-zones/this-machine-x86_64-6.18/root/pagetypeinfo',
  'fixtures/real-iomem/x86_64-6.18-root.txt',
];

for (const c of [CONFIGS[0], CONFIGS[1]]) {
  test(`presentation mode ${c.w}×${c.h} ${c.theme} ${c.lang}: the kernel view of this machine fits, nothing cut`, async ({ page }) => {
    await page.setViewportSize({ width: c.w, height: c.h });
    await page.addInitScript(
      ({ theme, lang }) => {
        localStorage.setItem('ramledger.settings', JSON.stringify({ unit: 'KiB', theme, lang }));
        sessionStorage.setItem('ramledger.present', '1');
      },
      { theme: c.theme, lang: c.lang },
    );
    await page.goto('/#/kernel');
    await drop(
      page,
      KERNEL_FILES.map((f) => ({ name: f.split('/').slice(-2).join('-'), data: readFileSync(f) })),
    );
    await expect(page.locator('nav.views a[href="#/kernel"]')).toBeVisible();
    await showView(page, 'kernel');
    for (const panel of ['slab', 'vmalloc', 'zones', 'iomem']) await expect(page.getByTestId(`${panel}-panel`)).toBeVisible();
    await shot(page, `present-${c.w}-${c.theme}-${c.lang}-kernel`);
    expect.soft(await cuts(page)).toEqual([]);
    const small = await smallestText(page);
    expect.soft(small.px, small.what).toBeGreaterThanOrEqual(16);
  });
}

test('presentation mode: PageDown/→ steps through the views, ↑/↓ move a highlight, Enter opens it', async ({ page }) => {
  await open(page, { theme: 'light', lang: 'en', w: 1280, h: 720 });
  const current = page.locator('header nav.views a[aria-current="page"]');
  await expect(current).toHaveAttribute('href', '#/overview');
  // the keys load with presentation mode: its help line says they are there
  await expect(page.getByTestId('present-help')).toBeVisible();
  await page.keyboard.press('PageDown');
  await expect(current).toHaveAttribute('href', '#/map');
  await page.keyboard.press('ArrowRight');
  await expect(current).toHaveAttribute('href', '#/processes');
  await page.keyboard.press('PageUp');
  await expect(current).toHaveAttribute('href', '#/map');
  await page.keyboard.press('ArrowLeft');
  await expect(current).toHaveAttribute('href', '#/overview');

  // the highlight moves through the overview's rows
  const lit = page.locator('main .kbd-lit');
  await expect(lit).toHaveCount(0);
  await page.keyboard.press('ArrowDown');
  await expect(lit).toHaveCount(1);
  const first = await lit.textContent();
  await page.keyboard.press('ArrowDown');
  await expect(lit).toHaveCount(1);
  expect(await lit.textContent()).not.toEqual(first);
  await page.keyboard.press('ArrowUp');
  await expect(lit).toHaveText(first ?? '');

  // and through the map's regions; Enter opens the highlighted region
  await page.keyboard.press('PageDown');
  await expect(current).toHaveAttribute('href', '#/map');
  await page.keyboard.press('ArrowDown');
  const region = page.locator('main [data-region].kbd-lit');
  await expect(region).toHaveCount(1);
  const id = await region.getAttribute('data-region');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(region).not.toHaveAttribute('data-region', id ?? '');
  const last = await region.getAttribute('data-region');
  await page.keyboard.press('Enter');
  await expect(page.locator(`tr[data-region-row="${last}"]`)).toBeInViewport();

  // typing in a field does not change the view
  await page.keyboard.press('PageDown');
  await expect(current).toHaveAttribute('href', '#/processes');
  const filter = page.locator('main input[type="search"]').first();
  if (await filter.count()) {
    await filter.focus();
    await page.keyboard.press('ArrowRight');
    await expect(current).toHaveAttribute('href', '#/processes');
  }
});
