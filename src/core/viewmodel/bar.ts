/**
 * The stacked bar of the whole memory. With the physical layout known, 100 % is DRAM:
 * carve-outs, holes, what stayed reserved since boot, then MemTotal split into kernel,
 * user, unaccounted and free. Without it, 100 % is MemTotal. The segments add up to the
 * whole (tests/viewmodel.test.ts); when they cannot, a note says by how much.
 */
import { type Meminfo, type MeminfoKey, mi } from '../formats/meminfo/index';
import { type Missing, type Msg, m, type Note } from '../messages/catalogue';
import type { Analysis, Line } from '../model/accounting/index';
import { meminfoRefs } from '../model/accounting/levels';
import { type BucketId, bucketLabel } from '../model/buckets';
import type { SourceRef } from '../model/refs';
import type { Snapshot } from '../model/snapshot';

export interface BarSegment {
  id: string;
  bucket: BucketId;
  label: Msg;
  /** may be negative (unaccounted when something is counted twice): never clamped */
  kib: number;
  formula: Msg;
  refs: SourceRef[];
}

export interface Breakdown {
  /** what 100 % of the bar is */
  basis: 'dram' | 'memtotal';
  totalKiB: number;
  segments: BarSegment[];
  /** Σ segments − total: 0 when the bar closes; otherwise said in `notes` */
  residualKiB: number;
  notes: Note[];
  /** inputs that would split the bar further */
  missing: Missing[];
}

const lineOf = (a: Analysis, id: string): Line | undefined => a.accounting.lines.find((l) => l.id === id);

export function breakdown(snap: Snapshot, a: Analysis): Breakdown {
  const segs: BarSegment[] = [];
  const notes: Note[] = [];
  const missing: Missing[] = [];
  const info = snap.meminfo?.value;
  const ref = meminfoRefs(snap);
  const phys = a.physical;
  const memTotal = a.accounting.memTotalKiB;
  const basis: Breakdown['basis'] = phys && phys.spanKiB > 0 ? 'dram' : 'memtotal';
  const total = basis === 'dram' && phys ? phys.spanKiB : (memTotal ?? 0);
  const fromLine = (id: string, bucket: BucketId, label: Msg, kib: number) => {
    const l = lineOf(a, id);
    segs.push({ id, bucket, label, kib, formula: l?.formula ?? m('formula.expr', { expr: '' }), refs: l?.refs ?? [] });
  };

  if (basis === 'dram' && phys) {
    if (phys.noMapKiB > 0) fromLine('no-map', 'no-map', bucketLabel('no-map'), phys.noMapKiB);
    if (phys.holesKiB > 0) fromLine('holes', 'hole', bucketLabel('hole'), phys.holesKiB);
    let given = phys.memblockMemoryKiB - phys.memblockNomapKiB;
    // no memblock.memory (an x86 log and meminfo): the boot line's physical pages are what
    // the kernel was given; the rest of DRAM is firmware's and holes
    const boot = a.boot;
    if (given === 0 && boot?.form === 'modern' && memTotal !== null && boot.physKiB <= total - phys.noMapKiB - phys.holesKiB) {
      given = boot.physKiB;
      const outside = total - phys.noMapKiB - phys.holesKiB - given;
      if (outside > 0)
        segs.push({
          id: 'not-given',
          bucket: 'hole',
          label: m('seg.not-given'),
          kib: outside,
          formula: m('formula.not-given', { dram: total, phys: given }),
          refs: [],
        });
    }
    if (memTotal !== null && given > 0) bootSegments(snap, a, given, memTotal, segs, notes, missing);
    else if (given > 0)
      segs.push({
        id: 'managed',
        bucket: 'managed',
        label: m('seg.managed'),
        kib: given,
        formula: m('formula.expr', { expr: 'memblock.memory' }),
        refs: [],
      });
  }
  if (info && memTotal !== null) meminfoSegments(info, ref, a, segs);
  else if (basis === 'memtotal') missing.push(m('missing.breakdown'));

  const nonZero = segs.filter((s) => s.kib !== 0);
  const sum = nonZero.reduce((s, x) => s + x.kib, 0);
  const residual = total > 0 ? sum - total : 0;
  // an empty bar says so itself ("nothing to draw"): the residual is for a bar that is drawn
  if (residual !== 0 && total > 0 && nonZero.length > 0) notes.push(m('note.bar-residual', { sum, residual, total, basis }));
  return { basis, totalKiB: total, segments: nonZero, residualKiB: residual, notes, missing };
}

/** what the page allocator never got (memblock.memory − MemTotal), split by the memblock.reserved groups when they add up */
function bootSegments(
  snap: Snapshot,
  a: Analysis,
  given: number,
  memTotal: number,
  segs: BarSegment[],
  notes: Note[],
  missing: Missing[],
): void {
  const held = given - memTotal;
  const heldFormula = m('formula.held', { given, memTotal });
  const groups = a.accounting.lines.filter((l) => l.parent === 'boot-reserved');
  const groupSum = groups.reduce((s, g) => s + g.kib, 0);
  const init = a.boot?.initKiB ?? 0;
  if (groups.length > 0 && Math.abs(groupSum - init - held) <= 4) {
    // the memblock.reserved groups still include the init sections freed after boot: the
    // kernel image loses them
    let initLeft = init;
    for (const g of groups) {
      const bucket = g.bucket ?? 'boot-other';
      let kib = g.kib;
      let formula = g.formula;
      if (bucket === 'boot-kernel' && initLeft > 0 && kib > initLeft) {
        kib -= initLeft;
        formula = m('formula.image-less-init', { reserved: g.kib, init: initLeft, rule: g.formula });
        initLeft = 0;
      }
      segs.push({ id: g.id, bucket, label: g.label, kib, formula, refs: g.refs });
    }
    if (initLeft > 0)
      segs.push({
        id: 'init-freed',
        bucket: 'boot-other',
        label: m('seg.init-freed'),
        kib: -initLeft,
        formula: m('formula.init-freed'),
        refs: [],
      });
    const d = held - (groupSum - init);
    if (d !== 0)
      segs.push({ id: 'boot-rounding', bucket: 'boot-other', label: m('seg.boot-rounding'), kib: d, formula: heldFormula, refs: [] });
    return;
  }
  segs.push({ id: 'boot-held', bucket: 'boot-other', label: m('seg.boot-held'), kib: held, formula: heldFormula, refs: [] });
  if (groups.length > 0) notes.push(m('note.groups-mismatch', { groupSum, held, init }));
  // said once: the ledger already asks for memblock/reserved
  else if (!snap.memblock.reserved && !a.accounting.missing.some((x) => x.key === 'missing.memblock-reserved'))
    missing.push(m('missing.bar-reserved'));
}

/** MemTotal by meminfo's own buckets; Cached split into shmem, file mapped and not mapped */
function meminfoSegments(info: Meminfo, ref: (k: MeminfoKey) => SourceRef[], a: Analysis, segs: BarSegment[]): void {
  const add = (id: string, bucket: BucketId, label: Msg, key: MeminfoKey) => {
    const kib = mi(info, key);
    if (kib !== undefined) segs.push({ id, bucket, label, kib, formula: m('formula.meminfo', { key }), refs: ref(key) });
  };
  if (mi(info, 'SReclaimable') !== undefined && mi(info, 'SUnreclaim') !== undefined) {
    add('SUnreclaim', 'slab-unreclaimable', bucketLabel('slab-unreclaimable'), 'SUnreclaim');
    add('SReclaimable', 'slab-reclaimable', bucketLabel('slab-reclaimable'), 'SReclaimable');
  } else add('Slab', 'slab-unreclaimable', m('seg.slab'), 'Slab');
  if (a.accounting.vmalloc !== 'address-space') add('VmallocUsed', 'vmalloc', bucketLabel('vmalloc'), 'VmallocUsed');
  add('PageTables', 'page-tables', bucketLabel('page-tables'), 'PageTables');
  add('SecPageTables', 'page-tables', m('line.SecPageTables'), 'SecPageTables');
  add('KernelStack', 'kernel-stacks', bucketLabel('kernel-stacks'), 'KernelStack');
  add('Percpu', 'percpu', bucketLabel('percpu'), 'Percpu');
  add('Zswap', 'kernel-other', m('line.Zswap'), 'Zswap');
  for (const l of a.accounting.lines)
    if (l.bucket === 'vendor') segs.push({ id: l.id, bucket: 'vendor', label: l.label, kib: l.kib, formula: l.formula, refs: l.refs });
  const huge = lineOf(a, 'Hugetlb');
  if (huge) segs.push({ id: 'Hugetlb', bucket: 'kernel-other', label: huge.label, kib: huge.kib, formula: huge.formula, refs: huge.refs });
  add('AnonPages', 'anon', bucketLabel('anon'), 'AnonPages');
  const cached = mi(info, 'Cached');
  const shmem = mi(info, 'Shmem');
  const mapped = mi(info, 'Mapped');
  if (cached !== undefined) {
    if (shmem !== undefined && mapped !== undefined) {
      // Mapped includes mapped shmem; split Cached into three parts that add up
      const fileMapped = Math.max(0, mapped - shmem);
      segs.push({
        id: 'Shmem',
        bucket: 'shmem',
        label: bucketLabel('shmem'),
        kib: shmem,
        formula: m('formula.meminfo', { key: 'Shmem' }),
        refs: ref('Shmem'),
      });
      segs.push({
        id: 'file-mapped',
        bucket: 'file-mapped',
        label: bucketLabel('file-mapped'),
        kib: fileMapped,
        formula: mapped >= shmem ? m('formula.file-mapped') : m('formula.file-mapped-zero'),
        refs: [...ref('Mapped'), ...ref('Shmem')],
      });
      segs.push({
        id: 'file-unmapped',
        bucket: 'file-unmapped',
        label: bucketLabel('file-unmapped'),
        kib: cached - shmem - fileMapped,
        formula: m('formula.file-unmapped'),
        refs: [...ref('Cached'), ...ref('Shmem'), ...ref('Mapped')],
      });
    } else add('Cached', 'file-unmapped', m('seg.page-cache'), 'Cached');
  }
  add('Buffers', 'buffers', bucketLabel('buffers'), 'Buffers');
  add('SwapCached', 'swap-cache', bucketLabel('swap-cache'), 'SwapCached');
  const un = lineOf(a, 'unaccounted');
  if (un)
    segs.push({
      id: 'unaccounted',
      bucket: 'unaccounted',
      label: bucketLabel('unaccounted'),
      kib: un.kib,
      formula: un.formula,
      refs: un.refs,
    });
  const free = lineOf(a, 'MemFree');
  if (free) segs.push({ id: 'MemFree', bucket: 'free', label: bucketLabel('free'), kib: free.kib, formula: free.formula, refs: free.refs });
}
