import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { analyze, buildSnapshot, parseText } from '../src/core/index';
import { captureProc } from '../tests/capture';
import { bigBundle } from './generate';
import { axe, lineKiB, SCREENS, shot } from './helpers';

const kib = (n: number) => Math.round(n).toLocaleString('en-US');

async function watchLongTasks(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __lt: number[] };
    w.__lt = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__lt.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}
const takeLongTasks = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __lt: number[] };
    const r = w.__lt;
    w.__lt = [];
    return r;
  });

test('a capture of this machine’s own /proc (hundreds of processes): process table, mappings, files', async ({ page }) => {
  test.setTimeout(300_000);
  // hundreds of real processes: this container runs few, so start 300 sleepers
  const sleepers = Array.from({ length: 300 }, () => spawn('sleep', ['120'], { stdio: 'ignore' }));
  await new Promise((r) => setTimeout(r, 500));
  const cap = captureProc();
  for (const s of sleepers) s.kill();
  const dir = mkdtempSync(join(tmpdir(), 'ramledger-proc-'));
  try {
    const root = join(dir, 'proc');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'meminfo'), cap.meminfo);
    for (const p of cap.procs) {
      mkdirSync(join(root, String(p.pid)));
      writeFileSync(join(root, String(p.pid), 'smaps'), p.smaps);
      writeFileSync(join(root, String(p.pid), 'status'), p.status);
    }
    // the same files through the core, as the CLI reads them: the page must agree
    const parsed = [parseText(cap.meminfo, 'proc/meminfo', 'proc/meminfo')];
    for (const p of cap.procs)
      parsed.push(
        parseText(p.smaps, `proc/${p.pid}/smaps`, `proc/${p.pid}/smaps`),
        parseText(p.status, `proc/${p.pid}/status`, `proc/${p.pid}/status`),
      );
    const a = analyze(buildSnapshot(parsed));
    const withMaps = a.processes;
    expect(withMaps.length).toBeGreaterThan(300);
    const pss = withMaps.reduce((s, p) => s + p.pssKiB, 0);
    const rss = withMaps.reduce((s, p) => s + p.rssKiB, 0);

    await page.goto('/');
    await page.getByTestId('folder-input').setInputFiles(dir);
    await expect(lineKiB(page, 'MemTotal')).toBeVisible({ timeout: 30_000 });
    await shot(page, '13-real-overview');
    await page.getByRole('link', { name: 'Processes' }).first().click();
    const total = page.getByTestId('proc-table-total');
    await expect(total).toContainText(`(${withMaps.length} processes)`);
    await expect(total).toContainText(kib(pss));
    await expect(total).toContainText(kib(rss));
    // filter: the sleepers
    await page.getByTestId('proc-filter').fill('sleep');
    await expect(total).toContainText(/\(3\d\d processes\)/);
    await page.getByTestId('proc-filter').fill('');
    // sort by RSS, ascending then descending
    const rssHeader = page.locator('[data-testid="proc-table"] [role="columnheader"]', { hasText: 'RSS' });
    await rssHeader.getByRole('button').click();
    await expect(rssHeader).toHaveAttribute('aria-sort', 'descending');
    const biggest = [...withMaps].sort((x, y) => y.rssKiB - x.rssKiB)[0];
    const firstRow = page.locator('[data-testid="proc-table"] [role="row"][data-row]').first();
    await expect(firstRow).toContainText(kib(biggest?.rssKiB ?? 0));
    await firstRow.click();
    const panel = page.getByTestId('mappings');
    await expect(panel.locator('details').first()).toBeVisible();
    await panel.locator('details summary').first().click();
    await expect(panel.locator('details[open] tbody tr').first()).toBeVisible();
    await axe(page);
    await shot(page, '14-real-processes');
    // files (librank)
    await page.getByRole('link', { name: 'Files (librank)' }).click();
    await expect(page.locator('[data-testid="files-table"] [role="row"][data-row]').first()).toBeVisible();
    await expect(page.getByTestId('files-table-total')).toContainText(kib(pss));
    await axe(page);
    await shot(page, '15-real-files');
    await page.getByRole('link', { name: 'Sources' }).click();
    await shot(page, '16-real-sources');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Nothing here is timed against a threshold (a loaded CI machine would fail it): the
// long-task figures are written to test-results/longtasks.json for `npm run bench`-style
// reading, and the test asserts behaviour — the page keeps drawing progress while the
// worker parses, and every table is usable afterwards.
test('a 100+ MB bundle (1,000 processes × 1,000 mappings) parses in the worker while the page keeps drawing; the tables stay usable', async ({
  page,
}) => {
  test.setTimeout(400_000);
  const file = join(tmpdir(), `ramledger-big-bundle-${process.pid}.txt`);
  writeFileSync(file, bigBundle(1000, 1000));
  try {
    await watchLongTasks(page);
    await page.goto('/');
    await expect(page.getByTestId('start-drop')).toBeVisible();
    await page.waitForTimeout(300);
    await takeLongTasks(page);
    // every progress value the page draws while the worker parses
    await page.evaluate(() => {
      const w = window as unknown as { __progress: Set<string> };
      w.__progress = new Set();
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid="progress"] progress');
        if (bar) w.__progress.add(bar.getAttribute('value') ?? '');
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
    });
    const t0 = Date.now();
    await page.getByTestId('file-input').setInputFiles(file);
    await expect(page.getByTestId('progress')).toBeVisible();
    await expect(lineKiB(page, 'MemTotal')).toBeVisible({ timeout: 200_000 });
    const parseMs = Date.now() - t0;
    const parsing = await takeLongTasks(page);
    const drawn = await page.evaluate(() => (window as unknown as { __progress: Set<string> }).__progress.size);

    await page.getByRole('link', { name: 'Processes' }).first().click();
    await expect(page.getByTestId('proc-table-total')).toContainText('(1,000 processes)', { timeout: 30_000 });
    await takeLongTasks(page);
    const table = page.getByTestId('proc-table');
    for (let i = 0; i < 10; i++) await table.evaluate((el, y) => el.scrollTo(0, y), i * 2500);
    await page.locator('[data-testid="proc-table"] [role="row"][data-row]').first().click();
    await expect(page.getByTestId('mappings')).toContainText('1000', { timeout: 30_000 });
    await page.getByRole('link', { name: 'Files (librank)' }).click();
    await expect(page.locator('[data-testid="files-table"] [role="row"][data-row]').first()).toBeVisible({ timeout: 30_000 });
    const browsing = await takeLongTasks(page);
    await shot(page, '17-big-files');

    const figures = {
      bundleMB: Math.round(((await import('node:fs')).statSync(file).size / 1e6) * 10) / 10,
      parseMs,
      parsingLongTasks: parsing.length,
      parsingMaxMs: Math.round(Math.max(0, ...parsing)),
      browsingLongTasks: browsing.length,
      browsingMaxMs: Math.round(Math.max(0, ...browsing)),
      progressValuesDrawn: drawn,
    };
    mkdirSync(SCREENS, { recursive: true });
    writeFileSync(join(SCREENS, '..', 'longtasks.json'), JSON.stringify(figures, null, 2));
    console.log('long tasks:', JSON.stringify(figures));
    // the main thread drew the progress bar again and again while the worker parsed
    expect(drawn).toBeGreaterThanOrEqual(3);
  } finally {
    rmSync(file, { force: true });
  }
});
