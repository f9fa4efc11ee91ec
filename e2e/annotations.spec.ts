import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { axe, SCREENS, shot } from './helpers';

/** what a hostile title, note or label tries: markup that runs a script if it is ever parsed */
const XSS = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;

const memmapRow = (page: Page) =>
  page.locator('[data-testid="region-table"] tr[data-region-row]', { hasText: '0x4e800000' }).filter({ hasText: 'memblock-reserved' });

/** opens a target's editor with its ✎ button, types, saves */
async function label(page: Page, scope: Locator, text: string, comment = '') {
  await scope.locator('button.ann-btn').first().click();
  const editor = page.getByTestId('note-editor');
  await expect(editor).toBeVisible();
  await editor.getByLabel(/^(Label|标签)$/).fill(text);
  if (comment) await editor.getByLabel(/^(Comment|备注)$/).fill(comment);
  await editor.getByRole('button', { name: /^(Save|保存)$/ }).click();
  await expect(editor).toHaveCount(0);
}

/** what the reader sees at 1280×720 with `target` in the middle */
async function screen(page: Page, name: string, target: Locator, hover?: Locator) {
  mkdirSync(SCREENS, { recursive: true });
  await target.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  if (hover) await hover.hover();
  await page.screenshot({ path: join(SCREENS, `${name}.png`) });
}

/** to a view without reloading (the snapshot lives in the page) */
const go = (page: Page, hash: string) => page.evaluate((h) => (window.location.hash = h), hash);

async function loadExample(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Load example' }).click();
  await expect(page.locator('tr[data-line="dram"]')).toBeVisible();
}

test('a title, notes and labels on a region, a line and a process show on every view', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await loadExample(page);

  // title: in the page and the tab
  const title = page.getByTestId('snapshot-title');
  await expect(title).toHaveAttribute('placeholder', 'Untitled snapshot');
  await title.fill('MT7981 router, boot 3');
  await expect(page).toHaveTitle('MT7981 router, boot 3 — ramledger');

  // notes: edited in a box, shown as text with its line breaks
  const notes = page.getByTestId('snapshot-notes');
  await notes.getByRole('button', { name: 'Notes' }).click();
  await notes.getByRole('button', { name: 'Add notes' }).click();
  await page.getByTestId('notes-input').fill('first line\nsecond line');
  await notes.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('notes-text')).toHaveText('first line\nsecond line');
  const breaks = await page.getByTestId('notes-text').evaluate((e) => getComputedStyle(e).whiteSpace);
  expect(breaks).toBe('pre-wrap');
  // Escape leaves the notes as they were
  await notes.getByRole('button', { name: 'Edit' }).click();
  await page.getByTestId('notes-input').fill('thrown away');
  await page.getByTestId('notes-input').press('Escape');
  await expect(page.getByTestId('notes-text')).toHaveText('first line\nsecond line');
  await expect(notes.getByRole('button', { name: 'Edit' })).toBeFocused();

  // an accounting line
  const kernel = page.locator('tr[data-line="kernel"]');
  await label(page, kernel, 'slab grows', 'watch after 3 days');
  await expect(kernel.locator('.ann-chip')).toHaveText('slab grows');
  await expect(kernel.locator('.ann-comment')).toHaveText('watch after 3 days');
  await axe(page);
  await shot(page, 'ann-01-overview');

  // the 14,336 KiB memblock.reserved region: row, block text, tooltip
  await page.getByRole('link', { name: 'Address map' }).click();
  await expect(memmapRow(page)).toContainText('14,336');
  await label(page, memmapRow(page), 'memmap', 'struct page array (SPARSEMEM)');
  await expect(memmapRow(page).locator('.ann-chip')).toHaveText('memmap');
  const idx = await memmapRow(page).getAttribute('data-region-row');
  const block = page.locator(`rect[data-region="${idx}"]`);
  await expect(block).toHaveAttribute('aria-label', /“memmap” — struct page array/);
  // in its block once the block is wide enough for it
  await go(page, '#/map?from=0x4c000000&to=0x50000000');
  await expect(page.getByTestId('map').locator('text tspan', { hasText: 'memmap' })).toHaveCount(1);
  // Escape cancels an edit; the button has the focus back
  await memmapRow(page).locator('button.ann-btn').click();
  await page.getByTestId('note-editor').getByLabel('Label').fill('changed my mind');
  await page.getByTestId('note-editor').getByLabel('Label').press('Escape');
  await expect(page.getByTestId('note-editor')).toHaveCount(0);
  await expect(memmapRow(page).locator('.ann-chip')).toHaveText('memmap');
  await expect(memmapRow(page).locator('button.ann-btn')).toBeFocused();
  await axe(page);
  await shot(page, 'ann-02-map');

  // a process: edited in its detail, shown in the table with the comment on focus
  await page.getByRole('link', { name: 'Processes' }).first().click();
  await page.locator('[data-testid="proc-table"] [role="row"][data-row]').first().click();
  const detail = page.getByTestId('mappings');
  await label(page, detail, 'the web UI', 'lighttpd + luci');
  await expect(detail.locator('.ann-chip')).toHaveText('the web UI');
  await expect(detail.locator('.ann-comment')).toHaveText('lighttpd + luci');
  const chip = page.locator('[data-testid="proc-table"] [role="row"][data-row] .ann-chip');
  await expect(chip).toContainText('the web UI');
  await chip.focus();
  await expect(page.locator('.ann-tip')).toHaveText('the web UI\nlighttpd + luci');
  await page.getByTestId('proc-filter').fill('web ui');
  await expect(page.locator('[data-testid="proc-table"] [role="row"][data-row]')).toHaveCount(1);
  await page.getByTestId('proc-filter').fill('');
  await axe(page);
  await shot(page, 'ann-03-processes');

  // the title and the notes are above every view
  for (const view of ['Checks', 'Sources', 'Overview']) {
    await page.getByRole('link', { name: view, exact: true }).first().click();
    await expect(title).toHaveValue('MT7981 router, boot 3');
    await expect(page.getByTestId('notes-text')).toHaveText('first line\nsecond line');
  }
  // and a label can be removed
  await label(page, kernel, 'slab grows');
  await kernel.locator('button.ann-btn').click();
  await page.getByTestId('note-editor').getByRole('button', { name: 'Remove' }).click();
  await expect(kernel.locator('.ann-chip')).toHaveCount(0);
  expect(dialogs).toEqual([]);

  // light/dark and en/zh, with labels
  await label(page, kernel, 'slab grows', 'watch after 3 days');
  for (const theme of ['light', 'dark'] as const)
    for (const lang of ['en', 'zh'] as const) {
      await page.locator('header select').first().selectOption(theme);
      await page.locator('header select').last().selectOption(lang);
      await go(page, '#/overview');
      await screen(page, `ann-${theme}-${lang}-overview`, kernel);
      await go(page, '#/map?from=0x4c000000&to=0x50000000');
      await expect(memmapRow(page).locator('.ann-chip')).toHaveText('memmap');
      await screen(page, `ann-${theme}-${lang}-map`, page.getByTestId('map'));
      await go(page, '#/processes?p=0');
      await expect(page.getByTestId('mappings').locator('.ann-chip')).toHaveText('the web UI');
      const chip = page.locator('[data-testid="proc-table"] .ann-chip');
      await screen(page, `ann-${theme}-${lang}-processes`, page.getByTestId('proc-table'), chip);
    }
});

test('markup in a title, notes or label shows as text and runs nothing', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await loadExample(page);
  await page.getByTestId('snapshot-title').fill(XSS);
  const notes = page.getByTestId('snapshot-notes');
  await notes.getByRole('button', { name: 'Notes' }).click();
  await notes.getByRole('button', { name: 'Add notes' }).click();
  await page.getByTestId('notes-input').fill(`${XSS}\n**bold** <b>b</b>`);
  await notes.getByRole('button', { name: 'Save' }).click();
  const line = page.locator('tr[data-line="kernel"]');
  await label(page, line, XSS, XSS);

  await expect(page.getByTestId('notes-text')).toHaveText(`${XSS}\n**bold** <b>b</b>`);
  await expect(line.locator('.ann-chip')).toHaveText(XSS);
  await expect(line.locator('.ann-comment')).toHaveText(XSS);
  expect(await page.title()).toBe(`${XSS} — ramledger`);
  // no element came from the text
  await expect(page.locator('main img, .snapshot-head img, main script, .snapshot-head script, .snapshot-head b')).toHaveCount(0);

  await page.getByRole('link', { name: 'Address map' }).click();
  await label(page, memmapRow(page), XSS, XSS);
  await expect(memmapRow(page).locator('.ann-chip')).toHaveText(XSS);
  await page.getByRole('link', { name: 'Processes' }).first().click();
  await page.locator('[data-testid="proc-table"] [role="row"][data-row]').first().click();
  await label(page, page.getByTestId('mappings'), XSS, XSS);
  await expect(page.getByTestId('mappings').locator('.ann-chip')).toHaveText(XSS);
  await page.locator('[data-testid="proc-table"] .ann-chip').hover();
  await expect(page.locator('.ann-tip')).toHaveText(`${XSS}\n${XSS}`);
  await expect(page.locator('main img, main script')).toHaveCount(0);

  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
});

test('a shared link carries the title, the notes and the labels', async ({ page, browser }) => {
  await loadExample(page);
  await page.getByTestId('snapshot-title').fill('MT7981 router, boot 3');
  const notes = page.getByTestId('snapshot-notes');
  await notes.getByRole('button', { name: 'Notes' }).click();
  await notes.getByRole('button', { name: 'Add notes' }).click();
  await page.getByTestId('notes-input').fill('first line\nsecond line');
  await notes.getByRole('button', { name: 'Save' }).click();
  await label(page, page.locator('tr[data-line="kernel"]'), 'slab grows', 'watch after 3 days');
  await go(page, '#/map');
  await label(page, memmapRow(page), 'memmap', 'struct page array');
  await page.getByTestId('share').click();
  const url = await page.getByTestId('share-link').inputValue();

  const other = await browser.newContext();
  const p2 = await other.newPage();
  await p2.goto(url);
  await expect(p2.getByTestId('snapshot-title')).toHaveValue('MT7981 router, boot 3');
  await expect(p2).toHaveTitle('MT7981 router, boot 3 — ramledger');
  // notes someone sent are open at once
  await expect(p2.getByTestId('notes-text')).toHaveText('first line\nsecond line');
  await expect(memmapRow(p2).locator('.ann-chip')).toHaveText('memmap');
  await expect(memmapRow(p2).locator('.ann-comment')).toHaveText('struct page array');
  await go(p2, '#/overview');
  await expect(p2.locator('tr[data-line="kernel"] .ann-chip')).toHaveText('slab grows');
  await other.close();
});
