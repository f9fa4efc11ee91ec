/**
 * Small per-process files.
 *
 * /proc/<pid>/status — `proc_pid_status()` in fs/proc/array.c: `Key:\tvalue` lines,
 *   `Name:\tbash` first (the 15-character comm), `Pid:\t123`, `VmRSS:\t  1234 kB`, …
 * /proc/<pid>/stat — `do_task_stat()`: one line `123 (bash) S 1 123 …`; the comm is in
 *   parentheses and may itself hold spaces and parentheses (take the last `)`).
 * /proc/version — `Linux version 5.4.238 (builder@buildhost) (gcc …) #0 SMP …`.
 */
import type { Cursor } from '../cursor';
import type { ProcStat, ProcStatus } from '../types';
import type { LineParser, ParseContext } from './parser';

const STATUS_KEY = /^([A-Za-z_][\w]*):\s*(.*)$/;
const STATUS_FIRST = /^Name:\s/;

export const statusParser: LineParser<ProcStatus> = {
  format: 'status',
  starts: (line) => STATUS_FIRST.test(line),
  parse(cur: Cursor, ctx: ParseContext): ProcStatus {
    const st: ProcStatus = { fields: {} };
    for (; !cur.done; cur.advance()) {
      if (cur.blank) continue;
      const line = cur.str;
      const m = STATUS_KEY.exec(line);
      if (m && !(m[1] === 'Name' && st.name !== undefined) && !(m[1] === 'MemTotal')) {
        const key = m[1] as string;
        const value = (m[2] as string).trim();
        st.fields[key] = value;
        if (key === 'Name') st.name = value;
        if (key === 'Pid' && /^\d+$/.test(value)) st.pid = Number(value);
        continue;
      }
      if (ctx.isBoundary(line, 'status') || m) break;
      ctx.diag.unknown(cur.line, line);
    }
    return st;
  },
};

const STAT = /^(\d+) \((.*)\) ([A-Za-z]) /s;

export const statParser: LineParser<ProcStat> = {
  format: 'stat',
  starts: (line) => STAT.test(line),
  parse(cur: Cursor, ctx: ParseContext): ProcStat {
    const line = cur.str;
    const m = STAT.exec(line);
    cur.advance();
    if (!m) {
      ctx.diag.unknown(cur.line - 1, line);
      return { pid: 0, comm: '', state: '' };
    }
    return { pid: Number(m[1]), comm: m[2] as string, state: m[3] as string };
  },
};

const VERSION = /^Linux version (\S+)/;

export const versionParser: LineParser<{ release: string; text: string }> = {
  format: 'version',
  starts: (line) => VERSION.test(line),
  parse(cur: Cursor): { release: string; text: string } {
    const text = cur.str;
    cur.advance();
    return { release: (VERSION.exec(text)?.[1] as string) ?? '', text };
  },
};
