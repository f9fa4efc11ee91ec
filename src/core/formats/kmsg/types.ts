import type { MemblockRegion } from '../memblock/index';

/** the boot `Memory:` line */
export interface BootMemoryLine {
  availableKiB: number;
  physKiB: number;
  /** every `NNNK name` in the parentheses, by name: `kernel code`, `rwdata`, … */
  fields: Record<string, number>;
  line: number;
  text: string;
}

/** an address range a log line gave, `end` exclusive */
export interface LogRange {
  start: bigint;
  end: bigint;
  line: number;
}

export interface KernelLog {
  memoryLine?: BootMemoryLine;
  /** `OF: reserved mem: 0x…..0x… (N KiB) nomap non-reusable NAME` (newer form) */
  reservedMem: (LogRange & { name: string; noMap: boolean; reusable: boolean; sizeKiB: number })[];
  /** `OF: reserved mem: initialized node X, compatible id Y` (older form) */
  reservedMemInitialized: { name: string; compatible: string; line: number }[];
  /** `cma: Reserved 64 MiB at 0x…` (`cma`), `Reserved memory: created CMA memory pool at …` (`pool`) */
  cma: (LogRange & { via: 'cma' | 'pool' })[];
  /** `Reserved memory: created DMA memory pool at …` */
  dmaPools: LogRange[];
  /** `Zone ranges:` block; `empty` zones have no range */
  zones: ((LogRange & { name: string }) | { name: string; empty: true; line: number })[];
  /** `Early memory node ranges` block */
  nodeRanges: (LogRange & { node: number })[];
  /** `Freeing unused kernel memory: 448K`, `Freeing initrd memory: …K` */
  freedInitKiB: { kib: number; what: string; line: number }[];
  /** memblock=debug dumps */
  memblockDebug: { memory: MemblockRegion[]; reserved: MemblockRegion[] };
  totalPages?: number;
  /** log lines that carry nothing about memory: counted, not listed one by one */
  otherLines: number;
}
