/**
 * /proc/<pid>/stat — `do_task_stat()` in the kernel's fs/proc/array.c: one line
 * `123 (bash) S 1 123 …`. The comm is in parentheses and may itself hold spaces and
 * parentheses (the last `)` closes it). It names a process when no status does.
 */
import { exactInt } from '../../units';
import { defineFormat } from '../format';

export interface ProcStat {
  pid: number;
  comm: string;
  state: string;
}

const STAT = /^(\d+) \((.*)\) ([A-Za-z]) /s;

export const stat = defineFormat({
  id: 'stat',
  starts: (line) => STAT.test(line),
  parse(cur, ctx): ProcStat {
    const line = cur.str;
    const r = STAT.exec(line);
    cur.advance();
    if (!r) {
      ctx.diag.unknown(cur.line - 1, line);
      return { pid: 0, comm: '', state: '' };
    }
    // a pid past 2^53 is no pid (the kernel's are below 2^22): 0, as for none
    return { pid: exactInt(r[1] ?? '') ?? 0, comm: r[2] ?? '', state: r[3] ?? '' };
  },
  merge(b, st, at) {
    const p = b.process(at, st.pid || undefined);
    if (p.nameFrom !== 'status') {
      p.name = st.comm;
      p.nameFrom = 'stat';
    }
  },
  samples: ['1234 (dropbear) S 1 1234 1234 0 -1 4194560 350 0 0 0 1 2 0 0 20 0 1 0 1200 2449408 310 4294967295'],
});
