import type { SourceRef } from '../../model/refs';

/** a `reserved-memory` child node, as the kernel reads it (drivers/of/of_reserved_mem.c) */
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
  /** properties without a value: `no-map`, `reusable`, `linux,cma-default`, … */
  flags: string[];
  ref: SourceRef;
}

/** one (address, size) pair of a `memory` node's `reg` */
export interface DtMemoryBank {
  name: string;
  start: bigint;
  end: bigint;
  ref: SourceRef;
}

export interface DeviceTree {
  banks: DtMemoryBank[];
  /** `reg` entries of memory nodes whose size is 0: the bootloader fills them in, DRAM unknown from the tree */
  unsizedBanks?: { name: string; start: bigint; ref: SourceRef }[];
  reservations: DtReservation[];
  memreserve: { start: bigint; end: bigint; ref: SourceRef }[];
  /** `#include` and `/include/` lines, which cannot be followed here */
  includes: string[];
}
