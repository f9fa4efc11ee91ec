import { expect, test } from '@playwright/test';

test('a link round trip shows the same', async ({ page, context, browser }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await page.getByRole('button', { name: 'Load example' }).click();
  await expect(page.getByTestId('headline')).toBeVisible();
  await page.goto(`${page.url().split('#')[0]}#/processes?p=0`);
  await page.getByTestId('share').click();
  const summary = page.getByTestId('share-summary');
  await expect(summary).toHaveAttribute('data-level', 'full');
  const url = await page.getByTestId('share-link').inputValue();
  expect(url).toContain('#/processes?p=0&snapshot=v1.');
  const chars = Number(await summary.getAttribute('data-chars'));
  console.log('seed link payload', chars, 'url', url.length);
  expect(chars).toBeLessThanOrEqual(2000);
  const before = await page.locator('main').innerText();

  const other = await browser.newContext();
  const p2 = await other.newPage();
  await p2.goto(url);
  await expect(p2.getByTestId('shared-banner')).toBeVisible();
  await expect(p2).toHaveURL(/#\/processes\?p=0$/);
  await expect.poll(async () => (await p2.locator('main').innerText()).replace(/^.*?\n/, '')).toContain(before.split('\n').slice(-5).join('\n'));
  await other.close();
});
