/**
 * /proc/version — `version_proc_show()` in fs/proc/version.c, the same text as the
 * log's first line: `Linux version 5.4.238 (builder@buildhost) (gcc …) #0 SMP …`. The
 * release decides how some counters read (VmallocUsed, docs/accounting.md).
 */
import { defineFormat } from '../format';

export interface KernelVersion {
  release: string;
  text: string;
}

const VERSION = /^Linux version (\S+)/;

export const version = defineFormat({
  id: 'version',
  starts: (line) => VERSION.test(line),
  parse(cur): KernelVersion {
    const text = cur.str;
    cur.advance();
    return { release: VERSION.exec(text)?.[1] ?? '', text };
  },
  merge(b, v) {
    b.snap.kernelRelease ??= v.release;
  },
  samples: ['Linux version 5.4.238 (builder@buildhost) (gcc version 8.4.0 (OpenWrt GCC 8.4.0 r16279)) #0 SMP Mon Mar 27 11:05:48 2023'],
});
