import type { SourceRef } from '../../model/refs';

/**
 * a direct child of `/reserved-memory`, as the kernel reads it (drivers/of/fdt.c,
 * drivers/of/of_reserved_mem.c). Disabled ones are kept, with `status`: the kernel skips
 * them. For a tree read from a blob, `ref.line` is 0 and `ref.source` is `input:/node/path`.
 */
export interface DtReservation {
  /** full node name, `secmon@43000000` */
  name: string;
  label?: string;
  /** resolved `reg` ranges (zero-size entries dropped, as the kernel skips them); empty for dynamic regions */
  ranges: { start: bigint; end: bigint }[];
  noMap: boolean;
  reusable: boolean;
  /** dynamic allocation (only without `reg`): `size`, `alignment`, every `alloc-ranges` pair */
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
  /** DRAM from the memory nodes (`linux,usable-memory` when present, else `reg`); size > 0 */
  banks: DtMemoryBank[];
  /**
   * memory `reg` entries of size 0: the bootloader fills the size in, so DRAM is unknown
   * from the tree (not 0). Never in `banks`.
   */
  unsizedBanks: { name: string; start: bigint; ref: SourceRef }[];
  reservations: DtReservation[];
  memreserve: { start: bigint; end: bigint; ref: SourceRef }[];
  /** `#include` and `/include/` lines, which cannot be followed here */
  includes: string[];
}
