// The slab and vmalloc panels of the kernel view on this machine's capture (6.18, root:
// fixtures/real-slabinfo/x86_64-6.18-this-machine): the numbers the CLI prints, in both
// languages and themes, with screenshots at 1280×720 to look at.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { drop, ROOT, shot } from './helpers';

const bundle = {
  name: 'root-bundle.txt',
  data: readFileSync(join(ROOT, 'fixtures', 'real-slabinfo', 'x86_64-6.18-this-machine', 'root-bundle.txt')),
};

async function open(page: Page, settings: { theme: string; lang: string }) {
  await page.addInitScript((s) => localStorage.setItem('ramledger.settings', JSON.stringify(s)), settings);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await drop(page, [bundle]);
  await page.goto(`${page.url().split('#')[0]}#/kernel`);
}

test('the largest slab caches and vmalloc callers, with the numbers the CLI prints', async ({ page }) => {
  await open(page, { lang: 'en', theme: 'light' });
  const slab = page.getByTestId('slab-panel');
  await expect(slab).toBeVisible();
  await expect(page.getByTestId('slab-total')).toHaveText('295,044');
  await expect(page.getByTestId('slab-meminfo')).toHaveText('301,444');
  const first = page.locator('[data-testid="slab-table"] tbody tr').first();
  await expect(first).toContainText('ext4_inode_cache');
  await expect(first).toContainText('155,504');
  await expect(page.getByTestId('vmalloc-addresses')).toContainText('hashed');
  const caller = page.locator('[data-testid="vmalloc-table"] tbody tr').first();
  await expect(caller).toContainText('pcpu_create_chunk');
  await expect(caller).toContainText('2,124');
  await shot(page, 'kernel-slab-en-light');
});

for (const s of [
  { lang: 'zh', theme: 'dark' },
  { lang: 'en', theme: 'dark' },
  { lang: 'zh', theme: 'light' },
])
  test(`screenshots: ${s.lang} ${s.theme}`, async ({ page }) => {
    await open(page, s);
    await expect(page.getByTestId('slab-panel')).toBeVisible();
    await expect(page.getByTestId('vmalloc-panel')).toBeVisible();
    await shot(page, `kernel-slab-${s.lang}-${s.theme}`);
  });

test("the Overview's Slab and VmallocUsed lines lead to their panels; without slabinfo there is no link", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await drop(page, [bundle]);
  await expect(page.locator('tr[data-line="Slab"]')).toBeVisible();
  await expect(page.locator('tr[data-line="MemFree"] a[data-drill]')).toHaveCount(0);
  await page.locator('tr[data-line="VmallocUsed"] a[data-drill="vmalloc"]').click();
  await expect(page).toHaveURL(/#\/kernel\?p=vmalloc$/);
  await expect(page.getByTestId('vmalloc-panel')).toBeInViewport();
  await page.goBack();
  await page.locator('tr[data-line="Slab"] a[data-drill="slab"]').click();
  await expect(page.getByTestId('slab-panel')).toBeInViewport();
  // the seed has no slabinfo: its Slab line has no drill-down
  await page.goto('/?example#/overview');
  await expect(page.locator('tr[data-line="Slab"]')).toBeVisible();
  await expect(page.locator('a[data-drill]')).toHaveCount(0);
});
