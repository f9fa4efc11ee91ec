/** The kernel view's iomem panel: the summary and the tree as rows, bounded for the page. */
import type { IomemKind, IomemTree } from '../formats/iomem/index';
import { type IomemSummary, iomemSummary } from '../model/iomem';
import type { Located } from '../model/snapshot';
import { bytesToKiB } from '../units';

/** rows sent to the page; a real tree has a few hundred, the rest are counted */
export const MAX_IOMEM_ROWS = 2000;

export interface IomemRow {
  /** null when read without root (every address printed as 0) */
  start: bigint | null;
  end: bigint | null;
  sizeKiB: number | null;
  name: string;
  kind: IomemKind;
  depth: number;
  line: number;
}

export interface IomemView {
  source: string;
  summary: Omit<IomemSummary, 'systemRam'>;
  rows: IomemRow[];
  /** rows not sent */
  more: number;
}

export function iomemView(iomem: Located<IomemTree>): IomemView {
  const { entries, hidden } = iomem.value;
  const { systemRam: _ranges, ...summary } = iomemSummary(iomem.value);
  const rows = entries.slice(0, MAX_IOMEM_ROWS).map(
    (e): IomemRow => ({
      start: hidden ? null : e.start,
      end: hidden ? null : e.end,
      sizeKiB: hidden ? null : bytesToKiB(e.end - e.start),
      name: e.name,
      kind: e.kind,
      depth: e.depth,
      line: e.line,
    }),
  );
  return { source: iomem.source, summary, rows, more: Math.max(0, entries.length - MAX_IOMEM_ROWS) };
}
