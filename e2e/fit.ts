/**
 * What a meeting room sees cut: shared by the presentation-mode and the normal-mode view
 * tests (e2e/present.spec.ts, e2e/views.spec.ts). Each returns a list of what is wrong, so
 * a failure names the cell, the number or the text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { changeSeed } from '../tests/changed-seed';
import { SEED_FILES } from '../tests/seed-files';
import { drop, SEED } from './helpers';

/** what is cut on the screen: cells narrower than their text, numbers ending in "…", a page wider than the window */
export async function cuts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const visible = (e: Element) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
    };
    for (const c of document.querySelectorAll<HTMLElement>('main td, main th, main [role=cell], main [role=columnheader]')) {
      if (!visible(c)) continue;
      if (c.scrollWidth > c.clientWidth + 1) out.push(`cell cut (${c.scrollWidth} > ${c.clientWidth}): ${c.textContent?.slice(0, 60)}`);
    }
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const t = n.textContent ?? '';
      if (/[0-9,.]…/.test(t) && n.parentElement && visible(n.parentElement)) out.push(`number cut: ${t.slice(0, 60)}`);
    }
    // text cut with an ellipsis by CSS must carry its whole in a title (names cut in the middle), never a number
    for (const e of document.querySelectorAll<HTMLElement>('main *')) {
      if (!visible(e) || e.scrollWidth <= e.clientWidth + 1 || getComputedStyle(e).textOverflow !== 'ellipsis') continue;
      const text = e.textContent ?? '';
      if (/^[\s\d,.%-]+$/.test(text) || !e.closest('[title]')) out.push(`ellipsis without the whole text: ${text.slice(0, 60)}`);
    }
    // a table in a box that scrolls sideways hides its right-hand columns just as well
    for (const e of document.querySelectorAll<HTMLElement>('main *')) {
      const x = getComputedStyle(e).overflowX;
      if ((x === 'auto' || x === 'scroll') && visible(e) && e.querySelector('table, [role=table]') && e.scrollWidth > e.clientWidth + 1)
        out.push(`table scrolls sideways (${e.scrollWidth} > ${e.clientWidth}): ${e.textContent?.slice(0, 60)}`);
    }
    if (document.documentElement.scrollWidth > window.innerWidth + 1)
      out.push(`page wider than the window: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
    return out;
  });
}

/** the smallest font size of visible text on maps, charts (the bars' segments and legends, the ledger's picture), tables and an input's raw text */
export async function smallestText(page: Page): Promise<{ px: number; what: string }> {
  return page.evaluate(() => {
    let px = Number.POSITIVE_INFINITY;
    let what = '';
    const texts =
      'main svg text, main td, main th, main [role=cell], main .bar .seg, main .legend, main .lg-map :is(.lg-label, .lg-inner), main .raw .ln';
    for (const e of document.querySelectorAll<Element>(texts)) {
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || !(e.textContent ?? '').trim()) continue;
      const size = Number.parseFloat(getComputedStyle(e).fontSize);
      if (size < px) {
        px = size;
        what = `${e.tagName} ${(e.textContent ?? '').slice(0, 40)}`;
      }
    }
    return { px, what };
  });
}

/** a budget the seed breaks (e2e/budget.spec.ts has its figures): over, near, under and not found rows */
export const BROKEN_BUDGET = {
  name: 'tight.json',
  type: 'application/json',
  data: JSON.stringify({
    ramledger: 'budget',
    version: 1,
    title: 'Too tight',
    limits: [
      { line: 'Slab', maxKiB: 40000, note: 'slab before the Wi-Fi driver update' },
      { carveOut: 'wocpu_data', maxKiB: 2048 },
      { process: 'hostapd', maxKiB: 4096 },
      { line: 'VmallocUsed', maxKiB: 38000 },
      { line: 'user', maxKiB: 65536 },
    ],
  }),
};

/**
 * The seed with every optional view listed: a budget it breaks dropped beside it, and the
 * changed seed (tests/changed-seed.ts) as the "before" of Compare. Leaves the page on Compare.
 */
export async function withBudgetAndBefore(page: Page): Promise<void> {
  await drop(page, [BROKEN_BUDGET]);
  await expect(page.locator('header nav.views a[href="#/budgets"]')).toBeVisible();
  await page.getByTestId('compare').click();
  await page.getByTestId('compare-files').setInputFiles(
    SEED_FILES.map((name) => ({
      name,
      mimeType: 'text/plain',
      buffer: Buffer.from(changeSeed(name, readFileSync(join(SEED, name), 'utf8'))),
    })),
  );
  await expect(page.getByTestId('compare-tables')).toBeVisible();
}

/** the steps of the header's views (the files table is a step of its own), as `#/…` routes without `#/` */
export async function shownRoutes(page: Page): Promise<string[]> {
  const hrefs = await page.locator('header nav.views a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.flatMap((h) => (h === '#/processes' ? ['processes', 'processes/files'] : [h.replace(/^#\//, '')]));
}

/** to a view without reloading (the snapshot and the compare stay in the page) */
export async function showView(page: Page, route: string): Promise<void> {
  await page.evaluate((r) => {
    window.location.hash = `#/${r}`;
  }, route);
  const view = route.split('/')[0] ?? route;
  await expect(page.locator(`nav.views a[aria-current="page"][href="#/${view}"]`)).toBeVisible();
  await expect(page.locator('main.view h2').first()).toBeVisible();
  // lazy views and charts settle
  await page.waitForTimeout(400);
}
