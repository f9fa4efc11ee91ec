/**
 * /proc/<pid>/smaps_rollup (4.14+): one `[rollup]` header spanning every mapping, then the
 * process's summed counters (fs/proc/task_mmu.c, `show_smaps_rollup()`):
 *
 *   00400000-7ffd6d3f4000 ---p 00000000 00:00 0                              [rollup]
 *   Rss:                4812 kB
 *   Pss:                1733 kB
 */
import { defineFormat } from '../format';
import { headerPath, scanSmaps } from './scan';

export const smapsRollup = defineFormat({
  id: 'smaps_rollup',
  starts: (line) => headerPath(line) === '[rollup]',
  parse: (cur, ctx) => scanSmaps(cur, ctx, true),
  merge(b, data, at) {
    b.process(at).rollup = data.mappings.length > 0 ? data.mappings.countsOf(0) : {};
  },
  samples: ['00400000-7ffd6d3f4000 ---p 00000000 00:00 0                              [rollup]'],
});
