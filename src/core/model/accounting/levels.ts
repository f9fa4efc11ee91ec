/**
 * Levels 0–3 of the ledger (docs/accounting.md): DRAM and its carve-outs, what memblock
 * gave the kernel and what it reserved at boot, then MemTotal split into kernel, user,
 * unaccounted and free. Every line carries its formula, its input lines and its bucket.
 */
import type { BootMemoryLine } from '../../formats/kmsg/index';
import { type Meminfo, type MeminfoKey, mi, VENDOR_FIELDS } from '../../formats/meminfo/index';
import { m, type Note } from '../../messages/catalogue';
import { bytesToKiB } from '../../units';
import type { BucketId } from '../buckets';
import { evidenceRule, type Physical, type PhysRegion } from '../physical/index';
import type { SourceRef } from '../refs';
import type { Snapshot } from '../snapshot';
import { bootFreed, bootReserved, expectedMemTotal } from './boot';
import type { Accounting, BootSummary, Line } from './types';

/** a reserved group's bucket follows its role */
const groupBucket = (g: PhysRegion): BucketId =>
  g.role === 'kernel-image' ? 'boot-kernel' : g.role === 'memmap' ? 'boot-memmap' : 'boot-other';

/** the meminfo line a key was read from */
export function meminfoRefs(snap: Snapshot): (key: MeminfoKey) => SourceRef[] {
  const info = snap.meminfo;
  return (key) => {
    const f = info?.value.fields.get(key);
    return f && info ? [{ source: info.source, line: f.line }] : [];
  };
}

/** levels 0–1: DRAM, carve-outs, holes, memblock.memory */
export function physicalLines(snap: Snapshot, phys: Physical, lines: Line[]): void {
  lines.push({ id: 'dram', label: m('line.dram'), kib: phys.spanKiB, level: 0, formula: phys.dramFrom, refs: [] });
  if (phys.noMapKiB > 0 || snap.deviceTree)
    lines.push({
      id: 'no-map',
      label: m('line.no-map'),
      kib: phys.noMapKiB,
      level: 1,
      formula: m('formula.no-map'),
      refs: [],
      parent: 'dram',
      bucket: 'no-map',
    });
  if (phys.holesKiB > 0)
    lines.push({
      id: 'holes',
      label: m('line.holes'),
      kib: phys.holesKiB,
      level: 1,
      formula: m('formula.holes'),
      refs: [],
      parent: 'dram',
      bucket: 'hole',
    });
  if (snap.memblock.memory)
    lines.push({
      id: 'memblock-memory',
      label: m('line.memblock-memory'),
      kib: phys.memblockMemoryKiB - phys.memblockNomapKiB,
      level: 1,
      formula: phys.memblockNomapKiB > 0 ? m('formula.memblock-memory-nomap') : m('formula.memblock-memory'),
      refs: [{ source: snap.memblock.memory.source, line: 0 }],
      parent: 'dram',
    });
}

/** level 2: the boot Memory: line, the memblock.reserved groups, CMA, what changed after boot */
export function bootLines(snap: Snapshot, boot: BootMemoryLine, bootSource: string, phys: Physical | null, lines: Line[]): BootSummary {
  const f = boot.fields;
  const out: BootSummary = { form: boot.form, availableKiB: boot.availableKiB, physKiB: boot.physKiB, fields: f };
  if (f.reserved !== undefined) out.reservedKiB = f.reserved;
  if (f['cma-reserved'] !== undefined) out.cmaReservedKiB = f['cma-reserved'];
  if (f.init !== undefined) out.initKiB = f.init;
  const modern = boot.form === 'modern';
  const reserved = bootReserved(boot);
  const cma = f['cma-reserved'] ?? 0;
  const freed = bootFreed(snap, boot);
  if (freed) out.freed = freed;
  const bootRef: SourceRef[] = [{ source: bootSource, line: boot.line }];
  out.expectedMemTotalKiB = expectedMemTotal(boot, freed);
  lines.push({
    id: 'boot-reserved',
    label: m('line.boot-reserved'),
    kib: reserved,
    level: 2,
    formula: !modern
      ? m('formula.boot-reserved-old', { form: boot.form })
      : f.reserved !== undefined
        ? m('formula.boot-reserved')
        : m('formula.boot-reserved-derived'),
    refs: bootRef,
    parent: 'memblock-memory',
    bucket: 'boot-other',
  });
  if (phys && snap.memblock.reserved) {
    const { listed, rest } = largestGroups(phys.reservedGroups);
    for (const g of listed)
      lines.push({
        id: `boot-reserved:${g.start.toString(16)}`,
        label: g.label,
        kib: bytesToKiB(g.end - g.start),
        level: 2,
        formula: evidenceRule(g.evidence),
        refs: [{ source: g.source, line: 0 }],
        parent: 'boot-reserved',
        bucket: groupBucket(g),
      });
    if (rest.length > 0)
      lines.push({
        id: 'boot-reserved:rest',
        label: m('line.boot-reserved-rest', { count: rest.length }),
        kib: bytesToKiB(rest.reduce((s, g) => s + (g.end - g.start), 0n)),
        level: 2,
        formula: m('formula.boot-reserved-rest', { count: rest.length, cap: GROUP_LINES }),
        refs: [{ source: rest[0]?.source ?? '', line: 0 }],
        parent: 'boot-reserved',
        bucket: 'boot-other',
      });
  }
  if (cma > 0)
    lines.push({
      id: 'cma',
      label: m('line.cma'),
      kib: cma,
      level: 2,
      formula: m('formula.cma'),
      refs: bootRef,
      parent: 'memblock-memory',
      bucket: 'cma',
    });
  const memTotal = snap.meminfo ? mi(snap.meminfo.value, 'MemTotal') : undefined;
  if (memTotal !== undefined) {
    const changed = memTotal - out.expectedMemTotalKiB;
    out.changedAfterBootKiB = changed;
    if (changed !== 0)
      lines.push({
        id: 'after-boot',
        label: changed > 0 ? m('line.freed-after-boot') : m('line.reserved-after-boot'),
        kib: changed,
        level: 2,
        formula: m('formula.after-boot', { memTotal, expected: out.expectedMemTotalKiB, form: boot.form, freed: freed?.from ?? 'none' }),
        refs: [...meminfoRefs(snap)('MemTotal'), ...bootRef],
      });
  }
  return out;
}

/** memblock.reserved groups that are ledger lines of their own; smaller ones share one line */
export const GROUP_LINES = 1000;

/**
 * The GROUP_LINES largest groups, in address order, and the rest. A real memblock.reserved
 * has tens of groups; a line for each of 1,000,000 would bury the ledger (and the report).
 */
function largestGroups(groups: readonly PhysRegion[]): { listed: PhysRegion[]; rest: PhysRegion[] } {
  if (groups.length <= GROUP_LINES) return { listed: [...groups], rest: [] };
  const bySize = groups
    .map((g, i) => ({ i, size: g.end - g.start }))
    .sort((a, b) => (a.size > b.size ? -1 : a.size < b.size ? 1 : a.i - b.i));
  const keep = new Set(bySize.slice(0, GROUP_LINES).map((x) => x.i));
  const listed: PhysRegion[] = [];
  const rest: PhysRegion[] = [];
  groups.forEach((g, i) => {
    (keep.has(i) ? listed : rest).push(g);
  });
  return { listed, rest };
}

const KERNEL = ['Slab', 'KernelStack', 'PageTables', 'SecPageTables', 'VmallocUsed', 'Percpu', 'Zswap'] as const;

/**
 * What VmallocUsed counts on the kernel that printed it: before 4.4 the vmalloc address
 * space in use (ioremap of device memory included: not RAM, never added); 4.4–5.2 a
 * constant 0; from 5.3 the pages vmalloc allocated. The release decides when known;
 * otherwise VmallocChunk does (non-zero only before 4.4).
 */
export type VmallocReading = 'address-space' | 'zero' | 'pages' | 'absent';

export function vmallocReading(
  info: Meminfo,
  release: string | undefined,
): { reading: VmallocReading; from: 'release' | 'chunk' | 'size' | 'vendor' | 'value' } {
  const used = mi(info, 'VmallocUsed');
  if (used === undefined) return { reading: 'absent', from: 'value' };
  const chunk = mi(info, 'VmallocChunk') ?? 0;
  const v = release ? /^(\d+)\.(\d+)/.exec(release) : null;
  if (v) {
    const n = Number(v[1]) * 1000 + Number(v[2]);
    if (n < 4004) return { reading: 'address-space', from: 'release' };
    if (n >= 5003 || used === 0) return { reading: used === 0 ? 'zero' : 'pages', from: 'release' };
    // 4.4–5.2 print 0: a value there is a vendor kernel's; VmallocChunk tells which reading it kept
    return { reading: chunk > 0 ? 'address-space' : 'pages', from: 'vendor' };
  }
  if (chunk > 0) return { reading: 'address-space', from: 'chunk' };
  // pages vmalloc allocated cannot exceed MemTotal: more is address space (ioremaps)
  if (used > (mi(info, 'MemTotal') ?? Number.POSITIVE_INFINITY)) return { reading: 'address-space', from: 'size' };
  return { reading: used === 0 ? 'zero' : 'pages', from: 'value' };
}

const USER = ['AnonPages', 'Cached', 'Buffers', 'SwapCached'] as const;
/** the meminfo fields that are lines of their own */
type LedgerField = (typeof KERNEL)[number] | (typeof USER)[number];

const FIELD_BUCKET: Record<LedgerField, BucketId> = {
  Slab: 'slab-unreclaimable',
  KernelStack: 'kernel-stacks',
  PageTables: 'page-tables',
  SecPageTables: 'page-tables',
  VmallocUsed: 'vmalloc',
  Percpu: 'percpu',
  Zswap: 'kernel-other',
  AnonPages: 'anon',
  Cached: 'file-unmapped',
  Buffers: 'buffers',
  SwapCached: 'swap-cache',
};

/** level 3: MemTotal = kernel + user + unaccounted + free, from meminfo */
export function meminfoLines(info: Meminfo, ref: (k: MeminfoKey) => SourceRef[], acc: Accounting, release?: string): void {
  const { lines, notes } = acc;
  const total = mi(info, 'MemTotal');
  const free = mi(info, 'MemFree');
  if (total === undefined || free === undefined) {
    acc.missing.push(m('missing.memtotal-memfree'));
    return;
  }
  acc.memTotalKiB = total;
  acc.freeKiB = free;
  lines.push({
    id: 'MemTotal',
    label: m('line.MemTotal'),
    kib: total,
    level: 3,
    formula: m('formula.meminfo', { key: 'MemTotal' }),
    refs: ref('MemTotal'),
  });
  const vmalloc = vmallocReading(info, release);
  acc.vmalloc = vmalloc.reading;
  const sum = (keys: readonly LedgerField[], group: string) => {
    let s = 0;
    const terms: string[] = [];
    for (const k of keys) {
      const v = mi(info, k);
      if (v === undefined) continue;
      if (k === 'VmallocUsed' && vmalloc.reading === 'address-space') continue;
      s += v;
      terms.push(k);
      lines.push({
        id: k,
        label: m(`line.${k}`),
        kib: v,
        level: 3,
        formula: m('formula.meminfo', { key: k }),
        refs: ref(k),
        parent: group,
        bucket: FIELD_BUCKET[k],
      });
    }
    return { s, terms };
  };
  const kernel = sum(KERNEL, 'kernel');
  // Hugetlb pools: the Hugetlb field (5.x+), else HugePages_Total × Hugepagesize
  const hugetlbField = mi(info, 'Hugetlb');
  const hugetlb = hugetlbField ?? (mi(info, 'HugePages_Total') ?? 0) * (mi(info, 'Hugepagesize') ?? 0);
  if (hugetlb > 0) {
    kernel.s += hugetlb;
    kernel.terms.push(hugetlbField !== undefined ? 'Hugetlb' : 'HugePages_Total×Hugepagesize');
    lines.push({
      id: 'Hugetlb',
      label: m('line.Hugetlb'),
      kib: hugetlb,
      level: 3,
      formula: hugetlbField !== undefined ? m('formula.meminfo', { key: 'Hugetlb' }) : m('formula.hugepages'),
      refs: [...ref('Hugetlb'), ...ref('HugePages_Total'), ...ref('Hugepagesize')],
      parent: 'kernel',
      bucket: 'kernel-other',
    });
  }
  // vendor fields: RAM that no standard field counts
  for (const [key, f] of info.fields) {
    if (!VENDOR_FIELDS.includes(key) || f.unit !== 'kB') continue;
    kernel.s += f.value;
    kernel.terms.push(key);
    lines.push({
      id: `vendor:${key}`,
      label: m('line.vendor', { key }),
      kib: f.value,
      level: 3,
      formula: m('formula.meminfo', { key }),
      refs: [{ source: acc.meminfoSource ?? '', line: f.line }],
      parent: 'kernel',
      bucket: 'vendor',
    });
  }
  const user = sum(USER, 'user');
  // details inside Cached (no effect on the sums)
  const cached = mi(info, 'Cached');
  const mapped = mi(info, 'Mapped');
  const shmem = mi(info, 'Shmem');
  if (cached !== undefined && shmem !== undefined)
    lines.push({
      id: 'Cached:Shmem',
      label: m('line.Cached:Shmem'),
      kib: shmem,
      level: 4,
      formula: m('formula.shmem-in-cached'),
      refs: ref('Shmem'),
      parent: 'Cached',
      bucket: 'shmem',
    });
  if (cached !== undefined && mapped !== undefined) {
    lines.push({
      id: 'Cached:mapped',
      label: m('line.Cached:mapped'),
      kib: mapped,
      level: 4,
      formula: m('formula.mapped-in-cached'),
      refs: ref('Mapped'),
      parent: 'Cached',
      bucket: 'file-mapped',
    });
    lines.push({
      id: 'Cached:unmapped',
      label: m('line.Cached:unmapped'),
      kib: cached - mapped,
      level: 4,
      formula: m('formula.cached-unmapped'),
      refs: [...ref('Cached'), ...ref('Mapped')],
      parent: 'Cached',
      bucket: 'file-unmapped',
    });
  }
  acc.kernelKiB = kernel.s;
  acc.userKiB = user.s;
  lines.push({
    id: 'kernel',
    label: m('line.kernel'),
    kib: kernel.s,
    level: 3,
    formula: m('formula.sum', { terms: kernel.terms }),
    refs: [],
    parent: 'MemTotal',
    bucket: 'slab-unreclaimable',
  });
  lines.push({
    id: 'user',
    label: m('line.user'),
    kib: user.s,
    level: 3,
    formula: m('formula.sum', { terms: user.terms }),
    refs: [],
    parent: 'MemTotal',
    bucket: 'anon',
  });
  const unaccounted = total - free - user.s - kernel.s;
  acc.unaccountedKiB = unaccounted;
  lines.push({
    id: 'unaccounted',
    label: m('line.unaccounted'),
    kib: unaccounted,
    level: 3,
    formula: m('formula.unaccounted', { total, free, user: user.s, kernel: kernel.s }),
    refs: ref('MemTotal'),
    parent: 'MemTotal',
    bucket: 'unaccounted',
  });
  lines.push({
    id: 'MemFree',
    label: m('line.MemFree'),
    kib: free,
    level: 3,
    formula: m('formula.meminfo', { key: 'MemFree' }),
    refs: ref('MemFree'),
    parent: 'MemTotal',
    bucket: 'free',
  });
  const note = (msg: Note) => notes.push(msg);
  if (unaccounted < 0) note(m('note.unaccounted-negative', { kib: unaccounted }));
  if (vmalloc.reading === 'address-space')
    note(m('note.vmalloc-address-space', { kib: mi(info, 'VmallocUsed') ?? 0, from: vmalloc.from, release: release ?? '' }));
  else if (vmalloc.reading === 'zero') note(m('note.vmalloc-zero'));
  else if (vmalloc.reading === 'absent') note(m('note.vmalloc-absent'));
  else if (vmalloc.from === 'value') note(m('note.vmalloc-pages-assumed'));
  else if (vmalloc.from === 'vendor') note(m('note.vmalloc-vendor', { release: release ?? '' }));
  for (const k of ['Slab', 'KernelStack', 'PageTables', 'Percpu', 'AnonPages', 'Cached', 'Buffers'] as const)
    if (mi(info, k) === undefined) note(m('note.field-absent', { key: k }));
}
