// /proc/slabinfo and /proc/vmallocinfo: the real fixtures (fixtures/real-slabinfo,
// fixtures/real-vmallocinfo, SOURCE.md there), their drill-downs and checks, and the
// hostile cases (cut lines, garbage, other versions, hidden addresses). Short inputs
// built here are marked as such; they are not offered as real dumps.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/core/index';
import { analyze } from '../../src/core/model/accounting/index';
import { buildSnapshot } from '../../src/core/model/snapshot';
import { toJson } from '../../src/core/report/json';
import { toMarkdown } from '../../src/core/report/markdown';
import { slabPage, slabReclaim, slabView } from '../../src/core/viewmodel/slab';
import { callerSymbol, vmallocView } from '../../src/core/viewmodel/vmalloc';

const FX = join(__dirname, '..', '..', 'fixtures');
const read = (p: string) => readFileSync(join(FX, p), 'latin1');
const model = (...paths: string[]) => buildSnapshot(paths.map((p) => parseText(read(p), p)));
const text = (t: string, name = 'paste') => {
  const parsed = parseText(t, name);
  return { parsed, snap: buildSnapshot([parsed]) };
};
const HEAD =
  'slabinfo - version: 2.1\n# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n';

describe('slabinfo, real', () => {
  it('this machine (6.18, SLUB, as root): every cache, and Σ caches within 5 % of Slab', () => {
    const snap = model('real-slabinfo/x86_64-6.18-this-machine/root-bundle.txt');
    expect(snap.slabinfo?.value.caches.length).toBe(235);
    const v = slabView(snap.slabinfo!, snap.meminfo?.value);
    expect(v.allocator).toBe('slub');
    expect(v.page).toEqual({ kib: 4, from: 'default' });
    expect(v.totalKiB).toBe(295044);
    expect(v.top[0]).toMatchObject({ name: 'ext4_inode_cache', totalKiB: 155504, activeObjs: 136066 });
    expect(v.top.find((r) => r.name === 'dentry')?.reclaim).toBe('reclaimable');
    const c = analyze(snap).checks.find((x) => x.id === 'slabinfo-sum');
    expect(c).toMatchObject({ left: 295044, right: 301444, delta: -6400, tolerance: 15072, ok: true });
  });
  it('RHCOS 4.18 and a ZTE ARMv7 4.1 router (SLUB): the check holds on both', () => {
    const rh = analyze(model('real-slabinfo/rhcos-hyperv-x86_64-4.18/meminfo', 'real-slabinfo/rhcos-hyperv-x86_64-4.18/slabinfo'));
    expect(rh.checks.find((x) => x.id === 'slabinfo-sum')).toMatchObject({ left: 196400, right: 199948, ok: true });
    const zte = analyze(model('real-slabinfo/zte-orange-armv7-4.1/meminfo', 'real-slabinfo/zte-orange-armv7-4.1/slabinfo'));
    expect(zte.checks.find((x) => x.id === 'slabinfo-sum')).toMatchObject({ left: 23272, right: 23104, ok: true });
  });
  it('a 2.6 SLAB board: tunables tell SLAB, size-N(DMA) caches are not reclaimable, and without meminfo the check says what it needs', () => {
    const snap = model('real-slabinfo/arm720t-2.6-slab/slabinfo');
    const v = slabView(snap.slabinfo!);
    expect(v.allocator).toBe('slab');
    expect(v.caches).toBe(126);
    expect(slabReclaim('size-4096(DMA)')).toBe('unreclaimable');
    expect(analyze(snap).checksNotRun.find((x) => x.id === 'slabinfo-sum')).toBeDefined();
  });
  it('non-root: the file cannot be read, and that text is listed, not taken for slabinfo', () => {
    const { parsed, snap } = text(read('real-slabinfo/x86_64-6.18-this-machine/nonroot-stderr.txt'));
    expect(snap.slabinfo).toBeUndefined();
    expect(parsed.diagnostics[0]?.message).toContain('Permission denied');
  });
});

describe('slabinfo, hostile (inputs built here)', () => {
  it('a line cut before its slabdata is said, never guessed; the caches around it are read', () => {
    const t = `${HEAD}kmalloc-64  640  640  64  64  1 : tunables 0 0 0 : slabdata 10 10 0\nkmalloc-32  1280 1280 32 128\nkmalloc-16  256 256 16 256 1 : tunables 0 0 0 : slabdata 1 1 0\n`;
    const { parsed, snap } = text(t);
    expect(snap.slabinfo?.value.caches.map((c) => c.name)).toEqual(['kmalloc-64', 'kmalloc-16']);
    expect(parsed.diagnostics.find((d) => d.line === 4)?.severity).toBe('error');
  });
  it('garbage inside is listed with its line; the cache lines after it join the same slabinfo', () => {
    const t = `${HEAD}a: 1 : 2\nkmalloc-16  256 256 16 256 1 : tunables 0 0 0 : slabdata 1 1 0\n`;
    const { parsed, snap } = text(t);
    expect(snap.slabinfo?.value.caches).toHaveLength(1);
    expect(parsed.diagnostics.some((d) => d.line === 3)).toBe(true);
  });
  it('version 1.1 (2.4 kernels) is said and its lines listed, not read with the wrong columns', () => {
    const { parsed, snap } = text('slabinfo - version: 1.1\nkmem_cache 59 78 100 2 2 1 : 252 126\n');
    expect(snap.slabinfo?.value.caches).toHaveLength(0);
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toHaveLength(2);
  });
  it('2.1 (statistics): the columns after the slabdata are read past', () => {
    const { snap } = text(
      'slabinfo - version: 2.1 (statistics)\nsize-128 100 120 128 30 1 : tunables 120 60 8 : slabdata 4 4 0 : globalstat 1 2 3 4 5 6 7 8 : cpustat 1 2 3 4\n',
    );
    expect(snap.slabinfo?.value).toMatchObject({ statistics: true, caches: [{ name: 'size-128', numSlabs: 4 }] });
  });
  it('64 KiB pages are told by the objects (kmalloc-8: 8192 objects in one page)', () => {
    const { snap } = text(`${HEAD}kmalloc-8  8192 8192 8 8192 1 : tunables 0 0 0 : slabdata 1 1 0\n`);
    expect(slabPage(snap.slabinfo!.value.caches)).toEqual({ kib: 64, from: 'objects', cache: 'kmalloc-8' });
  });
  it('a count past 2^53 leaves its cache out and says so', () => {
    const { parsed, snap } = text(`${HEAD}big 1 99999999999999999999 8 1 1 : tunables 0 0 0 : slabdata 1 1 0\n`);
    expect(snap.slabinfo?.value.caches).toHaveLength(0);
    expect(parsed.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });
});

describe('vmallocinfo, real', () => {
  it('this machine (6.18, root, kptr_restrict 0): hashed addresses, exact sizes; Σ vmalloc pages = VmallocUsed', () => {
    const snap = model('real-vmallocinfo/x86_64-6.18-this-machine/root-bundle.txt');
    const v = vmallocView(snap.vmallocinfo!, snap.meminfo?.value, snap.kernelRelease);
    expect(v.addresses).toBe('hashed');
    expect(v.total.areas).toBe(1455);
    expect(v.byKind.vmalloc).toMatchObject({ areas: 108, ramKiB: 5764 });
    expect(v.top[0]).toMatchObject({ caller: 'pcpu_create_chunk', ramKiB: 2124 });
    expect(v.top.find((r) => r.special === 'unpurged')?.areas).toBe(1316);
    const c = analyze(snap).checks.find((x) => x.id === 'vmallocinfo-pages');
    expect(c).toMatchObject({ left: 5764, right: 5748, delta: 16, ok: true });
  });
  it('4.18 prints VmallocUsed 0 and 4.1 counts address space: the check is not run and says why', () => {
    const rh = analyze(model('real-vmallocinfo/rhcos-hyperv-x86_64-4.18/meminfo', 'real-vmallocinfo/rhcos-hyperv-x86_64-4.18/vmallocinfo'));
    expect(rh.checksNotRun.find((x) => x.id === 'vmallocinfo-pages')).toBeDefined();
    const snap = model(
      'real-vmallocinfo/zte-orange-armv7-4.1/version',
      'real-vmallocinfo/zte-orange-armv7-4.1/meminfo',
      'real-vmallocinfo/zte-orange-armv7-4.1/vmallocinfo',
    );
    const v = vmallocView(snap.vmallocinfo!, snap.meminfo?.value, snap.kernelRelease);
    expect(v).toMatchObject({ addresses: 'exact', reading: 'address-space', vmallocUsedKiB: 190068 });
    expect(v.byKind.ioremap.ramKiB).toBe(0);
    expect(analyze(snap).checksNotRun.find((x) => x.id === 'vmallocinfo-pages')).toBeDefined();
  });
  it('an ARM camera with module callers: grouped by symbol and module', () => {
    const snap = model('real-vmallocinfo/fh8856v200-arm32-4.9.txt');
    const v = vmallocView(snap.vmallocinfo!);
    expect(v.total.areas).toBe(99);
    const isp = v.top.find((r) => r.caller === 'isp_start' && r.module === 'isp');
    expect(isp).toMatchObject({ areas: 2, ramKiB: 12 });
  });
});

describe('vmallocinfo, hostile (inputs built here)', () => {
  it('zero addresses (kptr_restrict) and (ptrval) are said; sizes stay exact; caller 0x0 is no caller', () => {
    const zero = text('0x0000000000000000-0x0000000000000000    8192 0x0 pages=1 vmalloc\n').snap;
    const v = vmallocView(zero.vmallocinfo!);
    expect(v.addresses).toBe('zero');
    expect(v.top[0]).toMatchObject({ caller: null, sizeKiB: 8, ramKiB: 4 });
    expect(vmallocView(text('0x(ptrval)-0x(ptrval)    8192 load_module+0xc0c/0x2c0c pages=1 vmalloc\n').snap.vmallocinfo!).addresses).toBe(
      'ptrval',
    );
    expect(callerSymbol('start_kernel+0x1c/0x2c')).toBe('start_kernel');
  });
  it('a line cut before its size is said; an address wider than 64 bits is refused', () => {
    const { parsed, snap } = text(
      `0xc3000000-0xc3002000    8192 a+0x1/0x2 pages=1 vmalloc\n0xc3002000-0xc30\n0x${'f'.repeat(40)}-0x1 8192 b pages=1 vmalloc\n`,
    );
    expect(snap.vmallocinfo?.value.areas).toHaveLength(1);
    expect(parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => d.line)).toEqual([2, 3]);
  });
});

describe('the report', () => {
  it('JSON has `slab` and `vmalloc`, Markdown a section each', () => {
    const snap = model('real-slabinfo/x86_64-6.18-this-machine/root-bundle.txt');
    const a = analyze(snap);
    const j = toJson(snap, a);
    expect(j.slab?.totalKiB).toBe(295044);
    expect(j.vmalloc?.addresses).toBe('hashed');
    expect(toJson(buildSnapshot([]), analyze(buildSnapshot([]))).slab).toBeNull();
    const md = toMarkdown(snap, a);
    expect(md).toContain('## Slab caches');
    expect(md).toContain('## vmalloc callers');
  });
});
