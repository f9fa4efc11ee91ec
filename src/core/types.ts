/**
 * What the parsers produce. Addresses are bigint, `start` inclusive and `end`
 * exclusive everywhere; sizes in KiB are numbers.
 */
export type Format =
  | 'dts'
  | 'memblock'
  | 'kmsg'
  | 'free'
  | 'meminfo'
  | 'smaps'
  | 'smaps_rollup'
  | 'status'
  | 'stat'
  | 'cmdline'
  | 'version'
  | 'prompt'
  | 'unknown';

/** one input line a value was read from, for "where did this number come from" */
export interface SourceRef {
  source: string;
  line: number;
}

// ---------- device tree ----------

export interface DtReservation {
  /** full node name, `secmon@43000000` */
  name: string;
  label?: string;
  /** resolved `reg` ranges; empty for dynamic regions */
  ranges: { start: bigint; end: bigint }[];
  noMap: boolean;
  reusable: boolean;
  /** dynamic allocation: `size`, `alignment`, `alloc-ranges` */
  dynamicSizeBytes?: bigint;
  alignmentBytes?: bigint;
  allocRanges?: { start: bigint; end: bigint }[];
  compatible: string[];
  status?: string;
  flags: string[];
  ref: SourceRef;
}

export interface DtMemoryBank {
  name: string;
  start: bigint;
  end: bigint;
  ref: SourceRef;
}

export interface DeviceTree {
  banks: DtMemoryBank[];
  reservations: DtReservation[];
  memreserve: { start: bigint; end: bigint; ref: SourceRef }[];
  includes: string[];
}

// ---------- memblock ----------

export interface MemblockRegion {
  index: number;
  start: bigint;
  end: bigint;
  /** node id, `x` for none, absent in the older format */
  node?: string;
  /** flag name in the newer format (`NONE`, `NOMAP`, …) or a hex value from memblock=debug */
  flag?: string;
  /** what a person wrote after the line */
  note?: string;
  line: number;
}

export type MemblockKind = 'memory' | 'reserved';

export interface MemblockTable {
  kind: MemblockKind | null;
  /** how the kind was decided */
  kindEvidence: string;
  regions: MemblockRegion[];
}

// ---------- kernel log ----------

export interface BootMemoryLine {
  availableKiB: number;
  physKiB: number;
  /** every `NNNK name` in the parentheses, by name: `kernel code`, `rwdata`, … */
  fields: Record<string, number>;
  line: number;
  text: string;
}

export interface KmsgRange {
  start: bigint;
  end: bigint;
  name: string;
  line: number;
}

export interface KernelLog {
  memoryLine?: BootMemoryLine;
  /** `OF: reserved mem:` (newer form with addresses) */
  reservedMem: (KmsgRange & { noMap: boolean; reusable: boolean; sizeKiB: number })[];
  /** `OF: reserved mem: initialized node X, compatible id Y` (older form) */
  reservedMemInitialized: { name: string; compatible: string; line: number }[];
  /** `cma: Reserved 64 MiB at 0x…`, `Reserved memory: created CMA memory pool at …` */
  cma: KmsgRange[];
  dmaPools: KmsgRange[];
  zones: (KmsgRange | { name: string; empty: true; line: number })[];
  nodeRanges: KmsgRange[];
  freedInitKiB: { kib: number; what: string; line: number }[];
  /** memblock=debug dumps */
  memblockDebug: { memory: MemblockRegion[]; reserved: MemblockRegion[] };
  totalPages?: number;
  /** log lines that carry nothing about memory: counted, not listed one by one */
  otherLines: number;
}

// ---------- free ----------

export type FreeUnit = 'B' | 'KiB' | 'MiB' | 'GiB' | 'TiB' | 'human';

export interface FreeRow {
  /** `Mem`, `Swap`, `Low`, `High`, `Total`, `-/+ buffers/cache` */
  label: string;
  /** column name → KiB (rounded values stay as read when the unit was coarse) */
  values: Record<string, number>;
  line: number;
}

export interface FreeOutput {
  columns: string[];
  /** the unit the numbers were printed in; KiB values are converted from it */
  unit: FreeUnit;
  /** the printed precision in KiB (1 for -k, 1024 for -m, …) */
  precisionKiB: number;
  layout: 'buff/cache' | 'buffers+cached' | 'buffers+cache (-w)' | 'busybox-2004' | 'other';
  rows: FreeRow[];
}

// ---------- meminfo ----------

export interface Meminfo {
  /** every field in print order; `kB` fields in KiB, unit-less ones (HugePages_*) as counts */
  fields: Map<string, { value: number; unit: 'kB' | ''; line: number }>;
}

// ---------- smaps ----------

export interface Mapping {
  start: bigint;
  end: bigint;
  perms: string;
  offset: bigint;
  dev: string;
  inode: number;
  path: string;
  /** counters in KiB: Size, Rss, Pss, Shared_Clean, … (VmFlags/THPeligible excluded) */
  kib: Record<string, number>;
  vmFlags?: string;
  line: number;
}

export interface SmapsData {
  mappings: Mapping[];
  /** the header was `[rollup]` */
  rollup: boolean;
}

export interface ProcStatus {
  name?: string;
  pid?: number;
  fields: Record<string, string>;
}

export interface ProcStat {
  pid: number;
  comm: string;
  state: string;
}
