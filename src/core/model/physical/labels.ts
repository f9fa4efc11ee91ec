/**
 * Names page-rounded memblock.reserved groups, from the strongest evidence to the weakest:
 * - the device-tree, log or CMA region that the group covers;
 * - a person's note after the line (the seed's `（kernel）`), quoted as written;
 * - the kernel image: the group whose size is closest to code+rwdata+rodata+init+bss of
 *   the Memory: line, no smaller and at most 25 % + 2 MiB larger (section alignment pads
 *   the image);
 * - the struct page array (memmap): the largest other group between 1× and 4× the DRAM
 *   pages × 64 bytes (sparsemem allocates whole sections) — a guess, and said to be one.
 * Each decision is kept as structured evidence; its words come from the messages.
 */
import type { MemblockRegion } from '../../formats/memblock/index';
import { m } from '../../messages/catalogue';
import { bytesToKiB } from '../../units';
import { type Range, sizeOf } from '../ranges';
import type { PhysRegion } from './types';

const KERNEL_FIELDS = ['kernel code', 'rwdata', 'rodata', 'init', 'bss'] as const;

const kibOf = (r: PhysRegion) => bytesToKiB(sizeOf(r));

export function labelGroups(
  groups: PhysRegion[],
  raw: MemblockRegion[],
  known: PhysRegion[],
  fields: Record<string, number> | undefined,
  physKiB: number | undefined,
): void {
  const notes = new Map<PhysRegion, string>();
  const written = notesByGroup(groups, raw);
  const covered = coveredByGroup(groups, known);
  groups.forEach((g, i) => {
    const hit = covered[i];
    const words = written[i];
    if (hit) {
      g.role = hit.role;
      g.label = hit.label;
      g.evidence = { rule: 'covers', kind: hit.kind, label: hit.label, source: hit.source, ...(hit.line ? { line: hit.line } : {}) };
    } else if (words && words.length > 0) {
      const note = words.join('; ');
      notes.set(g, note);
      g.label = m('region.noted', { note });
      g.evidence = { rule: 'note', note };
    }
  });
  if (fields) {
    const parts = KERNEL_FIELDS.map((f) => fields[f]);
    if (parts.every((p) => p !== undefined)) {
      const sizes = parts.map((p) => p ?? 0);
      const imageKiB = sizes.reduce((s, p) => s + p, 0);
      let best: PhysRegion | undefined;
      for (const g of groups) {
        const k = kibOf(g);
        if (k >= imageKiB && k <= imageKiB * 1.25 + 2048 && (!best || Math.abs(k - imageKiB) < Math.abs(kibOf(best) - imageKiB))) best = g;
      }
      if (best) {
        const note = notes.get(best);
        best.role = 'kernel-image';
        best.label = m('region.kernel-image');
        best.evidence = { rule: 'kernel-image', sizeKiB: kibOf(best), imageKiB, parts: sizes, ...(note ? { note } : {}) };
      }
    }
  }
  if (physKiB) {
    const estimateKiB = ((physKiB / 4) * 64) / 1024; // KiB of struct page for 4 KiB pages
    const candidates = groups.filter((g) => g.role !== 'kernel-image' && g.evidence?.rule !== 'covers');
    const largest = candidates.sort((a, b) => Number(sizeOf(b) - sizeOf(a)))[0];
    if (largest) {
      const k = kibOf(largest);
      if (k >= estimateKiB && k <= estimateKiB * 4) {
        const note = notes.get(largest);
        largest.role = 'memmap';
        largest.label = m('region.memmap');
        largest.evidence = { rule: 'memmap', sizeKiB: k, estimateKiB, physKiB, ...(note ? { note } : {}) };
      }
    }
  }
  for (const g of groups) g.evidence ??= { rule: 'none' };
}

/**
 * The index of the group that holds `r` whole, or -1. `groups` are sorted and disjoint
 * (a union), so a binary search finds the one group that can: each lookup costs log n,
 * and a 100,000-line memblock.reserved is labelled in n log n, not n².
 */
function groupHolding(groups: readonly Range[], r: Range): number {
  let lo = 0;
  let hi = groups.length;
  // the last group that starts at or before r.start
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((groups[mid]?.start ?? 0n) <= r.start) lo = mid + 1;
    else hi = mid;
  }
  const g = groups[lo - 1];
  return g && r.start <= r.end && r.end <= g.end ? lo - 1 : -1;
}

/** the notes written after the raw lines, cleaned, per group (in the order of the lines) */
function notesByGroup(groups: readonly Range[], raw: readonly MemblockRegion[]): (string[] | undefined)[] {
  const out: (string[] | undefined)[] = [];
  for (const r of raw) {
    if (!r.note) continue;
    const i = groupHolding(groups, r);
    const note = cleanNote(r.note);
    if (i < 0 || !note) continue;
    (out[i] ??= []).push(note);
  }
  return out;
}

/** per group, the first known reserved, CMA or /memreserve/ region it covers */
function coveredByGroup(groups: readonly Range[], known: readonly PhysRegion[]): (PhysRegion | undefined)[] {
  const out: (PhysRegion | undefined)[] = [];
  for (const k of known) {
    if (k.kind !== 'reserved' && k.kind !== 'cma' && k.kind !== 'memreserve') continue;
    const i = groupHolding(groups, k);
    if (i >= 0) out[i] ??= k;
  }
  return out;
}

/** `== 0xa27000  == 10396KB （kernel）` → `kernel`; keeps the words a person wrote, drops arithmetic */
function cleanNote(n: string): string {
  const paren = /[（(]([^)）]+)[)）]/.exec(n)?.[1];
  if (paren) return paren.trim();
  return n
    .replace(/==\s*0x[0-9a-fA-F]+\s*/g, '')
    .replace(/==\s*\d+\s*[KMG]i?B\s*/gi, '')
    .trim();
}
