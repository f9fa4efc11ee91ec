/**
 * The kernel drill-downs in the CLI's report: `slab` and `vmalloc` in the JSON, a section
 * each in the Markdown. Sizes in KiB; null when the input was not given.
 */
import type { Snapshot } from '../model/snapshot';
import { fmtKiB, fmtPct } from '../units';
import { type SlabView, slabView } from '../viewmodel/slab';
import { VM_KINDS, type VmallocView, vmallocView } from '../viewmodel/vmalloc';

export const slabOf = (snap: Snapshot): SlabView | null => (snap.slabinfo ? slabView(snap.slabinfo, snap.meminfo?.value) : null);
export const vmallocOf = (snap: Snapshot): VmallocView | null =>
  snap.vmallocinfo ? vmallocView(snap.vmallocinfo, snap.meminfo?.value, snap.kernelRelease) : null;

/** what the addresses of a vmallocinfo tell its reader */
const ADDRESSES: Record<VmallocView['addresses'], string> = {
  exact: 'real addresses',
  hashed: 'addresses hashed by %pK (kptr_restrict 0); sizes and callers are exact',
  zero: 'addresses printed as zeros (kptr_restrict, or a reader without CAP_SYSLOG); sizes are exact',
  ptrval: 'addresses printed as (ptrval); sizes are exact',
  none: 'no areas',
};

export function slabJson(snap: Snapshot) {
  const v = slabOf(snap);
  return v && { ...v, pageKiB: v.page.kib, pageFrom: v.page.from };
}

export function vmallocJson(snap: Snapshot) {
  const v = vmallocOf(snap);
  return v && { ...v, addressesNote: ADDRESSES[v.addresses] };
}

const callerName = (r: VmallocView['top'][number]) =>
  `${r.caller ?? (r.special === 'unpurged' ? '(unpurged vm_area)' : r.special === 'vm_map_ram' ? '(vm_map_ram)' : '(no caller printed)')}${r.module ? ` [${r.module}]` : ''}`;

/** `cell`: the report's one Markdown cell escaper (./markdown.ts), passed in to keep the module graph acyclic */
export function drilldownMarkdown(snap: Snapshot, cell: (s: string) => string): string[] {
  const out: string[] = [];
  const s = slabOf(snap);
  if (s) {
    out.push(
      '',
      '## Slab caches',
      '',
      `${s.caches} caches in ${cell(s.source)} (slabinfo ${s.version ?? '?'}, ${s.allocator.toUpperCase()}), page ${s.page.kib} KiB${s.page.from === 'objects' ? ` (the objects of ${cell(s.page.cache ?? '')} need it)` : ' (assumed)'}: ${fmtKiB(s.totalKiB)} KiB in slabs, ${fmtKiB(s.activeKiB)} KiB in active objects${s.slabKiB !== null ? `; meminfo Slab ${fmtKiB(s.slabKiB)} KiB` : ''}. Reclaimable by name: ${fmtKiB(s.byReclaim.reclaimable)} KiB, not reclaimable: ${fmtKiB(s.byReclaim.unreclaimable)} KiB, unknown: ${fmtKiB(s.byReclaim.unknown)} KiB.`,
      '',
      '| cache | active / total objs | obj size | KiB total | KiB active | % of Slab | reclaimable |',
      '|---|--:|--:|--:|--:|--:|---|',
    );
    for (const r of s.top)
      out.push(
        `| ${cell(r.name)} | ${r.activeObjs} / ${r.numObjs} | ${r.objSize} | ${fmtKiB(r.totalKiB)} | ${fmtKiB(r.activeKiB)} | ${s.slabKiB ? fmtPct(r.totalKiB, s.slabKiB) : ''} | ${r.reclaim} |`,
      );
    if (s.rest.count > 0)
      out.push(
        `| ${s.rest.count} more caches | | | ${fmtKiB(s.rest.totalKiB)} | ${fmtKiB(s.rest.activeKiB)} | ${s.slabKiB ? fmtPct(s.rest.totalKiB, s.slabKiB) : ''} | |`,
      );
  }
  const v = vmallocOf(snap);
  if (v) {
    out.push(
      '',
      '## vmalloc callers',
      '',
      `${v.total.areas} areas in ${cell(v.source)} (${ADDRESSES[v.addresses]}), page ${v.page.kib} KiB: ${fmtKiB(v.total.ramKiB)} KiB of RAM (pages=), ${fmtKiB(v.total.sizeKiB)} KiB of address space${v.vmallocUsedKiB !== null ? `; meminfo VmallocUsed ${fmtKiB(v.vmallocUsedKiB)} KiB (${v.reading})` : ''}.`,
      '',
      '| kind | areas | KiB RAM | KiB address space |',
      '|---|--:|--:|--:|',
    );
    for (const k of VM_KINDS) out.push(`| ${k} | ${v.byKind[k].areas} | ${fmtKiB(v.byKind[k].ramKiB)} | ${fmtKiB(v.byKind[k].sizeKiB)} |`);
    out.push(
      '',
      '| caller | areas | KiB RAM | KiB address space | vmalloc | ioremap | vmap | others |',
      '|---|--:|--:|--:|--:|--:|--:|--:|',
    );
    for (const r of v.top)
      out.push(
        `| ${cell(callerName(r))} | ${r.areas} | ${fmtKiB(r.ramKiB)} | ${fmtKiB(r.sizeKiB)} | ${VM_KINDS.map((k) => fmtKiB(r.byKind[k].sizeKiB)).join(' | ')} |`,
      );
    if (v.rest.callers > 0)
      out.push(`| ${v.rest.callers} more callers | ${v.rest.areas} | ${fmtKiB(v.rest.ramKiB)} | ${fmtKiB(v.rest.sizeKiB)} | | | | |`);
  }
  return out;
}
