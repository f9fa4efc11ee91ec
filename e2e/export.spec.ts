/**
 * Exports: every table's CSV, every chart's SVG and PNG, the report as Markdown and JSON
 * download, are named after the snapshot's title and date, and are valid: CSV parses back
 * to the table's rows, SVG parses as XML with no CSS variable left, PNG is a PNG at 2×.
 * The report view is looked at on screen and in print.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { dayOf } from '../src/app/export/stamp';
import { parseCsv } from '../src/core/report/csv';
import { SEED_FILES } from '../tests/seed-files';
import { axe, ROOT, SCREENS, SEED } from './helpers';

const TITLE = 'MT7981 router, boot 3';
const STEM = 'MT7981-router-boot-3';
/** dumps dropped (not a shared snapshot) are dated the day they were loaded: today */
const TODAY = dayOf(new Date());

async function loadExample(page: Page) {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await page.getByRole('button', { name: 'Load example' }).click();
  await expect(page.locator('tr[data-line="dram"]')).toBeVisible();
  await page.getByTestId('snapshot-title').fill(TITLE);
}

const go = (page: Page, hash: string) => page.evaluate((h) => (window.location.hash = h), hash);

/** clicks `testId` and returns the file downloaded: its name and bytes */
async function save(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).first().click()]);
  const path = await d.path();
  if (!path) throw new Error(`${testId}: no file`);
  return { name: d.suggestedFilename(), bytes: readFileSync(path) };
}

/** `<title>-<what>-<date>.<ext>` */
const named = (name: string, what: string, ext: string, stem = STEM) => expect(name).toBe(`${stem}-${what}-${TODAY}.${ext}`);

async function csv(page: Page, testId: string, what: string, rows: number) {
  const f = await save(page, testId);
  named(f.name, what, 'csv');
  const table = parseCsv(f.bytes.toString('utf8'));
  expect(table.length - 1, `${what}: data rows`).toBe(rows);
  expect(table.every((r) => r.length === table[0]?.length)).toBe(true);
  return table;
}

/** an SVG file: well-formed XML with <svg>, the title inside, no CSS variable; and its PNG at 2× */
async function chart(page: Page, what: string) {
  const svg = await save(page, `svg-${what}`);
  named(svg.name, what, 'svg');
  const text = svg.bytes.toString('utf8');
  const parsed = await page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      error: doc.getElementsByTagName('parsererror').length > 0,
      root: root.localName,
      ns: root.namespaceURI,
      title: root.querySelector('title')?.textContent ?? '',
      caption: root.querySelector('text[data-caption]')?.textContent ?? '',
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      shapes: root.querySelectorAll('rect,path,text').length,
    };
  }, text);
  expect(parsed.error, `${what}.svg parses`).toBe(false);
  expect(parsed.root).toBe('svg');
  expect(parsed.ns).toBe('http://www.w3.org/2000/svg');
  // the title and date, as the file's <title> and as a caption line drawn in it (and so in the PNG)
  expect(parsed.title).toContain(TITLE);
  expect(parsed.title).toContain(TODAY);
  expect(parsed.caption).toBe(parsed.title);
  expect(parsed.shapes).toBeGreaterThan(5);
  expect(text).not.toContain('var(--');
  const png = await save(page, `png-${what}`);
  named(png.name, what, 'png');
  mkdirSync(SCREENS, { recursive: true });
  writeFileSync(join(SCREENS, `export-${what}.png`), png.bytes);
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // IHDR: width and height, big-endian, at bytes 16 and 20
  expect(png.bytes.readUInt32BE(16)).toBe(Math.round(parsed.width * 2));
  expect(png.bytes.readUInt32BE(20)).toBe(Math.round(parsed.height * 2));
  return text;
}

test('every table downloads as CSV with its rows, every chart as SVG and PNG', async ({ page }) => {
  await loadExample(page);

  // Overview: the ledger, "used", the DRAM bar
  const lines = await page.locator('[data-testid="waterfall"] tr[data-line]').count();
  const ledger = await csv(page, 'csv-ledger', 'ledger', lines);
  const dram = ledger.find((r) => r[0] === 'dram');
  expect(dram?.[6]).toMatch(/^\d+$/); // KiB, a plain number
  await csv(page, 'csv-used', 'used', await page.locator('[data-testid="used-table"] tbody tr').count());
  const bar = await chart(page, 'dram-bar');
  const segs = await page.locator('[data-testid="dram-bar"] [data-seg]').count();
  expect((bar.match(/data-seg=/g) ?? []).length).toBe(segs);

  // the map: regions and the SVG
  await go(page, '#/map');
  await expect(page.getByTestId('map')).toBeVisible();
  const [, all] =
    /\/\s*([\d,]+)\)/.exec(
      (await page
        .locator('h3', { hasText: /regions|区域/i })
        .first()
        .textContent()) ?? '',
    ) ?? [];
  await csv(page, 'csv-regions', 'regions', Number((all ?? '').replace(/,/g, '')));
  await chart(page, 'address-map');

  // processes: the table, the chart, one process's every mapping, the files
  await go(page, '#/processes');
  await expect(page.getByTestId('proc-table')).toBeVisible();
  const procs = Number(await page.getByTestId('proc-table').getAttribute('aria-rowcount')) - 1;
  await csv(page, 'csv-processes', 'processes', procs);
  const legendText = await chart(page, 'top-processes');
  expect(legendText).toMatch(/heap|anonymous|Heap|Anonymous/);
  const first = page.locator('[data-testid="proc-table"] [data-row]').first();
  const mappings = Number(((await first.locator('[role="cell"]').last().textContent()) ?? '').replace(/,/g, ''));
  await first.click();
  await expect(page.getByTestId('mappings')).toBeVisible();
  const mapsId = (await page.locator('[data-testid^="csv-mappings-"]').getAttribute('data-testid')) ?? 'csv-mappings-';
  const maps = await save(page, mapsId);
  expect(parseCsv(maps.bytes.toString('utf8')).length - 1).toBe(mappings);
  await go(page, '#/processes/files');
  await expect(page.getByTestId('files-table')).toBeVisible();
  await csv(page, 'csv-files', 'files', Number(await page.getByTestId('files-table').getAttribute('aria-rowcount')) - 1);

  // checks, and a source's diagnostics
  await go(page, '#/checks');
  await expect(page.getByTestId('checks-table')).toBeVisible();
  await csv(page, 'csv-checks', 'checks', await page.locator('tr[data-check]').count());
  await go(page, '#/sources?s=free.txt');
  await expect(page.getByTestId('diagnostics')).toBeVisible();
  await csv(page, 'csv-diagnostics-free-txt', 'diagnostics-free-txt', await page.locator('[data-testid="diagnostics"] li').count());
});

test('the report: Markdown and JSON as the CLI writes them, a one-page view that prints clean', async ({ page }) => {
  await loadExample(page);
  await page.locator('[data-testid="waterfall"] tr[data-line="dram"]').waitFor();
  await go(page, '#/report');
  await expect(page.getByTestId('report')).toBeVisible();
  await expect(page.locator('#report-title')).toHaveText(TITLE);
  // the seed has one process with smaps; the table holds at most 10
  await expect(page.getByTestId('report-top').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('report-bar').locator('svg')).toBeVisible();

  const md = await save(page, 'report-markdown');
  named(md.name, 'report', 'md');
  const text = md.bytes.toString('utf8');
  expect(text.startsWith(`# ${TITLE} — ramledger report — ${TODAY}\n`)).toBe(true);
  for (const h of ['## Inputs', '## Where the memory went', '## Physical address map']) expect(text).toContain(h);
  // past its title, the very report `ramledger analyze --format markdown` prints for the same files
  const cli = execFileSync('node', [join(ROOT, 'bin', 'ramledger.mjs'), 'analyze', '--format', 'markdown', ...SEED_FILES], {
    cwd: SEED,
    encoding: 'utf8',
  });
  expect(cli.startsWith('# ramledger report\n')).toBe(true);
  expect(text.slice(text.indexOf('\n'))).toBe(cli.slice(cli.indexOf('\n')));
  const json = await save(page, 'report-json');
  named(json.name, 'report', 'json');
  const report = JSON.parse(json.bytes.toString('utf8'));
  expect(report.schemaVersion).toBe(1);
  expect(report.annotations.title).toBe(TITLE);
  expect([report.title, report.date]).toEqual([TITLE, TODAY]);
  expect(report.processes.length).toBe(1);
  // every mapping, as `ramledger analyze --format json` writes them
  expect(report.processes[0].mappings.length).toBeGreaterThan(0);

  // the report view, on screen and as print gives it
  await axe(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENS, 'report-1280.png') });
  await page.screenshot({ path: join(SCREENS, 'report-1280-full.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('header.top')).toBeHidden();
  await expect(page.locator('aside.inputs')).toBeHidden();
  await expect(page.getByTestId('report-print')).toBeHidden();
  const colors = await page.evaluate(() => {
    const s = getComputedStyle(document.body);
    return { bg: s.backgroundColor, ink: s.color };
  });
  expect(colors).toEqual({ bg: 'rgb(255, 255, 255)', ink: 'rgb(0, 0, 0)' });
  await page.screenshot({ path: join(SCREENS, 'report-print.png'), fullPage: true });
  // and in the dark theme, print is still black on white
  await page.emulateMedia({ media: 'screen' });
  await page.locator('header.top select').first().selectOption('dark');
  await page.emulateMedia({ media: 'print' });
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
  await page.screenshot({ path: join(SCREENS, 'report-print-dark.png'), fullPage: true });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  // one page: the seed's report fits on A4
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length).toBe(1);
  // in Chinese, on screen
  await page.emulateMedia({ media: 'screen' });
  await page.locator('header.top select').last().selectOption('zh');
  await expect(page.locator('#report-figures')).toHaveText('主要数字');
  await page.screenshot({ path: join(SCREENS, 'report-1280-zh-dark.png') });
});

test('an untitled snapshot is named after its first inputs, in the file names and inside', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await page.getByRole('button', { name: 'Load example' }).click();
  await expect(page.locator('tr[data-line="dram"]')).toBeVisible();
  const names = ['reserved-memory.dts', 'memblock-memory.txt', 'memblock-reserved.txt'];
  // letters and digits, at most 60
  const stem = 'reserved-memory-dts-memblock-memory-txt-memblock-reserved-tx';
  named((await save(page, 'csv-ledger')).name, 'ledger', 'csv', stem);
  await go(page, '#/report');
  await expect(page.locator('#report-title')).toHaveText(`${names.join(', ')}, …`);
  const md = await save(page, 'report-markdown');
  named(md.name, 'report', 'md', stem);
  expect(md.bytes.toString('utf8').split('\n')[0]).toBe(`# ${names.join(', ')}, … — ramledger report — ${TODAY}`);
  const json = JSON.parse((await save(page, 'report-json')).bytes.toString('utf8'));
  expect([json.title, json.date, json.annotations]).toEqual([`${names.join(', ')}, …`, TODAY, undefined]);
});
