/**
 * What a kernel log line carries before the message: `<6>` (the raw printk level),
 * `kern  :info  : ` (`dmesg -x`), `[    0.000000] ` timestamps and `[    T0]` caller ids
 * (CONFIG_PRINTK_CALLER).
 */
const LOG_PREFIX = /^(?:<\d{1,2}>)?(?:[a-z]+ *:[a-z]+ *: )?(?:\[\s*\d+\.\d+\]\s?)?(?:\[\s*[TC]\d+\]\s?)?/;

export function stripLogPrefix(line: string): string {
  const p = LOG_PREFIX.exec(line);
  return p && p[0].length > 0 ? line.slice(p[0].length) : line;
}

export function hasLogPrefix(line: string): boolean {
  return /^(?:<\d{1,2}>|[a-z]+ *:[a-z]+ *: |\[\s*\d+\.\d+\])/.test(line);
}
