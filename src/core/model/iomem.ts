/**
 * What /proc/iomem says about memory: the System RAM the kernel registered, the kernel
 * image's sections in it, and what it marks reserved. Sizes only when the addresses were
 * readable (root); a non-root read keeps the names and the tree, and says so.
 */
import type { IomemEntry, IomemKind, IomemTree } from '../formats/iomem/index';
import { bytesToKiB, PAGE } from '../units';
import { intersect, type Range, totalKiB, union } from './ranges';

export interface IomemSummary {
  hidden: boolean;
  entries: number;
  /** top-level entries (the tree's roots) */
  roots: number;
  /** Σ System RAM, exact bytes in KiB (entries at any depth, overlaps counted once) */
  systemRamKiB: number;
  /** the same, each range cut to whole pages as the kernel counts its page frames */
  systemRamPagesKiB: number;
  systemRamRanges: number;
  /** the System RAM ranges, merged (empty when hidden) */
  systemRam: Range[];
  /** the kernel image's sections as iomem names them (absent when not printed) */
  kernel: Partial<Record<'code' | 'rodata' | 'data' | 'bss', number>>;
  /** Σ `reserved` inside System RAM (memblock reservations: arm64 since 4.19, others) */
  reservedInRamKiB: number;
  /** Σ top-level `reserved` that lies between System RAM ranges: arm64 no-map carve-outs */
  reservedBetweenRamKiB: number;
  /** top-level resources that are neither RAM nor reserved: device windows */
  devices: number;
}

const KERNEL_PART = {
  'kernel-code': 'code',
  'kernel-rodata': 'rodata',
  'kernel-data': 'data',
  'kernel-bss': 'bss',
} as const satisfies Partial<Record<IomemKind, string>>;

/** the whole pages a range holds (start rounded up, end down) */
const innerPages = (r: Range): Range => {
  const start = r.start % PAGE === 0n ? r.start : r.start - (r.start % PAGE) + PAGE;
  const end = r.end - (r.end % PAGE);
  return { start, end: end > start ? end : start };
};

export function iomemSummary(tree: IomemTree): IomemSummary {
  const { entries, hidden } = tree;
  const ram = union(entries.filter((e) => e.kind === 'system-ram'));
  const kernel: IomemSummary['kernel'] = {};
  let reservedInRam: Range[] = [];
  const topReserved: IomemEntry[] = [];
  let roots = 0;
  let devices = 0;
  for (const e of entries) {
    if (e.parent < 0) roots++;
    const part = KERNEL_PART[e.kind as keyof typeof KERNEL_PART];
    if (part !== undefined) kernel[part] = (kernel[part] ?? 0) + bytesToKiB(e.end - e.start);
    if (e.kind === 'reserved') {
      if (e.parent < 0) topReserved.push(e);
      else if (entries[e.parent]?.kind === 'system-ram') reservedInRam.push(e);
    }
    if (e.parent < 0 && e.kind !== 'system-ram' && e.kind !== 'reserved') devices++;
  }
  reservedInRam = union(reservedInRam);
  const first = ram[0]?.start ?? 0n;
  const last = ram[ram.length - 1]?.end ?? 0n;
  const between = topReserved.filter((e) => e.start >= first && e.end <= last);
  return {
    hidden,
    entries: entries.length,
    roots,
    systemRamKiB: hidden ? 0 : totalKiB(ram),
    systemRamPagesKiB: hidden ? 0 : totalKiB(ram.map(innerPages)),
    systemRamRanges: hidden ? entries.filter((e) => e.kind === 'system-ram').length : ram.length,
    systemRam: hidden ? [] : ram,
    kernel: hidden ? {} : kernel,
    reservedInRamKiB: hidden ? 0 : totalKiB(reservedInRam),
    reservedBetweenRamKiB: hidden ? 0 : totalKiB(union(between)),
    devices,
  };
}

/** the kernel image as iomem shows it: Σ of the sections it printed */
export const iomemKernelKiB = (s: IomemSummary): number =>
  (s.kernel.code ?? 0) + (s.kernel.rodata ?? 0) + (s.kernel.data ?? 0) + (s.kernel.bss ?? 0);

/** Σ of `rs` inside System RAM, in KiB */
export const insideRamKiB = (s: IomemSummary, rs: readonly Range[]): number => totalKiB(intersect(union(rs), s.systemRam));

/** what System RAM is checked against, and how exactly it must match */
export interface RamReference {
  kib: number;
  from: 'memblock' | 'device-tree' | 'boot';
  /** only memblock.memory is what System RAM is made of; the others bound it from above */
  exact: boolean;
}
