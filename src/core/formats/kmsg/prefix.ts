/**
 * What a kernel log line carries before the message, in the ways logs reach people:
 *
 *   <6>  <30>                                 printk level, syslog priority (/dev/kmsg: `6,123,456,-;`)
 *   kern  :info  :                            dmesg -x
 *   [    0.000000]  [    0.000000,0]  [  0.0@0]   timestamps (PRINTK_TIME), some with a CPU
 *   [    T0]  [  C1]                          caller ids (PRINTK_CALLER)
 *   -(0)[0:swapper]  [0:        swapper:    0] MediaTek / Qualcomm CPU and task
 *   [Tue May 12 12:30:24 2023]                dmesg -T
 *   May 12 12:30:24 host kernel:              syslog, journalctl (also `kernel[0]:`)
 *   2023-05-12T12:30:24.123+02:00 host kernel:   RFC 3339 syslog
 *   Mon May 12 12:30:24 2023 kern.info kernel:   OpenWrt logread
 *   05-12 12:30:24.123     0     0 I Memory  : …  logcat -b kernel (logd's tag is the message's start)
 *   Jan  1 00:00:03 host kern.info kernel:    busybox syslogd
 *   2023-05-12T12:30:24,000000+02:00          dmesg --time-format=iso
 *   [    0.000000] host kernel:               journalctl -o short-monotonic
 *   14:26:43.787 [info]  [2023-05-12 12:30:24.123]   logger and terminal timestamps
 *   kernel:                                   journald's short forms
 *
 * Prefixes are tried in turn, several may stack (`May 12 … kernel: [    0.000000] …`),
 * each an anchored pattern without nested repetition, so a hostile line costs linear time.
 */

/** after a syslog time stamp: host, an optional busybox `facility.level`, then the tag */
const SYSLOG_TAG = /^\S+ (?:[a-z]+\.[a-z]+ )?(kernel|[\w.()/-]+)(?:\[\d+\])?: /;
/** OpenWrt's logread: no host, the facility then the tag */
const LOGREAD_TAG = /^(kernel|[\w.()/-]+)(?:\[\d+\])?: /;

const PREFIXES: RegExp[] = [
  /^<\d{1,3}>/,
  /^\d>(?=[A-Za-z])/, // a ring buffer read from the middle: `6>TCP reno registered`
  /^\d{1,3},\d+,\d+,[-c+]{1,2}(?:,[^;]*)?;/, // /dev/kmsg records
  /^[a-z]+ *:[a-z]+ *: /,
  /^\[\s*\d+\.\d+(?:[,@]\d+)?\]\s?/,
  /^\[\s*[TC]\d+\]\s?/,
  /^[-. ]?\s?\(\d+\)\[\d+:[^\]\n]{0,40}\]/, // MediaTek: `-(0)[0:swapper]`, `.(0)[1:swapper/0]`, ` (0)[…]`
  /^\[\d+:\s*[^\]:\n]{1,40}:\s*\d+\]\s?/,
  /^\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}\]\s?/,
  /^\[\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d+)?\]\s?/,
  /^\d\d:\d\d:\d\d(?:[.,]\d+)? \[[a-z]+\]\s+/,
  /^[\w.-]+ kernel(?:\[\d+\])?: /, // journalctl -o short-monotonic: `[    0.000000] host kernel: `
  /^kernel: /,
];

/** `logcat -b kernel`: logd splits `Memory: …` into the tag `Memory` and the rest */
const LOGCAT = /^\d\d-\d\d \d\d:\d\d:\d\d\.\d+\s+\d+\s+\d+ [VDIWEF] ([^:\n]{0,40}): /;

/** syslog-shaped time stamps: then host and tag (BSD, RFC 3339), or the facility and tag (logread) */
const BSD_TIME = /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)? /;
const ISO_TIME = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)? /;
const LOGREAD_TIME = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4} [a-z]+\.[a-z]+ /;

export interface Stripped {
  /** the message without its prefixes */
  msg: string;
  /** a prefix was there */
  prefixed: boolean;
  /** a syslog line of another program than the kernel */
  notKernel: boolean;
}

/** one prefix off the front of `rest`, or null when there is none */
function stripOne(rest: string): { rest: string; notKernel?: true } | null {
  let t = LOGREAD_TIME.exec(rest);
  if (t) {
    const after = rest.slice(t[0].length);
    const tag = LOGREAD_TAG.exec(after);
    if (tag) return tag[1] === 'kernel' ? { rest: after.slice(tag[0].length) } : { rest: after.slice(tag[0].length), notKernel: true };
  }
  for (const re of [BSD_TIME, ISO_TIME]) {
    t = re.exec(rest);
    if (!t) continue;
    const after = rest.slice(t[0].length);
    const tag = SYSLOG_TAG.exec(after);
    if (tag) return tag[1] === 'kernel' ? { rest: after.slice(tag[0].length) } : { rest: after.slice(tag[0].length), notKernel: true };
    // `dmesg --time-format=iso`: the time stamp alone, then the message
    if (re === ISO_TIME) return { rest: after };
  }
  const lc = LOGCAT.exec(rest);
  if (lc) {
    const tag = (lc[1] ?? '').trim();
    const after = rest.slice(lc[0].length);
    return { rest: tag ? `${tag}: ${after}` : after };
  }
  for (const re of PREFIXES) {
    const p = re.exec(rest);
    if (p && p[0].length > 0) return { rest: rest.slice(p[0].length) };
  }
  return null;
}

export function splitLogPrefix(line: string): Stripped {
  let rest = line;
  let prefixed = false;
  let notKernel = false;
  for (let round = 0; round < 6; round++) {
    const one = stripOne(rest);
    if (!one) break;
    rest = one.rest;
    if (one.notKernel) notKernel = true;
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
