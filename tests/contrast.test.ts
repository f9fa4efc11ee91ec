/**
 * The address map writes region names in --ink on the region's own fill: every fill must
 * leave that text readable (WCAG AA, 4.5:1), in the light theme and in the dark one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(join(__dirname, '../src/app/styles.css'), 'utf8');

/** the custom properties of the first block opened by `selector` */
function vars(selector: string): Record<string, string> {
  const at = css.indexOf(`${selector} {`);
  const body = css.slice(at, css.indexOf('}', at));
  return Object.fromEntries([...body.matchAll(/(--[\w-]+):\s*(#[0-9a-fA-F]{6})\s*;/g)].map((m) => [m[1] as string, m[2] as string]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
};

describe('region fills on the address map', () => {
  const light = vars(':root');
  const dark = { ...light, ...vars(':root[data-theme="dark"]') };
  for (const [theme, v] of [
    ['light', light],
    ['dark', dark],
  ] as const)
    it(`keep the names in them readable in the ${theme} theme`, () => {
      const ink = v['--ink'] as string;
      const fills = Object.entries(v).filter(([k]) => k.startsWith('--r-'));
      expect(fills.length).toBeGreaterThan(5);
      const poor = fills.filter(([, c]) => contrast(ink, c) < 4.5).map(([k, c]) => `${k} ${c}: ${contrast(ink, c).toFixed(2)}:1`);
      expect(poor).toEqual([]);
    });
});
