/**
 * /proc/<pid>/status — `proc_pid_status()` in the kernel's fs/proc/array.c: `Key:\tvalue`
 * lines, `Name:\tbash` first (the 15-character comm), `Pid:\t123`, `VmRSS:\t  1234 kB`, …
 * It names a process and gives its pid when the path does not.
 */
import { exactInt } from '../../units';
import { defineFormat } from '../format';

export interface ProcStatus {
  name?: string;
  pid?: number;
  fields: Record<string, string>;
}

const KEY = /^([A-Za-z_][\w]*):\s*(.*)$/;
const FIRST = /^Name:\s/;

export const status = defineFormat({
  id: 'status',
  starts: (line) => FIRST.test(line),
  parse(cur, ctx): ProcStatus {
    const st: ProcStatus = { fields: {} };
    for (; !cur.done; cur.advance()) {
      if (cur.blank) continue;
      const line = cur.str;
      const r = KEY.exec(line);
      if (r && r[1] !== undefined && !(r[1] === 'Name' && st.name !== undefined) && r[1] !== 'MemTotal') {
        const key = r[1];
        const value = (r[2] ?? '').trim();
        st.fields[key] = value;
        if (key === 'Name') st.name = value;
        const pid = key === 'Pid' ? exactInt(value) : null;
        if (pid !== null && pid >= 0) st.pid = pid;
        continue;
      }
      if (ctx.isBoundary(line) || r) break;
      ctx.diag.unknown(cur.line, line);
    }
    return st;
  },
  merge(b, st, at) {
    const p = b.process(at, st.pid);
    p.status = st;
    if (st.name) {
      p.name = st.name;
      p.nameFrom = 'status';
    }
  },
  samples: ['Name:\tdropbear'],
});
