// The shapes real dumps arrive in that the first fixtures did not have: Android smaps,
// prompts of other shells, indented pastes, `free` without its command line, log
// prefixes of syslog and loggers, the boot lines of old and new kernels.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { DataMap } from '../../src/core/formats/registry';
import {
  buildIsolated,
  type FormatId,
  type InputParts,
  type ParsedText,
  parseBytes,
  parseText,
  segmentsOf,
  toMarkdown,
} from '../../src/core/index';
import { promptCommand } from '../../src/core/input/prompt';
import { visible } from '../../src/core/messages/catalogue';
import { type Range, subtract, union } from '../../src/core/model/ranges';
import { errors, FORMATS, read, run } from '../helpers';

const dataOf = <K extends FormatId>(p: ReturnType<typeof parseText>, format: K): NonNullable<DataMap[K]> => {
  const data = segmentsOf(p.segments, format)[0]?.data;
  if (data === undefined || data === null) throw new Error(`no ${format} segment in ${p.segments.map((s) => s.format)}`);
  return data;
};

/** an independent sum of one counter over every mapping of a smaps text */
function sumOf(text: string, key: string): number {
  let n = 0;
  for (const line of text.split('\n')) {
    const r = new RegExp(`^\\s*${key}:\\s+(\\d+) kB`).exec(line);
    if (r) n += Number(r[1]);
  }
  return n;
}

describe('Android smaps', () => {
  const text = read(FORMATS, 'smaps-android-name.txt');
  it('a Name: line after a header belongs to the mapping, not to a /proc/PID/status', () => {
    const p = parseText(text, '/proc/1877/smaps', '/proc/1877/smaps');
    expect(p.segments.map((s) => s.format)).toEqual(['smaps']);
    expect(errors([p])).toEqual([]);
    const s = dataOf(p, 'smaps');
    expect(s.mappings).toHaveLength(8);
    expect(s.mappings.get(0)).toMatchObject({
      name: '[anon:dalvik-main space (region space)]',
      path: '[anon:dalvik-main space (region space)]',
    });
    expect(s.mappings.get(2).name).toBeUndefined();
  });
  it('totals equal an independent sum of the lines', () => {
    const r = run([{ name: '/proc/1877/smaps', text }]);
    expect(r.json.processes).toHaveLength(1);
    expect(r.json.processes[0]).toMatchObject({
      pid: 1877,
      pssKiB: sumOf(text, 'Pss'),
      rssKiB: sumOf(text, 'Rss'),
      ussKiB: sumOf(text, 'Private_Clean') + sumOf(text, 'Private_Dirty'),
      swapKiB: sumOf(text, 'Swap'),
      swapPssKiB: sumOf(text, 'SwapPss'),
    });
    expect(r.json.processes[0]?.mappings?.[0]?.kind).toBe('anonymous');
  });
  it('a Name: line after VmFlags (the first Android patch) still belongs to the mapping when it names one', () => {
    const t =
      '12c00000-13b40000 rw-p 00000000 00:00 0 \nSize:  256 kB\nRss:  4 kB\nPss:  4 kB\nVmFlags: rd wr mr mw me ac \nName:           [anon:dalvik-main space]\n6f0a1000-6f2e4000 rw-p 00000000 00:00 0 \nSize:  8 kB\nRss:  4 kB\nPss:  2 kB\nVmFlags: rd wr \n';
    const p = parseText(t, '/proc/1/smaps', '/proc/1/smaps');
    expect(p.segments.map((s) => s.format)).toEqual(['smaps']);
    expect(
      dataOf(p, 'smaps')
        .mappings.toArray()
        .map((m) => m.name),
    ).toEqual(['[anon:dalvik-main space]', undefined]);
  });
  it('a status after the smaps still starts its own input', () => {
    const p = parseText(`${text}Name:\tsystem_server\nUmask:\t0077\nState:\tS (sleeping)\nPid:\t1877\n`, 'x');
    expect(p.segments.map((s) => s.format)).toEqual(['smaps', 'status']);
    expect(dataOf(p, 'status').pid).toBe(1877);
  });
  it('a paste indented by one space reads as smaps, not as meminfo', () => {
    const indented = text
      .split('\n')
      .map((l) => (l ? ` ${l}` : l))
      .join('\n');
    const p = parseText(indented, 'x');
    expect(p.segments.map((s) => s.format)).toEqual(['smaps']);
    expect(errors([p])).toEqual([]);
    expect(dataOf(p, 'smaps').mappings).toHaveLength(8);
  });
});

describe('shell prompts', () => {
  it.each([
    ['root@OpenWrt:~# cat /proc/meminfo', 'cat /proc/meminfo'],
    ['130|sun:/ # free', 'free'],
    ['walleye:/ # cat /proc/meminfo', 'cat /proc/meminfo'],
    ['1|generic_x86_64:/ $ dumpsys meminfo', 'dumpsys meminfo'],
    ['OHOS:/$ free', 'free'],
    ['OHOS:/ # free -m', 'free -m'],
    ['bash-5.1# free -m', 'free -m'],
    ['sh-4.4$ cat /proc/meminfo', 'cat /proc/meminfo'],
    ['[root@localhost ~]# free -g', 'free -g'],
    ['localhost ~ # dmesg', 'dmesg'],
    ['/ # cat /sys/kernel/debug/memblock/memory', 'cat /sys/kernel/debug/memblock/memory'],
    ['~ # free', 'free'],
    ['$ free -m', 'free -m'],
    ['(venv) user@box:~/src$ free', 'free'],
    ['PS C:\\Users\\me> adb shell cat /proc/meminfo', 'adb shell cat /proc/meminfo'],
    ['C:\\> adb shell free', 'adb shell free'],
    ['cat /sys/kernel/debug/memblock/memory', 'cat /sys/kernel/debug/memblock/memory'],
    ['adb shell cat /proc/meminfo', 'adb shell cat /proc/meminfo'],
    ['sudo cat /sys/kernel/debug/memblock/reserved', 'sudo cat /sys/kernel/debug/memblock/reserved'],
    ['free -m', 'free -m'],
    ['130|sun:/ # ', ''],
    ['root@(none):/# free -m', 'free -m'],
    ['C:\\Users\\me>adb shell free -m', 'adb shell free -m'],
    ['    $ free -m', 'free -m'],
    ['# cat /proc/meminfo', 'cat /proc/meminfo'],
    ['cat /sys/kernel/debug/memblock/reserved > r.txt', 'cat /sys/kernel/debug/memblock/reserved > r.txt'],
  ])('%s', (line, cmd) => {
    expect(promptCommand(line)).toBe(cmd);
  });
  it.each([
    '# 89 "arch/arm64/boot/dts/qcom/msm8916.dtsi" 1',
    '#address-cells = <2>;',
    'MemTotal:         230856 kB',
    '   0: 0x0000000040000000..0x0000000042ffffff',
    'Mem:         230856      146008       50364         836       34484       58128',
    '[    0.000000] Memory: 230408K/258368K available',
    'cat: /proc/1/smaps: Permission denied',
    'free memory is low',
    '@:'.repeat(4000),
    '\t# ROM ver',
    '# CONFIG_CMA is not set',
    '# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit>',
    'echo 1 > /proc/sys/vm/drop_caches',
    '7f1c2b000000-7f1c2b100000 rw-s 00000000 00:05 4096  /memfd:wayland-shm (deleted)',
  ])('not a prompt: %$', (line) => {
    expect(promptCommand(line)).toBeNull();
  });
  it('a bare `cat …/memblock/memory` line labels the table after it', () => {
    const p = parseText('cat /sys/kernel/debug/memblock/reserved\n   0: 0x40000000..0x400fffff\n   1: 0x41000000..0x41ffffff\n', 'paste');
    expect(p.separators).toEqual([1]);
    expect(p.segments[0]?.hint).toBe('cat /sys/kernel/debug/memblock/reserved');
    expect(dataOf(p, 'memblock').kind).toBe('reserved');
  });
});

describe('free, repeated and verbose', () => {
  const table = (used: number) =>
    `              total        used        free      shared  buff/cache   available\nMem:         230856      ${used}       50364         836       34484       58128\nSwap:             0           0           0\nComm:        115428       28004       87424\n`;
  it('free -s 1 -c 2: two outputs, the first used, the second said', () => {
    const p = parseText(`$ free -v -s 1 -c 2\n${table(146008)}\n${table(146100)}`, 'x');
    expect(p.segments.map((s) => s.format)).toEqual(['free', 'free']);
    expect(errors([p])).toEqual([]);
    expect(dataOf(p, 'free').rows.map((r) => r.label)).toEqual(['Mem', 'Swap', 'Comm']);
    const r = run([{ name: 'free', text: `$ free -v -s 1 -c 2\n${table(146008)}\n${table(146100)}` }]);
    expect(r.snap.notes.map((n) => n.key)).toContain('note.second-input');
  });
});

describe('tar archives', () => {
  it('empty members (tar of /proc) are said, never skipped silently', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rl-tar-'));
    writeFileSync(join(dir, 'meminfo'), 'MemTotal: 1000 kB\nMemFree: 500 kB\n');
    writeFileSync(join(dir, 'smaps'), '');
    execFileSync('tar', ['cf', join(dir, 'c.tar'), '-C', dir, 'meminfo', 'smaps']);
    const parsed = parseBytes(new Uint8Array(readFileSync(join(dir, 'c.tar'))), 'c.tar');
    rmSync(dir, { recursive: true, force: true });
    expect(parsed.flatMap((p) => p.segments.map((s) => s.format))).toEqual(['meminfo']);
    const warning = parsed.flatMap((p) => p.diagnostics).find((d) => d.msg.key === 'bytes.tar-empty-members');
    expect(warning).toMatchObject({ severity: 'warning' });
    expect(warning?.message).toContain('1 member is empty (smaps)');
  });
});

describe('VmallocUsed by kernel', () => {
  const info = (used: number, chunk: number, total = 1000000) =>
    `MemTotal: ${total} kB\nMemFree: 1000 kB\nVmallocTotal: 1000000 kB\nVmallocUsed: ${used} kB\nVmallocChunk: ${chunk} kB\n`;
  const reading = (text: string, version?: string) =>
    run([{ name: 'meminfo', text }, ...(version ? [{ name: 'version', text: `Linux version ${version} (x) #1\n` }] : [])]).a.accounting
      .vmalloc;
  it.each([
    ['a 3.x release', info(50000, 0), '3.10.49', 'address-space'],
    ['4.4–5.2, printed 0', info(0, 0), '4.19.1', 'zero'],
    ['a 4.19 vendor kernel that prints pages', info(51200, 0), '4.19.1', 'pages'],
    ['a 4.9 vendor kernel that kept the old reading', info(51200, 400000), '4.9.1', 'address-space'],
    ['5.3 and later', info(51200, 0), '6.1.0', 'pages'],
    ['no release, VmallocChunk not 0', info(51200, 400000), undefined, 'address-space'],
    ['no release, larger than MemTotal', info(190068, 0, 94412), undefined, 'address-space'],
    ['no release, VmallocChunk 0', info(51200, 0), undefined, 'pages'],
  ])('%s', (_, text, version, want) => {
    expect(reading(text, version)).toBe(want);
  });
});

describe('free without its command line', () => {
  const body = (mem: string, swap = 'Swap:             0           0           0') =>
    `              total        used        free      shared  buff/cache   available\n${mem}\n${swap}\n`;
  const mem = (p: ReturnType<typeof parseText>) => dataOf(p, 'free').rows.find((r) => r.label === 'Mem');
  it('free -m of a 32 GB host is MiB: its values are not whole 4 KiB pages', () => {
    const p = parseText(
      body(
        'Mem:           31927       10513        1374         781       20039       20171',
        'Swap:           2047           0        2047',
      ),
      'x',
    );
    expect(dataOf(p, 'free')).toMatchObject({ unit: 'MiB', unitFrom: 'numbers' });
    expect(mem(p)?.values.total).toBe(31927 * 1024);
  });
  it('KiB when every value is whole pages (the seed router)', () => {
    const p = parseText(body('Mem:         230856      146008       50364         836       34484       58128'), 'x');
    expect(dataOf(p, 'free').unit).toBe('KiB');
    expect(mem(p)?.values.total).toBe(230856);
  });
  it('bytes when every value is whole 4096-byte pages', () => {
    const p = parseText(body(`Mem:    ${236396544}   ${149512192}    ${51572736}      ${856064}    ${35311616}    ${59523072}`), 'x');
    expect(dataOf(p, 'free').unit).toBe('B');
    expect(mem(p)?.values.total).toBe(230856);
  });
  it('free -g: GiB, said to be a guess (a board with 31 MiB would print the same)', () => {
    const p = parseText(body('Mem:             31          10           1           0          19          19'), 'x');
    expect(dataOf(p, 'free').unit).toBe('GiB');
    expect(p.diagnostics.find((d) => d.msg.key === 'free.unit-ambiguous')?.severity).toBe('warning');
  });
  it('MemTotal settles a unit the numbers could not: a 225 MiB router printed with free -m', () => {
    const r = run([
      { name: 'free.txt', text: body('Mem:            225         142          49           0          33          56') },
      { name: 'meminfo', text: 'MemTotal:         230856 kB\nMemFree:           50364 kB\n' },
    ]);
    expect(r.snap.free?.value.unit).toBe('MiB');
    expect(r.json.checks.find((c) => c.id === 'free-total')?.ok).toBe(true);
  });
  it('MemTotal corrects a guess: whole-page MiB values on a 4 GiB host', () => {
    const r = run([
      { name: 'free.txt', text: body('Mem:           3836        1240         800          12        1796        2400') },
      { name: 'meminfo', text: 'MemTotal:        3928064 kB\nMemFree:          819200 kB\n' },
    ]);
    expect(r.snap.free?.value.unit).toBe('MiB');
    expect(r.snap.notes.map((n) => n.key)).toContain('note.free-unit-from-memtotal');
  });
  it('--mega and --si are powers of 1000', () => {
    const p = parseText(`$ free --mega\n${body('Mem:            236         149          51           0          35          59')}`, 'x');
    expect(dataOf(p, 'free')).toMatchObject({ unit: 'MiB', si: true });
    expect(mem(p)?.values.total).toBe((236 * 1e6) / 1024);
    const k = parseText(`$ free --kilo\n${body('Mem:         236396      149512       51572         856       35311       59523')}`, 'x');
    expect(mem(k)?.values.total).toBe(236396 * (1000 / 1024));
  });
});

describe('kernel log prefixes', () => {
  const line =
    'Memory: 230408K/258368K available (6910K kernel code, 464K rwdata, 1880K rodata, 448K init, 650K bss, 27960K reserved, 0K cma-reserved)';
  it.each([
    ['dmesg', '[    0.000000] '],
    ['printk level', '<6>'],
    ['syslog priority', '<30>'],
    ['dmesg -x', 'kern  :info  : [    0.000000] '],
    ['/dev/kmsg', '6,123,0,-;'],
    ['PRINTK_CALLER', '[    0.000000][    T0] '],
    ['CPU in the timestamp', '[    0.000000,0] '],
    ['MediaTek', '[    0.000000] (0)[0:swapper]'],
    ['Qualcomm', '[    0.000000] [0:        swapper:    0] '],
    ['dmesg -T', '[Tue May 12 12:30:24 2026] '],
    ['syslog', 'May 12 12:30:24 router kernel: [    0.000000] '],
    ['syslog without timestamp', 'May  2 02:03:04 host kernel: '],
    ['RFC 3339 syslog', '2026-05-12T12:30:24.123456+02:00 host kernel: [    0.000000] '],
    ['OpenWrt logread', 'Tue May 12 12:30:24 2026 kern.info kernel: [    0.000000] '],
    ['journald short', 'kernel: '],
    ['logcat -b kernel', '05-12 12:30:24.123     0     0 I         : '],
    ['a logger', '14:26:43.787 [info] '],
    ['a terminal program', '[2026-05-12 12:30:24.123] [    0.000000] '],
    ['MediaTek with a mark', '<6>[    0.000000] -(0)[0:swapper]'],
    ['MediaTek, another CPU', '[    0.000000] .(0)[1:swapper/0]'],
    ['MediaTek, a space', '[    0.000000]  (0)[0:swapper]'],
    ['MediaTek behind a level', '[    0.000000] <0>-(0)[0:swapper]'],
    ['busybox syslogd', 'Jan  1 00:00:03 buildroot kern.info kernel: [    0.000000] '],
    ['dmesg --time-format=iso', '2023-05-12T12:30:24,000000+02:00 '],
    ['journalctl -o short-monotonic', '[    0.000000] myhost kernel: '],
  ])('%s', (_, prefix) => {
    const p = parseText(`${prefix}${line}\n`, 'log');
    expect(p.segments.map((s) => s.format)).toEqual(['kmsg']);
    expect(dataOf(p, 'kmsg').memoryLine).toMatchObject({ form: 'modern', availableKiB: 230408, physKiB: 258368 });
  });
  it('logcat -b kernel: logd took the message’s first word as its tag', () => {
    const log = dataOf(
      parseText(
        `12-13 10:32:21.278     0     0 I Memory  : 3882236K/4194304K available (9472K kernel code, 262144K cma-reserved)\n12-13 10:32:21.278     0     0 I cma     : Reserved 64 MiB at 0x00000000b8000000\n12-13 10:32:21.278     0     0 I OF      : reserved mem: 0x0000000043000000..0x000000004302ffff (192 KiB) nomap non-reusable secmon@43000000\n`,
        'logcat',
      ),
      'kmsg',
    );
    expect(log.memoryLine).toMatchObject({ availableKiB: 3882236, physKiB: 4194304 });
    expect(log.cma).toHaveLength(1);
    expect(log.reservedMem).toMatchObject([{ name: 'secmon@43000000', noMap: true }]);
  });
  it('syslog lines of other programs are log lines, not memory lines', () => {
    const p = parseText(
      `May 12 12:30:24 router dropbear[812]: Memory: 1K/2K available\nMay 12 12:30:24 router kernel: ${line}\n`,
      'syslog',
    );
    expect(dataOf(p, 'kmsg').memoryLine?.availableKiB).toBe(230408);
  });
  it('a log without timestamps is read from its first line', () => {
    const p = parseText(
      'Booting Linux on physical CPU 0x0\nLinux version 3.4.35 (gcc) #1\nCPU: ARM926EJ-S [41069265] revision 5 (ARMv5TEJ)\nMachine: Cloud39E\nMemory: 40MB = 40MB total\nMemory: 36616k/36616k available, 4344k reserved, 0K highmem\nNR_IRQS:96\n',
      'dmesg',
    );
    expect(errors([p])).toEqual([]);
    expect(p.diagnostics.filter((d) => d.severity === 'unread')).toEqual([]);
    const log = dataOf(p, 'kmsg');
    expect(log.bankTotal).toMatchObject({ banksMiB: [40], totalMiB: 40 });
    expect(log.memoryLine).toMatchObject({ form: 'old-arm', availableKiB: 36616, physKiB: 36616 });
    expect(log.release).toBe('3.4.35');
  });
});

describe('kernel log memory lines', () => {
  const read = (text: string) => dataOf(parseText(text, 'dmesg.txt', 'dmesg.txt'), 'kmsg');
  it('cma: of 3.14, 4.x–6.12 (with and without a node) and 6.18', () => {
    const log = read(
      '[    0.000000] cma: CMA: reserved 16 MiB at 1e000000\n[    0.000000] cma: Reserved 64 MiB at 0x00000000b8000000 on node -1\n[    0.000000] cma: Reserved 32 MiB at 0x0000000070000000\n[    0.000000] cma: Reserved 128 MiB in 1 range\n[    0.000000] cma: Failed to reserve 512 MiB\n',
    );
    expect(log.cma.map((c) => [c.start.toString(16), c.sizeKiB, c.truncated])).toEqual([
      ['1e000000', 16384, true],
      ['b8000000', 65536, true],
      ['70000000', 32768, true],
    ]);
    expect(log.cmaTotals).toMatchObject([{ sizeKiB: 131072, ranges: 1 }]);
    expect(log.cmaFailed).toMatchObject([{ sizeKiB: 524288 }]);
  });
  it('reserved-memory: placed, failed, 6.12 double prefix, the old form without OF:', () => {
    const log = read(
      "[    0.000000] OF: reserved mem: Reserved memory: allocated memory for 'linux,cma' node: base 0x0000000037400000, size 64 MiB\n[    0.000000] Reserved memory: failed to reserve memory for node 'ramoops@9ff00000': base 0x000000009ff00000, size 1 MiB\n[    0.000000] OF: reserved mem: failed to allocate memory for node 'vpu'\n[    0.000000] Reserved memory: initialized node linux,cma, compatible id shared-dma-pool\n",
    );
    expect(log.reservedMemAllocated).toMatchObject([{ name: 'linux,cma', start: 0x37400000n, sizeKiB: 65536 }]);
    expect(log.reservedMemFailed).toMatchObject([{ name: 'ramoops@9ff00000', start: 0x9ff00000n, sizeKiB: 1024 }, { name: 'vpu' }]);
    expect(log.reservedMemInitialized).toMatchObject([{ name: 'linux,cma', compatible: 'shared-dma-pool' }]);
  });
  it('e820 (new and 2.6 forms), MIPS memory map, zone page counts, node spans', () => {
    const log = read(
      '[    0.000000] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n[    0.000000]  BIOS-e820: 0000000000100000 - 0000000007fe0000 (usable)\n[    0.000000]  memory: 08000000 @ 00000000 (usable)\n[    0.000000] On node 0 totalpages: 65536\n[    0.000000]   DMA zone: 512 pages used for memmap\n[    0.000000]   DMA zone: 0 pages reserved\n[    0.000000]   DMA zone: 65536 pages, LIFO batch:15\n[    0.000000] Initmem setup node 0 [mem 0x0000000040000000-0x000000004fffffff]\n',
    );
    expect(log.e820.map((e) => [e.start.toString(16), e.end.toString(16), e.type])).toEqual([
      ['0', '9fc00', 'usable'],
      ['100000', '7fe0000', 'usable'],
      ['0', '8000000', 'usable'],
    ]);
    expect(log.nodeTotalPages).toMatchObject([{ node: 0, pages: 65536 }]);
    expect(log.zonePages).toMatchObject([{ zone: 'DMA', memmapPages: 512, reservedPages: 0, pages: 65536 }]);
    expect(log.nodeSpans).toMatchObject([{ node: 0, start: 0x40000000n, end: 0x50000000n }]);
  });
  it('2.6/3.x zone and node ranges in page frames', () => {
    const log = read(
      'Zone PFN ranges:\n  DMA      0x00000010 -> 0x00001000\n  Normal   0x00001000 -> 0x00040000\nEarly memory PFN ranges\n    0: 0x00000010 -> 0x0000009f\n',
    );
    expect(log.zones).toMatchObject([
      { name: 'DMA', start: 0x10000n, end: 0x1000000n },
      { name: 'Normal', start: 0x1000000n, end: 0x40000000n },
    ]);
    expect(log.nodeRanges).toMatchObject([{ node: 0, start: 0x10000n, end: 0x9f000n }]);
  });
  it('memblock=debug calls replay into memblock.reserved when no table is given', () => {
    const r = run([
      {
        name: 'dmesg.txt',
        text: '[    0.000000] memblock_reserve: [0x0000000040000000-0x0000000040ffffff] arm64_memblock_init+0x1c/0x2a0\n[    0.000000] memblock_reserve: [0x0000000048000000-0x0000000048001fff] early_init_dt_reserve_memory+0x30/0x70\n[    0.000000] memblock_alloc_try_nid: 4096 bytes align=0x1000 nid=-1 from=0x0 max_addr=0x0 early_pgtable_alloc+0x28/0x84\n[    0.000000] memblock_free: [0x0000000048001000-0x0000000048001fff] free_low_memory_core_early+0x10/0x20\n',
      },
    ]);
    expect(r.snap.memblock.reserved?.value.map((x) => [x.start.toString(16), x.end.toString(16)])).toEqual([
      ['40000000', '41000000'],
      ['48000000', '48001000'],
    ]);
    expect(r.snap.notes.map((n) => n.key)).toContain('note.memblock-from-calls');
  });
  it('a log of several boots keeps the last, and says which lines it left', () => {
    const p = parseText(
      '[    0.000000] Linux version 5.4.1 (a) #1\n[    0.000000] Memory: 100K/200K available (1K init, 100K reserved)\n[    0.000000] Linux version 5.4.2 (b) #2\n[    0.000000] Memory: 300K/400K available (2K init, 100K reserved)\n',
      'kern.log',
    );
    const log = dataOf(p, 'kmsg');
    expect(log.memoryLine?.availableKiB).toBe(300);
    expect(log.release).toBe('5.4.2');
    expect(p.diagnostics.find((d) => d.msg.key === 'kmsg.boots')?.message).toContain('lines 1–2 (the earlier boots) are not used');
  });
  it('Freeing lines before the Memory: line (6.11+ prints it late) do not count; after it they all do', () => {
    const r = run([
      {
        name: 'dmesg.txt',
        text: '[    0.148418] Freeing SMP alternatives memory: 52K\n[    0.148418] Memory: 3218180K/25165432K available (18907K kernel code, 3732K init, 496564K reserved, 0K cma-reserved)\n[    0.264507] Freeing initrd memory: 7488K\n[    0.316073] Freeing unused kernel image (initmem) memory: 3732K\n',
      },
    ]);
    expect(r.json.boot?.freed).toMatchObject({ kib: 7488 + 3732, from: 'log' });
    expect(r.json.boot?.expectedMemTotalKiB).toBe(25165432 - 496564 + 7488 + 3732);
  });
});

describe('the physical layout from real-shaped inputs', () => {
  const tree = (body: string) => ({
    name: 'board.dts',
    text: `/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n${body}\n};\n`,
  });
  const cmaNode =
    '\treserved-memory {\n\t\t#address-cells = <2>;\n\t\t#size-cells = <2>;\n\t\tranges;\n\t\tlinux,cma {\n\t\t\tcompatible = "shared-dma-pool";\n\t\t\treusable;\n\t\t\tsize = <0x0 0x4000000>;\n\t\t\talignment = <0x0 0x400000>;\n\t\t\tlinux,cma-default;\n\t\t};\n\t\tfw@43000000 { reg = <0x0 0x43000000 0x0 0x100000>; no-map; };\n\t\tsram@100000 { reg = <0x0 0x100000 0x0 0x8000>; no-map; };\n\t\toff@44000000 { reg = <0x0 0x44000000 0x0 0x100000>; status = "disabled"; };\n\t};';
  const bank = '\tmemory@40000000 { device_type = "memory"; reg = <0x0 0x40000000 0x0 0x20000000>; };';
  it.each([
    [
      '6.6+ OF: reserved mem range line',
      '[    0.000000] OF: reserved mem: 0x0000000058000000..0x000000005bffffff (65536 KiB) map reusable linux,cma',
    ],
    ['allocated memory for', "[    0.000000] Reserved memory: allocated memory for 'linux,cma' node: base 0x0000000058000000, size 64 MiB"],
    [
      'a CMA pool line and the node it initialised',
      '[    0.000000] Reserved memory: created CMA memory pool at 0x0000000058000000, size 64 MiB\n[    0.000000] OF: reserved mem: initialized node linux,cma, compatible id shared-dma-pool',
    ],
  ])('a dynamic region is placed by the log: %s', (_, log) => {
    const r = run([tree(`${bank}\n${cmaNode}`), { name: 'dmesg.txt', text: `${log}\n` }]);
    const cma = r.a.physical?.regions.filter((x) => x.kind === 'cma');
    expect(cma?.map((x) => [x.start.toString(16), x.end.toString(16), x.placedBy?.source])).toEqual([
      ['58000000', '5c000000', 'dmesg.txt'],
    ]);
    expect(r.a.physical?.unplaced).toEqual([]);
  });
  it('unplaced without the log; disabled and outside-bank regions said', () => {
    const r = run([tree(`${bank}\n${cmaNode}`)]);
    expect(r.a.physical?.unplaced).toMatchObject([{ name: 'linux,cma', sizeKiB: 65536, alignmentKiB: 4096, kind: 'cma' }]);
    const keys = r.a.accounting.notes.map((n) => n.key);
    expect(keys).toEqual(expect.arrayContaining(['note.dt-disabled', 'note.dt-unplaced', 'note.outside-dram']));
    expect(r.a.physical?.regions.find((x) => x.start === 0x100000n)?.outside).toBe(true);
    // the SRAM outside DRAM is not a carve-out of DRAM
    expect(r.a.physical?.noMapKiB).toBe(1024);
  });
  it('a memory node of size 0: DRAM from the other inputs, every carve-out still shown', () => {
    const r = run([
      tree(`\tmemory@40000000 { device_type = "memory"; reg = <0x0 0x40000000 0x0 0x0>; };\n${cmaNode}`),
      { name: 'memblock/memory', text: '   0: 0x0000000040000000..0x0000000042ffffff\n   1: 0x0000000043100000..0x000000005fffffff\n' },
    ]);
    expect(r.a.physical).toMatchObject({ dramSource: 'memblock', spanKiB: 512 * 1024 });
    expect(r.a.accounting.notes.map((n) => n.key)).toContain('note.dt-bank-size-zero');
    expect(r.a.physical?.regions.some((x) => x.kind === 'no-map' && x.start === 0x43000000n)).toBe(true);
    // no other evidence: DRAM unknown, not 0, and the report is not empty
    const alone = run([tree(`\tmemory@40000000 { device_type = "memory"; reg = <0x0 0x40000000 0x0 0x0>; };\n${cmaNode}`)]);
    expect(alone.a.physical).not.toBeNull();
    expect(alone.a.physical?.dramSource).toBe('none');
    expect(alone.a.accounting.missing.map((x) => x.key)).toContain('missing.dram-size-zero');
  });
  it('memblock alone on a board whose banks lie far apart: two DRAM ranges, not one span over the gap', () => {
    const r = run([
      { name: 'memblock/memory', text: '   0: 0x0000000080000000..0x00000000ffffffff\n   1: 0x0000000880000000..0x0000000a7fffffff\n' },
    ]);
    expect(r.a.physical?.spanKiB).toBe((2 + 8) * 1024 * 1024);
    expect(r.a.physical?.regions.filter((x) => x.kind === 'dram')).toHaveLength(2);
    expect(r.a.accounting.notes.map((n) => n.key)).toContain('note.dram-gaps');
  });
  it('failed reservations are said', () => {
    const r = run([
      tree(`${bank}\n${cmaNode}`),
      {
        name: 'dmesg.txt',
        text: "[    0.000000] Reserved memory: failed to reserve memory for node 'fw@43000000': base 0x0000000043000000, size 1 MiB\n",
      },
    ]);
    expect(r.a.accounting.notes.map((n) => n.key)).toContain('note.reservation-failed');
  });
});

describe('the firmware memory map', () => {
  const e820 =
    '[    0.000000] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n[    0.000000] BIOS-e820: [mem 0x000000000009fc00-0x00000000000fffff] reserved\n[    0.000000] BIOS-e820: [mem 0x0000000000100000-0x00000000bfffffff] usable\n[    0.000000] BIOS-e820: [mem 0x00000000eec00000-0x00000000febfffff] reserved\n';
  it('has a lane of its own on the map, and gives DRAM when nothing better does', () => {
    const r = run([{ name: 'dmesg.txt', text: e820 }]);
    const fw = r.a.physical?.regions.filter((x) => x.kind === 'firmware-map') ?? [];
    expect(fw.map((x) => x.role)).toEqual(['firmware-usable', 'firmware-reserved', 'firmware-usable', 'firmware-reserved']);
    expect(r.a.physical).toMatchObject({ dramSource: 'firmware-map', spanKiB: (0x9fc00 + 0xbff00000) / 1024 });
    // reserved firmware ranges (PCI holes) are not "outside DRAM" faults
    expect(r.a.accounting.notes.map((n) => n.key)).not.toContain('note.outside-dram');
  });
  it('node ranges win over it', () => {
    const r = run([
      {
        name: 'dmesg.txt',
        text: `${e820}[    0.000000] Early memory node ranges\n[    0.000000]   node   0: [mem 0x0000000000001000-0x000000000009efff]\n[    0.000000]   node   0: [mem 0x0000000000100000-0x00000000bfffffff]\n`,
      },
    ]);
    expect(r.a.physical?.dramSource).toBe('kernel-log');
  });
});

describe('memblock=debug replay', () => {
  it('equals a naive replay (union of reserves, minus each free in order) on random calls', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const lines: string[] = [];
    let naive: Range[] = [];
    for (let i = 0; i < 3000; i++) {
      const start = BigInt(rnd(4096)) * 0x1000n;
      const end = start + BigInt(1 + rnd(64)) * 0x1000n;
      const reserve = rnd(3) > 0;
      lines.push(
        `[    0.000000] memblock_${reserve ? 'reserve' : 'free'}: [0x${start.toString(16).padStart(16, '0')}-0x${(end - 1n).toString(16).padStart(16, '0')}] caller+0x1/0x2`,
      );
      naive = reserve ? union([...naive, { start, end }]) : subtract(naive, [{ start, end }]);
    }
    const r = run([{ name: 'dmesg.txt', text: `${lines.join('\n')}\n` }]);
    expect(r.snap.memblock.reserved?.value.map((x) => [x.start, x.end])).toEqual(naive.map((x) => [x.start, x.end]));
  });
});

describe('names from inputs, shown safely', () => {
  it('bidi and control characters are made visible; the Markdown report keeps HTML inert', () => {
    const smaps = '00400000-00452000 r-xp 00000000 08:02 173521      /lib/\u202eos.46x_68x-bil\nSize: 8 kB\nRss: 4 kB\nPss: 4 kB\n';
    const status = 'Name:\t<img src=x onerror=alert(1)>\nPid:\t42\n';
    const r = run([
      { name: '/proc/42/smaps', text: smaps },
      { name: '/proc/42/status', text: status },
    ]);
    const md = toMarkdown(r.snap, r.a);
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(md).not.toContain('<img');
    expect(visible('/lib/\u202eos.46x_68x-bil')).toBe('/lib/\\u{202e}os.46x_68x-bil');
    expect(visible('a\u0000b\tc')).toBe('a\\u{0}b\tc');
  });
});

describe('gzip, bounded', () => {
  const meminfo = 'MemTotal: 1000 kB\nMemFree: 500 kB\n';
  const first = (p: ReturnType<typeof parseBytes>) => p.flatMap((x) => x.diagnostics.map((d) => d.message))[0] ?? '';
  it('a bomb stops at the limit, with what it is', () => {
    const bomb = gzipSync(Buffer.alloc(64 << 20));
    const p = parseBytes(new Uint8Array(bomb), 'bomb.gz', { maxBytes: 1 << 20 });
    expect(first(p)).toBe('gzip inflates to > 1.0 MiB, over the 1.0 MiB limit');
  });
  it('gzip inside gzip inside gzip is refused', () => {
    const p = parseBytes(new Uint8Array(gzipSync(gzipSync(gzipSync(meminfo)))), 'x.gz.gz.gz');
    expect(first(p)).toContain('gzip inside gzip 3 levels deep');
    expect(parseBytes(new Uint8Array(gzipSync(gzipSync(meminfo))), 'x.gz.gz')[0]?.segments.map((s) => s.format)).toEqual(['meminfo']);
  });
  it('a damaged trailer is said, not read short', () => {
    const gz = gzipSync(meminfo);
    gz[gz.length - 8] = (gz[gz.length - 8] ?? 0) ^ 0xff; // the CRC
    expect(first(parseBytes(new Uint8Array(gz), 'x.gz'))).toContain('CRC-32 or size does not match');
    const whole = gzipSync(meminfo.repeat(1000));
    const cut = whole.subarray(0, whole.length - 12);
    expect(first(parseBytes(new Uint8Array(cut), 'cut.gz'))).toContain('gzip data is damaged');
  });
  it('concatenated members (cat a.gz b.gz) read as one text', () => {
    const two = Buffer.concat([gzipSync('MemTotal: 1000 kB\n'), gzipSync('MemFree: 500 kB\n')]);
    const p = parseBytes(new Uint8Array(two), 'x.gz');
    expect(p[0]?.diagnostics).toEqual([]);
    expect(p[0]?.lines).toBe(2);
  });
});

describe('one bad input never loses the others', () => {
  it('an input the model cannot take is replaced by its error; the others still count', () => {
    const good = parseText('MemTotal: 1000 kB\nMemFree: 500 kB\n', 'meminfo');
    // a segment no parser would make: its merge throws, as a model bug an input triggers would
    const bad: ParsedText = {
      name: 'bad',
      lines: 1,
      bytes: 1,
      segments: [{ format: 'free', firstLine: 1, lastLine: 1, data: null as never }],
      separators: [],
      diagnostics: [],
    };
    const inputs: InputParts[] = [
      { name: 'bad', bytes: 1, parsed: [bad] },
      { name: 'meminfo', bytes: 30, parsed: [good] },
    ];
    const { snap, analysis } = buildIsolated(inputs);
    expect(analysis.accounting.memTotalKiB).toBe(1000);
    expect(inputs[0]?.parsed[0]?.diagnostics[0]).toMatchObject({ severity: 'error' });
    expect(inputs[0]?.parsed[0]?.diagnostics[0]?.message).toContain('ramledger failed on this input and left it out');
    expect(snap.sources.map((s) => s.name)).toEqual(['bad', 'meminfo']);
  });
});
