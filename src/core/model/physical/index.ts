/**
 * Levels 0–2 of the accounting (docs/accounting.md): where DRAM lies, the firmware
 * carve-outs, what memblock gave the kernel and what it reserved at boot. Every region
 * carries a role; memblock.reserved groups carry the evidence that named them
 * (./labels.ts).
 */
import { isNomap } from '../../formats/memblock/index';
import { m } from '../../messages/catalogue';
import { intersect, pageRound, type Range, subtract, totalKiB, union } from '../ranges';
import type { Snapshot } from '../snapshot';
import { labelGroups } from './labels';
import type { DramSource, Physical, PhysRegion, RegionKind, RegionRole } from './types';

export { evidenceRule } from './evidence';
export type { DramSource, Evidence, Physical, PhysRegion, RegionKind, RegionRole } from './types';

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
  const dtSource = snap.deviceTree?.source ?? '';
  for (const r of dt?.reservations ?? []) {
    if (r.status !== undefined && r.status !== 'okay' && r.status !== 'ok') continue;
    const label = m('region.dt', { name: r.name, label: r.label ?? '' });
    const [kind, role]: [RegionKind, RegionRole] = r.noMap
      ? ['no-map', 'carve-out']
      : r.reusable
        ? ['cma', 'cma']
        : ['reserved', 'dt-region'];
    for (const g of r.ranges) {
      const pr: PhysRegion = { ...g, kind, role, label, source: dtSource, line: r.ref.line };
      regions.push(pr);
      if (r.noMap) noMap.push(pr);
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
  // the kernel log names the carve-outs when no device tree was given
  const logSource = snap.kernelLog?.source ?? '';
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
    if (regions.some((x) => x.kind === 'cma' && x.start <= c.start && x.end >= c.end)) continue;
    const label = c.via === 'pool' ? m('region.cma-pool') : m('region.cma-log');
    regions.push({ start: c.start, end: c.end, kind: 'cma', role: 'cma', label, source: logSource, line: c.line });
  }
  // newer kernels keep no-map ranges in memblock.memory, flagged NOMAP
  const memRegions = mem?.value ?? [];
  const memSource = mem?.source ?? '';
  const flagged = memRegions.filter(isNomap);
  for (const r of flagged) {
    if (noMap.some((x) => x.start <= r.start && x.end >= r.end)) continue;
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

  // ---- DRAM extent: DT memory banks, else memblock.memory span with its no-map holes
  let dram: Range[] = [];
  let dramSource: DramSource = 'none';
  if (dt && dt.banks.length > 0) {
    dram = union(dt.banks);
    dramSource = 'device-tree';
  } else if (memRegions.length > 0) {
    const all = union([...memRegions, ...noMap]);
    // no-map regions count when they fall in, or touch, the memblock.memory span
    const memSpan = { start: all[0]?.start ?? 0n, end: all[all.length - 1]?.end ?? 0n };
    const inSpan = union([...memRegions, ...noMap.filter((n) => n.end >= memSpan.start && n.start <= memSpan.end)]);
    dram = [{ start: inSpan[0]?.start ?? 0n, end: inSpan[inSpan.length - 1]?.end ?? 0n }];
    dramSource = 'memblock';
  } else if (log && log.nodeRanges.length > 0) {
    dram = union(log.nodeRanges);
    dramSource = 'kernel-log';
  }
  const dramLabel = m('region.dram');
  const dramFromSource = dramSource === 'device-tree' ? dtSource : dramSource === 'memblock' ? memSource : logSource;
  for (const d of dram) regions.unshift({ ...d, kind: 'dram', role: 'dram', label: dramLabel, source: dramFromSource });

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
  const reservedGroups: PhysRegion[] = groups.map((g) => ({
    ...g,
    kind: 'memblock-reserved',
    role: 'boot-reservation',
    label: m('region.boot-reservation'),
    source: res?.source ?? '',
  }));
  labelGroups(reservedGroups, resRegions, regions, boot?.fields, boot?.physKiB);
  regions.push(...reservedGroups);

  const spanKiB = dram.length > 0 ? totalKiB(dram) : (boot?.physKiB ?? 0);
  if (dram.length === 0) {
    if (boot) dramSource = 'boot-line';
    missing.push(m('missing.dram-layout'));
  }
  const noMapIn = dram.length > 0 ? intersect(union(noMap), dram) : union(noMap);
  const holes = dram.length > 0 && memRegions.length > 0 ? subtract(dram, [...memRegions, ...noMap]) : [];
  for (const h of holes) regions.push({ ...h, kind: 'hole', role: 'hole', label: m('region.hole'), source: '' });
  if (!mem) missing.push(m('missing.memblock-memory'));
  if (!res) missing.push(m('missing.memblock-reserved', { reservedKiB: boot ? (boot.fields.reserved ?? 0) : null }));
  if (!dt) missing.push(m('missing.device-tree'));

  if (dram.length === 0 && !boot && noMap.length === 0 && !mem && !res) return null;
  return {
    dramSource,
    dramFrom: m(`dram.${dramSource}`, { source: dramSource === 'boot-line' ? (snap.boot?.source ?? '') : dramFromSource }),
    start: dram[0]?.start ?? null,
    end: dram[dram.length - 1]?.end ?? null,
    spanKiB,
    noMapKiB: totalKiB(noMapIn),
    memblockMemoryKiB: totalKiB(memRegions),
    memblockNomapKiB: totalKiB(flagged),
    memblockReservedKiB: totalKiB(groups),
    holesKiB: totalKiB(holes),
    regions: regions.sort(byStart),
    reservedGroups,
    missing,
  };
}
