// /proc/iomem: real trees (this machine as root and non-root, public arm/arm64 dumps), the
// checks they allow, and what hostile or cut input does.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IomemTree } from '../../src/core/formats/iomem/index';
import { iomem as iomemFormat } from '../../src/core/formats/iomem/index';
import { iomemSummary } from '../../src/core/model/iomem';
import { iomemLane } from '../../src/core/viewmodel/iomem-lane';
import { en, errors, read, run } from '../helpers';

const DIR = join(__dirname, '..', '..', 'fixtures', 'real-iomem');
const THIS_DMESG = join(__dirname, '..', '..', 'fixtures', 'real', 'this-machine-x86_64-6.18');
const tree = (r: ReturnType<typeof run>): IomemTree => {
  const t = r.snap.iomem?.value;
  if (!t) throw new Error('no iomem');
  return t;
};
const diags = (r: ReturnType<typeof run>) => r.parsed.flatMap((p) => p.diagnostics.map((d) => `${d.line} ${d.severity} ${d.message}`));
const check = (r: ReturnType<typeof run>, id: string) => r.a.checks.find((c) => c.id === id);

describe('/proc/iomem', () => {
  it('reads this machine as root: the tree, System RAM and the kernel sections', () => {
    const r = run([{ name: 'iomem', text: read(DIR, 'x86_64-6.18-root.txt') }]);
    expect(errors(r.parsed)).toEqual([]);
    const t = tree(r);
    expect(t.hidden).toBe(false);
    expect(t.entries).toHaveLength(27);
    const eccam = t.entries.find((e) => e.name === 'PCI ECAM 0000 [bus 00-00]');
    expect(eccam?.depth).toBe(1);
    expect(t.entries[eccam?.parent ?? -1]?.name).toBe('Reserved');
    // a 10-digit address (above 4 GiB, 8 digits being only a minimum)
    expect(t.entries.find((e) => e.start === 0x100000000n)?.end).toBe(0x640000000n);
    const s = iomemSummary(t);
    // 0x1000–0x9fbff (635 KiB) + 0x100000–0xbfffffff + 0x100000000–0x63fffffff
    expect(s.systemRamKiB).toBe(635 + 3144704 + 22020096);
    // the first range ends mid-page (0x9fc00): 3 KiB are not a page frame
    expect(s.systemRamPagesKiB).toBe(25165432);
    expect(s.kernel.rodata).toBe(10292);
    expect(s.kernel.bss).toBe(1168);
  });

  it('reads it as non-root: names and tree kept, addresses said to be hidden', () => {
    const root = tree(run([{ name: 'a', text: read(DIR, 'x86_64-6.18-root.txt') }]));
    const r = run([{ name: 'iomem', text: read(DIR, 'x86_64-6.18-nonroot.txt') }]);
    const t = tree(r);
    expect(t.hidden).toBe(true);
    expect(t.entries.map((e) => [e.name, e.depth, e.parent])).toEqual(root.entries.map((e) => [e.name, e.depth, e.parent]));
    const j = r.json.iomem;
    expect(j?.hidden).toBe(true);
    expect(j?.systemRamKiB).toBeNull();
    expect(j?.systemRamRanges).toBe(3);
    // no check runs on zeros, and the reason says why
    expect(r.a.checks.filter((c) => c.id.startsWith('iomem'))).toEqual([]);
    const reason = r.a.checksNotRun.find((c) => c.id === 'iomem-ram')?.reason;
    expect(reason && en(reason)).toContain('as root');
    expect(iomemLane(r.snap.iomem)).toEqual([]);
  });

  it('checks this machine: System RAM = physical pages of the Memory: line, kernel sections = the image', () => {
    const r = run([
      { name: 'iomem', text: read(DIR, 'x86_64-6.18-root.txt') },
      { name: 'dmesg', text: read(THIS_DMESG, 'dmesg.txt') },
    ]);
    expect(check(r, 'iomem-ram')).toMatchObject({ left: 25165432, right: 25165432, ok: true, atMost: true });
    expect(check(r, 'iomem-kernel')).toMatchObject({ ok: true });
    expect(Math.abs(check(r, 'iomem-kernel')?.delta ?? 99)).toBeLessThanOrEqual(4);
    // each side points at its lines: the three System RAM lines, and the Memory: line
    expect(check(r, 'iomem-ram')?.leftRefs).toEqual([2, 6, 16].map((line) => ({ source: 'iomem', line })));
    expect(check(r, 'iomem-ram')?.rightRefs.map((x) => x.source)).toEqual(['dmesg']);
    expect(check(r, 'iomem-kernel')?.leftRefs).toEqual([{ source: 'iomem', line: 7, to: 10 }]);
  });

  it('checks an arm64 board with a no-map carve-out against its device tree', () => {
    const r = run([
      { name: 'iomem', text: read(DIR, 'arm64-qemu-virt-nomap.txt') },
      { name: 'qemu.dts', text: read(DIR, 'arm64-qemu-virt-nomap.dts') },
    ]);
    expect(errors(r.parsed)).toEqual([]);
    // 512 MiB of banks − the 32 MiB no-map region = the two System RAM ranges
    expect(check(r, 'iomem-ram')).toMatchObject({ left: 491520, right: 491520, ok: true });
    expect(check(r, 'iomem-nomap')).toMatchObject({ left: 32768, right: 32768, ok: true });
    const s = iomemSummary(tree(r));
    expect(s.reservedBetweenRamKiB).toBe(32768);
    expect(s.kernel).toEqual({ code: 14016, data: 2304 });
    // the lanes: System RAM ×2 and the carve-out on top; kernel and reservations inside
    const lane = iomemLane(r.snap.iomem);
    expect(lane.filter((x) => x.lane === 'iomem').map((x) => x.kind)).toEqual(['iomem-ram', 'iomem-reserved', 'iomem-ram']);
    expect(lane.filter((x) => x.lane === 'iomem in RAM')).toHaveLength(11);
  });

  it('fails iomem-nomap when a no-map region is System RAM', () => {
    const text = read(DIR, 'arm64-qemu-virt-nomap.txt').replace(
      '50000000-51ffffff : reserved\n52000000-5fffffff : System RAM',
      '50000000-5fffffff : System RAM',
    );
    const r = run([
      { name: 'iomem', text },
      { name: 'qemu.dts', text: read(DIR, 'arm64-qemu-virt-nomap.dts') },
    ]);
    expect(check(r, 'iomem-nomap')).toMatchObject({ left: 0, right: 32768, ok: false });
    expect(check(r, 'iomem-ram')?.ok).toBe(false);
  });

  it('checks System RAM against memblock.memory without its NOMAP range (arm64 since 6.5 prints the flag)', () => {
    // a made-up iomem, as arch/arm64/kernel/setup.c would register these memblock regions
    const memory = read(join(__dirname, '..', '..', 'fixtures', 'formats'), 'memblock-memory-new.txt');
    const arm64 = ['40000000-47c7ffff : System RAM', '47c80000-47ffffff : reserved', '48000000-bfffffff : System RAM'].join('\n');
    const ok = run([
      { name: 'iomem', text: arm64 },
      { name: '/sys/kernel/debug/memblock/memory', text: memory },
    ]);
    expect(check(ok, 'iomem-ram')).toMatchObject({ left: 2093568, right: 2093568, ok: true });
    expect(check(ok, 'iomem-ram')?.atMost).toBeUndefined();
    expect(check(ok, 'iomem-nomap')).toMatchObject({ left: 3584, right: 3584, ok: true });
    // a kernel that registered the NOMAP range as System RAM: both checks say so
    const bad = run([
      { name: 'iomem', text: '40000000-bfffffff : System RAM' },
      { name: '/sys/kernel/debug/memblock/memory', text: memory },
    ]);
    expect(check(bad, 'iomem-ram')).toMatchObject({ delta: 3584, ok: false });
    expect(check(bad, 'iomem-nomap')).toMatchObject({ left: 0, ok: false });
  });

  it('reads arm32 and an excerpt of an MT8188 board', () => {
    for (const f of ['arm32-vexpress-qemu.txt', 'arm64-mt8188-ciri-linuxboot-excerpt.txt']) {
      const r = run([{ name: f, text: read(DIR, f) }]);
      expect(diags(r)).toEqual([]);
      expect(iomemSummary(tree(r)).kernel.code).toBeGreaterThan(0);
    }
  });

  it('says what is wrong with cut, garbled or badly nested lines, with their numbers', () => {
    const text = [
      '40000000-4fffffff : System RAM', // 1
      '  40200000-40faffff : Kernel code', // 2
      '      41330000-4156ffff : Kernel data', // 3: indented two levels too deep
      '   48000000-48008fff : reserved', // 4: odd indent
      '  3f000000-40000fff : reserved', // 5: starts before its parent
      '  4fff0000-4ffeffff : empty window', // 6: empty
      'garbage line', // 7
      '  11111111111111111111-2 : far', // 8: not an iomem line (2 is too short): garbage
      '50000000-5fffffffffffffffff : too wide', // 9: wider than 64 bits
      '  40200000-40fa', // 10: cut mid-line
    ].join('\n');
    const r = run([{ name: 'iomem', text }]);
    const d = diags(r);
    expect(d.some((x) => x.startsWith('3 warning') && x.includes('level 3'))).toBe(true);
    expect(d.some((x) => x.startsWith('4 warning') && x.includes('3 spaces'))).toBe(true);
    expect(d.some((x) => x.startsWith('5 warning') && x.includes('outside its parent'))).toBe(true);
    expect(d.some((x) => x.startsWith('6 info'))).toBe(true);
    for (const line of [7, 8, 9, 10]) expect(d.some((x) => x.startsWith(`${line} error`))).toBe(true);
    const t = tree(r);
    // the too-deep line becomes a child of the line above; the tree holds
    expect(t.entries[2]?.parent).toBe(1);
    expect(t.entries.find((e) => e.name === 'empty window')?.end).toBe(0x4fff0000n);
  });

  it('does not claim /proc/ioports (4-digit ranges)', () => {
    expect(iomemFormat.starts('0000-0cf7 : PCI Bus 0000:00')).toBe(false);
    expect(iomemFormat.starts('  0000-001f : dma1')).toBe(false);
    expect(iomemFormat.starts('00000000-00000000 : System RAM')).toBe(true);
  });

  it('reads a deep or long tree in one pass: work grows with the lines, not their square', () => {
    // every line one level deeper than the one before: a chain as deep as the input is long
    const chain = (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(2 * i)}40000000-4fffffff : x`).join('\n');
    for (const n of [1000, 2000]) {
      const t = tree(run([{ name: 'iomem', text: chain(n) }]));
      expect(t.entries).toHaveLength(n);
      expect(t.entries[n - 1]?.depth).toBe(n - 1);
    }
  });
});
