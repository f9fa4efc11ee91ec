/**
 * What the page's views draw, computed from the model: the stacked DRAM bar (levels
 * 0–3 as segments that add up to 100 %), mappings grouped by kind, and the files table
 * (librank). Pure functions, shared by the Web Worker and the tests.
 */
import { mi } from '../parsers/meminfo';
import type { Mapping, SourceRef } from '../types';
import type { Analysis, Line } from './accounting';
import type { Physical, PhysRegion } from './physical';
import { type MappingKind, mappingKind } from './processes';
import type { Snapshot } from './snapshot';

/** One colour per accounting bucket, in every chart, map and table (DESIGN.md). */
export type Bucket =
  | 'no-map'
  | 'hole'
  | 'boot-kernel'
  | 'boot-memmap'
  | 'boot-other'
  | 'cma'
  | 'slab-unreclaimable'
  | 'slab-reclaimable'
  | 'vmalloc'
  | 'page-tables'
  | 'kernel-stacks'
  | 'percpu'
  | 'kernel-other'
  | 'anon'
  | 'shmem'
  | 'file-mapped'
  | 'file-unmapped'
  | 'buffers'
  | 'swap-cache'
  | 'managed'
  | 'unaccounted'
  | 'free';

export type Family = 'firmware' | 'boot' | 'kernel' | 'user' | 'unaccounted' | 'free' | 'other';

export const BUCKET_FAMILY: Record<Bucket, Family> = {
  'no-map': 'firmware',
  hole: 'other',
  'boot-kernel': 'boot',
  'boot-memmap': 'boot',
  'boot-other': 'boot',
  cma: 'boot',
  'slab-unreclaimable': 'kernel',
  'slab-reclaimable': 'kernel',
  vmalloc: 'kernel',
  'page-tables': 'kernel',
  'kernel-stacks': 'kernel',
  percpu: 'kernel',
  'kernel-other': 'kernel',
  anon: 'user',
  shmem: 'user',
  'file-mapped': 'user',
  'file-unmapped': 'user',
  buffers: 'user',
  'swap-cache': 'user',
  managed: 'other',
  unaccounted: 'unaccounted',
  free: 'free',
};

export interface BarSegment {
  id: string;
  bucket: Bucket;
  label: string;
  /** may be negative (unaccounted when something is counted twice): never clamped */
  kib: number;
  formula: string;
  refs: SourceRef[];
}

export interface Breakdown {
  /** what 100 % of the bar is */
  basis: 'dram' | 'memtotal';
  totalKiB: number;
  segments: BarSegment[];
  /** Σ segments − total: 0 when the bar closes; otherwise said in `notes` */
  residualKiB: number;
  notes: string[];
}

const lineOf = (a: Analysis, id: string): Line | undefined => a.accounting.lines.find((l) => l.id === id);

/**
 * The stacked bar. With the physical layout known, 100 % is DRAM: carve-outs, holes,
 * what stayed reserved since boot, then MemTotal split into kernel, user, unaccounted
 * and free. Without it, 100 % is MemTotal.
 */
export function breakdown(snap: Snapshot, a: Analysis): Breakdown {
  const segs: BarSegment[] = [];
  const notes: string[] = [];
  const m = snap.meminfo?.value;
  const msrc = snap.meminfo?.source ?? '';
  const ref = (k: string): SourceRef[] => {
    const f = m?.fields.get(k);
    return f ? [{ source: msrc, line: f.line }] : [];
  };
  const phys = a.physical;
  const memTotal = a.accounting.memTotalKiB;
  const basis: Breakdown['basis'] = phys && phys.spanKiB > 0 ? 'dram' : 'memtotal';
  const total = basis === 'dram' && phys ? phys.spanKiB : (memTotal ?? 0);

  if (basis === 'dram' && phys) {
    if (phys.noMapKiB > 0)
      segs.push({
        id: 'no-map',
        bucket: 'no-map',
        label: 'firmware carve-outs (no-map)',
        kib: phys.noMapKiB,
        ...from(lineOf(a, 'no-map')),
      });
    if (phys.holesKiB > 0)
      segs.push({ id: 'holes', bucket: 'hole', label: 'unexplained holes', kib: phys.holesKiB, ...from(lineOf(a, 'holes')) });
    const given = phys.memblockMemoryKiB - phys.memblockNomapKiB;
    if (memTotal !== null && given > 0) {
      // what the page allocator never got: memblock.memory − MemTotal
      const held = given - memTotal;
      const heldFormula = `memblock.memory − MemTotal = ${given} − ${memTotal}`;
      const groups = a.accounting.lines.filter((l) => l.parent === 'boot-reserved');
      const groupSum = groups.reduce((s, g) => s + g.kib, 0);
      const init = a.boot?.initKiB ?? 0;
      if (groups.length > 0 && Math.abs(groupSum - init - held) <= 4) {
        // the memblock.reserved groups still include the init sections freed after boot
        let initLeft = init;
        for (const g of groups) {
          const bucket: Bucket = g.label === 'kernel image' ? 'boot-kernel' : g.label.startsWith('memmap') ? 'boot-memmap' : 'boot-other';
          let k = g.kib;
          let formula = g.formula;
          if (bucket === 'boot-kernel' && initLeft > 0 && k > initLeft) {
            k -= initLeft;
            formula = `${g.kib} KiB reserved at boot − ${initLeft} KiB init freed after boot; ${g.formula}`;
            initLeft = 0;
          }
          segs.push({ id: g.id, bucket, label: g.label, kib: k, formula, refs: g.refs });
        }
        if (initLeft > 0)
          segs.push({
            id: 'init-freed',
            bucket: 'boot-other',
            label: 'init sections freed after boot',
            kib: -initLeft,
            formula: 'Memory: line "init"',
            refs: [],
          });
        const d = held - (groupSum - init);
        if (d !== 0)
          segs.push({
            id: 'boot-rounding',
            bucket: 'boot-other',
            label: 'boot reservations, rounding',
            kib: d,
            formula: heldFormula,
            refs: [],
          });
      } else {
        segs.push({
          id: 'boot-held',
          bucket: 'boot-other',
          label: 'reserved at boot, never given to the allocator',
          kib: held,
          formula: heldFormula,
          refs: [],
        });
        if (groups.length > 0)
          notes.push(
            `the memblock.reserved groups add up to ${groupSum} KiB, not ${held} KiB (memblock.memory − MemTotal${init ? ` + init ${init}` : ''}): shown as one segment`,
          );
        else if (!snap.memblock.reserved)
          notes.push('add memblock/reserved to split the boot reservation into kernel image, memmap and the rest');
      }
    } else if (given > 0) {
      segs.push({
        id: 'managed',
        bucket: 'managed',
        label: 'given to the kernel (add /proc/meminfo to split)',
        kib: given,
        formula: 'memblock.memory',
        refs: [],
      });
    }
  }
  if (m && memTotal !== null) {
    const add = (id: string, bucket: Bucket, label: string, key: string, kib = mi(m, key)) => {
      if (kib === undefined) return;
      segs.push({ id, bucket, label, kib, formula: `meminfo ${key}`, refs: ref(key) });
    };
    const srec = mi(m, 'SReclaimable');
    const sunr = mi(m, 'SUnreclaim');
    if (srec !== undefined && sunr !== undefined) {
      add('SUnreclaim', 'slab-unreclaimable', 'slab, unreclaimable', 'SUnreclaim');
      add('SReclaimable', 'slab-reclaimable', 'slab, reclaimable', 'SReclaimable');
    } else add('Slab', 'slab-unreclaimable', 'slab', 'Slab');
    add('VmallocUsed', 'vmalloc', 'vmalloc', 'VmallocUsed');
    add('PageTables', 'page-tables', 'page tables', 'PageTables');
    add('SecPageTables', 'page-tables', 'secondary page tables', 'SecPageTables');
    add('KernelStack', 'kernel-stacks', 'kernel stacks', 'KernelStack');
    add('Percpu', 'percpu', 'per-cpu', 'Percpu');
    add('Zswap', 'kernel-other', 'zswap pool', 'Zswap');
    const huge = lineOf(a, 'Hugetlb');
    if (huge)
      segs.push({ id: 'Hugetlb', bucket: 'kernel-other', label: 'hugetlb pools', kib: huge.kib, formula: huge.formula, refs: huge.refs });
    add('AnonPages', 'anon', 'anonymous', 'AnonPages');
    const cached = mi(m, 'Cached');
    const shmem = mi(m, 'Shmem');
    const mapped = mi(m, 'Mapped');
    if (cached !== undefined) {
      if (shmem !== undefined && mapped !== undefined) {
        // Mapped includes mapped shmem; split Cached into three parts that add up
        const fileMapped = Math.max(0, mapped - shmem);
        segs.push({
          id: 'Shmem',
          bucket: 'shmem',
          label: 'shared memory (tmpfs, shm)',
          kib: shmem,
          formula: 'meminfo Shmem',
          refs: ref('Shmem'),
        });
        segs.push({
          id: 'file-mapped',
          bucket: 'file-mapped',
          label: 'file cache, mapped',
          kib: fileMapped,
          formula: mapped >= shmem ? 'Mapped − Shmem (Mapped counts mapped shmem too)' : 'Mapped < Shmem: taken as 0',
          refs: [...ref('Mapped'), ...ref('Shmem')],
        });
        segs.push({
          id: 'file-unmapped',
          bucket: 'file-unmapped',
          label: 'file cache, not mapped',
          kib: cached - shmem - fileMapped,
          formula: 'Cached − Shmem − file cache mapped',
          refs: [...ref('Cached'), ...ref('Shmem'), ...ref('Mapped')],
        });
      } else add('Cached', 'file-unmapped', 'page cache', 'Cached');
    }
    add('Buffers', 'buffers', 'buffers', 'Buffers');
    add('SwapCached', 'swap-cache', 'swap cache', 'SwapCached');
    const un = lineOf(a, 'unaccounted');
    if (un) segs.push({ id: 'unaccounted', bucket: 'unaccounted', label: 'unaccounted', kib: un.kib, formula: un.formula, refs: un.refs });
    const free = lineOf(a, 'MemFree');
    if (free) segs.push({ id: 'MemFree', bucket: 'free', label: 'free', kib: free.kib, formula: free.formula, refs: free.refs });
  } else if (basis === 'memtotal') {
    notes.push('add /proc/meminfo (or the device tree and memblock dumps) to draw the breakdown');
  }
  const nonZero = segs.filter((s) => s.kib !== 0);
  const sum = nonZero.reduce((s, x) => s + x.kib, 0);
  const residual = total > 0 ? sum - total : 0;
  if (residual !== 0 && total > 0)
    notes.push(
      `the segments add up to ${sum} KiB, ${Math.abs(residual)} KiB ${residual > 0 ? 'more' : 'less'} than ${basis === 'dram' ? 'DRAM' : 'MemTotal'} (${total} KiB)`,
    );
  return { basis, totalKiB: total, segments: nonZero, residualKiB: residual, notes };
}

function from(l: Line | undefined): { formula: string; refs: SourceRef[] } {
  return { formula: l?.formula ?? '', refs: l?.refs ?? [] };
}

// ------------------------------------------------------------------ processes

export const KINDS: MappingKind[] = ['heap', 'stack', 'anonymous', 'file code', 'file data', 'shared memory', 'other'];

export type KindTotals = Record<MappingKind, number>;

export const emptyKinds = (): KindTotals => ({
  heap: 0,
  stack: 0,
  anonymous: 0,
  'file code': 0,
  'file data': 0,
  'shared memory': 0,
  other: 0,
});

/** PSS of one process's mappings by kind */
export function pssByKind(maps: readonly Mapping[]): KindTotals {
  const t = emptyKinds();
  for (const m of maps) t[mappingKind(m)] += m.kib.Pss ?? 0;
  return t;
}

export interface MappingRow {
  start: bigint;
  end: bigint;
  perms: string;
  path: string;
  sizeKiB: number;
  rssKiB: number;
  pssKiB: number;
  ussKiB: number;
  swapKiB: number;
  line: number;
}

export interface MappingGroup {
  kind: MappingKind;
  pssKiB: number;
  rssKiB: number;
  ussKiB: number;
  swapKiB: number;
  rows: MappingRow[];
}

/** A process's mappings grouped by kind, each group largest PSS first */
export function groupMappings(maps: readonly Mapping[]): MappingGroup[] {
  const groups = new Map<MappingKind, MappingGroup>();
  for (const m of maps) {
    const kind = mappingKind(m);
    let g = groups.get(kind);
    if (!g) {
      g = { kind, pssKiB: 0, rssKiB: 0, ussKiB: 0, swapKiB: 0, rows: [] };
      groups.set(kind, g);
    }
    const k = m.kib;
    const row: MappingRow = {
      start: m.start,
      end: m.end,
      perms: m.perms,
      path: m.path,
      sizeKiB: k.Size ?? 0,
      rssKiB: k.Rss ?? 0,
      pssKiB: k.Pss ?? 0,
      ussKiB: (k.Private_Clean ?? 0) + (k.Private_Dirty ?? 0),
      swapKiB: k.Swap ?? 0,
      line: m.line,
    };
    g.pssKiB += row.pssKiB;
    g.rssKiB += row.rssKiB;
    g.ussKiB += row.ussKiB;
    g.swapKiB += row.swapKiB;
    g.rows.push(row);
  }
  const out = KINDS.flatMap((k) => {
    const g = groups.get(k);
    return g ? [g] : [];
  });
  for (const g of out) g.rows.sort((x, y) => y.pssKiB - x.pssKiB);
  return out.sort((x, y) => y.pssKiB - x.pssKiB);
}

export interface FileRow {
  path: string;
  kind: MappingKind;
  pssKiB: number;
  rssKiB: number;
  ussKiB: number;
  /** number of processes that map it */
  processes: number;
  mappings: number;
}

/**
 * librank: every mapped path across all processes. Anonymous memory is one row per
 * kind ("[anon]", "[heap]", "[stack]") as librank does.
 */
export function fileTable(processes: readonly { mappings: readonly Mapping[] }[]): FileRow[] {
  const rows = new Map<string, FileRow & { lastProc: number }>();
  processes.forEach((p, i) => {
    for (const m of p.mappings) {
      const kind = mappingKind(m);
      const path = m.path === '' ? '[anon]' : m.path.startsWith('[stack') ? '[stack]' : m.path;
      let r = rows.get(path);
      if (!r) {
        r = { path, kind, pssKiB: 0, rssKiB: 0, ussKiB: 0, processes: 0, mappings: 0, lastProc: -1 };
        rows.set(path, r);
      }
      const k = m.kib;
      r.pssKiB += k.Pss ?? 0;
      r.rssKiB += k.Rss ?? 0;
      r.ussKiB += (k.Private_Clean ?? 0) + (k.Private_Dirty ?? 0);
      r.mappings++;
      if (r.lastProc !== i) {
        r.processes++;
        r.lastProc = i;
      }
    }
  });
  return [...rows.values()].map(({ lastProc: _, ...r }) => r).sort((a, b) => b.pssKiB - a.pssKiB);
}

// ------------------------------------------------------------------ address map

export type Lane = 'dram' | 'device tree' | 'memblock.memory' | 'memblock.reserved';
export const LANES: Lane[] = ['dram', 'device tree', 'memblock.memory', 'memblock.reserved'];

export interface MapRegion extends PhysRegion {
  lane: Lane;
  /** what is wrong with it: overlaps, outside DRAM, unexplained hole */
  flags: string[];
}

const laneOf = (k: PhysRegion['kind']): Lane =>
  k === 'dram' || k === 'hole'
    ? 'dram'
    : k === 'memblock-memory'
      ? 'memblock.memory'
      : k === 'memblock-reserved'
        ? 'memblock.reserved'
        : 'device tree';

const hexOf = (v: bigint) => `0x${v.toString(16)}`;

/** The regions on their lanes, with overlaps, holes and regions outside DRAM flagged. */
export function mapRegions(phys: Physical): MapRegion[] {
  const out: MapRegion[] = phys.regions.map((r) => ({ ...r, lane: laneOf(r.kind), flags: [] }));
  const dram = out.filter((r) => r.kind === 'dram');
  for (const r of out) {
    if (r.kind === 'hole') r.flags.push('unexplained hole: in DRAM, in neither memblock.memory nor a no-map region');
    if (r.kind !== 'dram' && dram.length > 0 && !dram.some((d) => d.start <= r.start && r.end <= d.end)) r.flags.push('not inside DRAM');
  }
  // overlaps on the same lane (sweep by start)
  for (const lane of LANES) {
    if (lane === 'dram') continue;
    const list = out.filter((r) => r.lane === lane).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    for (let i = 0; i < list.length; i++) {
      const a = list[i] as MapRegion;
      for (let j = i + 1; j < list.length; j++) {
        const b = list[j] as MapRegion;
        if (b.start >= a.end) break;
        a.flags.push(`overlaps ${b.name} (${hexOf(b.start)}–${hexOf(b.end)})`);
        b.flags.push(`overlaps ${a.name} (${hexOf(a.start)}–${hexOf(a.end)})`);
      }
    }
  }
  // a no-map carve-out inside memory the kernel was given without the NOMAP flag
  const given = out.filter((r) => r.kind === 'memblock-memory' && !/NOMAP/.test(r.name));
  for (const r of out)
    if (r.kind === 'no-map')
      for (const g of given)
        if (g.start < r.end && r.start < g.end)
          r.flags.push(`overlaps memblock.memory ${hexOf(g.start)}–${hexOf(g.end)} not flagged NOMAP`);
  return out;
}
