/**
 * The DRAM bar as an SVG of its own, drawn from the same `breakdown` view model as the
 * page's bar (which is HTML): the same segments in the same order and colours, labels
 * where a segment has room for them (the page's rule), the legend, and what the bar
 * cannot draw (a negative segment) written under it. Pure: colours and words come in.
 */
import type { BucketId } from '../../core/model/buckets';
import type { Breakdown } from '../../core/viewmodel/bar';
import { barScale } from '../../core/viewmodel/barScale';
import { xml } from './svg';

export interface BarSvgInput {
  breakdown: Breakdown;
  /** the file's <title> and the heading drawn over the bar */
  title: string;
  /** "DRAM (1,048,576 KiB)" */
  caption: string;
  /** a segment's name, size and share as the page words them */
  name: (id: string) => string;
  size: (kib: number) => string;
  pct: (kib: number) => string;
  bucketName: (b: BucketId) => string;
  /** a bucket's colour, resolved (no CSS variable) */
  color: (b: BucketId) => string;
  /** buckets light enough to need dark text */
  light: (b: BucketId) => boolean;
  theme: { bg: string; ink: string; muted: string; line: string; font: string };
  width?: number;
  /** the title and caption drawn over the bar (a file alone needs them; the page has its own heading) */
  heading?: boolean;
}

/** below this share a segment has no room for its label (as on the page) */
const LABEL_MIN_PCT = 7;
/** the bar's top under the title and caption */
const HEAD_H = 44;
const BAR_H = 72;
const ROW = 20;
/** a character of 12 px text, generously: a legend entry must not run into the next */
const charPx = (c: string) => ((c.codePointAt(0) ?? 0) >= 0x2e80 ? 12.5 : 7.8);
const textPx = (s: string) => [...s].reduce((w, c) => w + charPx(c), 0);

export function barSvg(p: BarSvgInput): { text: string; width: number; height: number } {
  const W = p.width ?? 1000;
  const { segments } = p.breakdown;
  const positive = segments.filter((s) => s.kib > 0);
  const negative = segments.filter((s) => s.kib < 0);
  const scale = barScale(p.breakdown);
  const { bg, ink, muted, line, font } = p.theme;
  const out: string[] = [];
  const BAR_Y = p.heading === false ? 0 : HEAD_H;
  const unaccounted = p.color('unaccounted');
  out.push(
    `<defs><pattern id="bar-unaccounted" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="${xml(unaccounted)}"/><line x1="6" y1="0" x2="6" y2="8" stroke="#ffffff" stroke-opacity="0.55" stroke-width="3"/></pattern></defs>`,
  );
  if (BAR_Y > 0) {
    out.push(`<text data-caption="" x="0" y="18" font-size="16" font-weight="700" fill="${xml(ink)}">${xml(p.title)}</text>`);
    out.push(`<text x="0" y="36" font-size="12" fill="${xml(muted)}">${xml(p.caption)}</text>`);
  }
  let x = 0;
  positive.forEach((s, i) => {
    const w = (s.kib / scale) * W;
    const fill = s.bucket === 'unaccounted' ? 'url(#bar-unaccounted)' : xml(p.color(s.bucket));
    const label = `${p.name(s.id)}: ${p.size(s.kib)}, ${p.pct(s.kib)}`;
    out.push(
      `<g data-seg="${xml(s.id)}"><title>${xml(label)}</title><rect x="${x.toFixed(2)}" y="${BAR_Y}" width="${Math.max(1, w).toFixed(2)}" height="${BAR_H}" fill="${fill}" stroke="${xml(bg)}" stroke-width="1"/>`,
    );
    if ((s.kib / scale) * 100 > LABEL_MIN_PCT) {
      const dark = p.light(s.bucket) && s.bucket !== 'unaccounted';
      const colour = dark ? '#111111' : '#ffffff';
      const halo = dark ? '' : ' stroke="#000000" stroke-opacity="0.6" stroke-width="2" paint-order="stroke"';
      out.push(
        `<clipPath id="bar-clip-${i}"><rect x="${x.toFixed(2)}" y="${BAR_Y}" width="${w.toFixed(2)}" height="${BAR_H}"/></clipPath>`,
        `<text clip-path="url(#bar-clip-${i})" x="${(x + 4).toFixed(2)}" y="${BAR_Y + 20}" font-size="12" fill="${colour}"${halo}>` +
          `<tspan font-weight="700">${xml(p.name(s.id))}</tspan>` +
          `<tspan x="${(x + 4).toFixed(2)}" dy="18">${xml(p.size(s.kib))}</tspan>` +
          `<tspan x="${(x + 4).toFixed(2)}" dy="18">${xml(p.pct(s.kib))}</tspan></text>`,
      );
    }
    out.push('</g>');
    x += w;
  });
  out.push(`<rect x="0" y="${BAR_Y}" width="${W}" height="${BAR_H}" fill="none" stroke="${xml(line)}"/>`);
  let y = BAR_Y + BAR_H + 8;
  for (const s of negative) {
    y += ROW;
    out.push(`<text x="0" y="${y - 5}" font-size="12" fill="${xml(ink)}">${xml(`${p.name(s.id)}: ${p.size(s.kib)}`)}</text>`);
  }
  // the legend: one swatch a bucket, in the order the bar shows them, wrapped to the width
  let lx = 0;
  y += ROW;
  for (const b of [...new Set(segments.map((s) => s.bucket))]) {
    const text = p.bucketName(b);
    const w = 20 + textPx(text) + 18;
    if (lx > 0 && lx + w > W) {
      lx = 0;
      y += ROW;
    }
    const fill = b === 'unaccounted' ? 'url(#bar-unaccounted)' : xml(p.color(b));
    out.push(
      `<rect x="${lx}" y="${y - 14}" width="14" height="14" fill="${fill}"/><text x="${lx + 19}" y="${y - 2}" font-size="12" fill="${xml(ink)}">${xml(text)}</text>`,
    );
    lx += w;
  }
  const height = y + 8;
  const text =
    `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${W + 16}" height="${height + 16}" viewBox="-8 -8 ${W + 16} ${height + 16}" font-family="${xml(font)}">` +
    `<title>${xml(p.title)}</title><rect x="-8" y="-8" width="${W + 16}" height="${height + 16}" fill="${xml(bg)}"/>${out.join('')}</svg>`;
  return { text, width: W + 16, height: height + 16 };
}
