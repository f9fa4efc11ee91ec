/**
 * The zones and fragmentation panels of the kernel view, on this machine's files (6.18,
 * x86_64, fixtures/real-zones): the zones' managed total, the 4 MiB answer, the zones lane
 * on the address map; screenshots at 1280×720 in both themes and both languages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { axe, drop, ROOT, shot } from './helpers';

const DIR = join(ROOT, 'fixtures', 'real-zones', 'this-machine-x86_64-6.18', 'root');
const files = ['meminfo', 'zoneinfo', 'buddyinfo', 'pagetypeinfo'].map((name) => ({ name, data: readFileSync(join(DIR, name)) }));

for (const theme of ['light', 'dark'] as const)
  for (const lang of ['en', 'zh'] as const)
    test(`zones and fragmentation panels (${theme}, ${lang})`, async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.addInitScript((s) => localStorage.setItem('ramledger.settings', s), JSON.stringify({ unit: 'KiB', theme, lang }));
      await page.goto('/');
      await drop(page, files);
      await page.goto('/#/kernel');
      const zones = page.getByTestId('zones-panel');
      // Σ managed = (3840 + 772808 + 1605632) pages × 4 KiB
      await expect(zones.getByTestId('zones-managed')).toHaveText('9,529,120');
      await expect(zones.locator('tr[data-zone="Normal"]')).toContainText('0x100000000');
      const answers = page.getByTestId('frag-answers');
      await expect(answers.locator('tr[data-size="4096"]')).toHaveAttribute('data-verdict', 'now');
      await expect(page.getByTestId('frag-chart')).toHaveCount(3);
      if (theme === 'light' && lang === 'en') await axe(page);
      await shot(page, `kernel-zones-${theme}-${lang}`);
      if (theme === 'light' && lang === 'en') {
        await page.goto('/#/map');
        await expect(page.locator('svg[data-testid="map"] text', { hasText: /^zones$/ })).toHaveCount(1);
        await shot(page, 'kernel-zones-map');
      }
    });
