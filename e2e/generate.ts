/**
 * A large, valid bundle for the scale tests: `procs` processes with `maps` mappings
 * each, in `tail -n +1` form (==> /proc/<pid>/smaps <==), with status files for names.
 */
export function bigBundle(procs: number, maps: number): string {
  const libs = [
    '/usr/lib/libc.so.6',
    '/usr/lib/libm.so.6',
    '/usr/bin/app',
    '/usr/lib/libssl.so.3',
    '[heap]',
    '',
    '[stack]',
    '/dev/shm/ring',
  ];
  const out: string[] = [
    '==> /proc/meminfo <==\nMemTotal:       16384000 kB\nMemFree:         8000000 kB\nAnonPages:       2000000 kB\nCached:          3000000 kB\nBuffers:          100000 kB\nSlab:             500000 kB\n',
  ];
  for (let p = 0; p < procs; p++) {
    const pid = 1000 + p;
    out.push(`==> /proc/${pid}/status <==\nName:\tworker-${p % 37}\nPid:\t${pid}\n`);
    const lines: string[] = [`==> /proc/${pid}/smaps <==`];
    for (let m = 0; m < maps; m++) {
      const start = (0x7f0000000000 + m * 0x10000).toString(16);
      const end = (0x7f0000000000 + m * 0x10000 + 0x8000).toString(16);
      const lib = libs[(m + p) % libs.length] as string;
      const perms = lib.startsWith('/dev/shm') ? 'rw-s' : m % 3 === 0 ? 'r-xp' : 'rw-p';
      const rss = 4 + ((m * 7 + p) % 28);
      lines.push(
        `${start}-${end} ${perms} 00000000 08:01 ${lib.startsWith('/') ? 1000 + (m % 50) : 0}${lib ? `                      ${lib}` : ''}`,
        `Rss:            ${String(rss).padStart(8)} kB`,
        `Pss:            ${String(rss >> 1).padStart(8)} kB`,
      );
    }
    out.push(`${lines.join('\n')}\n`);
  }
  return out.join('\n');
}
