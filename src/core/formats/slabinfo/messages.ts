import { messages } from '../../messages/catalogue';

export default messages(
  {
    'slabinfo.version': (p: { version: string }) =>
      `slabinfo version ${p.version} is not read (ramledger reads 2.0 and 2.1, kernels 2.6 and later): its cache lines are listed, not used`,
    'slabinfo.unsupported-line': (p: { version: string }) => `cache line of slabinfo ${p.version}, not read`,
    'slabinfo.too-large': (p: { name: string }) => `cache ${p.name}: a count too large to be exact; the cache is left out`,
    'slabinfo.tail': (p: { text: string }) => `text after the slabdata kept out: ${JSON.stringify(p.text)}`,
    'slabinfo.cut': () => 'cache line cut off before its slabdata: left out rather than guessed',
    'note.second-slabinfo': (p: { ignored: string; used: string }) => `a second slabinfo (${p.ignored}) was not used; ${p.used} was`,
    'fact.slabinfo': () => '/proc/slabinfo (as root: the file is mode 0400)',
    'check.slabinfo-sum': () => 'Σ slabinfo caches (num_slabs × pagesperslab × page) ≈ Slab',
    'formula.slabinfo-sum': (p: { caches: number; pageKiB: number }) =>
      `Σ num_slabs × pagesperslab × ${p.pageKiB} KiB over the ${p.caches} caches of slabinfo`,
    'why.slabinfo-sum': () =>
      "Slab is the pages of every slab (NR_SLAB_RECLAIMABLE_B + NR_SLAB_UNRECLAIMABLE_B, added per slab as it is allocated); slabinfo lists the same slabs cache by cache: num_slabs counts all of a cache's slabs on every node, per-CPU and per-CPU partial slabs included (mm/slub.c get_slabinfo), and a merged cache is one kmem_cache listed once under its first name, so nothing is counted twice or left out (kmalloc-cg-* are caches of their own and listed; before 5.9 a root cache's line adds its memcg children). The sides differ by: kmalloc() of more than two pages, which SLUB takes from the page allocator and 5.7+ counts in Slab but no cache shows; slabs allocated or freed between reading the two files; and a wrong page size (4 KiB unless the caches' objects need more). Tolerance: 5 % of Slab, at least 1 MiB",
  },
  {
    'slabinfo.version': (p) =>
      `slabinfo 版本 ${p.version} 不读取（ramledger 读取 2.0 和 2.1，即 2.6 及以后的内核）：其缓存行只列出、不使用`,
    'slabinfo.unsupported-line': (p) => `slabinfo ${p.version} 的缓存行，未读取`,
    'slabinfo.too-large': (p) => `缓存 ${p.name}：计数过大，无法精确表示；该缓存被略去`,
    'slabinfo.tail': (p) => `slabdata 之后的文字未使用：${JSON.stringify(p.text)}`,
    'slabinfo.cut': () => '缓存行在 slabdata 之前被截断：略去而不是猜测',
    'note.second-slabinfo': (p) => `第二份 slabinfo（${p.ignored}）未使用；使用的是 ${p.used}`,
    'fact.slabinfo': () => '/proc/slabinfo（需 root：文件权限为 0400）',
    'check.slabinfo-sum': () => 'Σ slabinfo 各缓存（num_slabs × pagesperslab × 页大小）≈ Slab',
    'formula.slabinfo-sum': (p) => `slabinfo 中 ${p.caches} 个缓存的 Σ num_slabs × pagesperslab × ${p.pageKiB} KiB`,
    'why.slabinfo-sum': () =>
      'Slab 是所有 slab 占用的页（NR_SLAB_RECLAIMABLE_B + NR_SLAB_UNRECLAIMABLE_B，每个 slab 分配时计入）；slabinfo 按缓存列出同样的 slab：num_slabs 统计缓存在各节点上的全部 slab，包括每 CPU slab 和每 CPU partial slab（mm/slub.c get_slabinfo），合并的缓存是同一个 kmem_cache，只以第一个名字列出一次，因此既不重复也不遗漏（kmalloc-cg-* 是独立的缓存，会列出；5.9 之前根缓存的行包含其 memcg 子缓存）。两边的差异来自：超过两页的 kmalloc()，SLUB 直接从页分配器获取，5.7 起计入 Slab 但不属于任何缓存；读取两个文件之间新分配或释放的 slab；以及页大小判断错误（默认 4 KiB，除非缓存中的对象需要更大的页）。容差：Slab 的 5%，至少 1 MiB',
  },
);
