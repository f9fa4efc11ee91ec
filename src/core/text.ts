/** Small text helpers shared by the parsers. No DOM, no Node. */

const LOG_PREFIX = /^(?:<\d{1,2}>)?(?:[a-z]+ *:[a-z]+ *: )?(?:\[\s*\d+\.\d+\]\s?)?(?:\[\s*[TC]\d+\]\s?)?/;

/**
 * Strips what a kernel log line carries before the message: `<6>`, `kern  :info  : `
 * (dmesg -x), `[    0.000000] ` timestamps and `[    T0]` caller ids (CONFIG_PRINTK_CALLER).
 */
export function stripLogPrefix(line: string): string {
  const m = LOG_PREFIX.exec(line);
  return m && m[0].length > 0 ? line.slice(m[0].length) : line;
}

export function hasLogPrefix(line: string): boolean {
  return /^(?:<\d{1,2}>|[a-z]+ *:[a-z]+ *: |\[\s*\d+\.\d+\])/.test(line);
}

/** Parses a hex string (with or without 0x) into a bigint; null when it is not hex. */
export function hexToBigInt(s: string): bigint | null {
  const h = s.startsWith('0x') || s.startsWith('0X') ? s.slice(2) : s;
  if (h.length === 0 || !/^[0-9a-fA-F]+$/.test(h)) return null;
  return BigInt(`0x${h}`);
}

export function toHex(v: bigint, width = 8): string {
  return `0x${v.toString(16).padStart(width, '0')}`;
}

/** bytes → KiB as a number; sizes in KiB fit a double exactly up to 2^53 KiB */
export function bytesToKiB(bytes: bigint): number {
  return Number(bytes / 1024n) + Number(bytes % 1024n) / 1024;
}

export const PAGE = 4096n;
export const pageDown = (a: bigint, page = PAGE): bigint => a - (a % page);
export const pageUp = (a: bigint, page = PAGE): bigint => (a % page === 0n ? a : a - (a % page) + page);

/** Reads the shell command from a prompt line (`root@OpenWrt:~# cat /proc/meminfo`). */
export function promptCommand(line: string): string | null {
  const m = /^(?:\S*@\S*?[:\s]\S*\s?|[~/]\S*\s|\(\S+\)\s|)[#$%>]\s+(\S.*)$/.exec(line);
  if (!m || m[1] === undefined) return null;
  const cmd = m[1].trim();
  // `# comment`-like lines inside formats are not prompts: a command starts with a word
  if (!/^[\w./~-]/.test(cmd)) return null;
  return cmd;
}

/** Human-friendly KiB: 230856 → "230,856" */
export function fmtKiB(kib: number): string {
  return Math.round(kib).toLocaleString('en-US');
}
