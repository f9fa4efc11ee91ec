/**
 * Charts as files. An SVG on the page draws with the page's stylesheet and CSS variables
 * (`fill="var(--r-dram)"`, `.tick { font: … }`); a file opened alone has neither. So the
 * SVG is cloned with each element's computed style written on it (variables resolved to
 * colours), a background, a `<title>` and, where the page drew it in HTML, the legend.
 * PNG is that SVG drawn on a canvas at 2×: no network, no external font, works from file://.
 */

/** what a chart's look depends on; layout comes from attributes */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'paint-order',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
] as const;

/** attributes that carry a paint and may name a CSS variable */
const PAINT_ATTRS = ['fill', 'stroke', 'stop-color'] as const;

export interface LegendItem {
  color: string;
  text: string;
}

export interface SvgFile {
  text: string;
  width: number;
  height: number;
}

const LEGEND_ROW = 20;
/** the caption line under the chart and its legend: the snapshot's title and date, visible */
const CAPTION_H = 24;
/** rough width of a legend character at 12 px: wide for CJK */
const legendPx = (s: string) => [...s].reduce((w, c) => w + ((c.codePointAt(0) ?? 0) >= 0x2e80 ? 12.5 : 7.8), 0);

/** escapes text for XML content and attributes */
export const xml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/**
 * An SVG on the page as a file of its own: computed styles inlined, a background, a legend,
 * and `title` (names.ts `caption`) both as its `<title>` and as a caption line under it all.
 */
export function svgFromPage(svg: SVGSVGElement, opts: { title: string; background: string; legend?: LegendItem[] }): SvgFile {
  const box = svg.getBoundingClientRect();
  const width = Math.round(box.width);
  const chartH = Math.round(box.height);
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [copy, ...copy.querySelectorAll('*')];
  from.forEach((el, i) => {
    const c = to[i];
    if (!c) return;
    const cs = getComputedStyle(el);
    c.setAttribute('style', STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';'));
    for (const a of PAINT_ATTRS) if (c.getAttribute(a)?.includes('var(')) c.setAttribute(a, cs.getPropertyValue(a));
    // nothing the page needs for itself: focus, test hooks, ARIA roles of buttons
    for (const a of ['tabindex', 'role', 'class', 'data-testid']) c.removeAttribute(a);
  });
  // the legend goes under the chart, in rows that fit the width
  const rows: LegendItem[][] = [[]];
  let x = 0;
  for (const it of opts.legend ?? []) {
    const w = 22 + legendPx(it.text) + 14;
    if (x + w > width && (rows.at(-1)?.length ?? 0) > 0) {
      rows.push([]);
      x = 0;
    }
    rows.at(-1)?.push(it);
    x += w;
  }
  const legendH = opts.legend?.length ? rows.length * LEGEND_ROW + 8 : 0;
  const height = chartH + legendH + CAPTION_H;
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  if (!copy.getAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${width} ${chartH}`);
  // the chart keeps its own coordinates; the file grows under it for the legend
  const vb = copy
    .getAttribute('viewBox')
    ?.split(/[\s,]+/)
    .map(Number) ?? [0, 0, width, chartH];
  const [vx = 0, vy = 0, vw = width, vh = chartH] = vb;
  const below = ((legendH + CAPTION_H) * vh) / chartH;
  copy.setAttribute('viewBox', `${vx} ${vy} ${vw} ${vh + below}`);
  const fontFamily = getComputedStyle(svg).getPropertyValue('font-family');
  const ink = getComputedStyle(svg).getPropertyValue('color');
  const head = `<title>${xml(opts.title)}</title><rect x="${vx}" y="${vy}" width="${vw}" height="${vh + below}" fill="${xml(opts.background)}"/>`;
  let legend = '';
  rows.forEach((row, r) => {
    let lx = vx + 4;
    const y = vy + vh + 4 + r * LEGEND_ROW;
    for (const it of row) {
      legend += `<rect x="${lx}" y="${y + 3}" width="14" height="14" fill="${xml(it.color)}"/><text x="${lx + 20}" y="${y + 15}" style="font-family:${xml(fontFamily)};font-size:12px;fill:${xml(ink)}">${xml(it.text)}</text>`;
      lx += 22 + legendPx(it.text) + 14;
    }
  });
  legend += `<text data-caption="" x="${vx + 4}" y="${vy + vh + legendH + 17}" style="font-family:${xml(fontFamily)};font-size:13px;font-weight:600;fill:${xml(ink)}">${xml(opts.title)}</text>`;
  const text = new XMLSerializer()
    .serializeToString(copy)
    .replace(/^(<svg[^>]*>)/, `$1${head}`)
    .replace(/<\/svg>$/, `${legend}</svg>`);
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${text}`, width, height };
}

/** the SVG drawn at `scale`× on a canvas, as PNG */
export async function svgToPng(svg: SvgFile, background: string, scale = 2): Promise<Blob> {
  const img = new Image();
  img.width = svg.width;
  img.height = svg.height;
  // a data: URL, not a blob: one: it loads the same from file:// and never taints the canvas
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.text)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(svg.width * scale);
  canvas.height = Math.round(svg.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no canvas');
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise((done, fail) => canvas.toBlob((b) => (b ? done(b) : fail(new Error('no PNG'))), 'image/png'));
}

/** a colour the page's stylesheet defines (`--b-anon`), resolved */
export function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}
