// The shapes real dumps arrive in that the first fixtures did not have: Android smaps,
// prompts of other shells, indented pastes, `free` without its command line, log
// prefixes of syslog and loggers, the boot lines of old and new kernels.
import { describe, expect, it } from 'vitest';
import type { DataMap } from '../../src/core/formats/registry';
import { type FormatId, parseText, segmentsOf } from '../../src/core/index';
import { promptCommand } from '../../src/core/input/prompt';
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
    expect(s.mappings[0]).toMatchObject({
      name: '[anon:dalvik-main space (region space)]',
      path: '[anon:dalvik-main space (region space)]',
    });
    expect(s.mappings[2]?.name).toBeUndefined();
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
  it('free -g', () => {
    const p = parseText(body('Mem:             31          10           1           0          19          19'), 'x');
    expect(dataOf(p, 'free').unit).toBe('GiB');
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
