import type { MemblockRegion } from '../memblock/index';

/**
 * What the boot `Memory:` line's numbers mean depends on the kernel that printed it:
 * - `modern` (mem_init_print_info, 3.x on): `NK/NK available (… reserved, … cma-reserved)`
 *   — free pages / physical pages present; `reserved` = physpages − totalram − totalcma
 *   since 3.19. MediaTek's memory_layout prints the same without the parentheses.
 * - `old-arm` (ARM 2.6.3x–3.x): `Nk/Nk available, Nk reserved, NK highmem` — *both*
 *   numbers before "available" are free pages; MemTotal = available + Σ freed.
 * - `legacy` (2.6-era x86 and others): `Nk/Nk available (… kernel code, … reserved, …
 *   data, … init, … highmem)` — free pages / the span up to the highest page frame (holes
 *   included); MemTotal = available + Σ freed.
 */
export type BootLineForm = 'modern' | 'old-arm' | 'legacy';

/** the boot `Memory:` line */
export interface BootMemoryLine {
  form: BootLineForm;
  availableKiB: number;
  physKiB: number;
  /** every `NNNK name` in the parentheses, by name: `kernel code`, `rwdata`, … */
  fields: Record<string, number>;
  line: number;
  text: string;
}

/** old ARM kernels' bank sizes: `Memory: 244MB 276MB = 520MB total` */
export interface BankTotalLine {
  banksMiB: number[];
  totalMiB: number;
  line: number;
}

/** an address range a log line gave, `end` exclusive */
export interface LogRange {
  start: bigint;
  end: bigint;
  line: number;
}

/** a size a log line printed in whole MiB (the kernel divides and truncates) */
export interface LogSize {
  sizeKiB: number;
  /** the printed size was truncated to whole MiB: the true size is up to 1 MiB more */
  truncated: boolean;
}

/** `BIOS-e820: [mem 0x…-0x…] usable` (x86's firmware memory map) */
export interface E820Range extends LogRange {
  type: string;
}

/** `memblock_reserve: [0x…-0x…] caller` and the other calls memblock=debug logs */
export interface MemblockCall extends LogRange {
  op: 'reserve' | 'free' | 'add' | 'remove' | 'mark-nomap';
  caller: string;
}

/** `  DMA zone: 512 pages used for memmap` and its neighbours */
export interface ZonePages {
  zone: string;
  /** the lines that gave the counts */
  lines: number[];
  memmapPages?: number;
  reservedPages?: number;
  pages?: number;
  line: number;
}

/** the memory lines of a log that are recognised but feed no number, by kind */
export type UnusedKind =
  | 'virtual-layout'
  | 'hash-tables'
  | 'percpu'
  | 'swiotlb'
  | 'crashkernel'
  | 'e820-update'
  | 'initrd'
  | 'numa'
  | 'hugetlb'
  | 'allocator-setup'
  | 'command-line'
  | 'other-memory';

export interface KernelLog {
  memoryLine?: BootMemoryLine;
  bankTotal?: BankTotalLine;
  /** `Linux version 5.4.238 …` in the log */
  release?: string;
  /** `OF: reserved mem: 0x…..0x… (N KiB) nomap non-reusable NAME` (newer form) */
  reservedMem: (LogRange & { name: string; noMap: boolean; reusable: boolean; sizeKiB: number })[];
  /** `OF: reserved mem: initialized node X, compatible id Y` (older form) */
  reservedMemInitialized: { name: string; compatible: string; line: number }[];
  /** `Reserved memory: allocated memory for 'NAME' node: base 0x…, size N MiB`: where a dynamic region was put */
  reservedMemAllocated: (LogRange & LogSize & { name: string })[];
  /** `Reserved memory: failed to reserve memory for node 'NAME': base …, size N MiB` and allocation failures */
  reservedMemFailed: { name: string; start?: bigint; sizeKiB?: number; line: number }[];
  /**
   * `cma: Reserved 64 MiB at 0x…` (`cma`, 3.14 `cma: CMA: reserved 16 MiB at 1e000000`),
   * `Reserved memory: created CMA memory pool at …` (`pool`)
   */
  cma: (LogRange & LogSize & { via: 'cma' | 'pool' })[];
  /** `cma: Reserved N MiB in K range(s)` (6.18), `cma: Failed to reserve N MiB` */
  cmaTotals: { sizeKiB: number; ranges: number; line: number }[];
  cmaFailed: { sizeKiB: number; line: number }[];
  /** `Reserved memory: created DMA memory pool at …` */
  dmaPools: (LogRange & LogSize)[];
  /** `Zone ranges:` block; `empty` zones have no range */
  zones: ((LogRange & { name: string }) | { name: string; empty: true; line: number })[];
  /** `Early memory node ranges` block */
  nodeRanges: (LogRange & { node: number })[];
  /** `Initmem setup node 0 [mem …]`, `NODE_DATA(0) …`: a node's span */
  nodeSpans: (LogRange & { node: number })[];
  /** `On node 0 totalpages: 65536` and the per-zone page lines */
  nodeTotalPages: { node: number; pages: number; line: number }[];
  zonePages: ZonePages[];
  /**
   * The firmware's memory map: x86 `BIOS-e820: [mem 0x…-0x…] usable` (newer) or
   * `BIOS-e820: 0… - 0… (usable)` (2.6); MIPS ` memory: 08000000 @ 00000000 (usable)`
   */
  e820: E820Range[];
  /**
   * Every `Freeing … memory: NK` line; `afterMemoryLine`: printed after the boot
   * `Memory:` line, so it adds to totalram (MemTotal)
   */
  freedInitKiB: { kib: number; what: string; line: number; afterMemoryLine: boolean }[];
  /** memblock=debug dumps */
  memblockDebug: { memory: MemblockRegion[]; reserved: MemblockRegion[] };
  /** memblock=debug calls, in the order the kernel made them */
  memblockCalls: MemblockCall[];
  totalPages?: number;
  /** the lines that open the blocks read above (`Zone ranges:`, `Early memory node ranges`, `MEMBLOCK configuration:`) and `Built N zonelists … Total pages` */
  headerLines: number[];
  /** balloon drivers and memory hot-plug: MemTotal moves after boot by amounts no line gives */
  balloon: { driver: string; line: number }[];
  /** memory lines recognised but used for no number, by kind, with their line numbers */
  unused: { kind: UnusedKind; lines: number[] }[];
  /** log lines that carry nothing about memory: counted, not listed one by one */
  otherLines: number;
  /** syslog lines of other programs than the kernel */
  otherPrograms: number;
}
