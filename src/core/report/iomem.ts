/** /proc/iomem in the CLI's JSON (key `iomem`) and its Markdown section. */
import type { IomemTree } from '../formats/iomem/index';
import { iomemSummary } from '../model/iomem';
import type { Located } from '../model/snapshot';
import { bytesToKiB, fmtKiB, fmtMiB, hex } from '../units';

/** entries listed; past it counted (a real iomem has a few hundred) */
export const MAX_IOMEM_ENTRIES = 10_000;
/** rows of the Markdown table: the top levels of a real tree fit */
const MD_ROWS = 300;

/** hex as the kernel prints it: at least 8 digits */
const addr = (v: bigint) => hex(v, 8);

export function iomemJson(iomem: Located<IomemTree> | undefined) {
  if (!iomem) return null;
  const { entries, hidden } = iomem.value;
  const s = iomemSummary(iomem.value);
  // read without root no size is known: null, not 0
  const size = (kib: number) => (hidden ? null : kib);
  return {
    source: iomem.source,
    hidden,
    entryCount: s.entries,
    roots: s.roots,
    systemRamKiB: size(s.systemRamKiB),
    systemRamPagesKiB: size(s.systemRamPagesKiB),
    systemRamRanges: s.systemRamRanges,
    kernel: hidden ? null : s.kernel,
    reservedInRamKiB: size(s.reservedInRamKiB),
    reservedBetweenRamKiB: size(s.reservedBetweenRamKiB),
    devices: s.devices,
    entries: entries.slice(0, MAX_IOMEM_ENTRIES).map((e) => ({
      start: hidden ? null : addr(e.start),
      end: hidden ? null : addr(e.end),
      sizeKiB: hidden ? null : bytesToKiB(e.end - e.start),
      name: e.name,
      kind: e.kind,
      depth: e.depth,
      parent: e.parent,
      line: e.line,
    })),
    ...(entries.length > MAX_IOMEM_ENTRIES ? { entriesOmitted: entries.length - MAX_IOMEM_ENTRIES } : {}),
  };
}

export function iomemMarkdown(iomem: Located<IomemTree> | undefined, cell: (s: string) => string): string[] {
  if (!iomem) return [];
  const s = iomemSummary(iomem.value);
  const out = ['', '## /proc/iomem', ''];
  if (s.hidden)
    out.push(
      `Read without root: every address is 0, so only the names and the tree are known (${s.entries} entries, ${s.systemRamRanges} System RAM).`,
      '',
    );
  else {
    const k = s.kernel;
    const parts = (['code', 'rodata', 'data', 'bss'] as const).filter((p) => k[p] !== undefined).map((p) => `${p} ${fmtKiB(k[p] ?? 0)}`);
    out.push(
      `System RAM: ${fmtKiB(s.systemRamKiB)} KiB (${fmtMiB(s.systemRamKiB)} MiB) in ${s.systemRamRanges} ranges; reserved inside it ${fmtKiB(s.reservedInRamKiB)} KiB; reserved between its ranges ${fmtKiB(s.reservedBetweenRamKiB)} KiB.` +
        (parts.length > 0 ? ` Kernel: ${parts.join(', ')} KiB.` : ''),
      '',
    );
  }
  out.push('| start | end | KiB | kind | name |', '|---|---|--:|---|---|');
  const { entries, hidden } = iomem.value;
  for (const e of entries.slice(0, MD_ROWS))
    out.push(
      hidden
        ? `| — | — | — | ${e.kind} | ${'· '.repeat(e.depth)}${cell(e.name)} |`
        : `| ${addr(e.start)} | ${addr(e.end)} | ${fmtKiB(bytesToKiB(e.end - e.start))} | ${e.kind} | ${'· '.repeat(e.depth)}${cell(e.name)} |`,
    );
  if (entries.length > MD_ROWS) out.push('', `${entries.length - MD_ROWS} more entries are not listed.`);
  return out;
}
