/**
 * The consistency checks as a table (after dtc's checks.c): each entry declares its id,
 * what it needs and how it runs. The runner gathers the facts the inputs give; a check
 * whose needs are not all met is listed as not run, with what is missing — so "not run,
 * and why" falls out of the needs, and adding a check is one entry in ./check-table.ts.
 */
import { memRow } from '../../formats/free/index';
import type { IomemKind } from '../../formats/iomem/index';
import type { BootMemoryLine } from '../../formats/kmsg/index';
import { type Meminfo, type MeminfoKey, mi } from '../../formats/meminfo/index';
import type { Slabinfo } from '../../formats/slabinfo/index';
import type { Vmallocinfo } from '../../formats/vmallocinfo/index';
import { type Msg, m } from '../../messages/catalogue';
import { countsVmallocPages } from '../../viewmodel/vmalloc';
import { type IomemSummary, iomemKernelKiB, iomemSummary, type RamReference } from '../iomem';
import type { Physical } from '../physical/index';
import type { ProcessSummary } from '../processes';
import type { Range } from '../ranges';
import type { SourceRef } from '../refs';
import type { Located, ProcessModel, Snapshot } from '../snapshot';
import { type BuddyView, buddyView, type ZonesView, zonesView } from '../zones/index';
import { type BootFreed, bootFreed } from './boot';
import { type CheckRefs, linesOf, uniqueRefs } from './check-refs';
import type { Check, CheckNotRun } from './types';

/** what the inputs can give a check */
export interface Facts {
  meminfo: Meminfo;
  /** `free`'s Mem: total and the precision it was printed with */
  freeTotal: { kib: number; precisionKiB: number };
  boot: BootMemoryLine;
  /** the Memory: line's `reserved` field */
  bootReserved: number;
  /** a Memory: line of a 3.x or later kernel: physical pages and `reserved` mean what they say */
  bootModern: BootMemoryLine;
  /** what was freed after the Memory: line */
  bootFreed: BootFreed;
  /** MemTotal only moves by what the log says: no balloon driver or memory hot-plug in the log */
  memTotalSettled: true;
  physical: Physical;
  /** memblock.memory was given (not only derived) */
  memblockMemory: true;
  memblockReserved: true;
  /** processes with mappings, at least one */
  smaps: ProcessModel[];
  /** processes with mappings, at least two: a capture of every process */
  allSmaps: ProcessModel[];
  /** per-process totals */
  processes: ProcessSummary[];
  /** /proc/iomem read with its addresses (as root), and the lines behind each of its sums */
  iomem: IomemSummary & { refs: { ram: SourceRef[]; kernel: SourceRef[]; ramAndReserved: SourceRef[] } };
  /** what System RAM should add up to (memblock.memory, the device tree's banks, the boot line) */
  ramReference: RamReference;
  /** Σ the kernel sections iomem prints (Kernel code, rodata, data, bss), when it prints any */
  iomemKernel: number;
  /** the kernel image by the Memory: line: kernel code + rwdata + rodata + bss (init is freed) */
  bootImage: number;
  /** no-map carve-outs inside DRAM (device tree, or memblock.memory flagged NOMAP) */
  noMapCarveOuts: Range[];
  /** zoneinfo whose populated zones all print managed pages, none cut off (model/zones) */
  zones: ZonesView & { managedKiB: number };
  /** zoneinfo with pages free for every populated zone */
  zoneFree: ZonesView & { freeKiB: number };
  /** free blocks by order (buddyinfo, else pagetypeinfo) */
  buddy: BuddyView;
  /**
   * the zones hold every free page MemFree counts (MemFree ≤ Σ managed), as on every
   * upstream kernel; a kernel that counts memory before handing it to the zones (deferred
   * struct-page init still under way, vendor changes) breaks the zone identities for a
   * reason of its own, which the zones' note says
   */
  zonesHoldFree: true;
  /** /proc/slabinfo and /proc/vmallocinfo */
  slabinfo: Located<Slabinfo>;
  vmallocinfo: Located<Vmallocinfo>;
  /** the kernel release is 5.3 or later: VmallocUsed counts the pages vmalloc allocated */
  vmallocCountsPages: true;
}
export type FactId = keyof Facts;

/** what one check found */
export interface Sides {
  left: number;
  right: number;
  tolerance: number;
  /** only `left ≤ right + tolerance` must hold (a part of a whole can fall short of it) */
  atMost?: true;
  leftFormula: Msg;
  rightFormula: Msg;
  /** the input lines each side was read from (./check-refs.ts) */
  leftRefs: SourceRef[];
  rightRefs: SourceRef[];
}

export interface CheckDef<N extends FactId = FactId, F extends MeminfoKey = MeminfoKey> {
  id: string;
  label: Msg;
  /** why the two sides can differ */
  why: Msg;
  needs: readonly N[];
  /** meminfo fields it reads (implies `meminfo`) */
  fields?: readonly F[];
  run(facts: Pick<Facts, N>, fields: Record<F, number>, refs: CheckRefs): Sides;
}

/** types a check entry: `run` gets exactly the facts and fields the entry declares */
export const defineCheck = <N extends FactId, F extends MeminfoKey = never>(c: CheckDef<N, F>): CheckDef<N, F> => c;

export function gatherFacts(snap: Snapshot, phys: Physical | null, processes: ProcessSummary[]): Partial<Facts> {
  const f: Partial<Facts> = { processes };
  const info = snap.meminfo?.value;
  if (info) f.meminfo = info;
  const mem = snap.free ? memRow(snap.free.value) : undefined;
  if (snap.free && mem?.values.total !== undefined) f.freeTotal = { kib: mem.values.total, precisionKiB: snap.free.value.precisionKiB };
  const boot = snap.boot?.value;
  if (boot) {
    f.boot = boot;
    if (boot.form === 'modern') {
      f.bootModern = boot;
      if (boot.fields.reserved !== undefined) f.bootReserved = boot.fields.reserved;
    }
    const freed = bootFreed(snap, boot);
    if (freed) f.bootFreed = freed;
  }
  if ((snap.kernelLog?.value.balloon.length ?? 0) === 0) f.memTotalSettled = true;
  if (phys) {
    f.physical = phys;
    if (snap.memblock.memory) f.memblockMemory = true;
    if (snap.memblock.reserved) f.memblockReserved = true;
  }
  const withMaps = snap.processes.filter((p) => p.mappings.length > 0);
  if (withMaps.length > 0) f.smaps = withMaps;
  // a reduced snapshot carries each such process's totals (formats/totals): its PSS is as exact
  // and smaps_rollup (the capture script's -r) sums every mapping as the kernel walks them;
  // a reduced snapshot carries a rollup's process as totals without mappings, but with its PSS
  const hadMaps = snap.processes.filter(
    (p) => p.mappings.length > 0 || p.rollup !== undefined || (p.totals !== undefined && (p.totals.mappings > 0 || p.totals.pss > 0)),
  );
  if (hadMaps.length > 1) f.allSmaps = hadMaps;
  Object.assign(f, zoneFacts(snap));
  if (snap.slabinfo) f.slabinfo = snap.slabinfo;
  if (snap.vmallocinfo) f.vmallocinfo = snap.vmallocinfo;
  if (countsVmallocPages(snap.kernelRelease)) f.vmallocCountsPages = true;
  Object.assign(f, iomemFacts(snap, phys));
  return f;
}

/** what /proc/iomem lets the checks compare (iomem-ram, iomem-kernel, iomem-nomap) */
function iomemFacts(snap: Snapshot, phys: Physical | null): Partial<Facts> {
  const tree = snap.iomem?.value;
  if (!tree || tree.hidden) return {};
  const sum = iomemSummary(tree);
  const source = snap.iomem?.source ?? '';
  const lines = (keep: (k: IomemKind) => boolean) =>
    linesOf(
      source,
      tree.entries.filter((e) => keep(e.kind)).map((e) => e.line),
    );
  const f: Partial<Facts> = {
    iomem: {
      ...sum,
      refs: {
        ram: lines((k) => k === 'system-ram'),
        kernel: lines((k) => k.startsWith('kernel-')),
        ramAndReserved: lines((k) => k === 'system-ram' || k === 'reserved'),
      },
    },
  };
  if (Object.keys(sum.kernel).length > 0) f.iomemKernel = iomemKernelKiB(sum);
  const b = snap.boot?.value;
  const code = b?.form === 'modern' ? b.fields['kernel code'] : undefined;
  if (b && code !== undefined) f.bootImage = code + (b.fields.rwdata ?? b.fields.data ?? 0) + (b.fields.rodata ?? 0) + (b.fields.bss ?? 0);
  if (phys && snap.memblock.memory) f.ramReference = { kib: phys.memblockMemoryKiB - phys.memblockNomapKiB, from: 'memblock', exact: true };
  else if (phys?.dramSource === 'device-tree') f.ramReference = { kib: phys.spanKiB - phys.noMapKiB, from: 'device-tree', exact: false };
  else if (snap.boot?.value.form === 'modern') f.ramReference = { kib: snap.boot.value.physKiB, from: 'boot', exact: false };
  const noMap = phys?.regions.filter((r) => r.kind === 'no-map' && !r.outside) ?? [];
  if (noMap.length > 0) f.noMapCarveOuts = noMap;
  return f;
}

/** facts that are conditions on others: said missing only when what they qualify was given */
const CONDITION_ON: Partial<Record<FactId, readonly FactId[]>> = { zonesHoldFree: ['zones', 'meminfo'] };
const unmetBase = (facts: Partial<Facts>, n: FactId): boolean => (CONDITION_ON[n] ?? []).some((b) => facts[b] === undefined);

/** for checks run without a snapshot (tests): no lines */
const NO_REFS: CheckRefs = {
  meminfo: () => [],
  freeMem: () => [],
  boot: () => [],
  freed: () => [],
  memblock: () => [],
  dram: () => [],
  noMap: () => [],
  smaps: () => [],
};

const has = <N extends FactId>(facts: Partial<Facts>, needs: readonly N[]): facts is Partial<Facts> & Pick<Facts, N> =>
  needs.every((n) => facts[n] !== undefined);

export function runChecks(
  defs: readonly CheckDef[],
  facts: Partial<Facts>,
  refs: CheckRefs = NO_REFS,
): { checks: Check[]; notRun: CheckNotRun[] } {
  const checks: Check[] = [];
  const notRun: CheckNotRun[] = [];
  for (const def of defs) {
    const fields = def.fields ?? [];
    // meminfo fields imply meminfo
    const needs: readonly FactId[] = fields.length > 0 && !def.needs.includes('meminfo') ? ['meminfo', ...def.needs] : def.needs;
    const missing: Msg[] = needs.filter((n) => facts[n] === undefined && !unmetBase(facts, n)).map((n) => m(`fact.${n}`));
    const values: Partial<Record<MeminfoKey, number>> = {};
    const absent: MeminfoKey[] = [];
    if (facts.meminfo)
      for (const k of fields) {
        const v = mi(facts.meminfo, k);
        if (v === undefined) absent.push(k);
        else values[k] = v;
      }
    if (absent.length > 0) missing.push(m('fact.meminfo-fields', { fields: absent }));
    if (missing.length > 0 || !has(facts, def.needs) || !complete(values, fields)) {
      notRun.push({ id: def.id, reason: m('check.needs', { needs: missing }) });
      continue;
    }
    const s = def.run(facts, values, refs);
    const delta = s.left - s.right;
    // a side too large to be exact, or not finite, would make "ok" meaningless
    const inexact = (['left', 'right', 'tolerance'] as const).filter((k) => !exact(s[k]));
    if (inexact.length > 0 || !exact(delta)) {
      notRun.push({ id: def.id, reason: m('check.inexact', { values: inexact.length > 0 ? inexact : ['left − right'] }) });
      continue;
    }
    checks.push({
      id: def.id,
      label: def.label,
      left: s.left,
      right: s.right,
      delta,
      tolerance: s.tolerance,
      ok: s.atMost ? delta <= s.tolerance : Math.abs(delta) <= s.tolerance,
      ...(s.atMost ? { atMost: true as const } : {}),
      leftFormula: s.leftFormula,
      rightFormula: s.rightFormula,
      leftRefs: uniqueRefs(s.leftRefs),
      rightRefs: uniqueRefs(s.rightRefs),
      why: def.why,
    });
  }
  return { checks, notRun };
}

/** finite and within ±2^53, where every integer is exact */
const exact = (v: number): boolean => Number.isFinite(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER;

function complete<F extends MeminfoKey>(values: Partial<Record<F, number>>, fields: readonly F[]): values is Record<F, number> {
  return fields.every((k) => values[k] !== undefined);
}

/** what zoneinfo, buddyinfo and pagetypeinfo give the checks */
function zoneFacts(snap: Snapshot): Partial<Facts> {
  const f: Partial<Facts> = {};
  const zones = zonesView(snap);
  if (zones?.managedKiB !== undefined) f.zones = { ...zones, managedKiB: zones.managedKiB };
  if (zones?.freeKiB !== undefined) f.zoneFree = { ...zones, freeKiB: zones.freeKiB };
  const buddy = buddyView(snap);
  if (buddy) f.buddy = buddy;
  const memFree = snap.meminfo ? mi(snap.meminfo.value, 'MemFree') : undefined;
  if (zones?.managedKiB !== undefined && memFree !== undefined && memFree <= zones.managedKiB) f.zonesHoldFree = true;
  return f;
}
