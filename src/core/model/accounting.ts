/**
 * Levels 2–4 of SPEC.md's accounting, the "used" formulas of each `free`, and the
 * consistency checks. Every number carries the formula that made it and the input
 * lines it read.
 */
import { mi } from '../parsers/meminfo';
import { fmtKiB } from '../text';
import type { Meminfo, SourceRef } from '../types';
import { type Physical, physical } from './physical';
import { type ProcessSummary, summarizeProcesses } from './processes';
import { kib, pageRound, union } from './ranges';
import type { Snapshot } from './snapshot';

export interface Line {
  id: string;
  label: string;
  kib: number;
  /** accounting level 0–4 */
  level: number;
  formula: string;
  refs: SourceRef[];
  /** id of the line this one is a part of */
  parent?: string;
}

export interface Check {
  id: string;
  label: string;
  left: number;
  right: number;
  delta: number;
  tolerance: number;
  ok: boolean;
  leftFormula: string;
  rightFormula: string;
  /** why the two sides can differ */
  why: string;
}

export interface UsedFormula {
  tool: string;
  formula: string;
  usedKiB: number;
  buffCacheKiB: number;
}

export interface Analysis {
  physical: Physical | null;
  boot: {
    availableKiB: number;
    physKiB: number;
    reservedKiB?: number;
    cmaReservedKiB?: number;
    initKiB?: number;
    fields: Record<string, number>;
    expectedMemTotalKiB?: number;
    changedAfterBootKiB?: number;
  } | null;
  accounting: {
    memTotalKiB: number | null;
    freeKiB: number | null;
    userKiB: number | null;
    kernelKiB: number | null;
    unaccountedKiB: number | null;
    lines: Line[];
    notes: string[];
    missing: string[];
  };
  used: UsedFormula[];
  checks: Check[];
  checksNotRun: { id: string; reason: string }[];
  processes: ProcessSummary[];
}

const USER = ['AnonPages', 'Cached', 'Buffers', 'SwapCached'] as const;
const KERNEL = ['Slab', 'KernelStack', 'PageTables', 'SecPageTables', 'VmallocUsed', 'Percpu', 'Zswap'] as const;

export function analyze(snap: Snapshot): Analysis {
  const phys = physical(snap);
  const lines: Line[] = [];
  const notes: string[] = [...snap.notes];
  const missing: string[] = [...(phys?.missing ?? [])];
  if (!phys)
    missing.push(
      'add the device tree (memory and reserved-memory nodes) or /sys/kernel/debug/memblock/memory to see the DRAM and what firmware and boot took from it',
    );
  const checks: Check[] = [];
  const checksNotRun: { id: string; reason: string }[] = [];
  const m = snap.meminfo?.value;
  const msrc = snap.meminfo?.source ?? '';
  const ref = (key: string): SourceRef[] => {
    const f = m?.fields.get(key);
    return f ? [{ source: msrc, line: f.line }] : [];
  };
  const boot = snap.boot?.value;
  const bsrc = snap.boot?.source ?? '';
  const bootRef: SourceRef[] = boot ? [{ source: bsrc, line: boot.line }] : [];

  // ---------------- levels 0–1
  if (phys) {
    lines.push({ id: 'dram', label: 'DRAM', kib: phys.spanKiB, level: 0, formula: phys.dramFrom, refs: [] });
    if (phys.noMapKiB > 0 || snap.deviceTree)
      lines.push({
        id: 'no-map',
        label: 'firmware carve-outs (no-map)',
        kib: phys.noMapKiB,
        level: 1,
        formula: 'union of no-map regions inside DRAM (device tree, kernel log, NOMAP flags)',
        refs: [],
        parent: 'dram',
      });
    if (phys.holesKiB > 0)
      lines.push({
        id: 'holes',
        label: 'unexplained holes',
        kib: phys.holesKiB,
        level: 1,
        formula: 'DRAM − memblock.memory − no-map',
        refs: [],
        parent: 'dram',
      });
    if (snap.memblock.memory)
      lines.push({
        id: 'memblock-memory',
        label: 'memblock.memory (given to the kernel)',
        kib: phys.memblockMemoryKiB - phys.memblockNomapKiB,
        level: 1,
        formula: phys.memblockNomapKiB > 0 ? 'Σ memblock.memory − NOMAP-flagged ranges' : 'Σ memblock.memory',
        refs: [{ source: snap.memblock.memory.source, line: 0 }],
        parent: 'dram',
      });
  }

  // ---------------- level 2: boot line
  let bootOut: Analysis['boot'] = null;
  if (boot) {
    const f = boot.fields;
    bootOut = { availableKiB: boot.availableKiB, physKiB: boot.physKiB, fields: f };
    if (f.reserved !== undefined) bootOut.reservedKiB = f.reserved;
    if (f['cma-reserved'] !== undefined) bootOut.cmaReservedKiB = f['cma-reserved'];
    if (f.init !== undefined) bootOut.initKiB = f.init;
    const reserved = f.reserved ?? boot.physKiB - boot.availableKiB;
    const cma = f['cma-reserved'] ?? 0;
    const init = f.init ?? 0;
    // reserved = physpages − totalram − totalcma, so physpages − reserved already holds
    // the CMA pages; init pages are freed right after boot
    bootOut.expectedMemTotalKiB = boot.physKiB - reserved + init;
    lines.push({
      id: 'boot-reserved',
      label: 'reserved at boot',
      kib: reserved,
      level: 2,
      formula:
        f.reserved !== undefined
          ? 'Memory: line "reserved" (= physical − totalram − cma)'
          : 'physical − available (Memory: line has no "reserved")',
      refs: bootRef,
      parent: 'memblock-memory',
    });
    if (phys && snap.memblock.reserved) {
      for (const g of phys.reservedGroups)
        lines.push({
          id: `boot-reserved:${g.start.toString(16)}`,
          label: g.name,
          kib: kib(g.end - g.start),
          level: 2,
          formula: g.rule ?? '',
          refs: [{ source: g.source, line: 0 }],
          parent: 'boot-reserved',
        });
    }
    if (cma > 0)
      lines.push({
        id: 'cma',
        label: 'CMA (joins the allocator after boot)',
        kib: cma,
        level: 2,
        formula: 'Memory: line "cma-reserved"',
        refs: bootRef,
        parent: 'memblock-memory',
      });
    const memTotal = m ? mi(m, 'MemTotal') : undefined;
    if (memTotal !== undefined) {
      bootOut.changedAfterBootKiB = memTotal - bootOut.expectedMemTotalKiB;
      if (bootOut.changedAfterBootKiB !== 0)
        lines.push({
          id: 'after-boot',
          label: bootOut.changedAfterBootKiB > 0 ? 'freed after boot (initrd, …)' : 'reserved after boot (drivers, ballooning, …)',
          kib: bootOut.changedAfterBootKiB,
          level: 2,
          formula: `MemTotal − (physical − reserved + init) = ${memTotal} − ${bootOut.expectedMemTotalKiB}`,
          refs: [...ref('MemTotal'), ...bootRef],
        });
    }
  } else
    missing.push(
      'add the boot log line "Memory: …K/…K available (…)" (dmesg | grep Memory:) to split memblock.memory into reserved and MemTotal',
    );

  // ---------------- level 3: meminfo
  const acc: Analysis['accounting'] = {
    memTotalKiB: null,
    freeKiB: null,
    userKiB: null,
    kernelKiB: null,
    unaccountedKiB: null,
    lines,
    notes,
    missing,
  };
  if (m) level3(m, acc, ref, notes);
  else missing.push('add /proc/meminfo to split MemTotal into kernel, user, unaccounted and free');

  // ---------------- used, by tool
  const used = m ? usedFormulas(m) : [];

  // ---------------- checks
  buildChecks(snap, phys, m, checks, checksNotRun);
  const processes = summarizeProcesses(snap.processes);
  processChecks(snap, processes, m, checks, checksNotRun);
  return { physical: phys, boot: bootOut, accounting: acc, used, checks, checksNotRun, processes };
}

function level3(m: Meminfo, acc: Analysis['accounting'], ref: (k: string) => SourceRef[], notes: string[]): void {
  const lines = acc.lines;
  const total = mi(m, 'MemTotal');
  const free = mi(m, 'MemFree');
  if (total === undefined || free === undefined) {
    acc.missing.push('meminfo lacks MemTotal or MemFree: the accounting cannot be made');
    return;
  }
  acc.memTotalKiB = total;
  acc.freeKiB = free;
  lines.push({
    id: 'MemTotal',
    label: 'MemTotal (managed by the page allocator)',
    kib: total,
    level: 3,
    formula: 'meminfo MemTotal',
    refs: ref('MemTotal'),
  });
  const sum = (keys: readonly string[], group: string) => {
    let s = 0;
    const used: string[] = [];
    for (const k of keys) {
      const v = mi(m, k);
      if (v === undefined) continue;
      s += v;
      used.push(k);
      lines.push({ id: k, label: LABELS[k] ?? k, kib: v, level: 3, formula: `meminfo ${k}`, refs: ref(k), parent: group });
    }
    return { s, used };
  };
  const kernel = sum(KERNEL, 'kernel');
  // Hugetlb pools: the Hugetlb field (5.x+), else HugePages_Total × Hugepagesize
  const hugetlb = mi(m, 'Hugetlb') ?? (mi(m, 'HugePages_Total') ?? 0) * (mi(m, 'Hugepagesize') ?? 0);
  if (hugetlb > 0) {
    kernel.s += hugetlb;
    kernel.used.push(mi(m, 'Hugetlb') !== undefined ? 'Hugetlb' : 'HugePages_Total×Hugepagesize');
    lines.push({
      id: 'Hugetlb',
      label: 'hugetlb pools',
      kib: hugetlb,
      level: 3,
      formula: mi(m, 'Hugetlb') !== undefined ? 'meminfo Hugetlb' : 'HugePages_Total × Hugepagesize',
      refs: [...ref('Hugetlb'), ...ref('HugePages_Total'), ...ref('Hugepagesize')],
      parent: 'kernel',
    });
  }
  const user = sum(USER, 'user');
  // details inside Cached (no effect on the sums)
  const cached = mi(m, 'Cached');
  const mapped = mi(m, 'Mapped');
  const shmem = mi(m, 'Shmem');
  if (cached !== undefined && shmem !== undefined)
    lines.push({
      id: 'Cached:Shmem',
      label: 'shared memory (tmpfs, shm)',
      kib: shmem,
      level: 4,
      formula: 'meminfo Shmem (inside Cached)',
      refs: ref('Shmem'),
      parent: 'Cached',
    });
  if (cached !== undefined && mapped !== undefined) {
    lines.push({
      id: 'Cached:mapped',
      label: 'file cache mapped by processes',
      kib: mapped,
      level: 4,
      formula: 'meminfo Mapped (inside Cached; includes mapped shmem)',
      refs: ref('Mapped'),
      parent: 'Cached',
    });
    lines.push({
      id: 'Cached:unmapped',
      label: 'page cache no process maps',
      kib: cached - mapped,
      level: 4,
      formula: 'Cached − Mapped',
      refs: [...ref('Cached'), ...ref('Mapped')],
      parent: 'Cached',
    });
  }
  acc.kernelKiB = kernel.s;
  acc.userKiB = user.s;
  lines.push({
    id: 'kernel',
    label: 'kernel (counted)',
    kib: kernel.s,
    level: 3,
    formula: kernel.used.join(' + '),
    refs: [],
    parent: 'MemTotal',
  });
  lines.push({
    id: 'user',
    label: 'user and page cache',
    kib: user.s,
    level: 3,
    formula: user.used.join(' + '),
    refs: [],
    parent: 'MemTotal',
  });
  const unaccounted = total - free - user.s - kernel.s;
  acc.unaccountedKiB = unaccounted;
  lines.push({
    id: 'unaccounted',
    label: 'unaccounted (alloc_pages by drivers, …)',
    kib: unaccounted,
    level: 3,
    formula: `MemTotal − MemFree − user − kernel = ${total} − ${free} − ${user.s} − ${kernel.s}`,
    refs: ref('MemTotal'),
    parent: 'MemTotal',
  });
  lines.push({ id: 'MemFree', label: 'free', kib: free, level: 3, formula: 'meminfo MemFree', refs: ref('MemFree'), parent: 'MemTotal' });
  if (unaccounted < 0)
    notes.push(`unaccounted is negative (${fmtKiB(unaccounted)} KiB): some memory is counted twice; shown as it is, not clamped to 0`);
  if (mi(m, 'VmallocUsed') === 0)
    notes.push('VmallocUsed is 0: kernels v4.4–v5.2 print a constant 0 there, so vmalloc memory lands in unaccounted');
  if (mi(m, 'VmallocUsed') === undefined) notes.push('meminfo has no VmallocUsed: vmalloc memory lands in unaccounted');
  for (const k of ['Slab', 'KernelStack', 'PageTables', 'Percpu', 'AnonPages', 'Cached', 'Buffers'])
    if (mi(m, k) === undefined) notes.push(`meminfo has no ${k} (older kernel or cut-off paste): it is left out of the sums`);
}

const LABELS: Record<string, string> = {
  Slab: 'slab (SReclaimable + SUnreclaim)',
  KernelStack: 'kernel stacks',
  PageTables: 'page tables',
  SecPageTables: 'secondary page tables',
  VmallocUsed: 'vmalloc',
  Percpu: 'per-cpu',
  Zswap: 'zswap pool',
  AnonPages: 'anonymous (process heaps, stacks)',
  Cached: 'page cache (incl. shmem)',
  Buffers: 'buffers (block device cache)',
  SwapCached: 'swap cache',
};

/** `free`'s "used" by each tool (FORMATS.md §6), all from the same meminfo */
export function usedFormulas(m: Meminfo): UsedFormula[] {
  const total = mi(m, 'MemTotal');
  const free = mi(m, 'MemFree');
  if (total === undefined || free === undefined) return [];
  const buffers = mi(m, 'Buffers') ?? 0;
  const cached = mi(m, 'Cached') ?? 0;
  const srecl = mi(m, 'SReclaimable') ?? 0;
  const slab = mi(m, 'Slab') ?? 0;
  let avail = mi(m, 'MemAvailable') ?? free;
  if (avail > total) avail = free;
  let used4 = total - avail;
  if (used4 < 0) used4 = total - free;
  return [
    { tool: 'procps-ng ≥ 4.0.1', formula: 'MemTotal − MemAvailable', usedKiB: used4, buffCacheKiB: buffers + cached + srecl },
    {
      tool: 'procps-ng 3.3.12–3.3.17',
      formula: 'MemTotal − MemFree − Buffers − Cached − SReclaimable',
      usedKiB: total - free - buffers - cached - srecl,
      buffCacheKiB: buffers + cached + srecl,
    },
    {
      tool: 'procps-ng 3.3.10–3.3.11',
      formula: 'MemTotal − MemFree − Buffers − Cached − Slab',
      usedKiB: total - free - buffers - cached - slab,
      buffCacheKiB: buffers + cached + slab,
    },
    {
      tool: 'busybox (with SReclaimable)',
      formula: 'MemTotal − MemFree − Buffers − Cached − SReclaimable',
      usedKiB: total - free - buffers - cached - srecl,
      buffCacheKiB: buffers + cached + srecl,
    },
    {
      tool: 'busybox (without SReclaimable)',
      formula: 'MemTotal − MemFree − Buffers − Cached',
      usedKiB: total - free - buffers - cached,
      buffCacheKiB: buffers + cached,
    },
    { tool: 'procps ≤ 3.3.9, busybox 2004', formula: 'MemTotal − MemFree', usedKiB: total - free, buffCacheKiB: buffers + cached },
  ];
}

function check(checks: Check[], c: Omit<Check, 'delta' | 'ok'>): void {
  const delta = c.left - c.right;
  checks.push({ ...c, delta, ok: Math.abs(delta) <= c.tolerance });
}

function buildChecks(
  snap: Snapshot,
  phys: Physical | null,
  m: Meminfo | undefined,
  checks: Check[],
  notRun: { id: string; reason: string }[],
): void {
  const need = (id: string, reason: string) => notRun.push({ id, reason });
  if (m) {
    const active = mi(m, 'Active');
    const inactive = mi(m, 'Inactive');
    const anon = mi(m, 'AnonPages');
    const cached = mi(m, 'Cached');
    const buffers = mi(m, 'Buffers');
    if (active !== undefined && inactive !== undefined && anon !== undefined && cached !== undefined && buffers !== undefined) {
      const unev = mi(m, 'Unevictable') ?? 0;
      const swapc = mi(m, 'SwapCached') ?? 0;
      const right = anon + cached + buffers + swapc;
      check(checks, {
        id: 'lru',
        label: 'Active + Inactive + Unevictable = AnonPages + Cached + Buffers + SwapCached',
        left: active + inactive + unev,
        right,
        tolerance: Math.max(1024, Math.round(right * 0.02)),
        leftFormula: 'Active + Inactive + Unevictable',
        rightFormula: 'AnonPages + Cached + Buffers + SwapCached',
        why: 'pages isolated for migration or reclaim and per-CPU LRU batches are on no list for a moment; anonymous pages in the swap cache are counted on both sides',
      });
    } else need('lru', 'meminfo lacks Active, Inactive, AnonPages, Cached or Buffers');
    const slab = mi(m, 'Slab');
    const sr = mi(m, 'SReclaimable');
    const su = mi(m, 'SUnreclaim');
    if (slab !== undefined && sr !== undefined && su !== undefined)
      check(checks, {
        id: 'slab',
        label: 'Slab = SReclaimable + SUnreclaim',
        left: slab,
        right: sr + su,
        tolerance: 0,
        leftFormula: 'Slab',
        rightFormula: 'SReclaimable + SUnreclaim',
        why: 'the kernel prints Slab as exactly this sum; a difference means the paste mixes two moments',
      });
    else need('slab', 'meminfo lacks Slab, SReclaimable or SUnreclaim');
  } else need('meminfo', 'no /proc/meminfo');

  const free = snap.free?.value;
  const memRow = free?.rows.find((r) => r.label === 'Mem');
  const memTotal = m ? mi(m, 'MemTotal') : undefined;
  if (memRow?.values.total !== undefined && memTotal !== undefined)
    check(checks, {
      id: 'free-total',
      label: '`free` total = MemTotal',
      left: memRow.values.total,
      right: memTotal,
      tolerance: Math.ceil(free?.precisionKiB ?? 1),
      leftFormula: '`free` Mem: total',
      rightFormula: 'meminfo MemTotal',
      why: 'both read the same counter (sysinfo totalram or MemTotal); only rounding of -m/-g/-h output differs',
    });
  else if (free || m) need('free-total', free ? 'no /proc/meminfo to compare `free` with' : 'no `free` output');

  const boot = snap.boot?.value;
  if (phys && snap.memblock.memory && boot) {
    check(checks, {
      id: 'memblock-phys',
      label: 'memblock.memory = physical pages of the Memory: line',
      left: phys.memblockMemoryKiB,
      right: boot.physKiB,
      tolerance: 0,
      leftFormula: 'Σ memblock.memory (NOMAP ranges included)',
      rightFormula: 'Memory: line, second number',
      why: 'physpages counts the pages memblock.memory spans; NOMAP-flagged ranges are present pages too (to verify on a ≥ 5.12 kernel)',
    });
  } else need('memblock-phys', 'needs memblock/memory and the Memory: line');
  if (phys && snap.memblock.reserved && boot?.fields.reserved !== undefined) {
    const cma = boot.fields['cma-reserved'] ?? 0;
    const nomapOutsideReserved = phys.memblockNomapKiB;
    check(checks, {
      id: 'memblock-reserved',
      label: 'page-rounded memblock.reserved = reserved of the Memory: line',
      left: phys.memblockReservedKiB - cma + nomapOutsideReserved,
      right: boot.fields.reserved,
      tolerance: 0,
      leftFormula: `page-rounded union of memblock.reserved${cma ? ' − cma-reserved' : ''}${nomapOutsideReserved ? ' + NOMAP-flagged memory' : ''}`,
      rightFormula: 'Memory: line "reserved"',
      why: 'the kernel counts every page a reserved range touches; a dump taken long after boot also shows reservations made later (and memblock.reserved is discarded without CONFIG_ARCH_KEEP_MEMBLOCK)',
    });
  } else need('memblock-reserved', 'needs memblock/reserved and the Memory: line');
  if (phys && phys.start !== null && snap.memblock.memory) {
    const right = phys.memblockMemoryKiB - phys.memblockNomapKiB + phys.noMapKiB;
    check(checks, {
      id: 'span',
      label: 'DRAM = memblock.memory + no-map',
      left: phys.spanKiB,
      right,
      tolerance: 0,
      leftFormula: phys.dramFrom,
      rightFormula: 'Σ memblock.memory (without NOMAP) + Σ no-map',
      why: 'a difference is memory neither the kernel nor the device tree claims: a carve-out missing from the pasted device tree, or a gap between banks',
    });
  } else need('span', 'needs memblock/memory (and the device tree for the carve-outs)');
  if (boot && memTotal !== undefined && boot.fields.init !== undefined) {
    const reserved = boot.fields.reserved ?? boot.physKiB - boot.availableKiB;
    check(checks, {
      id: 'memtotal-boot',
      label: 'MemTotal = physical − reserved + init',
      left: memTotal,
      right: boot.physKiB - reserved + boot.fields.init,
      tolerance: 0,
      leftFormula: 'meminfo MemTotal',
      rightFormula: 'Memory: line physical − reserved + init',
      why: 'init sections and CMA join the allocator after boot; freed initrd adds more, and drivers that reserve pages later (or a balloon) take some away',
    });
  }
  void union;
  void pageRound;
}

function processChecks(
  snap: Snapshot,
  procs: ProcessSummary[],
  m: Meminfo | undefined,
  checks: Check[],
  notRun: { id: string; reason: string }[],
): void {
  const withMaps = snap.processes.filter((p) => p.mappings.length > 0);
  if (withMaps.length > 0) {
    let left = 0;
    let right = 0;
    let bad = 0;
    for (const p of withMaps)
      for (const mp of p.mappings) {
        const k = mp.kib;
        if (k.Rss === undefined) continue;
        const parts = (k.Shared_Clean ?? 0) + (k.Shared_Dirty ?? 0) + (k.Private_Clean ?? 0) + (k.Private_Dirty ?? 0);
        left += k.Rss;
        right += parts;
        if (parts !== k.Rss) bad++;
      }
    check(checks, {
      id: 'smaps-rss',
      label: 'per mapping Rss = Shared_Clean + Shared_Dirty + Private_Clean + Private_Dirty',
      left,
      right,
      tolerance: 0,
      leftFormula: 'Σ Rss over every mapping',
      rightFormula: `Σ (Shared_* + Private_*) over every mapping${bad ? ` (${bad} mappings differ)` : ''}`,
      why: 'the kernel prints Rss as exactly this sum for each mapping; a difference means a damaged or hand-edited paste',
    });
  }
  const anon = m ? mi(m, 'AnonPages') : undefined;
  const mapped = m ? mi(m, 'Mapped') : undefined;
  if (withMaps.length >= 2 && anon !== undefined && mapped !== undefined) {
    const pss = procs.reduce((s, p) => s + p.pssKiB, 0);
    const right = anon + mapped;
    check(checks, {
      id: 'pss',
      label: 'Σ Pss of all processes ≈ AnonPages + Mapped',
      left: Math.round(pss),
      right,
      tolerance: Math.max(2048, Math.round(right * 0.1)),
      leftFormula: `Σ Pss over ${withMaps.length} processes`,
      rightFormula: 'AnonPages + Mapped',
      why: 'processes come and go between reading meminfo and each smaps; anonymous pages can be unmapped (being freed, in the swap cache), kernel threads have no smaps, and Pss is truncated per mapping',
    });
  } else
    notRun.push({
      id: 'pss',
      reason:
        withMaps.length < 2
          ? 'needs the smaps of every process (a full capture); fewer than two were given'
          : 'needs meminfo AnonPages and Mapped',
    });
}
