/**
 * What a kernel log line carries before the message, in the ways logs reach people:
 *
 *   <6>  <30>                                 printk level, syslog priority (/dev/kmsg: `6,123,456,-;`)
 *   kern  :info  :                            dmesg -x
 *   [    0.000000]  [    0.000000,0]  [  0.0@0]   timestamps (PRINTK_TIME), some with a CPU
 *   [    T0]  [  C1]                          caller ids (PRINTK_CALLER)
 *   (0)[0:swapper]  [0:        swapper:    0]  MediaTek / Qualcomm CPU and task
 *   [Tue May 12 12:30:24 2023]                dmesg -T
 *   May 12 12:30:24 host kernel:              syslog, journalctl (also `kernel[0]:`)
 *   2023-05-12T12:30:24.123+02:00 host kernel:   RFC 3339 syslog
 *   Mon May 12 12:30:24 2023 kern.info kernel:   OpenWrt logread
 *   05-12 12:30:24.123     0     0 I         :   logcat -b kernel
 *   14:26:43.787 [info]  [2023-05-12 12:30:24.123]   logger and terminal timestamps
 *   kernel:                                   journald's short forms
 *
 * Prefixes are tried in turn, several may stack (`May 12 … kernel: [    0.000000] …`),
 * each an anchored pattern without nested repetition, so a hostile line costs linear time.
 */

const SYSLOG_TAG = /^\S+ (kernel|[\w.()/-]+)(?:\[\d+\])?: /;

const PREFIXES: RegExp[] = [
  /^<\d{1,3}>/,
  /^\d>(?=[A-Za-z])/, // a ring buffer read from the middle: `6>TCP reno registered`
  /^\d{1,3},\d+,\d+,[-c+]{1,2}(?:,[^;]*)?;/, // /dev/kmsg records
  /^[a-z]+ *:[a-z]+ *: /,
  /^\[\s*\d+\.\d+(?:[,@]\d+)?\]\s?/,
  /^\[\s*[TC]\d+\]\s?/,
  /^\(\d+\)\[\d+:[^\]\n]{0,40}\]/,
  /^\[\d+:\s*[^\]:\n]{1,40}:\s*\d+\]\s?/,
  /^\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}\]\s?/,
  /^\[\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d+)?\]\s?/,
  /^\d\d:\d\d:\d\d(?:[.,]\d+)? \[[a-z]+\]\s+/,
  /^\d\d-\d\d \d\d:\d\d:\d\d\.\d+\s+\d+\s+\d+ [VDIWEF] [^:\n]{0,40}: /,
  /^kernel: /,
];

/** syslog-shaped timestamps, followed by host and tag */
const SYSLOG_TIME: RegExp[] = [
  /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)? /,
  /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)? /,
  /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4} [a-z]+\.[a-z]+ /, // OpenWrt logread: … kern.info kernel:
];

export interface Stripped {
  /** the message without its prefixes */
  msg: string;
  /** a prefix was there */
  prefixed: boolean;
  /** a syslog line of another program than the kernel */
  notKernel: boolean;
}

export function splitLogPrefix(line: string): Stripped {
  let rest = line;
  let prefixed = false;
  let notKernel = false;
  for (let round = 0; round < 6; round++) {
    let hit = false;
    for (const re of SYSLOG_TIME) {
      const t = re.exec(rest);
      if (!t) continue;
      const after = rest.slice(t[0].length);
      // OpenWrt's logread has no host: the tag follows the facility
      const tag = /^(kernel|[\w.()/-]+)(?:\[\d+\])?: /.exec(after) ?? SYSLOG_TAG.exec(after);
      if (!tag) continue;
      if (tag[1] !== 'kernel') notKernel = true;
      rest = after.slice(tag[0].length);
      hit = true;
      break;
    }
    if (!hit)
      for (const re of PREFIXES) {
        const p = re.exec(rest);
        if (p && p[0].length > 0) {
          rest = rest.slice(p[0].length);
          hit = true;
          break;
        }
      }
    if (!hit) break;
    prefixed = true;
  }
  return { msg: rest, prefixed, notKernel };
}

export function stripLogPrefix(line: string): string {
  return splitLogPrefix(line).msg;
}

export function hasLogPrefix(line: string): boolean {
  return splitLogPrefix(line).prefixed;
}
