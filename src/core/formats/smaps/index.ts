/**
 * /proc/<pid>/smaps: one block per mapping, a header then `Key:  N kB` counters
 * (fs/proc/task_mmu.c, `show_smap()`; the scanner is in ./scan.ts). Several processes'
 * smaps in one text (a `tail -n +1` bundle) are one segment each: the path before each
 * (`==> /proc/123/smaps <==`) gives the pid.
 */
import { m } from '../../messages/catalogue';
import { defineFormat } from '../format';
import { headerPath, scanSmaps } from './scan';

export type { Counts, Mapping, SmapsData } from './scan';
export { C, COUNTERS, MappingTable } from './table';

export const smaps = defineFormat({
  id: 'smaps',
  starts(line) {
    const path = headerPath(line);
    return path !== null && path !== '[rollup]';
  },
  parse: (cur, ctx) => scanSmaps(cur, ctx, false),
  merge(b, data, at) {
    const p = b.process(at);
    if (p.mappings.length > 0) b.note(m('note.second-smaps', { pid: p.pid, source: at.source }));
    else p.mappings = data.mappings;
  },
  samples: [
    '7fdac9a000-7fdacda000 rw-p 00000000 00:00 0                              [stack]',
    'ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]',
    'b6f10000-b6f2e000 r-xp 00000000 b3:02 1234       /lib/ld-musl-armhf.so.1',
    '7f1c2b000000-7f1c2b100000 rw-s 00000000 00:05 4096  /memfd:wayland-shm (deleted)',
    '7f1c2a000000-7f1c2a021000 rw-p 00000000 00:00 0',
  ],
});
