/**
 * The iomem panel of the kernel view on this machine's /proc/iomem (root and non-root),
 * its numbers against the file's, the iomem lanes on the map, and screenshots at
 * 1280×720 in both themes and languages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { axe, drop, ROOT } from './helpers';

const DIR = join(ROOT, 'fixtures', 'real-iomem');
const file = (name: string) => ({ name, data: readFileSync(join(DIR, name)) });

test('root: System RAM, the kernel image and the tree with sizes', async ({ page }) => {
  await page.goto('/#/kernel');
  await drop(page, [
    file('x86_64-6.18-root.txt'),
    { name: 'dmesg.txt', data: readFileSync(join(ROOT, 'fixtures/real/this-machine-x86_64-6.18/dmesg.txt')) },
  ]);
  const panel = page.getByTestId('iomem-panel');
  await expect(panel).toBeVisible();
  await page
    .getByLabel('Unit')
    .selectOption('KiB')
    .catch(() => undefined);
  // 0x1000–0x9fbff + 0x100000–0xbfffffff + 0x100000000–0x63fffffff = 25,165,435 KiB (bytes / 1024)
  await expect(panel.getByTestId('iomem-ram')).toContainText(/25,165,435 KiB|24,575\.6 MiB/);
  await expect(panel.getByTestId('iomem-ram')).toContainText('3');
  await expect(panel.getByTestId('iomem-table').locator('tbody tr')).toHaveCount(27);
  await expect(panel.locator('tr[data-kind="kernel-code"] td').first()).toHaveText(/01000000/);
  await axe(page);
  // the checks it allows hold on this machine
  await page.goto('/#/checks');
  await expect(page.locator('tr[data-check="iomem-ram"]')).toHaveAttribute('data-ok', 'true');
  await expect(page.locator('tr[data-check="iomem-kernel"]')).toHaveAttribute('data-ok', 'true');
  // the lanes on the map
  await page.goto('/#/map');
  await expect(page.getByText('/proc/iomem', { exact: true })).toBeVisible();
});

test('non-root: names and tree, addresses said to be hidden', async ({ page }) => {
  await page.goto('/#/kernel');
  await drop(page, [file('x86_64-6.18-nonroot.txt')]);
  const panel = page.getByTestId('iomem-panel');
  await expect(panel.getByTestId('iomem-hidden')).toBeVisible();
  await expect(panel.getByTestId('iomem-table').locator('tbody tr')).toHaveCount(27);
  await expect(panel.getByTestId('iomem-table').locator('tbody tr').first().locator('td').first()).toHaveText('—');
});

test('screenshots: 1280×720 light/dark en/zh, the map, and presentation mode', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/#/kernel');
  await drop(page, [file('arm64-qemu-virt-nomap.txt'), file('arm64-qemu-virt-nomap.dts')]);
  await expect(page.getByTestId('iomem-panel')).toBeVisible();
  for (const theme of ['light', 'dark'] as const)
    for (const lang of ['en', 'zh'] as const) {
      await page.locator('header select').first().selectOption(theme);
      await page.locator('header select').last().selectOption(lang);
      // the Chinese words of the page load when first asked for: the header says when they are in
      await expect(page.locator('header')).toContainText(lang === 'zh' ? '内存都去哪儿了' : 'where did the RAM go');
      await expect(page.getByTestId('iomem-panel')).toContainText(lang === 'zh' ? '内核映像' : 'Kernel image');
      await page.screenshot({ path: `test-results/screens/kernel-iomem-${theme}-${lang}.png` });
    }
  await page.locator('header select').last().selectOption('en');
  await page.goto('/#/map');
  await expect(page.getByText('/proc/iomem inside System RAM', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/kernel-iomem-map.png' });
  await page.goto('/#/kernel');
  await page.getByRole('button', { name: 'Presentation' }).click();
  await expect(page.locator('html[data-present="true"]')).toBeAttached();
  const size = await page
    .getByTestId('iomem-table')
    .locator('td')
    .first()
    .evaluate((e) => Number.parseFloat(getComputedStyle(e).fontSize));
  expect(size).toBeGreaterThanOrEqual(16);
  // nothing wider than the window
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  await page.screenshot({ path: 'test-results/screens/kernel-iomem-present.png' });
});
