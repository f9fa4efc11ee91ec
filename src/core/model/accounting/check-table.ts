/**
 * Every consistency check: the identities the kernel's numbers must satisfy, each with
 * both sides, a tolerance and the reason the sides can differ (docs/accounting.md,
 * "Checks"). Adding a check is one entry: its needs decide when it runs, and say why
 * when it does not.
 */
import { mi } from '../../formats/meminfo/index';
import { C } from '../../formats/smaps/index';
import { m } from '../../messages/catalogue';
import { slabTotalKiB } from '../../viewmodel/slab';
import { vmallocPagesKiB, vmKind } from '../../viewmodel/vmalloc';
import { insideRamKiB } from '../iomem';
import { totalKiB, union } from '../ranges';
import { zoneLines } from '../zones/index';
import { expectedMemTotal } from './boot';
import { linesOf } from './check-refs';
import { type CheckDef, defineCheck } from './checks';

const expr = (e: string) => m('formula.expr', { expr: e });

export const CHECKS: readonly CheckDef[] = [
  defineCheck({
    id: 'lru',
    label: m('check.lru'),
    why: m('why.lru'),
    needs: ['meminfo'],
    fields: ['Active', 'Inactive', 'AnonPages', 'Cached', 'Buffers'],
    run({ meminfo }, f, at) {
      // Unevictable (2.6.28+) and SwapCached may be absent on old kernels: 0 then
      const right = f.AnonPages + f.Cached + f.Buffers + (mi(meminfo, 'SwapCached') ?? 0);
      return {
        left: f.Active + f.Inactive + (mi(meminfo, 'Unevictable') ?? 0),
        right,
        tolerance: Math.max(1024, Math.round(right * 0.02)),
        leftFormula: expr('Active + Inactive + Unevictable'),
        rightFormula: expr('AnonPages + Cached + Buffers + SwapCached'),
        leftRefs: at.meminfo('Active', 'Inactive', 'Unevictable'),
        rightRefs: at.meminfo('AnonPages', 'Cached', 'Buffers', 'SwapCached'),
      };
    },
  }),
  defineCheck({
    id: 'slab',
    label: m('check.slab'),
    why: m('why.slab'),
    needs: [],
    fields: ['Slab', 'SReclaimable', 'SUnreclaim'],
    run: (_, f, at) => ({
      left: f.Slab,
      right: f.SReclaimable + f.SUnreclaim,
      tolerance: 0,
      leftFormula: expr('Slab'),
      rightFormula: expr('SReclaimable + SUnreclaim'),
      leftRefs: at.meminfo('Slab'),
      rightRefs: at.meminfo('SReclaimable', 'SUnreclaim'),
    }),
  }),
  defineCheck({
    id: 'free-total',
    label: m('check.free-total'),
    why: m('why.free-total'),
    needs: ['freeTotal'],
    fields: ['MemTotal'],
    run: ({ freeTotal }, f, at) => ({
      left: freeTotal.kib,
      right: f.MemTotal,
      tolerance: Math.ceil(freeTotal.precisionKiB),
      leftFormula: m('formula.free-total'),
      rightFormula: m('formula.meminfo', { key: 'MemTotal' }),
      leftRefs: at.freeMem(),
      rightRefs: at.meminfo('MemTotal'),
    }),
  }),
  defineCheck({
    id: 'memblock-phys',
    label: m('check.memblock-phys'),
    why: m('why.memblock-phys'),
    needs: ['physical', 'memblockMemory', 'bootModern'],
    run: ({ physical, bootModern }, _, at) => ({
      left: physical.memblockMemoryKiB,
      right: bootModern.physKiB,
      tolerance: 0,
      leftFormula: m('formula.memblock-memory-all'),
      rightFormula: m('formula.boot-phys'),
      leftRefs: at.memblock('memory'),
      rightRefs: at.boot(),
    }),
  }),
  defineCheck({
    id: 'memblock-reserved',
    label: m('check.memblock-reserved'),
    why: m('why.memblock-reserved'),
    needs: ['physical', 'memblockReserved', 'bootModern', 'bootReserved'],
    run({ physical, bootModern, bootReserved }, _, at) {
      const cma = bootModern.fields['cma-reserved'] ?? 0;
      // NOMAP ranges are present pages that were never freed: inside `reserved`, not in memblock.reserved
      const nomap = physical.memblockNomapKiB;
      return {
        left: physical.memblockReservedKiB - cma + nomap,
        right: bootReserved,
        tolerance: 0,
        leftFormula: m('formula.memblock-reserved', { cma: cma !== 0, nomap: nomap !== 0 }),
        rightFormula: m('formula.boot-reserved-field'),
        leftRefs: [...at.memblock('reserved'), ...(nomap !== 0 ? at.memblock('memory') : [])],
        rightRefs: at.boot(),
      };
    },
  }),
  defineCheck({
    id: 'span',
    label: m('check.span'),
    why: m('why.span'),
    needs: ['physical', 'memblockMemory'],
    run: ({ physical }, _, at) => ({
      left: physical.spanKiB,
      right: physical.memblockMemoryKiB - physical.memblockNomapKiB + physical.noMapKiB,
      tolerance: 0,
      leftFormula: physical.dramFrom,
      rightFormula: m('formula.span-right'),
      leftRefs: at.dram(),
      rightRefs: [...at.memblock('memory'), ...at.noMap()],
    }),
  }),
  defineCheck({
    id: 'memtotal-boot',
    label: m('check.memtotal-boot'),
    why: m('why.memtotal-boot'),
    needs: ['boot', 'bootFreed', 'memTotalSettled'],
    fields: ['MemTotal'],
    run: ({ boot, bootFreed }, f, at) => ({
      left: f.MemTotal,
      right: expectedMemTotal(boot, bootFreed),
      tolerance: 0,
      leftFormula: m('formula.meminfo', { key: 'MemTotal' }),
      rightFormula: m('formula.memtotal-boot', { form: boot.form, freed: bootFreed.from }),
      leftRefs: at.meminfo('MemTotal'),
      rightRefs: [...at.boot(), ...at.freed()],
    }),
  }),
  defineCheck({
    id: 'smaps-rss',
    label: m('check.smaps-rss'),
    why: m('why.smaps-rss'),
    needs: ['smaps'],
    run({ smaps }, _, at) {
      let left = 0;
      let right = 0;
      let bad = 0;
      for (const p of smaps) {
        const t = p.mappings;
        for (let r = 0; r < t.length; r++) {
          if (!t.has(r, C.Rss)) continue;
          const rss = t.kib(r, C.Rss);
          const parts = t.kib(r, C.Shared_Clean) + t.kib(r, C.Shared_Dirty) + t.kib(r, C.Private_Clean) + t.kib(r, C.Private_Dirty);
          left += rss;
          right += parts;
          if (parts !== rss) bad++;
        }
      }
      const refs = at.smaps();
      return {
        left,
        right,
        tolerance: 0,
        leftFormula: m('formula.smaps-rss-left'),
        rightFormula: m('formula.smaps-rss-right', { bad }),
        leftRefs: refs,
        rightRefs: refs,
      };
    },
  }),
  defineCheck({
    id: 'pss',
    label: m('check.pss'),
    why: m('why.pss'),
    needs: ['allSmaps', 'processes'],
    fields: ['AnonPages', 'Mapped'],
    run({ allSmaps, processes }, f, at) {
      // the processes given may be some of them: their Pss can fall short, never exceed
      const right = f.AnonPages + f.Mapped;
      return {
        left: Math.round(processes.reduce((s, p) => s + p.pssKiB, 0)),
        right,
        tolerance: Math.max(2048, Math.round(right * 0.1)),
        atMost: true,
        leftFormula: m('formula.pss-left', { processes: allSmaps.length }),
        rightFormula: expr('AnonPages + Mapped'),
        leftRefs: at.smaps(),
        rightRefs: at.meminfo('AnonPages', 'Mapped'),
      };
    },
  }),
  defineCheck({
    id: 'zones-managed',
    label: m('check.zones-managed'),
    why: m('why.zones-managed'),
    needs: ['zones', 'zonesHoldFree'],
    fields: ['MemTotal'],
    run: ({ zones }, f, at) => ({
      left: zones.managedKiB,
      leftRefs: linesOf(zones.source ?? '', zoneLines(zones)),
      rightRefs: at.meminfo('MemTotal'),
      right: f.MemTotal,
      tolerance: 0,
      leftFormula: m('formula.zones-managed', { zones: zones.zones.filter((z) => !z.empty).length, page: zones.pageKiB }),
      rightFormula: m('formula.meminfo', { key: 'MemTotal' }),
    }),
  }),
  defineCheck({
    id: 'buddy-free',
    label: m('check.buddy-free'),
    why: m('why.buddy-free'),
    needs: ['buddy', 'zonesHoldFree'],
    fields: ['MemFree'],
    run: ({ buddy }, f, at) => ({
      left: buddy.freeKiB,
      leftRefs: linesOf(
        buddy.source,
        buddy.zones.flatMap((z) => z.lines),
      ),
      rightRefs: at.meminfo('MemFree'),
      right: f.MemFree,
      // per-cpu vmstat drift is only known with zoneinfo; the reads' time apart is the 1 %
      tolerance: Math.round((buddy.driftKiB ?? 0) + f.MemFree * 0.01),
      // a floor (pagetypeinfo's `>100000`) may only fall short
      ...(buddy.atLeast ? { atMost: true as const } : {}),
      leftFormula: m('formula.buddy-free', { zones: buddy.zones.length, page: buddy.pageKiB }),
      rightFormula: m('formula.meminfo', { key: 'MemFree' }),
    }),
  }),
  defineCheck({
    id: 'buddy-zone-free',
    label: m('check.buddy-zone-free'),
    why: m('why.buddy-zone-free'),
    needs: ['buddy', 'zoneFree'],
    run: ({ buddy, zoneFree }) => ({
      left: buddy.freeKiB,
      leftRefs: linesOf(
        buddy.source,
        buddy.zones.flatMap((z) => z.lines),
      ),
      rightRefs: linesOf(zoneFree.source ?? '', zoneLines(zoneFree)),
      right: zoneFree.freeKiB,
      tolerance: Math.round(zoneFree.driftKiB + zoneFree.freeKiB * 0.01),
      ...(buddy.atLeast ? { atMost: true as const } : {}),
      leftFormula: m('formula.buddy-free', { zones: buddy.zones.length, page: buddy.pageKiB }),
      rightFormula: m('formula.zone-free', { zones: zoneFree.zones.filter((z) => !z.empty).length }),
    }),
  }),
  defineCheck({
    id: 'slabinfo-sum',
    label: m('check.slabinfo-sum'),
    why: m('why.slabinfo-sum'),
    needs: ['slabinfo'],
    fields: ['Slab'],
    run({ slabinfo }, f, refs) {
      const sum = slabTotalKiB(slabinfo.value);
      return {
        left: sum.kib,
        right: f.Slab,
        tolerance: Math.max(1024, Math.round(f.Slab * 0.05)),
        leftFormula: m('formula.slabinfo-sum', { caches: slabinfo.value.caches.length, pageKiB: sum.pageKiB }),
        rightFormula: m('formula.meminfo', { key: 'Slab' }),
        leftRefs: linesOf(
          slabinfo.source,
          slabinfo.value.caches.map((c) => c.line),
        ),
        rightRefs: refs.meminfo('Slab'),
      };
    },
  }),
  defineCheck({
    id: 'vmallocinfo-pages',
    label: m('check.vmallocinfo-pages'),
    why: m('why.vmallocinfo-pages'),
    needs: ['vmallocinfo', 'vmallocCountsPages'],
    fields: ['VmallocUsed'],
    run({ vmallocinfo }, f, refs) {
      const sum = vmallocPagesKiB(vmallocinfo.value);
      return {
        left: sum.kib,
        right: f.VmallocUsed,
        tolerance: Math.max(1024, Math.round(f.VmallocUsed * 0.02)),
        leftFormula: m('formula.vmallocinfo-pages', { pageKiB: sum.pageKiB }),
        rightFormula: m('formula.meminfo', { key: 'VmallocUsed' }),
        leftRefs: linesOf(
          vmallocinfo.source,
          vmallocinfo.value.areas.filter((a) => vmKind(a) === 'vmalloc').map((a) => a.line),
        ),
        rightRefs: refs.meminfo('VmallocUsed'),
      };
    },
  }),
  // ---- /proc/iomem (src/core/model/iomem.ts)
  defineCheck({
    id: 'iomem-ram',
    label: m('check.iomem-ram'),
    why: m('why.iomem-ram'),
    needs: ['iomem', 'ramReference'],
    run: ({ iomem, ramReference }, _, at) => ({
      // whole pages: the kernel registers System RAM from page frames (x86 e820 ranges may end mid-page)
      left: iomem.systemRamPagesKiB,
      right: ramReference.kib,
      tolerance: 0,
      ...(ramReference.exact ? {} : { atMost: true as const }),
      leftFormula: m('formula.iomem-ram'),
      rightFormula: m('formula.iomem-ram-reference', { from: ramReference.from }),
      leftRefs: iomem.refs.ram,
      rightRefs:
        ramReference.from === 'memblock'
          ? at.memblock('memory')
          : ramReference.from === 'device-tree'
            ? [...at.dram(), ...at.noMap()]
            : at.boot(),
    }),
  }),
  defineCheck({
    id: 'iomem-kernel',
    label: m('check.iomem-kernel'),
    why: m('why.iomem-kernel'),
    needs: ['iomem', 'iomemKernel', 'bootImage'],
    run({ iomem, iomemKernel, bootImage: right }, _, at) {
      return {
        left: Math.round(iomemKernel),
        right,
        // section alignment (arm64 pads text, rodata and data to 64 KiB) and the page tables after bss
        tolerance: 256 + Math.round(right * 0.02),
        leftFormula: m('formula.iomem-kernel', { parts: Object.keys(iomem.kernel) }),
        rightFormula: m('formula.iomem-kernel-boot'),
        leftRefs: iomem.refs.kernel,
        rightRefs: at.boot(),
      };
    },
  }),
  defineCheck({
    id: 'iomem-nomap',
    label: m('check.iomem-nomap'),
    why: m('why.iomem-nomap'),
    needs: ['iomem', 'noMapCarveOuts'],
    run({ iomem, noMapCarveOuts }, _, at) {
      const right = totalKiB(union(noMapCarveOuts));
      return {
        left: right - insideRamKiB(iomem, noMapCarveOuts),
        right,
        tolerance: 0,
        leftFormula: m('formula.iomem-nomap'),
        rightFormula: m('formula.iomem-nomap-right'),
        leftRefs: iomem.refs.ramAndReserved,
        // carve-outs come from the device tree, or from memblock.memory's NOMAP flags
        rightRefs: [...at.noMap(), ...at.memblock('memory')],
      };
    },
  }),
];
