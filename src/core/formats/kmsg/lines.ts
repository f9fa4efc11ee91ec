/**
 * The memory lines of a kernel log, as the kernels of 2.6 to 6.18 print them (message
 * part, after ./prefix.ts). Each pattern is anchored and linear.
 */
import type { UnusedKind } from './types';

const HEX = '(?:0x)?[0-9a-fA-F]+';

/** `Memory: 230408K/258368K available (…)` and its old forms (./types.ts, BootLineForm) */
export const MEMORY = /^Memory: (\d+)([kK])\/(\d+)([kK]) available\s*(?:\(([^)]*)\)?|,\s*(.*))?$/;
/** one `NNNK name` of the line's list (the list is split at commas first: no backtracking) */
export const MEM_FIELD = /^\s*(\d+)[kK] ([a-zA-Z][\w -]*)$/;
/** old ARM: `Memory: 244MB 276MB = 520MB total` */
export const BANK_TOTAL = /^Memory: ((?:\d+MB\s+)+)= (\d+)MB total/;
export const OF_NEW =
  /^OF: reserved mem: (0x[0-9a-fA-F]+)\.\.(0x[0-9a-fA-F]+) \(\s*(\d+) Ki?B\) (nomap|map) (reusable|non-reusable) (\S.*)$/;
export const OF_OLD = /^(?:OF: reserved mem: |Reserved memory: )initialized node (.+?), compatible id (.*)$/;
/** `OF: reserved mem: ` in front of `Reserved memory: …` (6.12 on) */
export const OF_PREFIX = /^OF: reserved mem: (?=Reserved memory: |allocated |failed )/;
export const POOL = new RegExp(`^Reserved memory: created (CMA|DMA) memory pool at (${HEX}), size (\\d+) ([KMG]i?B)`);
export const ALLOCATED = new RegExp(`^(?:Reserved memory: )?allocated memory for '([^']*)' node: base (${HEX}), size (\\d+) ([KMG]i?B)`);
export const FAILED_RESERVE = new RegExp(
  `^(?:Reserved memory: )?failed to reserve memory for node '([^']*)': base (${HEX}), size (\\d+) ([KMG]i?B)`,
);
export const FAILED_ALLOC = /^(?:Reserved memory: )?failed to allocate memory for node '([^']*)'/;
/** 4.x–6.12 `cma: Reserved 64 MiB at 0x… [on node -1]`; 3.14 `cma: CMA: reserved 16 MiB at 1e000000` */
export const CMA = new RegExp(`^cma: (?:CMA: )?[Rr]eserved (\\d+) ([KMG]i?B) at (${HEX})`);
/** 6.18 `cma: Reserved 64 MiB in 1 range` */
export const CMA_RANGES = /^cma: Reserved (\d+) ([KMG]i?B) in (\d+) ranges?/;
export const CMA_FAILED = /^cma: Failed to reserve (\d+) ([KMG]i?B)/;
/** zone block lines: `  DMA      [mem 0x…-0x…]`, `  Normal   empty`, 2.6/3.x page frames `  DMA 0x00000010 -> 0x00001000` */
export const ZONE = /^\s+(\w+)\s+(?:\[mem (0x[0-9a-fA-F]+)-(0x[0-9a-fA-F]+)\]|(empty)|(0x[0-9a-fA-F]+) -> (0x[0-9a-fA-F]+))\s*$/;
export const NODE = /^\s+(?:node\s+)?(\d+): (?:\[mem (0x[0-9a-fA-F]+)-(0x[0-9a-fA-F]+)\]|(0x[0-9a-fA-F]+) -> (0x[0-9a-fA-F]+))/;
export const INITMEM = /^Initmem setup node (\d+) \[mem (0x[0-9a-fA-F]+)-(0x[0-9a-fA-F]+)\]/;
export const TOTAL_PAGES = /^Built \d+ zonelists.*Total pages: (\d+)/;
export const NODE_TOTAL = /^On node (\d+) totalpages: (\d+)/;
export const ZONE_MEMMAP = /^\s*(\w+) zone: (\d+) pages used for memmap/;
export const ZONE_RESERVED = /^\s*(\w+) zone: (\d+) pages reserved/;
export const ZONE_PAGES = /^\s*(\w+) zone: (\d+) pages, LIFO batch/;
/** `Freeing unused kernel memory: 448K`, `Freeing initrd memory: …`, 2.6's `Freeing SMP alternatives: 8k freed` */
export const FREEING = /^Freeing ([^:]*?)(?: memory)?: (\d+)[kK]/;
export const E820_NEW = /^(?:BIOS-e820|e820): \[mem (0x[0-9a-fA-F]+)-(0x[0-9a-fA-F]+)\] (\S.*)$/;
/** MIPS: ` memory: 08000000 @ 00000000 (usable)` under `Determined physical RAM map:` (size @ start) */
export const MIPS_MAP = /^\s*memory: ([0-9a-fA-F]{8,16}) @ ([0-9a-fA-F]{8,16}) \((.+)\)\s*$/;
export const E820_OLD = /^ BIOS-e820: ([0-9a-fA-F]{8,16}) - ([0-9a-fA-F]{8,16}) \((.+)\)\s*$/;
export const MB_DEBUG =
  /^\s*(memory|reserved)\[(0x[0-9a-fA-F]+)\]\s+\[(0x[0-9a-fA-F]+)-(0x[0-9a-fA-F]+)\], (0x[0-9a-fA-F]+) bytes(?: on node (\d+))?(?: flags: (\S+))?/;
export const MB_OTHER = /^\s*(?:MEMBLOCK configuration:|memory size = |memory\.cnt|reserved\.cnt|physmem\.cnt)/;
export const MB_CALL =
  /^(memblock_(?:reserve|free|phys_free|free_late|add|add_node|remove|mark_nomap))\w*: \[(0x[0-9a-fA-F]+)-(0x[0-9a-fA-F]+)\](?: flags 0x[0-9a-fA-F]+)?\s*(\S*)/;
export const MB_ALLOC = /^memblock_(?:alloc|phys_alloc|virt_alloc)\w*: /;
export const BALLOON = /^(hv_balloon|virtio_balloon|xen[:_]balloon|vmw_balloon|balloon|acpi_memhotplug|memory hot-?add|hotplug memory)\b/i;
export const VERSION = /^Linux version (\S+)/;

/** memory lines read but feeding no number, by kind */
export const UNUSED: readonly [UnusedKind, RegExp][] = [
  ['virtual-layout', /^(?:Virtual kernel memory layout:|\s+\.?[\w ]{2,12}: 0x[0-9a-fA-F]+ - 0x[0-9a-fA-F]+\s+\(\s*\d+ [kMG]B\))/],
  ['hash-tables', /hash table entries: \d+/],
  ['percpu', /^(?:percpu: |PERCPU: |pcpu-alloc: |setup_percpu: )/],
  ['swiotlb', /^(?:software IO TLB|PCI-DMA: |DMA: preallocated)/],
  ['crashkernel', /crashkernel|for crash kernel/i],
  [
    'e820-update',
    /^(?:e820: |e820 (?:update|remove) range|efi: (?:Remove|Not removing|mem\d+:)|BIOS-provided physical RAM map|user-defined physical RAM map|user: \[mem |extended physical RAM map)/,
  ],
  ['initrd', /^(?:Initramfs|initrd|RAMDISK|Trying to unpack rootfs|Unpacking initramfs|INITRD)/],
  [
    'numa',
    /^(?:NUMA|NODE_DATA|No NUMA configuration|Faking a node|SRAT|Movable zone start|Policy zone|On node \d+, zone \w+: \d+ pages in unavailable ranges)/,
  ],
  ['hugetlb', /^HugeTLB/],
  ['command-line', /^(?:Kernel command line|Command line): /],
  [
    'allocator-setup',
    /^(?:SLUB: |SLAB: |mem auto-init|page_owner|kmemleak|kasan|KASAN|Kernel\/User page tables isolation|page_alloc: |Fallback order for Node|Memory policy: |zswap: |zram: |cma: dma_contiguous_reserve|cma: Reserving|Reserved memory: unsupported|OF: reserved mem: node .* compatible matching fail)/,
  ],
];

/** words that make a log line one about memory (reported by line when no pattern above read it) */
export const MEMORY_WORDS =
  /memory|\bcma\b|e820|memblock|zone|highmem|lowmem|totalpages|total pages|totalram|reserved mem|carveout|swiotlb|percpu|ramoops|huge ?pages?|hugetlb|\bpfn\b|vmalloc|\bmem=/i;

/** first lines of a kernel log that carry no prefix: a paste of `dmesg` without timestamps */
export const LOG_START =
  /^(?:Booting Linux|Machine model:|Machine:|OF: fdt:|(?:Kernel )?[Cc]ommand line:|KERNEL supported cpus|x86\/|BIOS-e820|efi: |earlycon: |printk: |bootconsole|CPU: |CPU\d+: |SoC Type:|MIPS: |Determined physical RAM map|riscv: |SBI |psci: |Reserved memory: |OF: reserved mem: |cma: |Zone (?:PFN )?ranges:|Early memory (?:node|PFN) ranges|NUMA: |ACPI: |DMI: |tsc: |random: |KASLR |Initmem setup|MEMBLOCK configuration:|Built \d+ zonelists|Dentry cache|Inode-cache|NR_IRQS|rcu: |Calibrating delay|pid_max|Mount-cache|Console: |console \[|Memory: |Freeing |On node \d+ totalpages|Virtual kernel memory layout)/;
