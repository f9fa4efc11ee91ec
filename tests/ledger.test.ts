import { describe, expect, it } from 'vitest';
import { MappingTable } from '../src/core/formats/smaps/index';
import { breakdown } from '../src/core/viewmodel/bar';
import { LEDGER_MAX_CHILDREN, type LedgerNode, ledgerTree, mappingNodes, pathTo } from '../src/core/viewmodel/ledger';
import { groupMappings, processKinds } from '../src/core/viewmodel/mappings';
import { barParts } from '../src/core/viewmodel/parts';
import { squarify } from '../src/core/viewmodel/squarify';
import { en, read, run, SEED, SEED_FILES } from './helpers';

const seed = (files = SEED_FILES) => run(files.map((f) => ({ name: f, text: read(SEED, f) })));
const ledgerOf = (r: ReturnType<typeof run>) =>
  ledgerTree(
    breakdown(r.snap, r.a),
    r.a.physical?.regions,
    r.a.processes.map((p, i) => ({ ...p, byKind: processKinds(r.snap.processes[i]) })),
  );
const child = (n: LedgerNode | undefined, id: string) => n?.children?.find((c) => c.id === `${n.id}/${id}`);

/** every node with children is their exact sum */
function expectClosed(n: LedgerNode): void {
  if (!n.children) return;
  expect(
    n.children.reduce((s, c) => s + c.kib, 0),
    n.id,
  ).toBe(n.kib);
  for (const c of n.children) expectClosed(c);
}

describe('the ledger tree', () => {
  it("holds the seed's numbers, every node the sum of its children", () => {
    const { root, residualKiB, notes } = ledgerOf(seed());
    expect(root.kib).toBe(262144);
    expect(residualKiB).toBe(0);
    expect(notes).toEqual([]);
    expectClosed(root);
    const carve = child(root, 'carve-outs');
    expect(carve?.kib).toBe(3776);
    expect(carve?.children?.map((c) => c.kib).sort((x, y) => x - y)).toEqual([192, 256, 1024, 2304]);
    const boot = child(root, 'boot');
    // memblock.memory − MemTotal = 258,368 − 230,856
    expect(boot?.kib).toBe(27512);
    expect(boot?.children?.find((c) => c.bucket === 'boot-kernel')?.kib).toBe(10396 - 448);
    expect(boot?.children?.find((c) => c.bucket === 'boot-memmap')?.kib).toBe(14336);
    const kernel = child(root, 'kernel');
    // Slab + KernelStack + PageTables + VmallocUsed + Percpu
    expect(kernel?.kib).toBe(86304);
    expect(child(kernel, 'SUnreclaim')).toBeDefined();
    expect(child(kernel, 'VmallocUsed')?.kib).toBe(35556);
    const user = child(root, 'user');
    // AnonPages + Cached + Buffers (SwapCached is 0: no segment)
    expect(user?.kib).toBe(44532);
    expect(child(root, 'unaccounted')?.kib).toBe(50504);
    expect(child(root, 'MemFree')?.kib).toBe(49516);
    // MemTotal is the kernel, user, unaccounted and free parts
    expect(86304 + 44532 + 50504 + 49516).toBe(230856);
  });

  it('splits what processes map into their PSS and an explicit "not in any process"', () => {
    const { root } = ledgerOf(seed());
    const mapped = child(child(root, 'user'), 'mapped');
    // AnonPages + Mapped = 16,720 + 12,020
    expect(mapped?.kib).toBe(28740);
    const proc = mapped?.children?.find((c) => c.process === 0);
    expect(proc?.kib).toBe(256);
    expect(proc?.children?.map((c) => [c.kind, c.kib])).toEqual([['stack', 256]]);
    const rest = child(mapped, 'not-in-process');
    expect(rest?.kib).toBe(28740 - 256);
    expect(en(rest?.formula ?? { key: '' })).toContain('28740 − 256');
  });

  it("without processes the user part is meminfo's buckets; without physical dumps the root is MemTotal", () => {
    const r = seed(SEED_FILES.filter((f) => f === 'meminfo.txt'));
    const { root } = ledgerOf(r);
    expect(en(root.label)).toBe('MemTotal');
    expect(root.kib).toBe(230856);
    expectClosed(root);
    expect(child(root, 'user')?.children?.map((c) => c.bucket)).toEqual(['anon', 'shmem', 'file-mapped', 'file-unmapped', 'buffers']);
  });

  it('keeps a negative part in the tree and says it has no area', () => {
    const { root, notes } = ledgerOf(
      run([{ name: 'm', text: 'MemTotal: 100000 kB\nMemFree: 50000 kB\nCached: 10000 kB\nSlab: 45000 kB\nAnonPages: 4000 kB\n' }]),
    );
    expectClosed(root);
    expect(child(root, 'unaccounted')?.kib).toBe(-9000);
    expect(notes.map(en).join()).toMatch(/unaccounted is -9000 KiB, below zero/);
  });

  it('caps the children of a node: 500 processes are 39 and "461 more", still adding up', () => {
    const procs = Array.from({ length: 500 }, (_, i) => ({ name: `p${i}`, pid: i, pssKiB: i + 1 }));
    const r = seed();
    const { root } = ledgerTree(breakdown(r.snap, r.a), r.a.physical?.regions, procs);
    const mapped = child(child(root, 'user'), 'mapped');
    expectClosed(root);
    // 39 processes, "N more", "not in any process"
    expect(mapped?.children?.length).toBe(LEDGER_MAX_CHILDREN + 1);
    const more = child(mapped, 'more');
    expect(en(more?.label ?? { key: '' })).toBe('461 more');
    expect(more?.children?.length).toBe(LEDGER_MAX_CHILDREN);
    // ids stay unique along the path
    expect(pathTo(root, more?.children?.[0]?.id ?? '').length).toBe(5);
  });

  it("a process's mappings of one kind add up to its kind node", () => {
    const t = new MappingTable();
    const text = [
      '00400000-00500000 r-xp 00000000 08:01 12 /bin/app\nSize: 1024 kB\nRss: 100 kB\nPss: 60 kB\n',
      '00600000-00700000 r-xp 00000000 08:01 13 /lib/libc.so\nSize: 1024 kB\nRss: 100 kB\nPss: 40 kB\n',
    ].join('');
    const r = run([{ name: '1/smaps', text }]);
    const maps = r.snap.processes[0]?.mappings ?? t;
    const g = groupMappings(maps).find((x) => x.kind === 'file code');
    if (!g) throw new Error('no file code group');
    const parent: LedgerNode = {
      id: 'root/user/p0/file code',
      label: { key: 'kind.file code', params: undefined },
      kib: 100,
      kind: 'file code',
    };
    const nodes = mappingNodes(parent, g);
    expect(nodes.map((n) => [en(n.label), n.kib])).toEqual([
      ['/bin/app', 60],
      ['/lib/libc.so', 40],
    ]);
    expect(nodes[0]?.id).toBe('root/user/p0/file code/0');
  });
});

describe('the kernel and user bars', () => {
  it("take the DRAM bar's segments by family; unaccounted stands with the kernel", () => {
    const r = seed();
    const [kernel, user] = barParts(breakdown(r.snap, r.a));
    expect(kernel?.totalKiB).toBe(86304 + 50504);
    expect(kernel?.segments.map((s) => s.bucket)).toContain('unaccounted');
    expect(user?.totalKiB).toBe(44532);
    expect(user?.segments.map((s) => s.bucket)).toEqual(['anon', 'shmem', 'file-mapped', 'file-unmapped', 'buffers']);
  });
});

describe('squarify', () => {
  const area = (r: { w: number; h: number }) => r.w * r.h;
  it('gives each value an area in proportion, inside the rectangle, without overlap', () => {
    const values = [6, 6, 4, 3, 2, 2, 1, 0];
    const cells = squarify(values, { x: 0, y: 0, w: 600, h: 400 });
    values.forEach((v, i) => {
      expect(area(cells[i] ?? { w: 0, h: 0 })).toBeCloseTo((v / 24) * 240000, 6);
    });
    for (const c of cells) {
      expect(c.x).toBeGreaterThanOrEqual(-1e-9);
      expect(c.y).toBeGreaterThanOrEqual(-1e-9);
      expect(c.x + c.w).toBeLessThanOrEqual(600 + 1e-9);
      expect(c.y + c.h).toBeLessThanOrEqual(400 + 1e-9);
    }
    for (let i = 0; i < cells.length; i++)
      for (let j = i + 1; j < cells.length; j++) {
        const a = cells[i];
        const b = cells[j];
        if (!a || !b) continue;
        const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
        const oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
        expect(ox > 1e-9 && oy > 1e-9, `${i} overlaps ${j}`).toBe(false);
      }
  });
  it('keeps cells square-ish: the classic example has no aspect ratio above 3', () => {
    const cells = squarify([6, 6, 4, 3, 2, 2, 1], { x: 0, y: 0, w: 6, h: 4 });
    for (const c of cells) expect(Math.max(c.w / c.h, c.h / c.w)).toBeLessThan(3);
  });
  it('negative and zero values get no area; nothing to lay out is empty cells', () => {
    expect(squarify([-5, 0], { x: 0, y: 0, w: 10, h: 10 }).map(area)).toEqual([0, 0]);
    expect(squarify([5, -5], { x: 0, y: 0, w: 10, h: 10 }).map(area)).toEqual([100, 0]);
  });
});

describe('cell labels', () => {
  it('wrap at spaces and never cut a word; a word wider than the cell hides the label', async () => {
    const { fitLabel, wrap } = await import('../src/app/views/ledger/fit');
    expect(wrap('slab, unreclaimable', 100, 12)).toEqual(['slab,', 'unreclaimable']);
    expect(wrap('unreclaimable', 50, 12)).toBeNull();
    // CJK text breaks between characters
    expect(wrap('用户态与页缓存', 40, 12)).toEqual(['用户态', '与页缓', '存']);
    const l = fitLabel('kernel stacks', '1,836 KiB', '2.1 %', 120, 60, 12);
    expect(l).toEqual({ name: ['kernel stacks'], extra: ['1,836 KiB', '2.1 %'] });
    expect(fitLabel('kernel stacks', '1,836 KiB', '2.1 %', 120, 24, 12)).toEqual({ name: ['kernel stacks'], extra: [] });
  });
});

describe('the tree sent to the page stays small', () => {
  it('20,000 processes are at most 40 + 40 × 40 nodes under "mapped by processes", and still add up', () => {
    const count = (n: LedgerNode): number => 1 + (n.children ?? []).reduce((s, c) => s + count(c), 0);
    const r = seed();
    const procs = Array.from({ length: 20000 }, (_, i) => ({ name: `p${i}`, pid: i, pssKiB: 1 }));
    const { root } = ledgerTree(breakdown(r.snap, r.a), r.a.physical?.regions, procs);
    const mapped = child(child(root, 'user'), 'mapped');
    if (!mapped) throw new Error('no mapped node');
    expectClosed(mapped);
    expect(count(mapped)).toBeLessThanOrEqual(1 + 41 + 40 * 40);
  });
});
