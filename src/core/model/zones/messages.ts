import { messages } from '../../messages/catalogue';

/** KiB as MiB with one decimal, for notes */
const mib = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;

export default messages(
  {
    'zones.page-assumed': () =>
      'page size taken as 4 KiB: zoneinfo and buddyinfo count pages but do not print their size (an arm64 kernel with 16 or 64 KiB pages would scale every figure; give a process smaps to read it)',
    'zones.free-vs-high': (p: { memFree: number; high: number; times: number }) =>
      `MemFree (${mib(p.memFree)}) is ${p.times}× the zones' high watermarks together (${mib(p.high)}): kswapd reclaims only when a zone falls below its low watermark`,
    'zones.free-beyond-managed': (p: { memFree: number; managed: number }) =>
      `MemFree (${mib(p.memFree)}) is more than every page the zones manage (${mib(p.managed)}): this kernel counts memory in MemTotal and MemFree before handing it to the zones (struct-page initialisation deferred and still under way, or a vendor change)`,
    'zones.pcp': (p: { kib: number; cpus: number }) =>
      `${mib(p.kib)} sit on the per-cpu free lists of ${p.cpus} CPUs: free, but counted neither in the buddy lists nor in MemFree`,
    'zones.no-types': () => 'no pagetypeinfo: free blocks are not split by migrate type (CMA blocks serve only movable allocations)',
    'zones.free-at-least': () =>
      'pagetypeinfo printed some free lists as >100000 (it stops counting there) and no buddyinfo gave their counts: the free totals are floors',
    'zones.region': (p: {
      node: number;
      zone: string;
      present: number;
      managed: number | null;
      min: number | null;
      low: number | null;
      high: number | null;
    }) =>
      `zone ${p.zone} (node ${p.node}): present ${mib(p.present)}${p.managed === null ? '' : `, managed ${mib(p.managed)}`}${p.high === null ? '' : `; watermarks min ${mib(p.min ?? 0)}, low ${mib(p.low ?? 0)}, high ${mib(p.high)}`}`,
    'lane.zones': () => 'zones',
    'zones.verdict.now': () => 'yes: a free block is there now',
    'zones.verdict.cma-only': () => 'only for movable allocations: the free blocks are in CMA pageblocks',
    'zones.verdict.compaction': () => 'not now: no free block that large, but compaction could make room by moving movable pages',
    'zones.verdict.no': () => 'no: fewer free pages than that',
    'zones.verdict.too-large': () => 'never from the buddy allocator: larger than its largest block (CMA or a reserved region can)',
    'check.zones-managed': () => 'Σ zone managed pages × page size = MemTotal',
    'why.zones-managed': () =>
      'MemTotal is totalram_pages (si_meminfo, mm/show_mem.c), which the kernel moves together with each zone\u2019s managed pages (adjust_managed_page_count): highmem is in both. They differ when the two files were read while memory moved — a balloon driver, memory hot-plug, or struct-page init deferred to after boot — or when the page size is not 4 KiB and was not given',
    'check.buddy-free': () => 'Σ free blocks × 2^order × page size = MemFree',
    'why.buddy-free': () =>
      'MemFree is NR_FREE_PAGES, which the kernel moves with the buddy lists under the zone lock. Pages on the per-cpu lists are in neither; free blocks in isolated pageblocks are in buddyinfo only; per-cpu vmstat deltas (up to the zones\u2019 thresholds × CPUs) and the time between reading the two files make the rest: tolerance is that drift plus 1 % of MemFree',
    'check.buddy-zone-free': () => 'Σ free blocks × 2^order = Σ zoneinfo pages free',
    'why.buddy-zone-free': () =>
      'both count the buddy lists (free_area[].nr_free and the zone\u2019s NR_FREE_PAGES); the zone counter leaves out per-cpu vmstat deltas (up to the zones\u2019 thresholds × CPUs) and free blocks of isolated pageblocks, and the files are read a moment apart',
    'formula.zones-managed': (p: { zones: number; page: number }) => `Σ managed of ${p.zones} zones × ${p.page} KiB`,
    'formula.buddy-free': (p: { zones: number; page: number }) => `Σ over ${p.zones} zones of blocks × 2^order × ${p.page} KiB`,
    'formula.zone-free': (p: { zones: number }) => `Σ pages free of ${p.zones} zones`,
    'fact.zones': () => 'a zoneinfo whose zones print managed pages (3.8+), none cut off',
    'fact.buddy': () => '/proc/buddyinfo or /proc/pagetypeinfo',
    'fact.zoneFree': () => 'a zoneinfo with pages free for every zone, none cut off',
    'fact.zonesHoldFree': () =>
      'zones that hold every free page (MemFree no more than the zones manage), which a kernel that counts memory before handing it to its zones does not have',
  },
  {
    'zones.page-assumed': () =>
      '页大小按 4 KiB 计：zoneinfo 和 buddyinfo 只数页，不给出页大小（16 或 64 KiB 页的 arm64 内核会让所有数字成倍变化；给一个进程的 smaps 即可读出）',
    'zones.free-vs-high': (p) =>
      `MemFree（${mib(p.memFree)}）是各区高水位之和（${mib(p.high)}）的 ${p.times} 倍：只有某区低于低水位时 kswapd 才回收`,
    'zones.free-beyond-managed': (p) =>
      `MemFree（${mib(p.memFree)}）比各区管理的全部页（${mib(p.managed)}）还多：这个内核在把内存交给各区之前就把它计入了 MemTotal 和 MemFree（struct page 初始化被推迟且仍在进行，或是厂商改动）`,
    'zones.pcp': (p) => `${mib(p.kib)} 在 ${p.cpus} 个 CPU 的 per-cpu 空闲链表上：是空闲的，但既不计入伙伴链表也不计入 MemFree`,
    'zones.no-types': () => '没有 pagetypeinfo：空闲块未按迁移类型拆分（CMA 块只服务可移动分配）',
    'zones.free-at-least': () => 'pagetypeinfo 把部分空闲链表输出为 >100000（数到此为止），又没有 buddyinfo 给出实数：空闲总量是下限',
    'zones.region': (p) =>
      `${p.zone} 区（节点 ${p.node}）：present ${mib(p.present)}${p.managed === null ? '' : `，managed ${mib(p.managed)}`}${p.high === null ? '' : `；水位 min ${mib(p.min ?? 0)}、low ${mib(p.low ?? 0)}、high ${mib(p.high)}`}`,
    'lane.zones': () => '内存区',
    'zones.verdict.now': () => '可以：现在就有这么大的空闲块',
    'zones.verdict.cma-only': () => '只限可移动分配：空闲块在 CMA 页块中',
    'zones.verdict.compaction': () => '现在不行：没有这么大的空闲块，但内存规整（移动可移动页）可以腾出来',
    'zones.verdict.no': () => '不行：空闲页总数都不够',
    'zones.verdict.too-large': () => '伙伴分配器永远给不了：比它最大的块还大（CMA 或预留区可以）',
    'check.zones-managed': () => 'Σ 各区 managed 页 × 页大小 = MemTotal',
    'why.zones-managed': () =>
      'MemTotal 就是 totalram_pages（si_meminfo，mm/show_mem.c），内核把它与各区的 managed 页一起调整（adjust_managed_page_count）：高端内存两边都算。两者不同的情形：读两个文件之间内存发生了变化（balloon 驱动、内存热插拔、推迟到启动后的 struct page 初始化），或页大小不是 4 KiB 又没有给出',
    'check.buddy-free': () => 'Σ 空闲块 × 2^阶 × 页大小 = MemFree',
    'why.buddy-free': () =>
      'MemFree 是 NR_FREE_PAGES，内核在 zone 锁内与伙伴链表一起调整它。per-cpu 链表上的页两边都不算；被隔离页块里的空闲块只在 buddyinfo 里；其余差异来自 per-cpu vmstat 增量（最多为各区阈值 × CPU 数）和读两个文件之间的时间：容差为这部分漂移加 MemFree 的 1 %',
    'check.buddy-zone-free': () => 'Σ 空闲块 × 2^阶 = Σ zoneinfo 的 pages free',
    'why.buddy-zone-free': () =>
      '两者都数伙伴链表（free_area[].nr_free 与该区的 NR_FREE_PAGES）；区计数不含 per-cpu vmstat 增量（最多为各区阈值 × CPU 数）和被隔离页块中的空闲块，且两个文件读取时刻略有不同',
    'formula.zones-managed': (p) => `${p.zones} 个区的 managed 之和 × ${p.page} KiB`,
    'formula.buddy-free': (p) => `${p.zones} 个区的 块数 × 2^阶 × ${p.page} KiB 之和`,
    'formula.zone-free': (p) => `${p.zones} 个区的 pages free 之和`,
    'fact.zones': () => '各区都给出 managed 页（3.8+）且未被截断的 zoneinfo',
    'fact.buddy': () => '/proc/buddyinfo 或 /proc/pagetypeinfo',
    'fact.zoneFree': () => '每个区都有 pages free 且未被截断的 zoneinfo',
    'fact.zonesHoldFree': () => '各区包含全部空闲页（MemFree 不超过各区 managed 之和）；先计入内存、后交给各区的内核不满足此条件',
  },
);
