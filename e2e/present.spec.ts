/**
 * Presentation mode for a projector: every view at 1280×720 (light/dark, en/zh) and
 * 1920×1080, with no table cell cut and no number ending in "…"; one key steps through
 * the views and the arrow keys move a highlight through the current table or map.
 */
import { expect, type Page, test } from '@playwright/test';
import { axe, shot } from './helpers';

const ROUTES = ['overview', 'map', 'processes', 'processes/files', 'checks', 'sources'] as const;

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

/** what is cut on the screen: cells narrower than their text, numbers ending in "…", a page wider than the window */
async function cuts(page: Page): Promise<string[]> {
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
    if (document.documentElement.scrollWidth > window.innerWidth + 1)
      out.push(`page wider than the window: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
    return out;
  });
}

/** the smallest font size of visible text on maps, charts and tables */
async function smallestText(page: Page): Promise<{ px: number; what: string }> {
  return page.evaluate(() => {
    let px = Number.POSITIVE_INFINITY;
    let what = '';
    for (const e of document.querySelectorAll<Element>('main svg text, main td, main th, main [role=cell]')) {
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

async function showView(page: Page, route: string): Promise<void> {
  await page.evaluate((r) => {
    window.location.hash = `#/${r}`;
  }, route);
  const view = route.split('/')[0] ?? route;
  await expect(page.locator(`nav.views a[aria-current="page"][href="#/${view}"]`)).toBeVisible();
  await expect(page.locator('main.view h2').first()).toBeVisible();
  // lazy views and charts settle
  await page.waitForTimeout(400);
}

const CONFIGS = [
  { theme: 'light', lang: 'en', w: 1280, h: 720 },
  { theme: 'dark', lang: 'en', w: 1280, h: 720 },
  { theme: 'light', lang: 'zh', w: 1280, h: 720 },
  { theme: 'dark', lang: 'zh', w: 1280, h: 720 },
  { theme: 'light', lang: 'en', w: 1920, h: 1080 },
] as const;

for (const c of CONFIGS) {
  test(`presentation mode ${c.w}×${c.h} ${c.theme} ${c.lang}: every view fits, nothing cut`, async ({ page }) => {
    await open(page, c);
    await expect(page.locator('aside.inputs')).toBeHidden();
    for (const r of ROUTES) {
      await showView(page, r);
      await shot(page, `present-${c.w}-${c.theme}-${c.lang}-${r.replace('/', '-')}`);
      expect.soft(await cuts(page), `${r}`).toEqual([]);
      const small = await smallestText(page);
      expect.soft(small.px, `${r}: ${small.what}`).toBeGreaterThanOrEqual(16);
      if (c.w === 1280 && c.lang === 'en') await axe(page);
    }
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
