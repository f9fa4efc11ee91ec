/**
 * The drill-down behind meminfo's Slab: the largest caches of /proc/slabinfo, what each
 * holds (total and active), and whether the kernel counts it reclaimable.
 *
 * Memory of a cache = num_slabs × pagesperslab × page size: num_slabs counts every slab
 * the cache holds on its nodes (mm/slub.c `get_slabinfo` sums `node_nr_slabs`, which
 * counts CPU and per-CPU partial slabs too), and each slab is 2^order pages
 * (`pagesperslab`). Active = active_objs × objsize (objsize without SLUB's debug
 * padding, so a little under what those objects occupy).
 */

import { type Meminfo, mi } from '../formats/meminfo/index';
import { type SlabAllocator, type SlabCache, type Slabinfo, slabAllocator } from '../formats/slabinfo/index';
import type { Located } from '../model/snapshot';

/**
 * Reclaimable or not: slabinfo does not print a cache's flags. Names are classed only
 * where the kernel's source fixes the flag: SLAB_RECLAIM_ACCOUNT on dentry (fs/dcache.c),
 * inode_cache (fs/inode.c), proc_inode_cache (fs/proc/inode.c), sock_inode_cache
 * (net/socket.c), radix_tree_node (lib/radix-tree.c), buffer_head (fs/buffer.c) and the
 * kmalloc-rcl-* caches (mm/slab_common.c, KMALLOC_RECLAIM); none on the kmalloc-*,
 * kmalloc-cg-*, dma-kmalloc-* and size-* caches (created with no such flag; a cache only
 * merges with caches of the same flags) or on kmem_cache and kmem_cache_node. Every other
 * name is unknown: `*_inode_cache` is not enough (shmem_inode_cache has no such flag).
 */
export type SlabReclaim = 'reclaimable' | 'unreclaimable' | 'unknown';

const RECLAIMABLE: ReadonlySet<string> = new Set([
  'dentry',
  'dentry_cache',
  'inode_cache',
  'proc_inode_cache',
  'sock_inode_cache',
  'radix_tree_node',
  'buffer_head',
]);
const UNRECLAIMABLE_NAMES: ReadonlySet<string> = new Set(['kmem_cache', 'kmem_cache_node']);
const UNRECLAIMABLE = /^(?:kmalloc-(?:cg-)?\d+k?|dma-kmalloc-\d+k?|kmalloc-dma-\d+k?|size-\d+(?:\(DMA\))?)$/;

export function slabReclaim(name: string): SlabReclaim {
  if (RECLAIMABLE.has(name) || /^kmalloc-rcl-\d+k?$/.test(name)) return 'reclaimable';
  if (UNRECLAIMABLE_NAMES.has(name) || UNRECLAIMABLE.test(name)) return 'unreclaimable';
  return 'unknown';
}

/** page sizes a Linux kernel is built with, smallest first */
const PAGE_KIB = [4, 8, 16, 32, 64, 256] as const;

/**
 * The page size: 4 KiB unless some cache's objects could not fit its slab with 4 KiB
 * pages (objsize × objperslab > pagesperslab × page); then the smallest size that fits
 * them all. On a 64 KiB-page kernel the small kmalloc caches give it away (kmalloc-8
 * holds 8192 objects in one page).
 */
export function slabPage(caches: readonly SlabCache[]): { kib: number; from: 'default' | 'objects'; cache?: string } {
  let need = 0;
  let cache: string | undefined;
  for (const c of caches) {
    if (c.pagesPerSlab <= 0) continue;
    const bytesPerPage = (c.objSize * c.objPerSlab) / c.pagesPerSlab;
    if (bytesPerPage > need) {
      need = bytesPerPage;
      cache = c.name;
    }
  }
  const kib = PAGE_KIB.find((p) => p * 1024 >= need) ?? 256;
  return kib === 4 || cache === undefined ? { kib: 4, from: 'default' } : { kib, from: 'objects', cache };
}

export interface SlabRow {
  name: string;
  activeObjs: number;
  numObjs: number;
  objSize: number;
  /** num_slabs × pagesperslab × page */
  totalKiB: number;
  /** active_objs × objsize */
  activeKiB: number;
  /** of meminfo's Slab, when it was given */
  pctOfSlab: number | null;
  reclaim: SlabReclaim;
  line: number;
}

export interface SlabView {
  source: string;
  version: string | null;
  allocator: SlabAllocator;
  page: { kib: number; from: 'default' | 'objects'; cache?: string };
  caches: number;
  totalKiB: number;
  activeKiB: number;
  /** meminfo's Slab, SReclaimable and SUnreclaim when given */
  slabKiB: number | null;
  sReclaimableKiB: number | null;
  sUnreclaimKiB: number | null;
  /** Σ total of the caches by what their names tell */
  byReclaim: Record<SlabReclaim, number>;
  /** the largest caches by total, largest first */
  top: SlabRow[];
  /** the caches past `top` */
  rest: { count: number; totalKiB: number; activeKiB: number };
}

/** caches listed one by one; the rest are summed */
export const SLAB_ROWS = 25;

export const cacheKiB = (c: SlabCache, pageKiB: number): number => c.numSlabs * c.pagesPerSlab * pageKiB;
const activeKiB = (c: SlabCache): number => (c.activeObjs * c.objSize) / 1024;

/** Σ num_slabs × pagesperslab × page over every cache, and the page size it used */
export function slabTotalKiB(info: Slabinfo): { kib: number; pageKiB: number } {
  const page = slabPage(info.caches);
  return { kib: info.caches.reduce((s, c) => s + cacheKiB(c, page.kib), 0), pageKiB: page.kib };
}

export function slabView(slab: Located<Slabinfo>, meminfo?: Meminfo, rows = SLAB_ROWS): SlabView {
  const caches = slab.value.caches;
  const page = slabPage(caches);
  const slabKiB = meminfo ? (mi(meminfo, 'Slab') ?? null) : null;
  const byReclaim: Record<SlabReclaim, number> = { reclaimable: 0, unreclaimable: 0, unknown: 0 };
  const all = caches.map((c): SlabRow => {
    const totalKiB = cacheKiB(c, page.kib);
    const reclaim = slabReclaim(c.name);
    byReclaim[reclaim] += totalKiB;
    return {
      name: c.name,
      activeObjs: c.activeObjs,
      numObjs: c.numObjs,
      objSize: c.objSize,
      totalKiB,
      activeKiB: activeKiB(c),
      pctOfSlab: slabKiB ? (totalKiB / slabKiB) * 100 : null,
      reclaim,
      line: c.line,
    };
  });
  const sorted = all.slice().sort((a, b) => b.totalKiB - a.totalKiB || b.activeKiB - a.activeKiB || a.line - b.line);
  const rest = sorted.slice(rows);
  return {
    source: slab.source,
    version: slab.value.version,
    allocator: slabAllocator(slab.value),
    page,
    caches: caches.length,
    totalKiB: all.reduce((s, r) => s + r.totalKiB, 0),
    activeKiB: all.reduce((s, r) => s + r.activeKiB, 0),
    slabKiB,
    sReclaimableKiB: meminfo ? (mi(meminfo, 'SReclaimable') ?? null) : null,
    sUnreclaimKiB: meminfo ? (mi(meminfo, 'SUnreclaim') ?? null) : null,
    byReclaim,
    top: sorted.slice(0, rows),
    rest: { count: rest.length, totalKiB: rest.reduce((s, r) => s + r.totalKiB, 0), activeKiB: rest.reduce((s, r) => s + r.activeKiB, 0) },
  };
}
