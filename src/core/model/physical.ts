/**
 * Levels 0–2 of the accounting (SPEC.md): physical DRAM, carve-outs, memblock, boot.
 */
import { fmtKiB } from '../text';
import type { MemblockRegion } from '../types';
import { hex, intersect, kib, pageRound, type Range, sizeOf, subtract, totalKiB, union } from './ranges';
import type { Snapshot } from './snapshot';

export type RegionKind = 'dram' | 'no-map' | 'reserved' | 'cma' | 'memreserve' | 'memblock-memory' | 'memblock-reserved' | 'hole';

export interface PhysRegion extends Range {
  kind: RegionKind;
  name: string;
  /** how the name was decided, for labelled memblock reservations */
  rule?: string;
  source: string;
  line?: number;
}

export interface Physical {
  /** which input gave the DRAM extent */
  dramFrom: string;
  start: bigint | null;
  end: bigint | null;
  spanKiB: number;
  noMapKiB: number;
  /** Σ memblock.memory, every region as printed */
  memblockMemoryKiB: number;
  /** the part of memblock.memory flagged NOMAP (newer kernels keep no-map ranges there) */
  memblockNomapKiB: number;
  /** page-rounded union of memblock.reserved */
  memblockReservedKiB: number;
  holesKiB: number;
  regions: PhysRegion[];
  /** page-rounded groups of memblock.reserved with their labels */
  reservedGroups: PhysRegion[];
  missing: string[];
}

const KERNEL_FIELDS = ['kernel code', 'rwdata', 'rodata', 'init', 'bss'];

export function physical(snap: Snapshot): Physical | null {
  const dt = snap.deviceTree?.value;
  const mem = snap.memblock.memory;
  const res = snap.memblock.reserved;
  const log = snap.kernelLog?.value;
  const boot = snap.boot?.value;
  const missing: string[] = [];
  const regions: PhysRegion[] = [];

  // ---- carve-outs and other device-tree reservations
  const noMap: PhysRegion[] = [];
  const dtSource = snap.deviceTree?.source ?? '';
  for (const r of dt?.reservations ?? []) {
    if (r.status !== undefined && r.status !== 'okay' && r.status !== 'ok') continue;
    const name = r.label ? `${r.name} (${r.label})` : r.name;
    for (const g of r.ranges) {
      const kind: RegionKind = r.noMap
        ? 'no-map'
        : r.reusable || r.compatible.includes('shared-dma-pool')
          ? r.reusable
            ? 'cma'
            : 'reserved'
          : 'reserved';
      const pr: PhysRegion = { ...g, kind, name, source: dtSource, line: r.ref.line };
      regions.push(pr);
      if (r.noMap) noMap.push(pr);
    }
  }
  for (const m of dt?.memreserve ?? [])
    regions.push({ start: m.start, end: m.end, kind: 'memreserve', name: '/memreserve/', source: dtSource, line: m.ref.line });
  // the kernel log names the carve-outs when no device tree was given
  const logSource = snap.kernelLog?.source ?? '';
  for (const r of log?.reservedMem ?? []) {
    if (regions.some((x) => x.start === r.start && x.end === r.end)) continue;
    const pr: PhysRegion = {
      start: r.start,
      end: r.end,
      kind: r.noMap ? 'no-map' : r.reusable ? 'cma' : 'reserved',
      name: r.name,
      source: logSource,
      line: r.line,
    };
    regions.push(pr);
    if (r.noMap) noMap.push(pr);
  }
  for (const c of log?.cma ?? []) {
    if (regions.some((x) => x.kind === 'cma' && x.start <= c.start && x.end >= c.end)) continue;
    regions.push({ start: c.start, end: c.end, kind: 'cma', name: c.name, source: logSource, line: c.line });
  }
  // newer kernels keep no-map ranges in memblock.memory, flagged NOMAP
  const memRegions = mem?.value ?? [];
  const flagged = memRegions.filter((r) => r.flag === 'NOMAP');
  for (const r of flagged) {
    if (noMap.some((x) => x.start <= r.start && x.end >= r.end)) continue;
    const pr: PhysRegion = {
      start: r.start,
      end: r.end,
      kind: 'no-map',
      name: 'NOMAP (memblock.memory)',
      source: mem?.source ?? '',
      line: r.line,
    };
    noMap.push(pr);
    regions.push(pr);
  }

  // ---- DRAM extent: DT memory banks, else memblock.memory span with its no-map holes
  let dram: Range[] = [];
  let dramFrom = '';
  if (dt && dt.banks.length > 0) {
    dram = union(dt.banks);
    dramFrom = `device tree memory node (${dtSource})`;
  } else if (memRegions.length > 0) {
    const all = union([...memRegions, ...noMap]);
    // no-map regions count when they fall in, or touch, the memblock.memory span
    const memSpan = { start: all[0]?.start ?? 0n, end: all[all.length - 1]?.end ?? 0n };
    const inSpan = union([...memRegions, ...noMap.filter((n) => n.end >= memSpan.start && n.start <= memSpan.end)]);
    dram = [{ start: inSpan[0]?.start ?? 0n, end: inSpan[inSpan.length - 1]?.end ?? 0n }];
    dramFrom = `span of memblock.memory and the no-map regions in its holes (${mem?.source})`;
  } else if (log && log.nodeRanges.length > 0) {
    dram = union(log.nodeRanges);
    dramFrom = `kernel log node ranges (${logSource})`;
  }
  for (const d of dram) regions.unshift({ ...d, kind: 'dram', name: 'DRAM', source: dramFrom });

  for (const r of memRegions)
    regions.push({
      start: r.start,
      end: r.end,
      kind: 'memblock-memory',
      name: r.flag && r.flag !== 'NONE' ? `memory ${r.flag}` : 'memory',
      source: mem?.source ?? '',
      line: r.line,
    });

  // ---- memblock.reserved, page-rounded and grouped, labelled where the evidence allows
  const resRegions = res?.value ?? [];
  const groups = union(resRegions.map((r) => pageRound(r)));
  const reservedGroups: PhysRegion[] = groups.map((g) => ({
    ...g,
    kind: 'memblock-reserved',
    name: 'boot reservation',
    source: res?.source ?? '',
  }));
  labelGroups(reservedGroups, resRegions, regions, boot?.fields, boot?.physKiB);
  regions.push(...reservedGroups);

  const spanKiB = dram.length > 0 ? totalKiB(dram) : (boot?.physKiB ?? 0);
  if (dram.length === 0) {
    if (boot) dramFrom = `boot line physical pages only (${snap.boot?.source}): no addresses`;
    missing.push('add the device tree (memory node) or /sys/kernel/debug/memblock/memory to place DRAM on the address map');
  }
  const noMapIn = dram.length > 0 ? intersect(union(noMap), dram) : union(noMap);
  const holes = dram.length > 0 && memRegions.length > 0 ? subtract(dram, [...memRegions, ...noMap]) : [];
  for (const h of holes)
    regions.push({ ...h, kind: 'hole', name: 'unexplained hole (in DRAM, not in memblock.memory, no no-map region)', source: '' });
  if (!mem) missing.push('add /sys/kernel/debug/memblock/memory to see what the kernel was given');
  if (!res)
    missing.push(
      `add /sys/kernel/debug/memblock/reserved to split${boot ? ` the ${fmtKiB(boot.fields.reserved ?? 0)} KiB` : ' the'} boot reservation`,
    );
  if (!dt) missing.push('add the device tree (reserved-memory node) to name the carve-outs');

  if (dram.length === 0 && !boot && noMap.length === 0 && !mem && !res) return null;
  const starts = dram.map((d) => d.start);
  return {
    dramFrom,
    start: starts.length ? (starts[0] as bigint) : null,
    end: dram.length ? (dram[dram.length - 1] as Range).end : null,
    spanKiB,
    noMapKiB: totalKiB(noMapIn),
    memblockMemoryKiB: totalKiB(memRegions),
    memblockNomapKiB: totalKiB(flagged),
    memblockReservedKiB: totalKiB(groups),
    holesKiB: totalKiB(holes),
    regions: regions.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)),
    reservedGroups,
    missing,
  };
}

/**
 * Names page-rounded memblock.reserved groups:
 * - a person's note after the line (the seed's `（kernel）`) — quoted as written;
 * - the device-tree or CMA region that the group covers;
 * - the kernel image: the group whose size is closest to code+rwdata+rodata+init+bss,
 *   no smaller and at most 25 % + 2 MiB larger (section alignment pads the image);
 * - the struct page array (memmap): the largest other group between 1× and 4× the
 *   DRAM pages × 64 bytes (sparsemem allocates whole sections) — a guess, said so.
 */
function labelGroups(
  groups: PhysRegion[],
  raw: MemblockRegion[],
  known: PhysRegion[],
  fields: Record<string, number> | undefined,
  physKiB: number | undefined,
): void {
  for (const g of groups) {
    const notes = raw
      .filter((r) => r.note && r.start >= g.start && r.end <= g.end)
      .map((r) => cleanNote(r.note as string))
      .filter(Boolean);
    const dtHit = known.find(
      (k) => (k.kind === 'reserved' || k.kind === 'cma' || k.kind === 'memreserve') && k.start >= g.start && k.end <= g.end,
    );
    if (dtHit) {
      g.name = dtHit.name;
      g.rule = `covers the ${dtHit.kind} region ${dtHit.name} (${dtHit.source}${dtHit.line ? `:${dtHit.line}` : ''})`;
    } else if (notes.length > 0) {
      g.name = notes.join('; ');
      g.rule = 'the note written after the line in the paste';
    }
  }
  if (fields && KERNEL_FIELDS.every((f) => fields[f] !== undefined)) {
    const image = KERNEL_FIELDS.reduce((s, f) => s + (fields[f] ?? 0), 0);
    let best: PhysRegion | undefined;
    for (const g of groups) {
      const k = kib(sizeOf(g));
      if (k >= image && k <= image * 1.25 + 2048 && (!best || Math.abs(k - image) < Math.abs(kib(sizeOf(best)) - image))) best = g;
    }
    if (best) {
      const note = best.rule?.startsWith('the note') ? ` (the paste says: ${best.name})` : '';
      best.name = 'kernel image';
      best.rule = `size ${fmtKiB(kib(sizeOf(best)))} KiB is the closest to code+rwdata+rodata+init+bss = ${KERNEL_FIELDS.map((f) => fields[f]).join('+')} = ${fmtKiB(image)} KiB of the Memory: line, no smaller and at most 25 % + 2 MiB larger${note}`;
    }
  }
  if (physKiB) {
    const estimate = ((physKiB / 4) * 64) / 1024; // KiB of struct page for 4 KiB pages
    const candidates = groups.filter((g) => g.name !== 'kernel image' && !g.rule?.startsWith('covers'));
    const largest = candidates.sort((a, b) => Number(sizeOf(b) - sizeOf(a)))[0];
    if (largest) {
      const k = kib(sizeOf(largest));
      if (k >= estimate && k <= estimate * 4) {
        const note = largest.rule?.startsWith('the note') ? ` (the paste says: ${largest.name})` : '';
        largest.name = 'memmap (struct page array), probably';
        largest.rule = `a guess: the largest other boot reservation, ${fmtKiB(k)} KiB, is 1–4× the ${fmtKiB(estimate)} KiB that 64 bytes per 4 KiB page of ${fmtKiB(physKiB)} KiB need (sparsemem allocates whole sections)${note}`;
      }
    }
  }
  for (const g of groups)
    if (!g.rule)
      g.rule = 'no evidence names it (page tables, per-cpu areas, the unflattened device tree and other early allocations live here)';
}

function cleanNote(n: string): string {
  // `== 0xa27000  == 10396KB （kernel）` → `kernel`; keep words a person wrote, drop arithmetic
  const paren = /[（(]([^)）]+)[)）]/.exec(n);
  if (paren) return (paren[1] as string).trim();
  const words = n
    .replace(/==\s*0x[0-9a-fA-F]+\s*/g, '')
    .replace(/==\s*\d+\s*[KMG]i?B\s*/gi, '')
    .trim();
  return words;
}

export const regionJson = (r: PhysRegion, width: number) => ({
  start: hex(r.start, width),
  end: hex(r.end, width),
  sizeKiB: kib(sizeOf(r)),
  kind: r.kind,
  name: r.name,
  ...(r.rule ? { rule: r.rule } : {}),
  source: r.source,
  ...(r.line ? { line: r.line } : {}),
});
