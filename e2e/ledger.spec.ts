/**
 * The ledger picture (#/ledger) and the Overview's kernel and user bars, on the seed:
 * DRAM and its parts with areas in proportion, zooming in by click and by keyboard,
 * back out by the path, and screenshots in both themes and languages.
 */
import { expect, type Page, test } from '@playwright/test';
import { axe, shot } from './helpers';

const cell = (page: Page, id: string) => page.locator(`.lg-map > [data-node="${id}"]`);

async function openLedger(page: Page): Promise<void> {
  await page.goto('/?example#/ledger');
  await expect(page.getByTestId('ledger-map')).toBeVisible();
  await expect(cell(page, 'root/kernel')).toBeVisible();
}

test('the ledger shows DRAM and its parts; a click zooms into kernel, the path goes back', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openLedger(page);
  await expect(page.getByTestId('ledger-path')).toContainText('DRAM — 262,144 KiB');
  for (const [id, kib] of [
    ['root/carve-outs', 3776],
    ['root/boot', 27512],
    ['root/kernel', 86304],
    ['root/user', 44532],
    ['root/unaccounted', 50504],
    ['root/MemFree', 49516],
  ] as const)
    await expect(cell(page, id)).toHaveAttribute('data-kib', String(kib));
  // areas in proportion: kernel over free as 86,304 over 49,516
  const area = async (id: string) => {
    const b = await cell(page, id).boundingBox();
    return (b?.width ?? 0) * (b?.height ?? 0);
  };
  const ratio = (await area('root/kernel')) / (await area('root/MemFree'));
  expect(ratio).toBeGreaterThan((86304 / 49516) * 0.93);
  expect(ratio).toBeLessThan((86304 / 49516) * 1.07);
  await axe(page);

  await cell(page, 'root/kernel').click();
  await expect(page.getByTestId('ledger-path')).toContainText('kernel');
  await expect(cell(page, 'root/kernel/SUnreclaim')).toBeVisible();
  await expect(cell(page, 'root/kernel/VmallocUsed')).toHaveAttribute('data-kib', '35556');
  await expect(page.getByTestId('ledger-table')).toContainText('slab, reclaimable');
  await expect(page).toHaveURL(/#\/ledger\?n=root%2Fkernel/);
  await axe(page);

  await page.getByTestId('ledger-path').getByRole('button', { name: 'DRAM' }).click();
  await expect(cell(page, 'root/kernel')).toBeVisible();
  await expect(cell(page, 'root/kernel/SUnreclaim')).toHaveCount(0);
});

test('keyboard: Enter zooms into user, then the process, its kind and its mappings; Escape zooms out', async ({ page }) => {
  await openLedger(page);
  await cell(page, 'root/user').focus();
  await page.keyboard.press('Enter');
  await expect(cell(page, 'root/user/mapped')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(cell(page, 'root/user/mapped/not-in-process')).toHaveAttribute('data-kib', String(28740 - 256));
  await cell(page, 'root/user/mapped/p0').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  // the stack mapping, asked of the worker
  await expect(page.getByTestId('ledger-path')).toContainText('stack');
  await expect(page.locator('.lg-map > [data-node="root/user/mapped/p0/stack/0"]')).toHaveAttribute('data-kib', '256');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Escape');
  await expect(page.getByTestId('ledger-path')).toContainText('DRAM — 262,144 KiB');
});

test('the Overview shows the kernel and user parts as bars of their own', async ({ page }) => {
  await page.goto('/?example#/overview');
  const kernel = page.getByTestId('part-kernel');
  await expect(kernel.locator('[data-seg="VmallocUsed"]')).toHaveAttribute('data-kib', '35556');
  await expect(kernel.locator('[data-seg="unaccounted"]')).toHaveAttribute('data-kib', '50504');
  await expect(page.getByTestId('part-user').locator('[data-seg="AnonPages"]')).toHaveAttribute('data-kib', '16720');
  await expect(page.getByTestId('part-bars')).toContainText('anonymous');
  await axe(page);
});

test("Processes: the top-processes chart also as a table, in the chart's colours", async ({ page }) => {
  await page.goto('/?example#/processes');
  const table = page.getByTestId('top-table');
  await table.locator('summary').click();
  await expect(table.locator('thead')).toContainText('stack');
  await expect(table.locator('tbody tr').first()).toContainText('256');
  await expect(table.locator('thead .swatch').first()).toHaveAttribute('style', /var\(--k-stack\)/);
  await axe(page);
});

test('screenshots: 1280×720 light/dark en/zh, and 1920×1080', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openLedger(page);
  for (const theme of ['light', 'dark'] as const)
    for (const lang of ['en', 'zh'] as const) {
      await page.locator('header select').first().selectOption(theme);
      await page.locator('header select').last().selectOption(lang);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `test-results/screens/ledger-${theme}-${lang}.png` });
    }
  await page.locator('header select').first().selectOption('light');
  await page.locator('header select').last().selectOption('en');
  await cell(page, 'root/kernel').click();
  await page.screenshot({ path: 'test-results/screens/ledger-kernel.png' });
  await page.goto('/?example#/overview');
  await shot(page, 'ledger-overview-parts');
  await page.getByTestId('part-bars').screenshot({ path: 'test-results/screens/ledger-part-bars.png' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/?example#/ledger');
  await expect(cell(page, 'root/kernel')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/ledger-1920.png' });
  await page.getByRole('button', { name: /present|演示/i }).click();
  await page.screenshot({ path: 'test-results/screens/ledger-1920-present.png' });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: 'test-results/screens/ledger-1280-present.png' });
});
