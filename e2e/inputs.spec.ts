import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { axe, drop, lineKiB, paste, SEED, shot } from './helpers';

test('pasting meminfo anywhere shows the breakdown of MemTotal and names what is missing', async ({ page }) => {
  await page.goto('/');
  await paste(
    page,
    `root@OpenWrt:~# cat /proc/meminfo\n${readFileSync(join(SEED, 'meminfo.txt'), 'utf8').replace(/^.*cat \/proc\/meminfo\n/, '')}`,
  );
  await expect(page.getByTestId('inputs').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('inputs')).toContainText('meminfo');
  await expect(lineKiB(page, 'MemTotal')).toHaveText('230,856');
  await expect(lineKiB(page, 'unaccounted')).toHaveText('50,504');
  // no DRAM known: 100 % of the bar is MemTotal, and the page says what to add
  await expect(page.getByTestId('dram-bar')).toBeVisible();
  await expect(page.locator('figure', { has: page.getByTestId('dram-bar') }).locator('figcaption')).toContainText('MemTotal');
  await expect(page.getByTestId('missing')).toContainText('memblock/memory');
  await expect(page.locator('[data-testid="used-table"] tbody tr')).toHaveCount(6);
  await shot(page, '07-pasted-meminfo');
  // the paste dialog: the same through the button
  await page.getByRole('button', { name: 'Paste text' }).click();
  await page
    .getByRole('dialog')
    .getByRole('textbox')
    .fill(
      'Memory: 230408K/258368K available (6910K kernel code, 464K rwdata, 1880K rodata, 448K init, 650K bss, 27960K reserved, 0K cma-reserved)',
    );
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('inputs').locator('li')).toHaveCount(2);
  await expect(lineKiB(page, 'boot-reserved')).toHaveText('27,960');
});

test('a negative unaccounted is shown as negative, never clamped', async ({ page }) => {
  await page.goto('/');
  // slab bigger than MemTotal − MemFree: something counted twice
  await paste(
    page,
    'MemTotal: 100000 kB\nMemFree: 50000 kB\nBuffers: 1000 kB\nCached: 10000 kB\nSlab: 45000 kB\nSReclaimable: 5000 kB\nSUnreclaim: 40000 kB\nAnonPages: 4000 kB\n',
  );
  await expect(lineKiB(page, 'unaccounted')).toHaveText('-10,000');
  await expect(page.locator('[data-fig="unaccounted"] [data-kib]')).toHaveAttribute('data-kib', '-10000');
  await expect(page.getByTestId('negative')).toContainText('counted twice');
  await shot(page, '08-negative');
});

test('binary, truncated and over-sized files get clear messages while the rest still shows', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?example');
  await expect(lineKiB(page, 'MemTotal')).toHaveText('230,856');
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]);
  const smaps = readFileSync(join(SEED, 'smaps-stack.txt'), 'utf8');
  const truncated = `${smaps}${smaps.replace('[stack]', '/lib/libc.so').slice(0, 150)}`;
  await drop(page, [
    { name: 'screenshot.png', data: png, type: 'image/png' },
    { name: '4242/smaps', data: truncated },
  ]);
  const png1 = page.locator('li[data-input="screenshot.png"]');
  await expect(png1).toContainText('binary file');
  await expect(page.locator('li[data-input="4242/smaps"]')).toContainText('smaps');
  // over 1 GiB: refused before it is read (a sparse file: no disk, no memory)
  const big = join(tmpdir(), `ramledger-big-${process.pid}.txt`);
  writeFileSync(big, '');
  const { truncateSync } = await import('node:fs');
  truncateSync(big, 1100 * 1024 * 1024);
  try {
    await page.getByTestId('file-input').setInputFiles(big);
    await expect(page.locator(`li[data-input$="ramledger-big-${process.pid}.txt"]`)).toContainText('over the 1024.0 MiB limit');
  } finally {
    rmSync(big, { force: true });
  }
  // the rest still shows
  await expect(lineKiB(page, 'MemTotal')).toHaveText('230,856');
  await expect(page.getByTestId('checks-summary')).toContainText('hold');
  // the truncated smaps: its lines are listed in Sources with line numbers
  await page.locator('li[data-input="4242/smaps"] [data-testid="diag-count"]').click();
  await expect(page.getByTestId('source-detail')).toContainText('4242/smaps');
  await expect(page.getByTestId('diagnostics').locator('li').first()).toContainText(/line \d+/);
  await expect(page.locator('.raw .ln.diag').first()).toBeVisible();
  await shot(page, '09-bad-inputs');
  expect(errors).toEqual([]);
});

test('settings: dark theme, Chinese, presentation, keyboard', async ({ page }) => {
  await page.goto('/?example');
  await expect(lineKiB(page, 'MemTotal')).toHaveText('230,856');
  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await axe(page);
  await shot(page, '10-dark');
  await page.getByLabel('Language').selectOption('zh');
  await expect(page.getByRole('link', { name: '总览' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('tr[data-line="unaccounted"]')).toContainText('未统计');
  await shot(page, '11-zh');
  await page.getByRole('button', { name: '演示模式' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-present', 'true');
  await page.getByLabel('主题').selectOption('light');
  await shot(page, '12-presentation');
  // settings persist; a reload keeps the snapshot and presentation mode (the tab's), and the language
  await expect.poll(() => page.evaluate(() => sessionStorage.getItem('ramledger.current'))).not.toBeNull();
  await page.reload();
  await expect(lineKiB(page, 'MemTotal')).toHaveText('230,856');
  await expect(page.locator('html')).toHaveAttribute('data-present', 'true');
  await expect(page.getByRole('link', { name: '总览' })).toBeVisible();
  await page.getByRole('button', { name: '演示模式' }).click();
  await page.getByLabel('语言').selectOption('en');
  // keyboard: reach the views by Tab and open one with Enter
  await page.getByRole('link', { name: 'Overview' }).focus();
  let found = false;
  for (let i = 0; i < 6 && !found; i++) {
    await page.keyboard.press('Tab');
    found = (await page.evaluate(() => document.activeElement?.textContent)) === 'Checks';
  }
  expect(found).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/checks/);
  // the address map zooms with keys
  await page.goto('/?example#/map');
  const win = page.getByTestId('map-window');
  await expect(win).toContainText('262,144 KiB');
  await page.getByTestId('map').focus();
  await page.keyboard.press('+');
  await expect(win).toContainText('131,072 KiB');
  await page.keyboard.press('0');
  await expect(win).toContainText('262,144 KiB');
});

test('the Chinese page says the model’s own words in Chinese: formulas, rules, checks, notes, diagnostics', async ({ page }) => {
  await page.goto('/?example');
  await expect(lineKiB(page, 'MemTotal')).toHaveText('230,856');
  await page.getByLabel('Language').selectOption('zh');
  // the ledger: labels and formulas
  await expect(page.locator('tr[data-line="unaccounted"] .formula')).toHaveText(
    'MemTotal − MemFree − 用户态 − 内核 = 230856 − 49516 − 44532 − 86304',
  );
  await expect(page.locator('tr[data-line="MemTotal"]')).toContainText('meminfo 的 MemTotal');
  await expect(page.locator('tr[data-line="boot-reserved:48080000"]')).toContainText('内核镜像');
  await expect(page.locator('tr[data-line="boot-reserved:48080000"] .formula')).toContainText('最接近 Memory: 行的');
  // the bar's legend and tooltip
  await expect(page.locator('.legend')).toContainText('未统计');
  await page.getByTestId('dram-bar').locator('[data-seg="unaccounted"]').hover();
  await expect(page.getByRole('tooltip')).toContainText('用户态');
  await shot(page, '13-zh-overview');
  // the address map: rules and lanes
  await page.getByRole('link', { name: '物理地址图' }).click();
  await expect(page.getByTestId('region-table')).toContainText('推测：其余启动预留中最大的一块');
  await expect(page.getByTestId('map')).toContainText('设备树');
  await shot(page, '14-zh-map');
  // checks: the identity, why it can differ, and what a check that did not run needs
  await page.getByRole('link', { name: '校验' }).first().click();
  await expect(page.locator('tr[data-check="memblock-phys"]')).toContainText('memblock.memory = Memory: 行的物理页');
  await expect(page.locator('tr[data-check="slab"]')).toContainText('内核输出的 Slab 恰好就是这个和');
  await expect(page.locator('[data-check-not-run="pss"]')).toContainText('需要所有进程的 smaps');
  await page.getByLabel('主题').selectOption('dark');
  await shot(page, '15-zh-checks-dark');
  await page.getByLabel('主题').selectOption('light');
  // notes and what to add, from a meminfo of a 4.9 kernel pasted alone
  await page.getByRole('button', { name: '全部移除' }).click();
  await paste(page, 'MemTotal: 100000 kB\nMemFree: 50000 kB\nCached: 10000 kB\nVmallocUsed: 0 kB\nthis line is not meminfo\n');
  await page.getByRole('link', { name: '总览' }).click();
  await expect(page.getByTestId('notes')).toContainText('VmallocUsed 为 0');
  await expect(page.getByTestId('missing')).toContainText('添加设备树');
  // diagnostics with their line numbers
  await page.locator('[data-testid="diag-count"]').first().click();
  await expect(page.getByTestId('diagnostics')).toContainText('无法识别的行："this line is not meminfo"');
  await shot(page, '16-zh-sources');
});
