import { expect, test } from '@playwright/test';

test('the page opens with the seed example and reproduces its numbers, offline', async ({ page }, info) => {
  const external: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.hostname !== '127.0.0.1' && u.protocol !== 'data:' && u.protocol !== 'blob:') external.push(r.url());
  });
  await page.goto('/');
  await expect(page.locator('tr[data-line="dram"] td').nth(1)).toHaveText('262,144');
  await expect(page.locator('tr[data-line="memblock-memory"] td').nth(1)).toHaveText('258,368');
  await expect(page.locator('tr[data-line="boot-reserved"] td').nth(1)).toHaveText('27,960');
  await expect(page.locator('tr[data-line="MemTotal"] td').nth(1)).toHaveText('230,856');
  await expect(page.locator('tr[data-line="unaccounted"] td').nth(1)).toHaveText('50,504');
  await expect(page.getByTestId('checks-summary')).toHaveText('Checks: 8 hold, 0 do not');
  await page.screenshot({ path: info.outputPath('seed.png'), fullPage: true });
  expect(external).toEqual([]);
});
