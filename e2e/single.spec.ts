// The one-file build (`dist-single/ramledger.html`, written by `npm run build`) opened from
// disk with every network request refused: the page, its worker and the example all work.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { lineKiB, ROOT } from './helpers';

const FILE = join(ROOT, 'dist-single', 'ramledger.html');

test('ramledger.html opened from disk with the network blocked shows the example, worker and all', async ({ page }) => {
  expect(existsSync(FILE), 'npm run build writes dist-single/ramledger.html').toBe(true);
  const requests: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    requests.push(url);
    return route.abort();
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(pathToFileURL(FILE).href);
  await page.getByRole('button', { name: 'Load example' }).first().click();
  await expect(lineKiB(page, 'MemTotal')).toHaveText('230,856');
  await page.getByRole('link', { name: 'Processes' }).first().click();
  await expect(page.getByTestId('proc-table')).toBeVisible();
  await page.getByRole('link', { name: 'Address map' }).click();
  await expect(page.getByRole('heading', { name: 'Physical address map' })).toBeVisible();
  expect(requests).toEqual([]);
  expect(errors).toEqual([]);
});
