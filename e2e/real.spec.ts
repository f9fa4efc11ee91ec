// What a user does with dumps from real devices: an Android phone's smaps and meminfo, a
// binary device tree with dynamic regions and the log that placed one, an old ARM boot
// log, a serial capture with a bootloader's output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { axe, drop, lineKiB, ROOT, shot } from './helpers';

const REAL = join(ROOT, 'fixtures', 'real');
const real = (p: string) => ({ name: p.split('/').pop() ?? p, data: readFileSync(join(REAL, p)) });

test('an Android phone: one process per smaps whatever its Name: lines, and ION as vendor lines', async ({ page }) => {
  await page.goto('/');
  await drop(page, [
    { name: 'proc/1877/smaps', data: readFileSync(join(REAL, 'android-aosp-libmeminfo-testdata1/smaps')) },
    real('android-pixel3-arm64-4.9/meminfo.txt'),
  ]);
  await expect(page.getByTestId('inputs').locator('li')).toHaveCount(2);
  await expect(lineKiB(page, 'vendor:ION_heap')).toHaveText('226,960');
  await expect(lineKiB(page, 'vendor:ION_page_pool')).toHaveText('123,744');
  await shot(page, '20-android-overview');
  await page.getByRole('link', { name: 'Processes' }).first().click();
  // 2,760 mappings, 1,097 of them named by a Name: line: still one process, PSS as summed independently
  await expect(page.locator('[data-testid="proc-table"] [role="row"][data-row]')).toHaveCount(1);
  await expect(page.getByTestId('proc-table-total')).toContainText('108,384');
  await axe(page);
  await shot(page, '21-android-processes');
});

test('a binary device tree: banks, carve-outs, the dynamic CMA area placed by the log line that says where', async ({ page }) => {
  await page.goto('/');
  await drop(page, [
    { name: 'board.dtb', data: readFileSync(join(ROOT, 'fixtures', 'dt', 'memory-rules.dtb')), type: 'application/octet-stream' },
  ]);
  await expect(page.getByTestId('inputs')).toContainText('board.dtb');
  await page.getByRole('link', { name: 'Address map' }).first().click();
  // not placed yet: listed with its size, alignment and alloc-ranges
  await expect(page.locator('[data-unplaced="linux,cma"]')).toContainText('131,072');
  await expect(page.locator('[data-unplaced="linux,cma"]')).toContainText('4,096');
  await shot(page, '22-dtb-unplaced');
  await drop(page, [
    {
      name: 'dmesg.txt',
      data: "[    0.000000] Reserved memory: allocated memory for 'linux,cma' node: base 0x0000000058000000, size 128 MiB\n[    0.000000] OF: reserved mem: initialized node linux,cma, compatible id shared-dma-pool\n",
    },
  ]);
  await expect(page.getByTestId('unplaced')).toHaveCount(0);
  const row = page.locator('[data-testid="region-table"] tr', { hasText: 'linux,cma' });
  await expect(row).toContainText('0x58000000');
  await expect(row).toContainText('dmesg.txt:1');
  await axe(page);
  await shot(page, '23-dtb-placed');
});

test('an old ARM boot log: DRAM from the bank sizes, not from free pages', async ({ page }) => {
  await page.goto('/');
  await drop(page, [real('tcl-tv-novatek-arm32-3.8/dmesg.txt')]);
  await expect(page.getByTestId('inputs').locator('li')).toHaveCount(1);
  await expect(lineKiB(page, 'dram')).toHaveText('532,480');
  await expect(page.getByTestId('inputs').locator('li.has-error')).toHaveCount(0);
  await shot(page, '24-old-arm');
});

test('a serial capture: the bootloader’s text is “not read”, not an error, and the log reads', async ({ page }) => {
  await page.goto('/');
  await drop(page, [real('xiaomi-mi-router-4a-mt7621-mips-3.10/bootlog.txt')]);
  await expect(page.getByTestId('inputs').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('inputs').locator('li.has-error')).toHaveCount(0);
  await page.getByRole('link', { name: 'Sources' }).first().click();
  await expect(page.locator('li[data-severity="unread"]').first()).toContainText('bootloader');
  await expect(page.locator('li[data-severity="error"]')).toHaveCount(0);
  await axe(page);
  await shot(page, '25-serial-capture');
});

test('in Chinese and the dark theme: unplaced regions, vendor lines and what was not read', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Theme').selectOption('dark');
  await page.getByLabel('Language').selectOption('zh');
  await drop(page, [
    { name: 'board.dtb', data: readFileSync(join(ROOT, 'fixtures', 'dt', 'memory-rules.dtb')), type: 'application/octet-stream' },
    real('android-pixel3-arm64-4.9/meminfo.txt'),
    real('xiaomi-mi-router-4a-mt7621-mips-3.10/bootlog.txt'),
  ]);
  await expect(page.getByTestId('inputs').locator('li')).toHaveCount(3);
  await expect(page.locator('tr[data-line="vendor:ION_heap"]')).toContainText('厂商字段');
  await shot(page, '26-zh-dark-overview');
  await page.getByRole('link', { name: '物理地址图' }).first().click();
  await expect(page.getByTestId('unplaced')).toContainText('启动时放置，地址未知');
  await axe(page);
  await shot(page, '27-zh-dark-map');
  await page.getByRole('link', { name: '输入源' }).first().click();
  await page
    .getByRole('link', { name: /bootlog\.txt/ })
    .first()
    .click();
  await expect(page.locator('li[data-severity="unread"]').first()).toContainText('未读取');
  await shot(page, '28-zh-dark-sources');
});

test('an x86 machine (this one): the firmware map on its own lane, the DRAM bar closing, MemTotal exact', async ({ page }) => {
  await page.goto('/');
  await drop(page, [real('this-machine-x86_64-6.18/dmesg.txt'), real('this-machine-x86_64-6.18/meminfo')]);
  await expect(page.getByTestId('inputs').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('inputs').locator('li.has-error')).toHaveCount(0);
  await shot(page, '29-x86-overview');
  await page.getByRole('link', { name: 'Address map' }).first().click();
  await expect(page.locator('[data-testid="region-table"] tr', { hasText: 'firmware map: usable' }).first()).toBeVisible();
  await axe(page);
  await shot(page, '30-x86-map');
  await page.getByRole('link', { name: 'Checks' }).first().click();
  await expect(page.locator('tr[data-check="memtotal-boot"]')).toHaveAttribute('data-ok', 'true');
});
