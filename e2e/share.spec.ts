// Links that carry a snapshot: the round trip, hostile links, a capture too big for a
// whole link, the one-file build opened from disk, and `ramledger link`.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { parseBytes } from '../src/core/formats/bytes';
import { emptyAnnotations } from '../src/core/share/annotations';
import { toBase64Url } from '../src/core/share/base64';
import { encodeLink, LINK_PREFIX } from '../src/core/share/link';
import { makeDoc } from '../src/core/share/make';
import { growCapture } from '../tests/grow';
import { SEED_FILES } from '../tests/seed-files';
import { lineKiB, ROOT, SEED, shot } from './helpers';

const seedPaths = SEED_FILES.map((f) => join(SEED, f));

async function loadExample(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Load example' }).first().click();
  await expect(lineKiB(page, 'MemTotal')).toHaveText('230,856');
}

/** what Share makes for the page as it is */
async function share(page: Page): Promise<{ url: string; level: string; chars: number }> {
  await page.getByTestId('share').click();
  const summary = page.getByTestId('share-summary');
  await expect(summary).toBeVisible();
  const url = await page.getByTestId('share-link').inputValue();
  const level = (await summary.getAttribute('data-level')) ?? '';
  const chars = Number(await summary.getAttribute('data-chars'));
  await page.keyboard.press('Escape');
  return { url, level, chars };
}

/** the view's text without the banner that says where a shared snapshot came from */
const viewText = async (page: Page) =>
  page.locator('main').evaluate((m) => {
    const c = m.cloneNode(true) as HTMLElement;
    for (const b of c.querySelectorAll('[data-testid="shared-banner"]')) b.remove();
    return c.innerText;
  });

async function opened(browser: Browser, url: string) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { ctx, page, errors };
}

test('a link shows the receiver exactly what the sender saw, in every view', async ({ page, browser }) => {
  await loadExample(page);
  const views = ['/overview', '/processes?p=0', '/checks', '/sources?s=meminfo.txt&l=3'];
  const base = page.url().split('#')[0];
  for (const v of views) {
    await page.goto(`${base}#${v}`);
    await expect(page.locator('main'))
      .not.toContainText('…', { timeout: 1000 })
      .catch(() => {});
    const { url, level, chars } = await share(page);
    expect(level).toBe('full');
    expect(url).toContain(`#${v}${v.includes('?') ? '&' : '?'}snapshot=v1.`);
    // the seed fits where chat tools cut links
    expect(chars).toBeLessThanOrEqual(2000);
    const before = await viewText(page);
    const r = await opened(browser, url);
    await expect(r.page.getByTestId('shared-banner')).toBeVisible();
    // the address keeps the view, not the snapshot
    expect(r.page.url()).toBe(`${new URL(url).origin}/#${v}`);
    await expect.poll(() => viewText(r.page)).toBe(before);
    expect(r.errors).toEqual([]);
    if (v === '/overview') await shot(r.page, 'share-opened-link');
    await r.ctx.close();
  }
});

test('the map window travels in the link', async ({ page, browser }) => {
  await loadExample(page);
  await page.getByRole('link', { name: 'Address map' }).click();
  await page.goto(`${page.url().split('#')[0]}#/map?from=0x48000000&to=0x4a000000`);
  const window = await page.getByTestId('map-window').innerText();
  const { url } = await share(page);
  const r = await opened(browser, url);
  await expect(r.page.getByTestId('map-window')).toHaveText(window);
  await r.ctx.close();
});

test('a hostile link is refused with its reason and the page stays usable', async ({ page }) => {
  const head = JSON.stringify({
    ramledger: 'snapshot',
    version: 1,
    created: 'x',
    inputs: [{ name: 'a', bytes: 1, sources: [{ name: 'a', size: 200_000_000 }] }],
  });
  const bomb = Buffer.alloc(200_000_000 + head.length + 1, 0x41);
  Buffer.from(`${head}\n`).copy(bomb);
  const bombLink = LINK_PREFIX + toBase64Url(deflateRawSync(bomb, { level: 9 }));
  const schema =
    LINK_PREFIX +
    toBase64Url(deflateRawSync(Buffer.from(`${JSON.stringify({ ramledger: 'snapshot', version: 1, created: 1, inputs: {} })}\n`)));
  const cases: [string, RegExp][] = [
    [bombLink, /unpacks to more than 64 MiB/],
    [schema, /damaged or was altered: created/],
    ['v1.%%%', /not base64url/],
    ['v9.abc', /version 9/],
  ];
  for (const [payload, said] of cases) {
    await page.goto(`/#/overview?snapshot=${payload}`);
    await expect(page.getByRole('alert')).toContainText(said);
    expect(page.url()).not.toContain('snapshot=');
  }
  // still usable
  await page.getByRole('button', { name: 'Load example' }).first().click();
  await expect(lineKiB(page, 'MemTotal')).toHaveText('230,856');
});

test('markup in a process name, a title and a note is shown as text and runs nothing', async ({ page }) => {
  const evil = '<img src=x onerror="window.__pwned=1">';
  const smaps = readFileSync(join(SEED, 'smaps-stack.txt'));
  const bundle = Buffer.concat([Buffer.from(`==> /proc/66/status <==\nName:\t${evil}\nPid:\t66\n==> /proc/66/smaps <==\n`), smaps]);
  const notes = emptyAnnotations();
  notes.title = `<script>window.__pwned=1</script>`;
  notes.notes = `${evil}\n<b>bold?</b>`;
  notes.labels['process:66:<img src=x onerror="window.__pwned=1">'] = { label: evil, comment: evil };
  const inputs = [
    { name: 'evil.txt', bytes: bundle.length, parsed: parseBytes(bundle, 'evil.txt', { maxBytes: 1 << 30, keepText: true }) },
  ];
  const payload = encodeLink(makeDoc(inputs, notes, '/processes?p=0'));
  await page.goto(`/#/processes?p=0&snapshot=${payload}`);
  await expect(page.getByTestId('shared-banner')).toBeVisible();
  await expect(page.locator('main')).toContainText(evil);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('main b')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('500 processes do not fit a whole link: the reduced one says what it left out', async ({ page, browser }) => {
  const file = join(tmpdir(), 'rl-500.txt');
  writeFileSync(file, growCapture(500));
  try {
    await page.goto('/');
    await page.locator('input[type=file]').first().setInputFiles(file);
    await expect(page.getByTestId('proc-count').or(page.locator('main'))).toBeVisible();
    await page.getByRole('link', { name: 'Processes' }).first().click();
    await expect(page.getByTestId('proc-table')).toBeVisible();
    const { url, level, chars } = await share(page);
    console.log(`500 processes: link ${chars} characters (${level})`);
    expect(level).toBe('reduced');
    expect(chars).toBeLessThanOrEqual(32_000);
    const r = await opened(browser, url);
    await expect(r.page.getByTestId('shared-reduced')).toContainText('500 processes');
    await expect(r.page.getByTestId('proc-table')).toBeVisible();
    await r.page.locator('[data-testid="proc-table"] [role="row"][data-row]').first().click();
    await expect(r.page.getByTestId('totals-only')).toBeVisible();
    await shot(r.page, 'share-reduced-500');
    await r.ctx.close();
  } finally {
    rmSync(file, { force: true });
  }
});

test('ramledger link on the seed files opens in the page, also from the one-file build with the network blocked', async ({ page }) => {
  const single = pathToFileURL(join(ROOT, 'dist-single', 'ramledger.html')).href;
  const url = execFileSync('node', [join(ROOT, 'bin', 'ramledger.mjs'), 'link', '--base', single, '--view', 'checks', ...seedPaths], {
    encoding: 'utf8',
  }).trim();
  const requests: string[] = [];
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith('file:') || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
    requests.push(u);
    return route.abort();
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await expect(page.getByTestId('shared-banner')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Checks' }).or(page.locator('main h2').first())).toBeVisible();
  await page.getByRole('link', { name: 'Overview' }).first().click();
  await expect(lineKiB(page, 'MemTotal')).toHaveText('230,856');
  // the history works from disk too: a reload reopens it
  await expect.poll(() => page.evaluate(() => sessionStorage.getItem('ramledger.current'))).not.toBeNull();
  await page.reload();
  await expect(lineKiB(page, 'MemTotal')).toHaveText('230,856');
  expect(requests).toEqual([]);
  expect(errors).toEqual([]);
});

test('a reload keeps the snapshot, its view and presentation mode; the history lists it and can remove it', async ({ page }) => {
  await loadExample(page);
  await page.getByRole('link', { name: 'Processes' }).first().click();
  await expect(page.getByTestId('proc-table')).toBeVisible();
  await page.getByRole('button', { name: 'Present' }).click();
  // kept once typing pauses
  await expect.poll(() => page.evaluate(() => sessionStorage.getItem('ramledger.current'))).not.toBeNull();
  await page.reload();
  await expect(page.getByTestId('proc-table')).toBeVisible();
  expect(page.url()).toContain('#/processes');
  await expect(page.locator('html')).toHaveAttribute('data-present', 'true');
  await page.getByRole('button', { name: 'Present' }).click();
  // a new tab starts empty, with the snapshot in its list
  const other = await page.context().newPage();
  await other.goto('/');
  await expect(other.getByTestId('history-item')).toHaveCount(1);
  await shot(other, 'share-history');
  await other.getByTestId('history-open').click();
  await expect(lineKiB(other, 'MemTotal').or(other.getByTestId('proc-table'))).toBeVisible();
  // that tab now reopens it on reload; a tab that forgets it shows the start page again
  await expect.poll(() => other.evaluate(() => sessionStorage.getItem('ramledger.current'))).not.toBeNull();
  await other.evaluate(() => sessionStorage.clear());
  await other.goto('/');
  await other.getByTestId('history-remove').click();
  await expect(other.getByTestId('history-item')).toHaveCount(0);
  await other.close();
});

test('the snapshot file saved by the page opens in another page and in the CLI', async ({ page, browser }) => {
  await loadExample(page);
  await page.getByTestId('share').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('share-save').click()]);
  expect(download.suggestedFilename()).toMatch(/\.ramledger\.json$/);
  const file = join(tmpdir(), `rl-${Date.now()}.ramledger.json`);
  await download.saveAs(file);
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc.ramledger).toBe('snapshot');
    expect(doc.report.accounting.memTotalKiB).toBe(230856);
    const cli = JSON.parse(execFileSync('node', [join(ROOT, 'bin', 'ramledger.mjs'), 'analyze', file], { encoding: 'utf8' }));
    expect(cli.accounting.memTotalKiB).toBe(230856);
    const r = await opened(browser, '/');
    await r.page.locator('input[type=file]').first().setInputFiles(file);
    await expect(r.page.getByTestId('shared-banner')).toContainText('snapshot file');
    await expect(lineKiB(r.page, 'MemTotal')).toHaveText('230,856');
    await r.ctx.close();
  } finally {
    rmSync(file, { force: true });
  }
});

test('a link pasted into the page, or printed by the CLI without --base, opens its snapshot', async ({ page }) => {
  const fragment = execFileSync('node', [join(ROOT, 'bin', 'ramledger.mjs'), 'link', ...seedPaths], { encoding: 'utf8' }).trim();
  expect(fragment.startsWith('#/overview?snapshot=v1.')).toBe(true);
  await page.goto('/');
  await page.locator('html[data-drop-ready="true"]').waitFor({ state: 'attached' });
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, `  ${fragment}\n`);
  await expect(page.getByTestId('shared-banner')).toBeVisible();
  await expect(lineKiB(page, 'MemTotal')).toHaveText('230,856');
  // one input per file, not one "pasted text"
  await expect(page.locator('[data-input]')).toHaveCount(SEED_FILES.length);
});

test('the Share dialog in both themes and languages at 1280×720', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await loadExample(page);
  for (const [theme, lang] of [
    ['light', 'en'],
    ['dark', 'zh'],
  ] as const) {
    await page.evaluate(
      ([th, l]) => localStorage.setItem('ramledger.settings', JSON.stringify({ unit: 'KiB', theme: th, lang: l })),
      [theme, lang],
    );
    await expect.poll(() => page.evaluate(() => sessionStorage.getItem('ramledger.current'))).not.toBeNull();
    await page.reload();
    await expect(page.getByTestId('share')).toBeVisible();
    await page.getByTestId('share').click();
    await expect(page.getByTestId('share-summary')).toBeVisible();
    await page.screenshot({ path: join(ROOT, 'test-results', 'screens', `share-dialog-${theme}-${lang}.png`) });
    await page.keyboard.press('Escape');
  }
});

test('two snapshot files carrying the same source name keep them apart', async ({ page }) => {
  const doc = (kib: number) =>
    JSON.stringify({
      ramledger: 'snapshot',
      version: 1,
      created: 'x',
      inputs: [{ name: 'm', bytes: 10, sources: [{ name: 'meminfo.txt', text: `MemTotal: ${kib} kB\nMemFree: 1 kB\n` }] }],
    });
  const a = join(tmpdir(), 'rl-a.ramledger.json');
  const b = join(tmpdir(), 'rl-b.ramledger.json');
  writeFileSync(a, doc(1000));
  writeFileSync(b, doc(2000));
  try {
    await page.goto('/');
    await page.locator('input[type=file]').first().setInputFiles([a, b]);
    await page.goto(`${page.url().split('#')[0]}#/sources?s=${encodeURIComponent('meminfo.txt (2)')}`);
    await expect(page.locator('main')).toContainText('MemTotal: 2000 kB');
  } finally {
    rmSync(a, { force: true });
    rmSync(b, { force: true });
  }
});
