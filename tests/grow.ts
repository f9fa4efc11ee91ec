/**
 * A capture of N processes grown from this machine's /proc (tests/capture.ts): each
 * process a real one's smaps and status, made its own as a device's processes differ
 * (mappings moved by a page-aligned offset as ASLR does, resident counters scaled), so
 * no two compress alike. Seeded: the same N gives the same text.
 */
import { captureProc } from './capture';

export function growCapture(n: number, seed = 1): string {
  let s = seed >>> 0 || 1;
  const rand = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  const real = captureProc();
  // kernel threads have an empty smaps: they are not processes the model shows
  real.procs = real.procs.filter((p) => p.smaps.trim() !== '');
  if (real.procs.length === 0) throw new Error('no readable smaps in /proc');
  const out = [`==> /proc/meminfo <==\n${real.meminfo}`];
  for (let i = 0; i < n; i++) {
    const r = real.procs[i % real.procs.length];
    if (!r) continue;
    const pid = 1000 + i;
    const shift = BigInt(Math.floor(rand() * 0x10000)) * 0x1000n;
    const scale = 0.25 + 0.75 * rand();
    const smaps = r.smaps
      .replace(/^([0-9a-f]+)-([0-9a-f]+) /gm, (whole, a: string, b: string) =>
        a.length > 12
          ? whole
          : `${(BigInt(`0x${a}`) + shift).toString(16).padStart(a.length, '0')}-${(BigInt(`0x${b}`) + shift).toString(16).padStart(a.length, '0')} `,
      )
      .replace(
        /^(Rss|Pss|Pss_Anon|Pss_File|Pss_Shmem|Pss_Dirty|Shared_Clean|Shared_Dirty|Private_Clean|Private_Dirty|Anonymous|Referenced):( +)(\d+) kB$/gm,
        (_, k: string, sp: string, v: string) =>
          `${k}:${String(Math.floor((Number(v) * scale) / 4) * 4).padStart(sp.length + v.length)} kB`,
      );
    const status = r.status.replace(/^Pid:\t\d+/m, `Pid:\t${pid}`).replace(/^Name:\t.*/m, `Name:\t${r.name}-${i}`);
    out.push(`==> /proc/${pid}/status <==\n${status}`, `==> /proc/${pid}/smaps <==\n${smaps}`);
  }
  return out.join('\n');
}
