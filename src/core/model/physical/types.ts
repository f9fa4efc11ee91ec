import type { Missing, Msg, Note } from '../../messages/catalogue';
import type { Range } from '../ranges';

/** what a region is on the map: its lane and colour */
export type RegionKind =
  | 'dram'
  | 'no-map'
  | 'reserved'
  | 'cma'
  | 'memreserve'
  | 'memblock-memory'
  | 'memblock-reserved'
  | 'hole'
  /** the firmware's memory map: x86 e820, MIPS `memory: … @ …` */
  | 'firmware-map'
  /** /proc/iomem on its lanes (src/core/viewmodel/iomem-lane.ts) */
  | 'iomem-ram'
  | 'iomem-kernel'
  | 'iomem-reserved'
  | 'iomem-other'
  /** a zone of the page allocator (/proc/zoneinfo): start_pfn, spanned pages */
  | 'zone';

/**
 * What a region is for. Behaviour (buckets, colours, which group loses the freed init
 * sections) hangs on the role, never on the region's label.
 */
export type RegionRole =
  | 'dram'
  /** a `no-map` carve-out (device tree, kernel log, or memblock.memory flagged NOMAP) */
  | 'carve-out'
  /** a reserved-memory region the kernel maps (device tree or kernel log) */
  | 'dt-region'
  | 'cma'
  | 'memreserve'
  /** a memblock.memory range, and one flagged NOMAP (kept there by kernels since 5.12) */
  | 'memory'
  | 'memory-nomap'
  /** memblock.reserved groups, by what the evidence says they hold */
  | 'kernel-image'
  | 'memmap'
  | 'boot-reservation'
  | 'hole'
  /** a range of the firmware's map: RAM the firmware gives the kernel, or not */
  | 'firmware-usable'
  | 'firmware-reserved'
  /** a /proc/iomem resource, drawn on its lane only */
  | 'iomem'
  /** a zone's span (model/zones) */
  | 'zone';

/** why a memblock.reserved group got its role and label */
export type Evidence =
  /** it covers a region the device tree or the log names */
  | { rule: 'covers'; kind: RegionKind; label: Msg; source: string; line?: number }
  /** the person who pasted it wrote a note after the line */
  | { rule: 'note'; note: string }
  /** its size is closest to the kernel sections of the Memory: line */
  | { rule: 'kernel-image'; sizeKiB: number; imageKiB: number; parts: number[]; note?: string }
  /** the largest other group, 1–4× what struct page needs for the DRAM */
  | { rule: 'memmap'; sizeKiB: number; estimateKiB: number; physKiB: number; note?: string }
  | { rule: 'none' };

export interface PhysRegion extends Range {
  kind: RegionKind;
  role: RegionRole;
  /** what the region is called: a node name from the input, or the model's own words */
  label: Msg;
  /** how a memblock.reserved group's label was decided */
  evidence?: Evidence;
  source: string;
  line?: number;
  /** a dynamic reserved-memory region (`size`, no `reg`): placed at boot where this log line says */
  placedBy?: { source: string; line: number };
  /** outside every DRAM bank (SRAM, or a bank the inputs do not describe) */
  outside?: true;
}

/** a dynamic reserved-memory region whose address no input gives */
export interface UnplacedRegion {
  name: string;
  label?: string;
  kind: RegionKind;
  role: RegionRole;
  sizeKiB: number;
  alignmentKiB?: number;
  allocRanges: Range[];
  source: string;
  line: number;
}

/** which input gave the DRAM extent */
export type DramSource = 'device-tree' | 'memblock' | 'kernel-log' | 'firmware-map' | 'kernel-log-banks' | 'boot-line' | 'none';

export interface Physical {
  dramSource: DramSource;
  /** `dramSource` said in words, with the input's name */
  dramFrom: Msg;
  start: bigint | null;
  end: bigint | null;
  spanKiB: number;
  noMapKiB: number;
  /** Σ memblock.memory, every region as printed */
  memblockMemoryKiB: number;
  /** the part of memblock.memory flagged NOMAP (newer kernels keep no-map ranges there) */
  memblockNomapKiB: number;
  /** page-rounded union of memblock.reserved */
  memblockReservedKiB: number;
  holesKiB: number;
  regions: PhysRegion[];
  /** dynamic regions placed at boot at an address no input gives: sizes known, places not */
  unplaced: UnplacedRegion[];
  /** what the layout decided or could not place */
  notes: Note[];
  /** page-rounded groups of memblock.reserved with their roles */
  reservedGroups: PhysRegion[];
  missing: Missing[];
}
