// Budgets on the page: a budget file dropped beside the seed is held against it; the view
// says which limit breaks and by how much, and a budget the seed meets is all under.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { SEED_FILES } from '../tests/seed-files';
import { BROKEN_BUDGET } from './fit';
import { axe, drop, ROOT, SCREENS, SEED } from './helpers';

const seed = SEED_FILES.map((f) => ({ name: f, data: readFileSync(join(SEED, f)) }));
const example = { name: 'budget.example.json', data: readFileSync(join(ROOT, 'docs', 'budget.example.json')), type: 'application/json' };

async function open(page: Page, settings: { theme?: string; lang?: string } = {}) {
  await page.addInitScript((s) => localStorage.setItem('ramledger.settings', JSON.stringify(s)), settings);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
}

const row = (page: Page, target: string) => page.locator(`[data-testid="budget-table"] tr[data-target="${target}"]`);

test('a budget the seed breaks: the view says which limit and by how much, the Overview says it breaks', async ({ page }) => {
  await open(page, { lang: 'en', theme: 'light' });
  await drop(page, [...seed, BROKEN_BUDGET]);
  await expect(page.locator('tr[data-line="dram"]')).toBeVisible();
  // the budget is not an input card: it sits beside them as a chip
  await expect(page.locator('[data-testid="inputs"] li')).toHaveCount(seed.length);
  await expect(page.getByTestId('budget-chip')).toContainText('Budget: Too tight');
  const strip = page.getByTestId('budget-summary');
  await expect(strip).toContainText('2 of 5 hold, 1 near, 2 over, 1 not found');
  await expect(strip).toHaveAttribute('data-holds', 'false');
  await strip.getByRole('link').click();
  await expect(page).toHaveURL(/#\/budgets$/);
  await expect(page.getByTestId('budget-verdict')).toContainText('The snapshot breaks the budget.');
  await expect(row(page, 'line:Slab')).toHaveAttribute('data-status', 'over');
  await expect(row(page, 'line:Slab')).toContainText('47,464');
  await expect(row(page, 'line:Slab')).toContainText('over by 7,464 KiB');
  await expect(row(page, 'carveOut:wocpu_data')).toContainText('over by 256 KiB');
  await expect(row(page, 'process:hostapd')).toContainText('not found');
  await expect(row(page, 'line:VmallocUsed')).toHaveAttribute('data-status', 'near');
  await expect(row(page, 'line:user')).toHaveAttribute('data-status', 'under');
  await axe(page);

  // removing the budget takes its view out of the header; the inputs stay
  await page
    .getByRole('button', { name: /^Remove the budget/ })
    .first()
    .click();
  await expect(page.getByTestId('budget-chip')).toHaveCount(0);
  await expect(page.locator('nav.views a', { hasText: 'Budgets' })).toHaveCount(0);
  await expect(page.locator('[data-testid="inputs"] li')).toHaveCount(seed.length);
});

test('a budget the seed meets, dropped after it: every limit holds', async ({ page }) => {
  await open(page, { lang: 'en', theme: 'light' });
  await drop(page, seed);
  await expect(page.locator('tr[data-line="dram"]')).toBeVisible();
  await drop(page, [example]);
  await expect(page.getByTestId('budget-summary')).toHaveAttribute('data-holds', 'true');
  await page.locator('nav.views a', { hasText: 'Budgets' }).click();
  await expect(page.getByTestId('budget-verdict')).toContainText('The snapshot meets the budget.');
  const statuses = await page
    .locator('[data-testid="budget-table"] tbody tr')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
  expect(statuses.length).toBe(11);
  expect(statuses.every((s) => s === 'under' || s === 'near')).toBe(true);
});

test('a damaged budget file is refused with one line; the snapshot stays', async ({ page }) => {
  await open(page, { lang: 'en', theme: 'light' });
  await drop(page, [
    ...seed,
    {
      name: 'bad.json',
      type: 'application/json',
      data: '{"ramledger": "budget", "version": 1, "limits": [{"processes": "/(a+)+$/", "maxKiB": 1}]}',
    },
  ]);
  await expect(page.locator('tr[data-line="dram"]')).toBeVisible();
  await expect(page.getByTestId('budget-chip')).toContainText('limits.0.processes is refused');
  await expect(page.getByTestId('budget-summary')).toHaveCount(0);
});

for (const lang of ['en', 'zh'] as const)
  for (const theme of ['light', 'dark'] as const)
    test(`screenshots of the budget view and the Overview strip at 1280×720, ${lang} ${theme}`, async ({ page }) => {
      await open(page, { lang, theme });
      await drop(page, [...seed, BROKEN_BUDGET]);
      await expect(page.getByTestId('budget-summary')).toBeVisible();
      mkdirSync(SCREENS, { recursive: true });
      await page.getByTestId('budget-summary').evaluate((e) => e.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: join(SCREENS, `budget-overview-${lang}-${theme}.png`) });
      await page.evaluate(() => (window.location.hash = '#/budgets'));
      await expect(page.getByTestId('budget-table')).toBeVisible();
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(SCREENS, `budget-view-${lang}-${theme}.png`) });
      if (theme === 'dark') await axe(page);
    });
