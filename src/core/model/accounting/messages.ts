import type { BootLineForm } from '../../formats/kmsg/index';
import { type AnyMsg, messages } from '../../messages/catalogue';
import { fmtKiB } from '../../units';
import type { UsedToolId } from './types';

const and = (items: string[], word: string, comma: string) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(comma)}${word}${items[items.length - 1]}`;

/** each tool's "used": field names only, the same in every language */
const USED: Record<UsedToolId, string> = {
  'procps-ng-4': 'MemTotal − MemAvailable',
  'procps-ng-3.3.12': 'MemTotal − MemFree − Buffers − Cached − SReclaimable',
  'procps-ng-3.3.10': 'MemTotal − MemFree − Buffers − Cached − Slab',
  'busybox-srecl': 'MemTotal − MemFree − Buffers − Cached − SReclaimable',
  busybox: 'MemTotal − MemFree − Buffers − Cached',
  'procps-3.3.9': 'MemTotal − MemFree',
};
const usedFormula = (p: { tool: UsedToolId }) => USED[p.tool];

/** Chinese text next to a Latin word gets a space; next to Chinese, none */
const cjk = (a: string, b: string) => (/^[\x20-\x7e]/.test(b) ? `${a} ${b}` : `${a}${b}`);

const VMALLOC_WHY_EN = {
  release: (r: string) => `kernel ${r} is older than 4.4, where`,
  chunk: (_: string) => 'VmallocChunk is not 0, so the kernel is older than 4.4, and there',
  size: (_: string) => 'it is larger than MemTotal, so',
  vendor: (r: string) => `kernel ${r} is a vendor kernel that kept the old reading (VmallocChunk is not 0), where`,
  value: (_: string) => '',
};
const VMALLOC_WHY_ZH = {
  release: (r: string) => `内核 ${r} 早于 4.4，`,
  chunk: (_: string) => 'VmallocChunk 不为 0，说明内核早于 4.4，',
  size: (_: string) => '它大于 MemTotal，因此',
  vendor: (r: string) => `内核 ${r} 是保留旧含义的厂商内核（VmallocChunk 不为 0），`,
  value: (_: string) => '',
};
const FREED_EN = { log: 'Σ "Freeing … memory" after it', init: 'init', none: 'nothing freed' } as const;
const FREED_ZH = { log: '其后 Σ "Freeing … memory"', init: 'init', none: '无释放' } as const;

export default messages(
  {
    // ---- ledger lines
    'line.dram': () => 'DRAM',
    'line.no-map': () => 'firmware carve-outs (no-map)',
    'line.holes': () => 'unexplained holes',
    'line.memblock-memory': () => 'memblock.memory (given to the kernel)',
    'line.boot-reserved': () => 'reserved at boot',
    'line.cma': () => 'CMA (joins the allocator after boot)',
    'line.freed-after-boot': () => 'freed after boot (initrd, …)',
    'line.reserved-after-boot': () => 'reserved after boot (drivers, ballooning, …)',
    'line.MemTotal': () => 'MemTotal (managed by the page allocator)',
    'line.Slab': () => 'slab (SReclaimable + SUnreclaim)',
    'line.KernelStack': () => 'kernel stacks',
    'line.PageTables': () => 'page tables',
    'line.SecPageTables': () => 'secondary page tables',
    'line.VmallocUsed': () => 'vmalloc',
    'line.Percpu': () => 'per-cpu',
    'line.Zswap': () => 'zswap pool',
    'line.vendor': (p: { key: string }) => `${p.key} (vendor field)`,
    'line.Hugetlb': () => 'hugetlb pools',
    'line.AnonPages': () => 'anonymous (process heaps, stacks)',
    'line.Cached': () => 'page cache (incl. shmem)',
    'line.Buffers': () => 'buffers (block device cache)',
    'line.SwapCached': () => 'swap cache',
    'line.Cached:Shmem': () => 'shared memory (tmpfs, shm)',
    'line.Cached:mapped': () => 'file cache mapped by processes',
    'line.Cached:unmapped': () => 'page cache no process maps',
    'line.kernel': () => 'kernel (counted)',
    'line.user': () => 'user and page cache',
    'line.unaccounted': () => 'unaccounted (alloc_pages by drivers, …)',
    'line.MemFree': () => 'free',
    'line.boot-reserved-rest': (p: { count: number }) => `${p.count} smaller boot reservations`,
    // ---- formulas
    'formula.expr': (p: { expr: string }) => p.expr,
    'formula.meminfo': (p: { key: string }) => `meminfo ${p.key}`,
    'formula.sum': (p: { terms: string[] }) => p.terms.join(' + '),
    'formula.no-map': () => 'union of no-map regions inside DRAM (device tree, kernel log, NOMAP flags)',
    'formula.holes': () => 'DRAM − memblock.memory − no-map',
    'formula.memblock-memory': () => 'Σ memblock.memory',
    'formula.memblock-memory-nomap': () => 'Σ memblock.memory − NOMAP-flagged ranges',
    'formula.boot-reserved': () => 'Memory: line "reserved" (= physical − totalram − cma)',
    'formula.boot-reserved-derived': () => 'physical − available (Memory: line has no "reserved")',
    'formula.cma': () => 'Memory: line "cma-reserved"',
    'formula.after-boot': (p: { memTotal: number; expected: number; form: BootLineForm; freed: 'log' | 'init' | 'none' }) =>
      `MemTotal − (${p.form === 'modern' ? 'physical − reserved' : 'available'} + ${FREED_EN[p.freed]}) = ${p.memTotal} − ${p.expected}`,
    'formula.boot-reserved-old': (p: { form: BootLineForm }) =>
      p.form === 'old-arm'
        ? 'Memory: line "reserved" (old ARM: pages marked reserved; both numbers before "available" are free pages)'
        : 'Memory: line "reserved" (2.6-era line: the second number is the span up to the last page frame)',
    'formula.hugepages': () => 'HugePages_Total × Hugepagesize',
    'formula.shmem-in-cached': () => 'meminfo Shmem (inside Cached)',
    'formula.mapped-in-cached': () => 'meminfo Mapped (inside Cached; includes mapped shmem)',
    'formula.cached-unmapped': () => 'Cached − Mapped',
    'formula.unaccounted': (p: { total: number; free: number; user: number; kernel: number }) =>
      `MemTotal − MemFree − user − kernel = ${p.total} − ${p.free} − ${p.user} − ${p.kernel}`,
    'formula.free-total': () => '“free” Mem: total',
    'formula.memblock-memory-all': () => 'Σ memblock.memory (NOMAP ranges included)',
    'formula.boot-phys': () => 'Memory: line, second number',
    'formula.memblock-reserved': (p: { cma: boolean; nomap: boolean }) =>
      `page-rounded union of memblock.reserved${p.cma ? ' − cma-reserved' : ''}${p.nomap ? ' + NOMAP-flagged memory' : ''}`,
    'formula.boot-reserved-field': () => 'Memory: line "reserved"',
    'formula.span-right': () => 'Σ memblock.memory (without NOMAP) + Σ no-map',
    'formula.memtotal-boot': (p: { form: BootLineForm; freed: 'log' | 'init' }) =>
      `Memory: line ${p.form === 'modern' ? 'physical − reserved' : 'available'} + ${FREED_EN[p.freed]}`,
    'formula.smaps-rss-left': () => 'Σ Rss over every mapping',
    'formula.smaps-rss-right': (p: { bad: number }) =>
      `Σ (Shared_* + Private_*) over every mapping${p.bad ? ` (${p.bad === 1 ? '1 mapping differs' : `${p.bad} mappings differ`})` : ''}`,
    'formula.pss-left': (p: { processes: number }) => `Σ Pss over ${p.processes === 1 ? '1 process' : `${p.processes} processes`}`,
    'formula.boot-reserved-rest': (p: { count: number; cap: number }) =>
      `Σ of the ${p.count === 1 ? 'memblock.reserved group' : `${p.count} memblock.reserved groups`} smaller than the ${p.cap} listed one by one`,
    // ---- notes
    'note.second-input': (p: { what: AnyMsg; ignored: string; used: string }, t) =>
      `a second ${t(p.what)} (${p.ignored}) was read but not used: the numbers come from the first one (${p.used})`,
    'input.boot': () => 'Memory: line',
    'input.free': () => '“free” output',
    'input.meminfo': () => '/proc/meminfo',
    'note.unaccounted-negative': (p: { kib: number }) =>
      `unaccounted is negative (${fmtKiB(p.kib)} KiB): some memory is counted twice; shown as it is, not clamped to 0`,
    'note.vmalloc-address-space': (p: { kib: number; from: 'release' | 'chunk' | 'size' | 'vendor' | 'value'; release: string }) =>
      `VmallocUsed (${p.kib} KiB) is left out: ${VMALLOC_WHY_EN[p.from](p.release)} it counts vmalloc address space (device ioremaps included), not RAM; vmalloc memory lands in unaccounted`,
    'note.vmalloc-vendor': (p: { release: string }) =>
      `kernel ${p.release} prints VmallocUsed as 0 in mainline; this vendor kernel prints a value, read as the pages vmalloc allocated since VmallocChunk is 0`,
    'note.vmalloc-pages-assumed': () =>
      'the kernel release is not known: VmallocUsed is read as the pages vmalloc allocated (5.3 and later), since VmallocChunk is 0',
    'note.vmalloc-zero': () => 'VmallocUsed is 0: kernels v4.4–v5.2 print a constant 0 there, so vmalloc memory lands in unaccounted',
    'note.vmalloc-absent': () => 'meminfo has no VmallocUsed: vmalloc memory lands in unaccounted',
    'note.field-absent': (p: { key: string }) => `meminfo has no ${p.key} (older kernel or cut-off paste): it is left out of the sums`,
    // ---- what to add
    'missing.physical': () =>
      'add the device tree (memory and reserved-memory nodes) or /sys/kernel/debug/memblock/memory to see the DRAM and what firmware and boot took from it',
    'missing.boot-line': () =>
      'add the boot log line "Memory: …K/…K available (…)" (dmesg | grep Memory:) to split memblock.memory into reserved and MemTotal',
    'missing.meminfo': () => 'add /proc/meminfo to split MemTotal into kernel, user, unaccounted and free',
    'missing.memtotal-memfree': () => 'meminfo lacks MemTotal or MemFree: the accounting cannot be made',
    // ---- "used" by tool
    'tool.procps-ng-4': () => 'procps-ng ≥ 4.0.1',
    'tool.procps-ng-3.3.12': () => 'procps-ng 3.3.12–3.3.17',
    'tool.procps-ng-3.3.10': () => 'procps-ng 3.3.10–3.3.11',
    'tool.busybox-srecl': () => 'busybox (with SReclaimable)',
    'tool.busybox': () => 'busybox (without SReclaimable)',
    'tool.procps-3.3.9': () => 'procps ≤ 3.3.9, busybox 2004',
    'formula.used': usedFormula,
    // ---- checks
    'check.lru': () => 'Active + Inactive + Unevictable = AnonPages + Cached + Buffers + SwapCached',
    'check.slab': () => 'Slab = SReclaimable + SUnreclaim',
    'check.free-total': () => '“free” total = MemTotal',
    'check.memblock-phys': () => 'memblock.memory = physical pages of the Memory: line',
    'check.memblock-reserved': () => 'page-rounded memblock.reserved = reserved of the Memory: line',
    'check.span': () => 'DRAM = memblock.memory + no-map',
    'check.memtotal-boot': () => 'MemTotal = what the boot line left + what was freed after it',
    'check.smaps-rss': () => 'per mapping Rss = Shared_Clean + Shared_Dirty + Private_Clean + Private_Dirty',
    'check.pss': () => 'Σ Pss of the processes given ≤ AnonPages + Mapped (≈ when every process is given)',
    'why.lru': () =>
      'pages isolated for migration or reclaim and per-CPU LRU batches are on no list for a moment; anonymous pages in the swap cache are counted on both sides',
    'why.slab': () => 'the kernel prints Slab as exactly this sum; a difference means the paste mixes two moments',
    'why.free-total': () => 'both read the same counter (sysinfo totalram or MemTotal); only rounding of -m/-g/-h output differs',
    'why.memblock-phys': () =>
      'physpages counts the pages memblock.memory spans; NOMAP-flagged ranges are present pages too (to verify on a ≥ 5.12 kernel)',
    'why.memblock-reserved': () =>
      'the kernel counts every page a reserved range touches; a dump taken long after boot also shows reservations made later (and memblock.reserved is discarded without CONFIG_ARCH_KEEP_MEMBLOCK)',
    'why.span': () =>
      'a difference is memory neither the kernel nor the device tree claims: a carve-out missing from the pasted device tree, or a gap between banks',
    'why.memtotal-boot': () =>
      'CMA and every "Freeing … memory" after the line join the allocator; memory hot-plug, a balloon driver, or pages freed without a log line (or a log cut before them) make the rest',
    'why.smaps-rss': () => 'the kernel prints Rss as exactly this sum for each mapping; a difference means a damaged or hand-edited paste',
    'why.pss': () =>
      'processes come and go between reading meminfo and each smaps; anonymous pages can be unmapped (being freed, in the swap cache), kernel threads have no smaps, and Pss is truncated per mapping',
    'check.needs': (p: { needs: AnyMsg[] }, t) => `needs ${and(p.needs.map(t), ' and ', ', ')}`,
    'check.inexact': (p: { values: string[] }) =>
      `${p.values.join(', ')} ${p.values.length === 1 ? 'is' : 'are'} not an exact number (too large, or not finite): a check of inexact numbers proves nothing`,
    'fact.meminfo': () => '/proc/meminfo',
    'fact.meminfo-fields': (p: { fields: string[] }) => `meminfo ${p.fields.join(', ')}`,
    'fact.freeTotal': () => '“free” output with a Mem: total',
    'fact.boot': () => 'the Memory: line',
    'fact.bootReserved': () => 'the "reserved" field of the Memory: line',
    'fact.bootFreed': () => 'the "Freeing … memory" lines after the Memory: line, or its "init" field',
    'fact.memTotalSettled': () =>
      'a machine without a balloon driver or memory hot-plug (the log shows one: MemTotal moves after boot by amounts no line gives)',
    'note.pss-partial': (p: { pss: number; right: number; pct: number; processes: number }) =>
      `${p.processes === 1 ? 'the 1 process given holds' : `the ${p.processes} processes given hold`} ${p.pct} % of AnonPages + Mapped (${p.pss} of ${p.right} KiB): a partial capture, or memory mapped by processes not given`,
    'note.boot-inexact': (p: { source: string }) =>
      `the Memory: line in ${p.source} has a number too large to be exact (or what was freed after it does): the line is left out rather than rounded`,
    'note.more-of-kind': (p: { count: number; cap: number; like: AnyMsg }, t) =>
      `${p.count} more notes like "${t(p.like)}" (only the first ${p.cap} of each kind are listed)`,
    'fact.bootModern': () => 'a Memory: line of a 3.x or later kernel (physical pages, reserved)',
    'fact.physical': () => 'the physical layout (device tree, memblock or the boot log)',
    'fact.memblockMemory': () => 'memblock/memory',
    'fact.memblockReserved': () => 'memblock/reserved',
    'fact.smaps': () => 'the smaps of a process',
    'fact.allSmaps': () => 'the smaps or smaps_rollup of every process (a full capture; fewer than two were given)',
    'fact.processes': () => 'per-process totals',
  },
  {
    'line.dram': () => 'DRAM',
    'line.no-map': () => '固件预留 (no-map)',
    'line.holes': () => '无法解释的空洞',
    'line.memblock-memory': () => 'memblock.memory（交给内核）',
    'line.boot-reserved': () => '启动时预留',
    'line.cma': () => 'CMA（启动后并入分配器）',
    'line.freed-after-boot': () => '启动后释放（initrd 等）',
    'line.reserved-after-boot': () => '启动后预留（驱动、气球驱动等）',
    'line.MemTotal': () => 'MemTotal（页分配器管理）',
    'line.Slab': () => 'slab (SReclaimable + SUnreclaim)',
    'line.KernelStack': () => '内核栈',
    'line.PageTables': () => '页表',
    'line.SecPageTables': () => '二级页表',
    'line.VmallocUsed': () => 'vmalloc',
    'line.Percpu': () => 'per-cpu',
    'line.Zswap': () => 'zswap 池',
    'line.vendor': (p) => `${p.key}（厂商字段）`,
    'line.Hugetlb': () => 'hugetlb 大页池',
    'line.AnonPages': () => '匿名页（进程堆、栈）',
    'line.Cached': () => '页缓存（含 shmem）',
    'line.Buffers': () => 'buffers（块设备缓存）',
    'line.SwapCached': () => '交换缓存',
    'line.Cached:Shmem': () => '共享内存 (tmpfs, shm)',
    'line.Cached:mapped': () => '被进程映射的文件缓存',
    'line.Cached:unmapped': () => '未被映射的页缓存',
    'line.kernel': () => '内核（已统计）',
    'line.user': () => '用户态与页缓存',
    'line.unaccounted': () => '未统计（驱动 alloc_pages 等）',
    'line.MemFree': () => '空闲',
    'line.boot-reserved-rest': (p) => `其余 ${p.count} 块较小的启动预留`,
    'formula.expr': (p) => p.expr,
    'formula.meminfo': (p) => `meminfo 的 ${p.key}`,
    'formula.sum': (p) => p.terms.join(' + '),
    'formula.no-map': () => 'DRAM 内所有 no-map 区域的并集（设备树、内核日志、NOMAP 标志）',
    'formula.holes': () => 'DRAM − memblock.memory − no-map',
    'formula.memblock-memory': () => 'Σ memblock.memory',
    'formula.memblock-memory-nomap': () => 'Σ memblock.memory − 带 NOMAP 标志的区间',
    'formula.boot-reserved': () => 'Memory: 行的 "reserved"（= 物理页 − totalram − cma）',
    'formula.boot-reserved-derived': () => '物理页 − 可用（Memory: 行没有 "reserved"）',
    'formula.cma': () => 'Memory: 行的 "cma-reserved"',
    'formula.after-boot': (p) =>
      `MemTotal − (${p.form === 'modern' ? '物理页 − reserved' : '可用'} + ${FREED_ZH[p.freed]}) = ${p.memTotal} − ${p.expected}`,
    'formula.boot-reserved-old': (p) =>
      p.form === 'old-arm'
        ? 'Memory: 行的 "reserved"（旧 ARM：标记为保留的页；"available" 前的两个数都是空闲页）'
        : 'Memory: 行的 "reserved"（2.6 时代的行：第二个数是到最后一个页帧的跨度）',
    'formula.hugepages': () => 'HugePages_Total × Hugepagesize',
    'formula.shmem-in-cached': () => 'meminfo 的 Shmem（包含在 Cached 中）',
    'formula.mapped-in-cached': () => 'meminfo 的 Mapped（包含在 Cached 中；含已映射的 shmem）',
    'formula.cached-unmapped': () => 'Cached − Mapped',
    'formula.unaccounted': (p) => `MemTotal − MemFree − 用户态 − 内核 = ${p.total} − ${p.free} − ${p.user} − ${p.kernel}`,
    'formula.free-total': () => '“free” 的 Mem: total',
    'formula.memblock-memory-all': () => 'Σ memblock.memory（含 NOMAP 区间）',
    'formula.boot-phys': () => 'Memory: 行的第二个数',
    'formula.memblock-reserved': (p) =>
      `memblock.reserved 按页取整后的并集${p.cma ? ' − cma-reserved' : ''}${p.nomap ? ' + 带 NOMAP 标志的内存' : ''}`,
    'formula.boot-reserved-field': () => 'Memory: 行的 "reserved"',
    'formula.span-right': () => 'Σ memblock.memory（不含 NOMAP）+ Σ no-map',
    'formula.memtotal-boot': (p) => `Memory: 行的 ${p.form === 'modern' ? '物理页 − reserved' : '可用'} + ${FREED_ZH[p.freed]}`,
    'formula.smaps-rss-left': () => '所有映射的 Σ Rss',
    'formula.smaps-rss-right': (p) => `所有映射的 Σ (Shared_* + Private_*)${p.bad ? `（${p.bad} 个映射不一致）` : ''}`,
    'formula.pss-left': (p) => `${p.processes} 个进程的 Σ Pss`,
    'formula.boot-reserved-rest': (p) => `逐一列出的 ${p.cap} 块之外、较小的 ${p.count} 个 memblock.reserved 分组之和`,
    'note.second-input': (p, t) => `${cjk('读到了第二份', t(p.what))}（${p.ignored}），但未使用：使用的是第一份（${p.used}）`,
    'input.boot': () => 'Memory: 行',
    'input.free': () => '“free” 输出',
    'input.meminfo': () => '/proc/meminfo',
    'note.unaccounted-negative': (p) => `未统计为负（${fmtKiB(p.kib)} KiB）：有内存被重复统计；按原值显示，不截断为 0`,
    'note.vmalloc-address-space': (p) =>
      `未计入 VmallocUsed（${p.kib} KiB）：${VMALLOC_WHY_ZH[p.from](p.release)}此时它统计的是 vmalloc 地址空间（包括设备 ioremap），不是内存；vmalloc 内存落入未统计`,
    'note.vmalloc-vendor': (p) =>
      `主线内核 ${p.release} 的 VmallocUsed 固定为 0；此厂商内核输出了数值，由于 VmallocChunk 为 0，按 vmalloc 分配的页读取`,
    'note.vmalloc-pages-assumed': () => '内核版本未知：由于 VmallocChunk 为 0，VmallocUsed 按 vmalloc 分配的页（5.3 及以后）读取',
    'note.vmalloc-zero': () => 'VmallocUsed 为 0：v4.4–v5.2 内核在这里固定输出 0，因此 vmalloc 内存落入未统计',
    'note.vmalloc-absent': () => 'meminfo 没有 VmallocUsed：vmalloc 内存落入未统计',
    'note.field-absent': (p) => `meminfo 没有 ${p.key}（内核较旧或粘贴不完整）：求和时不计入`,
    'missing.physical': () =>
      '添加设备树（memory 和 reserved-memory 节点）或 /sys/kernel/debug/memblock/memory，才能看到 DRAM 以及固件和启动占用了多少',
    'missing.boot-line': () =>
      '添加启动日志中的 "Memory: …K/…K available (…)" 行（dmesg | grep Memory:），才能把 memblock.memory 拆成预留和 MemTotal',
    'missing.meminfo': () => '添加 /proc/meminfo，才能把 MemTotal 拆成内核、用户态、未统计和空闲',
    'missing.memtotal-memfree': () => 'meminfo 缺少 MemTotal 或 MemFree：无法进行核算',
    'tool.procps-ng-4': () => 'procps-ng ≥ 4.0.1',
    'tool.procps-ng-3.3.12': () => 'procps-ng 3.3.12–3.3.17',
    'tool.procps-ng-3.3.10': () => 'procps-ng 3.3.10–3.3.11',
    'tool.busybox-srecl': () => 'busybox（含 SReclaimable）',
    'tool.busybox': () => 'busybox（不含 SReclaimable）',
    'tool.procps-3.3.9': () => 'procps ≤ 3.3.9、busybox 2004',
    'formula.used': usedFormula,
    'check.lru': () => 'Active + Inactive + Unevictable = AnonPages + Cached + Buffers + SwapCached',
    'check.slab': () => 'Slab = SReclaimable + SUnreclaim',
    'check.free-total': () => '“free” 的 total = MemTotal',
    'check.memblock-phys': () => 'memblock.memory = Memory: 行的物理页',
    'check.memblock-reserved': () => 'memblock.reserved 按页取整 = Memory: 行的 reserved',
    'check.span': () => 'DRAM = memblock.memory + no-map',
    'check.memtotal-boot': () => 'MemTotal = 启动行剩下的 + 之后释放的',
    'check.smaps-rss': () => '每个映射的 Rss = Shared_Clean + Shared_Dirty + Private_Clean + Private_Dirty',
    'check.pss': () => '所给进程的 Σ Pss ≤ AnonPages + Mapped（给出全部进程时约等于）',
    'why.lru': () => '正在迁移或回收而被隔离的页、每 CPU 的 LRU 批次会短暂不在任何链表上；交换缓存中的匿名页在两边都被计入',
    'why.slab': () => '内核输出的 Slab 恰好就是这个和；不相等说明粘贴内容混合了两个时刻',
    'why.free-total': () => '两者读取同一个计数（sysinfo 的 totalram 或 MemTotal）；只有 -m/-g/-h 输出的取整会造成差异',
    'why.memblock-phys': () => 'physpages 统计 memblock.memory 覆盖的页；带 NOMAP 标志的区间也是存在的页（尚需在 ≥ 5.12 内核上验证）',
    'why.memblock-reserved': () =>
      '内核会把预留区间碰到的每一页都计入；启动很久之后的转储还包含之后的预留（没有 CONFIG_ARCH_KEEP_MEMBLOCK 时 memblock.reserved 会被丢弃）',
    'why.span': () => '差值是内核和设备树都没有认领的内存：粘贴的设备树里缺了某个预留区，或 bank 之间有空隙',
    'why.memtotal-boot': () =>
      'CMA 以及该行之后每条 "Freeing … memory" 都会并入分配器；内存热插拔、气球驱动、或没有日志的释放（或日志被截断）造成其余差异',
    'why.smaps-rss': () => '内核对每个映射输出的 Rss 恰好就是这个和；不相等说明粘贴内容损坏或被手工改过',
    'why.pss': () =>
      '在读取 meminfo 和各个 smaps 之间进程会启动和退出；匿名页可能未被映射（正在释放、在交换缓存中），内核线程没有 smaps，且 Pss 按映射截断',
    'check.needs': (p, t) => cjk('需要', and(p.needs.map(t), ' 和 ', '、')),
    'check.inexact': (p) => `${p.values.join('、')} 不是精确的数值（过大或非有限值）：对不精确的数值做校验没有意义`,
    'fact.meminfo': () => '/proc/meminfo',
    'fact.meminfo-fields': (p) => `meminfo 的 ${p.fields.join('、')}`,
    'fact.freeTotal': () => '带 Mem: total 的 “free” 输出',
    'fact.boot': () => 'Memory: 行',
    'fact.bootReserved': () => 'Memory: 行的 "reserved" 字段',
    'fact.bootFreed': () => 'Memory: 行之后的 "Freeing … memory" 行，或其 "init" 字段',
    'fact.memTotalSettled': () => '没有气球驱动或内存热插拔的机器（日志中有：启动后 MemTotal 的变化没有日志行说明）',
    'note.pss-partial': (p) =>
      `所给的 ${p.processes} 个进程只占 AnonPages + Mapped 的 ${p.pct} %（${p.pss} / ${p.right} KiB）：采集不完整，或有未给出的进程映射了内存`,
    'note.boot-inexact': (p) => `${p.source} 中的 Memory: 行（或其后释放的内存）有数值过大、无法精确表示：该行被略去，而不是取近似值`,
    'note.more-of-kind': (p, t) => `另有 ${p.count} 条与“${t(p.like)}”同类的说明（每类只列出前 ${p.cap} 条）`,
    'fact.bootModern': () => '3.x 及以后内核的 Memory: 行（物理页、reserved）',
    'fact.physical': () => '物理布局（设备树、memblock 或启动日志）',
    'fact.memblockMemory': () => 'memblock/memory',
    'fact.memblockReserved': () => 'memblock/reserved',
    'fact.smaps': () => '某个进程的 smaps',
    'fact.allSmaps': () => '所有进程的 smaps 或 smaps_rollup（完整采集；给出的不足两个）',
    'fact.processes': () => '各进程合计',
  },
);
