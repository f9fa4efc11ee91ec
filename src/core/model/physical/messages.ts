import { type AnyMsg, messages } from '../../messages/catalogue';
import { fmtKiB } from '../../units';

export default messages(
  {
    'region.dram': () => 'DRAM',
    'region.dt': (p: { name: string; label: string }) => (p.label ? `${p.name} (${p.label})` : p.name),
    'region.named': (p: { name: string }) => p.name,
    'region.firmware-map': (p: { type: string }) => `firmware map: ${p.type}`,
    'dram.firmware-map': (p: { source: string }) => `the firmware's memory map, ranges marked usable (${p.source})`,
    'region.memreserve': () => '/memreserve/',
    'region.cma-log': () => 'cma',
    'region.cma-pool': () => 'CMA pool',
    'region.nomap-flagged': () => 'NOMAP (memblock.memory)',
    'region.memory': (p: { flags: string }) => (p.flags ? `memory ${p.flags}` : 'memory'),
    'region.boot-reservation': () => 'boot reservation',
    'region.noted': (p: { note: string }) => p.note,
    'region.kernel-image': () => 'kernel image',
    'region.memmap': () => 'memmap (struct page array), probably',
    'region.hole': () => 'unexplained hole (in DRAM, not in memblock.memory, no no-map region)',
    'evidence.covers': (p: { kind: string; label: AnyMsg; source: string; line?: number }, t) =>
      `covers the ${p.kind} region ${t(p.label)} (${p.source}${p.line ? `:${p.line}` : ''})`,
    'evidence.note': () => 'the note written after the line in the paste',
    'evidence.kernel-image': (p: { sizeKiB: number; imageKiB: number; parts: number[]; note?: string }) =>
      `size ${fmtKiB(p.sizeKiB)} KiB is the closest to code+rwdata+rodata+init+bss = ${p.parts.join('+')} = ${fmtKiB(p.imageKiB)} KiB of the Memory: line, no smaller and at most 25 % + 2 MiB larger${p.note ? ` (the paste says: ${p.note})` : ''}`,
    'evidence.memmap': (p: { sizeKiB: number; estimateKiB: number; physKiB: number; note?: string }) =>
      `a guess: the largest other boot reservation, ${fmtKiB(p.sizeKiB)} KiB, is 1–4× the ${fmtKiB(p.estimateKiB)} KiB that 64 bytes per 4 KiB page of ${fmtKiB(p.physKiB)} KiB need (sparsemem allocates whole sections)${p.note ? ` (the paste says: ${p.note})` : ''}`,
    'evidence.none': () =>
      'no evidence names it (page tables, per-cpu areas, the unflattened device tree and other early allocations live here)',
    'dram.device-tree': (p: { source: string }) => `device tree memory node (${p.source})`,
    'dram.memblock': (p: { source: string }) => `span of memblock.memory and the no-map regions in its holes (${p.source})`,
    'dram.kernel-log': (p: { source: string }) => `kernel log node ranges (${p.source})`,
    'dram.boot-line': (p: { source: string }) => `boot line physical pages only (${p.source}): no addresses`,
    'dram.kernel-log-banks': (p: { source: string }) =>
      `the old ARM boot line's bank sizes, "Memory: … MB total" (${p.source}): no addresses`,
    'note.dt-disabled': (p: { count: number }) =>
      `${p.count} reserved-memory node${p.count === 1 ? ' is' : 's are'} disabled (status) and left out, as the kernel skips them`,
    'note.dt-unplaced': (p: { count: number; kib: number }) =>
      `${p.count} dynamic region${p.count === 1 ? '' : 's'} (size without reg, ${fmtKiB(p.kib)} KiB) placed at boot at an address no input gives: add the kernel log's "OF: reserved mem" lines to place ${p.count === 1 ? 'it' : 'them'}`,
    'note.dt-bank-size-zero': (p: { count: number }) =>
      `the device tree's memory node has size 0 (${p.count} bank${p.count === 1 ? '' : 's'}): the bootloader fills it in, so DRAM is unknown from the tree and is taken from the other inputs`,
    'note.dram-gaps': (p: { count: number; gaps: string }) =>
      `memblock.memory has ${p.count} gap${p.count === 1 ? '' : 's'} larger than 1 GiB that no no-map region explains (${p.gaps}): read as space between banks, not DRAM; add the device tree's memory node to be sure`,
    'note.outside-dram': (p: { count: number }) =>
      `${p.count} region${p.count === 1 ? ' lies' : 's lie'} outside every DRAM bank (SRAM, or a bank the inputs do not describe): not counted in DRAM`,
    'dram.none': (_: { source: string }) => '',
    'missing.dram-size-zero': () =>
      "the device tree's memory node has size 0 (the bootloader fills it in): add /sys/kernel/debug/memblock/memory, the kernel log's node ranges, or /sys/firmware/fdt (the tree as booted) to place DRAM",
    'note.reservation-failed': (p: { name: string; line: number }) =>
      `the kernel log says reserved-memory node ${p.name} could not be reserved (line ${p.line}): that memory is not held for it`,
    'note.cma-failed': (p: { kib: number; line: number }) =>
      `the kernel log says a CMA area of ${fmtKiB(p.kib)} KiB could not be reserved (line ${p.line})`,
    'missing.dram-layout': () => 'add the device tree (memory node) or /sys/kernel/debug/memblock/memory to place DRAM on the address map',
    'missing.memblock-memory': () => 'add /sys/kernel/debug/memblock/memory to see what the kernel was given',
    'missing.memblock-reserved': (p: { reservedKiB: number | null }) =>
      `add /sys/kernel/debug/memblock/reserved to split${p.reservedKiB !== null ? ` the ${fmtKiB(p.reservedKiB)} KiB` : ' the'} boot reservation`,
    'missing.device-tree': () => 'add the device tree (reserved-memory node) to name the carve-outs',
  },
  {
    'region.dram': () => 'DRAM',
    'region.dt': (p) => (p.label ? `${p.name} (${p.label})` : p.name),
    'region.named': (p) => p.name,
    'region.firmware-map': (p) => `固件内存表：${p.type}`,
    'dram.firmware-map': (p) => `固件内存表中标为 usable 的范围（${p.source}）`,
    'region.memreserve': () => '/memreserve/',
    'region.cma-log': () => 'cma',
    'region.cma-pool': () => 'CMA 内存池',
    'region.nomap-flagged': () => 'NOMAP（memblock.memory）',
    'region.memory': (p) => (p.flags ? `memory ${p.flags}` : 'memory'),
    'region.boot-reservation': () => '启动预留',
    'region.noted': (p) => p.note,
    'region.kernel-image': () => '内核镜像',
    'region.memmap': () => 'memmap（struct page 数组），推测',
    'region.hole': () => '无法解释的空洞（在 DRAM 内，不在 memblock.memory 中，也没有 no-map 区域）',
    'evidence.covers': (p, t) => `覆盖了 ${p.kind} 区域 ${t(p.label)}（${p.source}${p.line ? `:${p.line}` : ''}）`,
    'evidence.note': () => '依据粘贴内容中写在该行后面的备注',
    'evidence.kernel-image': (p) =>
      `大小 ${fmtKiB(p.sizeKiB)} KiB 最接近 Memory: 行的 code+rwdata+rodata+init+bss = ${p.parts.join('+')} = ${fmtKiB(p.imageKiB)} KiB，不小于它且最多大 25 % + 2 MiB${p.note ? `（粘贴内容写的是：${p.note}）` : ''}`,
    'evidence.memmap': (p) =>
      `推测：其余启动预留中最大的一块 ${fmtKiB(p.sizeKiB)} KiB，是 ${fmtKiB(p.physKiB)} KiB 内存按每 4 KiB 页 64 字节所需 ${fmtKiB(p.estimateKiB)} KiB 的 1–4 倍（sparsemem 按整个 section 分配）${p.note ? `（粘贴内容写的是：${p.note}）` : ''}`,
    'evidence.none': () => '没有证据能说明它是什么（页表、per-cpu 区域、展开后的设备树等早期分配都在这里）',
    'dram.device-tree': (p) => `设备树 memory 节点（${p.source}）`,
    'dram.memblock': (p) => `memblock.memory 及其空洞中 no-map 区域的跨度（${p.source}）`,
    'dram.kernel-log': (p) => `内核日志中的节点范围（${p.source}）`,
    'dram.kernel-log-banks': (p) => `旧 ARM 启动行中的 bank 大小 "Memory: … MB total"（${p.source}）：没有地址`,
    'note.dt-disabled': (p) => `${p.count} 个 reserved-memory 节点被禁用（status），已按内核的做法略过`,
    'note.dt-unplaced': (p) =>
      `${p.count} 个动态区域（只有 size 没有 reg，共 ${fmtKiB(p.kib)} KiB）在启动时被放置，但没有输入给出地址：加入内核日志中的 "OF: reserved mem" 行即可定位`,
    'note.dt-bank-size-zero': (p) =>
      `设备树 memory 节点的大小为 0（${p.count} 个 bank）：由 bootloader 填写，因此无法从设备树得知 DRAM，改用其他输入`,
    'note.dram-gaps': (p) =>
      `memblock.memory 中有 ${p.count} 个大于 1 GiB 且没有 no-map 区域解释的空隙（${p.gaps}）：视为 bank 之间的空间，而非 DRAM；加入设备树的 memory 节点以确认`,
    'note.outside-dram': (p) => `${p.count} 个区域位于所有 DRAM bank 之外（SRAM，或输入未描述的 bank）：不计入 DRAM`,
    'dram.boot-line': (p) => `只有启动行的物理页数（${p.source}）：没有地址`,
    'dram.none': () => '',
    'missing.dram-size-zero': () =>
      '设备树 memory 节点的大小为 0（由 bootloader 填写）：加入 /sys/kernel/debug/memblock/memory、内核日志的 node ranges，或 /sys/firmware/fdt（实际启动用的设备树）以定位 DRAM',
    'note.reservation-failed': (p) => `内核日志表明 reserved-memory 节点 ${p.name} 预留失败（第 ${p.line} 行）：这段内存没有为它保留`,
    'note.cma-failed': (p) => `内核日志表明 ${fmtKiB(p.kib)} KiB 的 CMA 区域预留失败（第 ${p.line} 行）`,
    'missing.dram-layout': () => '添加设备树（memory 节点）或 /sys/kernel/debug/memblock/memory，才能把 DRAM 画到地址图上',
    'missing.memblock-memory': () => '添加 /sys/kernel/debug/memblock/memory，才能看到内核拿到了哪些内存',
    'missing.memblock-reserved': (p) =>
      `添加 /sys/kernel/debug/memblock/reserved，才能拆分${p.reservedKiB !== null ? ` ${fmtKiB(p.reservedKiB)} KiB 的` : ''}启动预留`,
    'missing.device-tree': () => '添加设备树（reserved-memory 节点），才能给固件预留区命名',
  },
);
