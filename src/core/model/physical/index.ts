/**
 * Levels 0–2 of the accounting (docs/accounting.md): where DRAM lies, the firmware
 * carve-outs, what memblock gave the kernel and what it reserved at boot. Every region
 * carries a role; memblock.reserved groups carry the evidence that named them
 * (./labels.ts).
 */

import type { DtReservation } from '../../formats/dts/types';
import type { KernelLog } from '../../formats/kmsg/index';
import { isNomap } from '../../formats/memblock/index';
import { m, type Note } from '../../messages/catalogue';
import { bytesToKiB, hex } from '../../units';
import { intersect, pageRound, type Range, subtract, totalKiB, union } from '../ranges';
import type { Snapshot } from '../snapshot';
import { labelGroups } from './labels';
import type { DramSource, Physical, PhysRegion, RegionKind, RegionRole, UnplacedRegion } from './types';

export { evidenceRule } from './evidence';
export type { DramSource, Evidence, Physical, PhysRegion, RegionKind, RegionRole, UnplacedRegion } from './types';

const byStart = (a: Range, b: Range) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0);

export function physical(snap: Snapshot): Physical | null {
  const dt = snap.deviceTree?.value;
  const mem = snap.memblock.memory;
  const res = snap.memblock.reserved;
  const log = snap.kernelLog?.value;
  const boot = snap.boot?.value;
  const missing: Physical['missing'] = [];
  const regions: PhysRegion[] = [];

  // ---- carve-outs and other device-tree reservations
  const noMap: PhysRegion[] = [];
  const unplaced: UnplacedRegion[] = [];
  const notes: Note[] = [];
  const dtSource = snap.deviceTree?.source ?? '';
  const logSource = snap.kernelLog?.source ?? '';
  let disabled = 0;
  for (const r of dt?.reservations ?? []) {
    // the kernel skips reserved-memory nodes whose status is not okay
    if (r.status !== undefined && r.status !== 'okay' && r.status !== 'ok') {
      disabled++;
      continue;
    }
    const label = m('region.dt', { name: r.name, label: r.label ?? '' });
    const [kind, role]: [RegionKind, RegionRole] = r.noMap
      ? ['no-map', 'carve-out']
      : r.reusable
        ? ['cma', 'cma']
        : ['reserved', 'dt-region'];
    const add = (g: Range, placedBy?: { source: string; line: number }) => {
      const pr: PhysRegion = { ...g, kind, role, label, source: dtSource, line: r.ref.line };
      if (placedBy) pr.placedBy = placedBy;
      regions.push(pr);
      if (r.noMap) noMap.push(pr);
    };
    for (const g of r.ranges) add(g);
    if (r.ranges.length === 0 && r.dynamicSizeBytes !== undefined) {
      const placed = log ? placeDynamic(r, log) : null;
      if (placed) add(placed.range, { source: logSource, line: placed.line });
      else {
        const u: UnplacedRegion = {
          name: r.name,
          kind,
          role,
          sizeKiB: bytesToKiB(r.dynamicSizeBytes),
          allocRanges: r.allocRanges ?? [],
          source: dtSource,
          line: r.ref.line,
        };
        if (r.label !== undefined) u.label = r.label;
        if (r.alignmentBytes !== undefined) u.alignmentKiB = bytesToKiB(r.alignmentBytes);
        unplaced.push(u);
      }
    }
  }
  for (const r of dt?.memreserve ?? [])
    regions.push({
      start: r.start,
      end: r.end,
      kind: 'memreserve',
      role: 'memreserve',
      label: m('region.memreserve'),
      source: dtSource,
      line: r.ref.line,
    });
  if (disabled > 0) notes.push(m('note.dt-disabled', { count: disabled }));
  // what the kernel could not reserve is not reserved, whatever the tree asks
  for (const f of log?.reservedMemFailed ?? []) notes.push(m('note.reservation-failed', { name: f.name, line: f.line }));
  for (const f of log?.cmaFailed ?? []) notes.push(m('note.cma-failed', { kib: f.sizeKiB, line: f.line }));
  if (unplaced.length > 0) notes.push(m('note.dt-unplaced', { count: unplaced.length, kib: unplaced.reduce((s, u) => s + u.sizeKiB, 0) }));
  // the kernel log names the carve-outs when no device tree was given
  for (const r of log?.reservedMem ?? []) {
    if (regions.some((x) => x.start === r.start && x.end === r.end)) continue;
    const [kind, role]: [RegionKind, RegionRole] = r.noMap
      ? ['no-map', 'carve-out']
      : r.reusable
        ? ['cma', 'cma']
        : ['reserved', 'dt-region'];
    const pr: PhysRegion = {
      start: r.start,
      end: r.end,
      kind,
      role,
      label: m('region.named', { name: r.name }),
      source: logSource,
      line: r.line,
    };
    regions.push(pr);
    if (r.noMap) noMap.push(pr);
  }
  for (const c of log?.cma ?? []) {
    // the same area is printed by the pool line and by cma: (sizes truncated to MiB)
    if (regions.some((x) => x.kind === 'cma' && (x.start === c.start || (x.start <= c.start && x.end >= c.end)))) continue;
    const label = c.via === 'pool' ? m('region.cma-pool') : m('region.cma-log');
    regions.push({ start: c.start, end: c.end, kind: 'cma', role: 'cma', label, source: logSource, line: c.line });
  }
  // the firmware's memory map (x86 e820, MIPS): its own lane, never a carve-out
  const usable: Range[] = [];
  for (const e of log?.e820 ?? []) {
    const isUsable = e.type === 'usable';
    if (isUsable) usable.push(e);
    regions.push({
      start: e.start,
      end: e.end,
      kind: 'firmware-map',
      role: isUsable ? 'firmware-usable' : 'firmware-reserved',
      label: m('region.firmware-map', { type: e.type }),
      source: logSource,
      line: e.line,
    });
  }
  // newer kernels keep no-map ranges in memblock.memory, flagged NOMAP
  const memRegions = mem?.value ?? [];
  const memSource = mem?.source ?? '';
  const flagged = memRegions.filter(isNomap);
  const shown = coverIndex(noMap);
  // in address order, so a range an earlier flagged one covers is seen by its end alone
  let flaggedEnd = -1n;
  for (const r of [...flagged].sort(byStart)) {
    if (r.end <= flaggedEnd || shown(r)) continue;
    flaggedEnd = r.end;
    const pr: PhysRegion = {
      start: r.start,
      end: r.end,
      kind: 'no-map',
      role: 'carve-out',
      label: m('region.nomap-flagged'),
      source: memSource,
      line: r.line,
    };
    noMap.push(pr);
    regions.push(pr);
  }

  // ---- DRAM extent: DT memory banks, else memblock.memory with the no-map regions in its
  // holes, else the log's node ranges, else the old ARM bank sizes
  let dram: Range[] = [];
  let dramSource: DramSource = 'none';
  let dramKiBWithoutAddress: number | null = null;
  if ((dt?.unsizedBanks?.length ?? 0) > 0 && dt?.banks.length === 0)
    notes.push(m('note.dt-bank-size-zero', { count: dt.unsizedBanks?.length ?? 0 }));
  if (dt && dt.banks.length > 0) {
    dram = union(dt.banks);
    dramSource = 'device-tree';
  } else if (memRegions.length > 0) {
    const split = memblockDram(memRegions, noMap);
    dram = split.dram;
    if (split.gaps.length > 0)
      notes.push(
        m('note.dram-gaps', { count: split.gaps.length, gaps: split.gaps.map((g) => `${hex(g.start)}–${hex(g.end)}`).join(', ') }),
      );
    dramSource = 'memblock';
  } else if (log && log.nodeRanges.length > 0) {
    dram = union(log.nodeRanges);
    dramSource = 'kernel-log';
  } else if (usable.length > 0) {
    // x86 without node ranges: RAM is what the firmware marks usable
    dram = union(usable);
    dramSource = 'firmware-map';
  } else if (log?.bankTotal) {
    dramKiBWithoutAddress = log.bankTotal.totalMiB * 1024;
    dramSource = 'kernel-log-banks';
  }
  const dramLabel = m('region.dram');
  const dramFromSource = dramSource === 'device-tree' ? dtSource : dramSource === 'memblock' ? memSource : logSource;
  // regions outside every bank: SRAM, or a bank the inputs do not describe
  if (dram.length > 0) {
    let outside = 0;
    const inDram = coverIndex(dram);
    for (const r of regions)
      if (r.kind !== 'memblock-memory' && r.kind !== 'firmware-map' && !inDram(r)) {
        r.outside = true;
        outside++;
      }
    if (outside > 0) notes.push(m('note.outside-dram', { count: outside }));
  }
  // first in the list, so a bank sorts before the regions that start where it does
  const banks: PhysRegion[] = dram.map((d) => ({ ...d, kind: 'dram', role: 'dram', label: dramLabel, source: dramFromSource }));

  for (const r of memRegions)
    regions.push({
      start: r.start,
      end: r.end,
      kind: 'memblock-memory',
      role: isNomap(r) ? 'memory-nomap' : 'memory',
      label: m('region.memory', { flags: r.flags.join(' ') }),
      source: memSource,
      line: r.line,
    });

  // ---- memblock.reserved, page-rounded and grouped, labelled where the evidence allows
  const resRegions = res?.value ?? [];
  const groups = union(resRegions.map((r) => pageRound(r)));
  // every field written at once (evidence too, until labelGroups finds better): a million
  // groups then share one object shape
  const reservedGroups: PhysRegion[] = groups.map((g) => ({
    start: g.start,
    end: g.end,
    kind: 'memblock-reserved',
    role: 'boot-reservation',
    label: m('region.boot-reservation'),
    evidence: { rule: 'none' },
    source: res?.source ?? '',
  }));
  labelGroups(reservedGroups, resRegions, regions, boot?.fields, boot?.physKiB);
  for (const g of reservedGroups) regions.push(g);

  // the old ARM line's numbers are free pages, not physical pages: no DRAM from it (the
  // 2.6-era line's second number is the span up to the last page frame: DRAM and holes)
  const bootPhys = boot && boot.form !== 'old-arm' ? boot.physKiB : undefined;
  const spanKiB = dram.length > 0 ? totalKiB(dram) : (dramKiBWithoutAddress ?? bootPhys ?? 0);
  if (dram.length === 0) {
    if (dramSource === 'none' && bootPhys !== undefined) dramSource = 'boot-line';
    missing.push(dt && dt.unsizedBanks.length > 0 ? m('missing.dram-size-zero') : m('missing.dram-layout'));
  }
  const unplacedNoMapKiB = unplaced.filter((u) => u.kind === 'no-map').reduce((s, u) => s + u.sizeKiB, 0);
  const noMapIn = dram.length > 0 ? intersect(union(noMap), dram) : union(noMap);
  const holes = dram.length > 0 && memRegions.length > 0 ? subtract(dram, [...memRegions, ...noMap]) : [];
  for (const h of holes) regions.push({ ...h, kind: 'hole', role: 'hole', label: m('region.hole'), source: '' });
  if (!mem) missing.push(m('missing.memblock-memory'));
  if (!res) missing.push(m('missing.memblock-reserved', { reservedKiB: boot ? (boot.fields.reserved ?? 0) : null }));
  // x86 (a firmware e820 map) has no device tree to ask for
  if (!dt && (log?.e820.length ?? 0) === 0) missing.push(m('missing.device-tree'));

  // a device tree always gives a report: its carve-outs, even when DRAM is unknown
  if (dram.length === 0 && !boot && noMap.length === 0 && !mem && !res && !dt && dramKiBWithoutAddress === null) return null;
  return {
    dramSource,
    dramFrom: m(`dram.${dramSource}`, { source: dramSource === 'boot-line' ? (snap.boot?.source ?? '') : dramFromSource }),
    start: dram[0]?.start ?? null,
    end: dram[dram.length - 1]?.end ?? null,
    spanKiB,
    noMapKiB: totalKiB(noMapIn) + unplacedNoMapKiB,
    memblockMemoryKiB: totalKiB(memRegions),
    memblockNomapKiB: totalKiB(flagged),
    memblockReservedKiB: totalKiB(groups),
    holesKiB: totalKiB(holes),
    regions: banks.concat(regions).sort(byStart),
    unplaced,
    notes,
    reservedGroups,
    missing,
  };
}

/**
 * Whether one of `ranges` holds `r` whole, answered by binary search: the ranges sorted
 * by start, each with the furthest end of those before it. Built in n log n; asking for
 * each of 100,000 regions costs log n each, not a scan.
 */
function coverIndex(ranges: readonly Range[]): (r: Range) => boolean {
  const sorted = [...ranges].sort(byStart);
  const reach: bigint[] = [];
  let far = -1n;
  for (const x of sorted) {
    if (x.end > far) far = x.end;
    reach.push(far);
  }
  return (r) => {
    // the ranges that start at or before r.start; the furthest of their ends decides
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid]?.start ?? 0n) <= r.start) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && (reach[lo - 1] ?? -1n) >= r.end;
  };
}

/**
 * The largest gap between memblock.memory ranges still read as DRAM (a removed carve-out)
 * when no no-map region explains it. Modem and firmware carve-outs reach a few hundred
 * MiB (Qualcomm); banks far apart leave gigabytes.
 */
const GAP_IN_BANK = 1n << 30n;

/**
 * DRAM from memblock.memory alone: its ranges with the no-map regions in their holes;
 * a gap that no no-map region explains is a hole in DRAM when small, and the space
 * between two banks when large (a 12 GiB board's banks may lie terabytes apart).
 */
function memblockDram(mem: readonly Range[], noMap: readonly Range[]): { dram: Range[]; gaps: Range[] } {
  // no-map regions count when they fall in, or touch, the span of memblock.memory itself
  const all = union(mem);
  const memSpan = { start: all[0]?.start ?? 0n, end: all[all.length - 1]?.end ?? 0n };
  const pieces = union([...mem, ...noMap.filter((n) => n.end >= memSpan.start && n.start <= memSpan.end)]);
  const dram: Range[] = [];
  const gaps: Range[] = [];
  for (const p of pieces) {
    const last = dram[dram.length - 1];
    if (last && p.start - last.end > GAP_IN_BANK) {
      gaps.push({ start: last.end, end: p.start });
      dram.push({ ...p });
    } else if (last) last.end = p.end;
    else dram.push({ ...p });
  }
  return { dram, gaps };
}

/**
 * Where the kernel put a dynamic region (`size`, no `reg`), by the log lines that name
 * it: `OF: reserved mem: 0x…..0x… (N KiB) … NAME` (6.6 on), `Reserved memory: allocated
 * memory for 'NAME' node: base 0x…` (size truncated to MiB: the tree's size is used), or a
 * CMA pool line followed by `initialized node NAME`.
 */
function placeDynamic(r: DtReservation, log: KernelLog): { range: Range; line: number } | null {
  const size = r.dynamicSizeBytes ?? 0n;
  const named = log.reservedMem.find((x) => x.name === r.name);
  if (named) return { range: { start: named.start, end: named.end }, line: named.line };
  const alloc = log.reservedMemAllocated.find((x) => x.name === r.name);
  if (alloc) return { range: { start: alloc.start, end: alloc.start + size }, line: alloc.line };
  const init = log.reservedMemInitialized.find((x) => x.name === r.name);
  if (init) {
    const pool = [...log.cma, ...log.dmaPools].find((p) => p.line === init.line - 1);
    if (pool) return { range: { start: pool.start, end: pool.start + size }, line: pool.line };
  }
  return null;
}
