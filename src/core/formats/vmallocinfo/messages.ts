import { messages } from '../../messages/catalogue';

export default messages(
  {
    'vmallocinfo.too-large': () => 'area size or address too large to be one: the area is left out',
    'vmallocinfo.cut': () => 'area line cut off before its size: left out rather than guessed',
    'vmallocinfo.unknown-word': (p: { word: string }) =>
      `word ${JSON.stringify(p.word)} is not a kind ramledger knows: the area counts under "others"`,
    'note.second-vmallocinfo': (p: { ignored: string; used: string }) => `a second vmallocinfo (${p.ignored}) was not used; ${p.used} was`,
    'fact.vmallocinfo': () => '/proc/vmallocinfo (as root: the file is mode 0400)',
    'fact.vmallocCountsPages': () =>
      'the kernel release, 5.3 or later (/proc/version or the log): only there is VmallocUsed the pages vmalloc allocated; before 4.4 it is address space and 4.4–5.2 print 0',
    'check.vmallocinfo-pages': () => 'Σ pages= of vmalloc areas × page = VmallocUsed',
    'formula.vmallocinfo-pages': (p: { pageKiB: number }) => `Σ pages= of the areas marked vmalloc in vmallocinfo × ${p.pageKiB} KiB`,
    'why.vmallocinfo-pages': () =>
      "from 5.3 VmallocUsed is nr_vmalloc_pages, which __vmalloc_area_node adds each vmalloc area's pages to and vfree takes them from (mm/vmalloc.c); vmallocinfo prints those areas with `pages=N vmalloc`. vmap areas with pages (VM_MAP_PUT_PAGES), ioremaps and unpurged areas are not in the counter and are left out. The sides differ only by areas allocated or freed between reading the two files (a fork allocates a 16 KiB stack). Tolerance: 2 % of VmallocUsed, at least 1 MiB",
  },
  {
    'vmallocinfo.too-large': () => '区域大小或地址过大，不可能是真实值：该区域被略去',
    'vmallocinfo.cut': () => '区域行在大小之前被截断：略去而不是猜测',
    'vmallocinfo.unknown-word': (p) => `词 ${JSON.stringify(p.word)} 不是 ramledger 已知的类型：该区域计入“其他”`,
    'note.second-vmallocinfo': (p) => `第二份 vmallocinfo（${p.ignored}）未使用；使用的是 ${p.used}`,
    'fact.vmallocinfo': () => '/proc/vmallocinfo（需 root：文件权限为 0400）',
    'fact.vmallocCountsPages': () =>
      '内核版本为 5.3 或更高（/proc/version 或内核日志）：只有这些版本的 VmallocUsed 是 vmalloc 分配的页；4.4 之前是地址空间，4.4–5.2 输出 0',
    'check.vmallocinfo-pages': () => 'Σ vmalloc 区域的 pages= × 页大小 = VmallocUsed',
    'formula.vmallocinfo-pages': (p) => `vmallocinfo 中标记为 vmalloc 的区域的 Σ pages= × ${p.pageKiB} KiB`,
    'why.vmallocinfo-pages': () =>
      '从 5.3 起 VmallocUsed 即 nr_vmalloc_pages：__vmalloc_area_node 把每个 vmalloc 区域的页数加入，vfree 时减去（mm/vmalloc.c）；vmallocinfo 以 `pages=N vmalloc` 列出这些区域。带页的 vmap 区域（VM_MAP_PUT_PAGES）、ioremap 和未清除的区域不在该计数中，已排除。两边只会因读取两个文件之间分配或释放的区域而不同（每次 fork 分配 16 KiB 栈）。容差：VmallocUsed 的 2%，至少 1 MiB',
  },
);
