/**
 * One read of this machine's /proc: meminfo, version, and each process's smaps, status
 * and stat. Never cmdline or environ (they can hold secrets): smem's layout needs a
 * cmdline, so the folder gets one holding only the process name.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Capture {
  meminfo: string;
  version: string;
  procs: { pid: number; name: string; smaps: string; status: string; stat: string }[];
}

export function captureProc(): Capture {
  const procs: Capture['procs'] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const status = readFileSync(`/proc/${e}/status`, 'utf8');
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const smaps = readFileSync(`/proc/${e}/smaps`, 'utf8');
      const name = /^Name:\s*(.*)$/m.exec(status)?.[1] ?? '?';
      procs.push({ pid: Number(e), name, smaps, status, stat });
    } catch {
      // the process ended between listing and reading, or is not readable: skip it
    }
  }
  return { meminfo: readFileSync('/proc/meminfo', 'utf8'), version: readFileSync('/proc/version', 'utf8'), procs };
}

/** smem's source layout: proc/meminfo, proc/version, proc/<pid>/{smaps,stat,cmdline} */
export function writeSmemFolder(c: Capture, dir: string): void {
  mkdirSync(join(dir, 'proc'), { recursive: true });
  writeFileSync(join(dir, 'proc', 'meminfo'), c.meminfo);
  writeFileSync(join(dir, 'proc', 'version'), c.version);
  for (const p of c.procs) {
    const d = join(dir, 'proc', String(p.pid));
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'smaps'), p.smaps);
    writeFileSync(join(d, 'stat'), p.stat);
    writeFileSync(join(d, 'cmdline'), `${p.name}\0`);
  }
}

/** `tail -n +1` style bundle of the same files */
export function bundle(c: Capture): string {
  const parts = [`==> /proc/meminfo <==\n${c.meminfo}`];
  for (const p of c.procs) parts.push(`==> /proc/${p.pid}/status <==\n${p.status}`, `==> /proc/${p.pid}/smaps <==\n${p.smaps}`);
  return parts.join('\n');
}

/** smem -S DIR -c "pid uss pss rss swap": pid → numbers */
export function runSmem(dir: string): Map<number, { uss: number; pss: number; rss: number; swap: number }> {
  const out = execFileSync('smem', ['-S', dir, '-H', '-c', 'pid uss pss rss swap'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const m = new Map<number, { uss: number; pss: number; rss: number; swap: number }>();
  for (const line of out.split('\n')) {
    const f = line.trim().split(/\s+/).map(Number);
    if (f.length === 5 && f.every(Number.isFinite))
      m.set(f[0] as number, { uss: f[1] as number, pss: f[2] as number, rss: f[3] as number, swap: f[4] as number });
  }
  return m;
}
