/**
 * The drill-down behind meminfo's VmallocUsed: the largest callers of /proc/vmallocinfo
 * (grouped by symbol, without the offset), split vmalloc / ioremap / vmap / others.
 *
 * Only `pages=` is RAM: an ioremap maps device memory, a vmap maps pages someone else
 * allocated, an unpurged area is already freed. The kernel counts VmallocUsed as
 * levels.ts `vmallocReading` says: from 5.3 Σ pages of vmalloc areas (mm/vmalloc.c
 * `nr_vmalloc_pages`, added in `__vmalloc_area_node` only), 4.4–5.2 a constant 0, before
 * 4.4 the address space in use.
 */

import { type Meminfo, mi } from '../formats/meminfo/index';
import type { VmAddresses, VmArea, Vmallocinfo } from '../formats/vmallocinfo/index';
import { vmAddresses } from '../formats/vmallocinfo/index';
import { type VmallocReading, vmallocReading } from '../model/accounting/levels';
import type { Located } from '../model/snapshot';

/** a release of 5.3 or later, where VmallocUsed is Σ pages of vmalloc areas (commit 97105f0ab7b8) */
export function countsVmallocPages(release: string | undefined): boolean {
  const v = release ? /^(\d+)\.(\d+)/.exec(release) : null;
  return v !== null && Number(v[1]) * 1000 + Number(v[2]) >= 5003;
}

export type VmKind = 'vmalloc' | 'ioremap' | 'vmap' | 'other';
export const VM_KINDS: readonly VmKind[] = ['vmalloc', 'ioremap', 'vmap', 'other'];

/** an area's kind for the split: vmalloc first (vmalloc_user prints `vmalloc user`) */
export function vmKind(a: VmArea): VmKind {
  if (a.kinds.includes('vmalloc')) return 'vmalloc';
  if (a.kinds.includes('ioremap')) return 'ioremap';
  if (a.kinds.includes('vmap') || a.special === 'vm_map_ram') return 'vmap';
  return 'other';
}

/** `start_kernel+0x1c/0x2c` → `start_kernel`; no caller or `0x0` → null */
export function callerSymbol(caller: string | null): string | null {
  if (caller === null || /^0x0+$/.test(caller)) return null;
  return caller.replace(/\+0x[0-9a-f]+\/0x[0-9a-f]+$/i, '');
}

/**
 * The page size from the areas themselves: a vmalloc area of N pages spans N + 1 pages
 * (the guard page) or N (VM_NO_GUARD); the size that explains most areas wins. 4 KiB
 * when no area tells.
 */
export function vmPageKiB(areas: readonly VmArea[]): { kib: number; from: 'default' | 'areas' } {
  const votes = new Map<number, number>();
  for (const a of areas) {
    if (!a.pages || a.special) continue;
    for (const kib of [4, 16, 64]) {
      const page = kib * 1024;
      if (a.bytes === (a.pages + 1) * page || a.bytes === a.pages * page) votes.set(kib, (votes.get(kib) ?? 0) + 1);
    }
  }
  let best = 4;
  for (const [kib, n] of votes) if (n > (votes.get(best) ?? 0)) best = kib;
  return votes.size === 0 || best === 4 ? { kib: 4, from: 'default' } : { kib: best, from: 'areas' };
}

export interface VmTotals {
  areas: number;
  /** address space: Σ size (the guard page included) */
  sizeKiB: number;
  /** RAM: Σ pages × page */
  ramKiB: number;
}

export interface VmCallerRow extends VmTotals {
  /** symbol without offset; null: the kernel printed no caller */
  caller: string | null;
  module: string | null;
  /** areas the kernel prints without a caller: freed and waiting to be purged, or vm_map_ram */
  special: VmArea['special'];
  byKind: Record<VmKind, VmTotals>;
  line: number;
}

export interface VmallocView {
  source: string;
  addresses: VmAddresses;
  page: { kib: number; from: 'default' | 'areas' };
  total: VmTotals;
  byKind: Record<VmKind, VmTotals>;
  /** meminfo's VmallocUsed and what it counts on this kernel */
  vmallocUsedKiB: number | null;
  reading: VmallocReading | null;
  /** the largest callers: by RAM, then by address space */
  top: VmCallerRow[];
  rest: VmTotals & { callers: number };
}

export const VMALLOC_ROWS = 25;

const zero = (): VmTotals => ({ areas: 0, sizeKiB: 0, ramKiB: 0 });
const byKindZero = (): Record<VmKind, VmTotals> => ({ vmalloc: zero(), ioremap: zero(), vmap: zero(), other: zero() });
function add(t: VmTotals, a: VmArea, pageKiB: number): void {
  t.areas++;
  t.sizeKiB += a.bytes / 1024;
  t.ramKiB += (a.pages ?? 0) * pageKiB;
}

/** Σ pages of the vmalloc areas × page: what VmallocUsed counts from 5.3 */
export function vmallocPagesKiB(info: Vmallocinfo): { kib: number; pageKiB: number } {
  const page = vmPageKiB(info.areas);
  let pages = 0;
  for (const a of info.areas) if (vmKind(a) === 'vmalloc') pages += a.pages ?? 0;
  return { kib: pages * page.kib, pageKiB: page.kib };
}

export function vmallocView(v: Located<Vmallocinfo>, meminfo?: Meminfo, release?: string, rows = VMALLOC_ROWS): VmallocView {
  const areas = v.value.areas;
  const page = vmPageKiB(areas);
  const total = zero();
  const byKind = byKindZero();
  const callers = new Map<string, VmCallerRow>();
  for (const a of areas) {
    const kind = vmKind(a);
    add(total, a, page.kib);
    add(byKind[kind], a, page.kib);
    const caller = callerSymbol(a.caller);
    const key = `${caller ?? ''}\u0000${a.module ?? ''}\u0000${a.special ?? ''}`;
    let row = callers.get(key);
    if (!row) {
      row = { caller, module: a.module, special: a.special, ...zero(), byKind: byKindZero(), line: a.line };
      callers.set(key, row);
    }
    add(row, a, page.kib);
    add(row.byKind[kind], a, page.kib);
  }
  const sorted = [...callers.values()].sort((a, b) => b.ramKiB - a.ramKiB || b.sizeKiB - a.sizeKiB || a.line - b.line);
  const rest = sorted.slice(rows);
  const used = meminfo ? mi(meminfo, 'VmallocUsed') : undefined;
  return {
    source: v.source,
    addresses: vmAddresses(areas),
    page,
    total,
    byKind,
    vmallocUsedKiB: used ?? null,
    reading: meminfo && used !== undefined ? vmallocReading(meminfo, release).reading : null,
    top: sorted.slice(0, rows),
    rest: {
      callers: rest.length,
      areas: rest.reduce((s, r) => s + r.areas, 0),
      sizeKiB: rest.reduce((s, r) => s + r.sizeKiB, 0),
      ramKiB: rest.reduce((s, r) => s + r.ramKiB, 0),
    },
  };
}
