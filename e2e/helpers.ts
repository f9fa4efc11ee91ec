import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
export const SEED = join(ROOT, 'fixtures', 'seed-mt7981');
export const SCREENS = join(ROOT, 'test-results', 'screens');

/** drops files on the page through a real DataTransfer, as a user's drag does */
export async function drop(page: Page, files: { name: string; data: string | Buffer; type?: string }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, b64: Buffer.from(f.data).toString('base64'), type: f.type ?? 'text/plain' }));
  // the page listens for drops once it has rendered: a drop before that would be lost
  await page.locator('html[data-drop-ready="true"]').waitFor({ state: 'attached' });
  await page.evaluate((fs) => {
    const dt = new DataTransfer();
    for (const f of fs) {
      const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.type }));
    }
    for (const type of ['dragenter', 'dragover', 'drop'])
      document.body.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, payload);
}

/** pastes text as Ctrl/Cmd+V does (a ClipboardEvent carrying text/plain) */
export async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true });
}

/** no serious or critical accessibility violation */
export async function axe(page: Page): Promise<void> {
  const r = await new AxeBuilder({ page }).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map(
      (v) =>
        `${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    ),
  ).toEqual([]);
}

/** records every request that leaves 127.0.0.1 */
export function offline(page: Page): string[] {
  const external: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.hostname !== '127.0.0.1' && u.protocol !== 'data:' && u.protocol !== 'blob:') external.push(r.url());
  });
  return external;
}

/** the KiB of a waterfall line as the page shows it */
export const lineKiB = (page: Page, id: string) => page.locator(`tr[data-line="${id}"] td[data-kib]`);
