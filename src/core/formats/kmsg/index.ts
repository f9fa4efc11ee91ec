/**
 * Kernel log (`dmesg`, serial console). Prefixes `<6>`, `kern  :info  : ` and
 * `[    0.000000] ` are stripped first. Lines read:
 *
 *   Memory: 230408K/258368K available (6910K kernel code, 464K rwdata, 1880K rodata,
 *           448K init, 650K bss, 27960K reserved, 0K cma-reserved)
 *     — mem_init_print_info(), mm/page_alloc.c, later mm/mm_init.c; `, NNNK highmem`
 *       with CONFIG_HIGHMEM; 2.6-era x86 prints `1003192k/1048576k available (3453k
 *       kernel code, 44836k reserved, 1568k data, 396k init, 0k highmem)`; MediaTek's
 *       /proc/mtk_memcfg/memory_layout prints it without the parentheses.
 *   OF: reserved mem: 0x0000000043000000..0x000000004302ffff (192 KiB) nomap non-reusable secmon@43000000
 *     — drivers/of/of_reserved_mem.c (newer; end inclusive); older kernels print
 *       `OF: reserved mem: initialized node secmon@43000000, compatible id …`.
 *   Reserved memory: created CMA memory pool at 0x00000000b8000000, size 64 MiB
 *   cma: Reserved 64 MiB at 0x00000000b8000000          (some kernels add " on node N")
 *   Zone ranges: / `  DMA      [mem 0x40000000-0x4fffffff]` / `  Normal   empty`
 *   Early memory node ranges / `  node   0: [mem 0x40000000-0x42ffffff]`   (inclusive)
 *   Built 1 zonelists, mobility grouping on.  Total pages: 64592
 *   Freeing unused kernel memory: 448K [(ffffffc000a20000 - ffffffc000a90000)]
 *   memblock=debug: ` memory[0x0]\t[0x40000000-0x42ffffff], 0x3000000 bytes on node 0 flags: 0x0`
 *
 * Other log lines carry nothing about memory: they are counted, not listed. Several
 * logs (or pieces of one) join into one kernel log; the first `Memory:` line is used.
 */
import { m } from '../../messages/catalogue';
import { hexToBigInt } from '../../units';
import { defineFormat, type ParseContext } from '../format';
import { parseFlags } from '../memblock/flags';
import type { MemblockRegion } from '../memblock/index';
import * as L from './lines';
import { hasLogPrefix, splitLogPrefix } from './prefix';
import type { BootLineForm, BootMemoryLine, KernelLog, LogRange, LogSize, MemblockCall, UnusedKind, ZonePages } from './types';

export type { BankTotalLine, BootLineForm, BootMemoryLine, KernelLog } from './types';

const KNOWN_START = [
  L.MEMORY,
  L.BANK_TOTAL,
  L.OF_NEW,
  L.OF_OLD,
  L.POOL,
  L.CMA,
  L.INITMEM,
  L.FREEING,
  L.MB_DEBUG,
  L.MB_CALL,
  L.E820_NEW,
  L.E820_OLD,
  L.LOG_START,
];

/** the first line of a boot: a log holding several boots keeps the last */
const BOOT_START = /^(?:Booting Linux on|Linux version )/;

const UNIT_KIB: Record<string, number> = { KiB: 1, KB: 1, MiB: 1024, MB: 1024, GiB: 1048576, GB: 1048576 };

const PAGE_BYTES = 4096n;

function parseMemoryLine(msg: string, line: number): BootMemoryLine | null {
  const r = L.MEMORY.exec(msg);
  if (!r) return null;
  const fields: Record<string, number> = {};
  const inParens = r[5] !== undefined;
  const rest = r[5] ?? r[6] ?? '';
  for (const part of rest.split(',')) {
    const f = L.MEM_FIELD.exec(part.trimEnd());
    if (f?.[2] !== undefined) fields[f[2].trim()] = Number(f[1]);
  }
  // lower-case k: the arch-specific lines before mem_init_print_info (2.6, 3.x)
  const lower = r[2] === 'k';
  const form: BootLineForm = !lower ? 'modern' : inParens ? 'legacy' : 'old-arm';
  return { form, availableKiB: Number(r[1]), physKiB: Number(r[3]), fields, line, text: msg };
}

function emptyLog(): KernelLog {
  return {
    reservedMem: [],
    reservedMemInitialized: [],
    reservedMemAllocated: [],
    reservedMemFailed: [],
    cma: [],
    cmaTotals: [],
    cmaFailed: [],
    dmaPools: [],
    zones: [],
    nodeRanges: [],
    nodeSpans: [],
    nodeTotalPages: [],
    zonePages: [],
    e820: [],
    freedInitKiB: [],
    memblockDebug: { memory: [], reserved: [] },
    memblockCalls: [],
    headerLines: [],
    balloon: [],
    unused: [],
    otherLines: 0,
    otherPrograms: 0,
  };
}

function markUnused(log: KernelLog, kind: UnusedKind, line: number): void {
  let u = log.unused.find((x) => x.kind === kind);
  if (!u) {
    u = { kind, lines: [] };
    log.unused.push(u);
  }
  u.lines.push(line);
}

function zoneEntry(log: KernelLog, zone: string, line: number): ZonePages {
  let z = log.zonePages.find((x) => x.zone === zone);
  if (!z) {
    z = { zone, line, lines: [] };
    log.zonePages.push(z);
  }
  z.lines.push(line);
  return z;
}

const CALL_OP: Record<string, MemblockCall['op']> = {
  memblock_reserve: 'reserve',
  memblock_free: 'free',
  memblock_phys_free: 'free',
  memblock_free_late: 'free',
  memblock_add: 'add',
  memblock_add_node: 'add',
  memblock_remove: 'remove',
  memblock_mark_nomap: 'mark-nomap',
};

/**
 * One message of the log (prefix removed) into `log`; false when it is none of the
 * memory lines this reader knows.
 */
/** a digit run no exact number has */
const TOO_LONG = /(?:^|[^\dA-Fa-fx])(?:\d{17}|0x[\dA-Fa-f]{17})/;

function readMessage(log: KernelLog, msg0: string, n: number, block: { v: 'zones' | 'nodes' | null }, ctx: ParseContext): boolean {
  let r: RegExpExecArray | null;
  const msg = msg0.replace(L.OF_PREFIX, '');
  if (block.v === 'zones' && (r = L.ZONE.exec(msg))) {
    const name = r[1] ?? '';
    if (r[4]) log.zones.push({ name, empty: true, line: n });
    else if (r[5] !== undefined) log.zones.push({ ...pfnRange(r[5], r[6], n), name });
    else log.zones.push({ ...range(r[2], r[3], n), name });
    return true;
  }
  if (block.v === 'nodes' && (r = L.NODE.exec(msg))) {
    const rg = r[4] !== undefined ? pfnRange(r[4], r[5], n) : range(r[2], r[3], n);
    log.nodeRanges.push({ ...rg, node: Number(r[1]) });
    return true;
  }
  block.v = null;
  // a decimal number of 17 digits or more cannot be exact (2^53) and is no size a kernel
  // prints; a hex one of 17 or more is past 64 bits: the line is said, not read
  if (TOO_LONG.test(msg) && L.MEMORY_WORDS.test(msg)) {
    ctx.diag.add(n, 'error', m('kmsg.value-too-large'));
    return true;
  }
  const mem = parseMemoryLine(msg, n);
  if (mem) {
    if (log.memoryLine) ctx.diag.add(n, 'warning', m('kmsg.second-memory-line'));
    else log.memoryLine = mem;
  } else if ((r = L.BANK_TOTAL.exec(msg))) {
    log.bankTotal ??= {
      banksMiB: (r[1] ?? '')
        .trim()
        .split(/\s+/)
        .map((w) => Number.parseInt(w, 10)),
      totalMiB: Number(r[2]),
      line: n,
    };
  } else if ((r = L.BALLOON.exec(msg))) {
    log.balloon.push({ driver: (r[1] ?? '').toLowerCase(), line: n });
  } else if ((r = L.VERSION.exec(msg))) {
    if (r[1] !== undefined) log.release ??= r[1];
  } else if ((r = L.OF_NEW.exec(msg))) {
    log.reservedMem.push({
      ...range(r[1], r[2], n),
      name: (r[6] ?? '').trim(),
      sizeKiB: Number(r[3]),
      noMap: r[4] === 'nomap',
      reusable: r[5] === 'reusable',
    });
  } else if ((r = L.OF_OLD.exec(msg))) {
    log.reservedMemInitialized.push({ name: r[1] ?? '', compatible: (r[2] ?? '').trim(), line: n });
  } else if ((r = L.POOL.exec(msg))) {
    const at = sized(r[2], r[3], r[4], n);
    if (r[1] === 'CMA') log.cma.push({ ...at, via: 'pool' });
    else log.dmaPools.push(at);
  } else if ((r = L.ALLOCATED.exec(msg))) {
    log.reservedMemAllocated.push({ ...sized(r[2], r[3], r[4], n), name: r[1] ?? '' });
  } else if ((r = L.FAILED_RESERVE.exec(msg))) {
    const start = hexToBigInt(withX(r[2])) ?? undefined;
    const f: KernelLog['reservedMemFailed'][number] = { name: r[1] ?? '', sizeKiB: size(r[3], r[4]).sizeKiB, line: n };
    if (start !== undefined) f.start = start;
    log.reservedMemFailed.push(f);
  } else if ((r = L.FAILED_ALLOC.exec(msg))) {
    log.reservedMemFailed.push({ name: r[1] ?? '', line: n });
  } else if ((r = L.CMA_RANGES.exec(msg))) {
    log.cmaTotals.push({ sizeKiB: size(r[1], r[2]).sizeKiB, ranges: Number(r[3]), line: n });
  } else if ((r = L.CMA.exec(msg))) {
    log.cma.push({ ...sized(r[3], r[1], r[2], n), via: 'cma' });
  } else if ((r = L.CMA_FAILED.exec(msg))) {
    log.cmaFailed.push({ sizeKiB: size(r[1], r[2]).sizeKiB, line: n });
  } else if (/^Zone (?:PFN )?ranges:/.test(msg)) {
    block.v = 'zones';
    log.headerLines.push(n);
  } else if (/^Early memory (?:node|PFN) ranges/.test(msg)) {
    block.v = 'nodes';
    log.headerLines.push(n);
  } else if ((r = L.INITMEM.exec(msg))) {
    log.nodeSpans.push({ ...range(r[2], r[3], n), node: Number(r[1]) });
  } else if ((r = L.FREEING.exec(msg))) {
    log.freedInitKiB.push({ kib: Number(r[2]), what: r[1] ?? '', line: n, afterMemoryLine: log.memoryLine !== undefined });
  } else if ((r = L.MB_DEBUG.exec(msg))) {
    const start = hexToBigInt(r[3] ?? '') ?? 0n;
    const last = hexToBigInt(r[4] ?? '') ?? 0n;
    const flagText = r[7] ?? '0x0';
    const region: MemblockRegion = {
      index: Number.parseInt(r[2] ?? '0', 16),
      start,
      end: last + 1n,
      flags: parseFlags(flagText),
      flagText,
      line: n,
    };
    if (r[6] !== undefined) region.node = r[6];
    log.memblockDebug[r[1] === 'memory' ? 'memory' : 'reserved'].push(region);
  } else if (L.MB_OTHER.test(msg) || L.MB_ALLOC.test(msg)) {
    // memblock=debug summaries and allocation requests: the regions and reserve calls carry the data
    log.headerLines.push(n);
  } else if ((r = L.MB_CALL.exec(msg))) {
    log.memblockCalls.push({ ...range(r[2], r[3], n), op: CALL_OP[r[1] ?? ''] ?? 'reserve', caller: r[4] ?? '' });
  } else if ((r = L.E820_NEW.exec(msg))) {
    if (/^BIOS-e820/.test(msg)) log.e820.push({ ...range(r[1], r[2], n), type: (r[3] ?? '').trim() });
    else markUnused(log, 'e820-update', n);
  } else if ((r = L.E820_OLD.exec(msg0))) {
    const start = BigInt(`0x${r[1]}`);
    log.e820.push({ start, end: BigInt(`0x${r[2]}`), line: n, type: (r[3] ?? '').trim() });
  } else if ((r = L.MIPS_MAP.exec(msg))) {
    const start = BigInt(`0x${r[2]}`);
    log.e820.push({ start, end: start + BigInt(`0x${r[1]}`), line: n, type: (r[3] ?? '').trim() });
  } else if ((r = L.TOTAL_PAGES.exec(msg))) {
    log.totalPages = Number(r[1]);
    log.headerLines.push(n);
  } else if ((r = L.NODE_TOTAL.exec(msg))) {
    log.nodeTotalPages.push({ node: Number(r[1]), pages: Number(r[2]), line: n });
  } else if ((r = L.ZONE_MEMMAP.exec(msg))) {
    zoneEntry(log, r[1] ?? '', n).memmapPages = Number(r[2]);
  } else if ((r = L.ZONE_RESERVED.exec(msg))) {
    zoneEntry(log, r[1] ?? '', n).reservedPages = Number(r[2]);
  } else if ((r = L.ZONE_PAGES.exec(msg))) {
    zoneEntry(log, r[1] ?? '', n).pages = Number(r[2]);
  } else return false;
  return true;
}

/** a memory line no reader above takes: reported by kind, with its line number */
function readUnused(log: KernelLog, msg: string, n: number): boolean {
  const kind = L.UNUSED.find(([, re]) => re.test(msg))?.[0] ?? (L.MEMORY_WORDS.test(msg) ? 'other-memory' : null);
  if (kind === null) return false;
  markUnused(log, kind, n);
  return true;
}

export const kmsg = defineFormat({
  id: 'kmsg',
  starts(line) {
    if (hasLogPrefix(line)) return true;
    return KNOWN_START.some((re) => re.test(line));
  },
  parse(cur, ctx): KernelLog {
    let log = emptyLog();
    let boots = 1;
    const firstLine = cur.line;
    let bootFrom = cur.line;
    const first = splitLogPrefix(cur.str);
    // a whole log, not a few memory lines: its other lines are read as log lines
    const wholeLog =
      first.prefixed ||
      L.LOG_START.test(first.msg) ||
      (ctx.hint !== undefined && /dmesg|kmsg|logread|journal|syslog|messages|console|boot|\.log\b/i.test(ctx.hint));
    const block: { v: 'zones' | 'nodes' | null } = { v: null };
    for (; !cur.done; cur.advance()) {
      if (cur.blank) continue;
      const raw = cur.str;
      const { msg, prefixed, notKernel } = splitLogPrefix(raw);
      const n = cur.line;
      if (notKernel) {
        log.otherPrograms++;
        continue;
      }
      // a log of several boots (kern.log, a console left running): the last boot is the one
      // the other dumps were taken on
      if (log.memoryLine && BOOT_START.test(msg)) {
        const { otherLines, otherPrograms } = log;
        log = emptyLog();
        log.otherLines = otherLines;
        log.otherPrograms = otherPrograms;
        boots++;
        bootFrom = n;
      }
      if (readMessage(log, msg, n, block, ctx)) continue;
      if (!prefixed && ctx.isBoundary(raw)) break;
      if (readUnused(log, msg, n)) continue;
      if (prefixed || wholeLog) log.otherLines++;
      else ctx.diag.unknown(n, raw);
    }
    if (boots > 1) ctx.diag.add(bootFrom, 'warning', m('kmsg.boots', { boots, first: firstLine, from: bootFrom }));
    if (log.otherLines > 0) ctx.diag.add(0, 'info', m('kmsg.other-lines', { count: log.otherLines }));
    if (log.otherPrograms > 0) ctx.diag.add(0, 'info', m('kmsg.other-programs', { count: log.otherPrograms }));
    for (const u of log.unused)
      ctx.diag.add(u.lines[0] ?? 0, 'info', m('kmsg.unused', { kind: u.kind, count: u.lines.length, lines: lineList(u.lines) }));
    return log;
  },
  merge(b, log, at) {
    const into = b.snap.kernelLog;
    if (into) joinLogs(into.value, log);
    else b.snap.kernelLog = { value: log, source: at.source };
    if (log.memoryLine) b.first('boot', { value: log.memoryLine, source: at.source });
    if (log.release) b.snap.kernelRelease ??= log.release;
  },
  samples: [
    '[    0.000000] Memory: 230408K/258368K available (6910K kernel code, 464K rwdata, 1880K rodata, 448K init, 650K bss, 27960K reserved, 0K cma-reserved)',
    'Memory: 3882236K/4194304K available (9472K kernel code, 1180K rwdata, 262144K cma-reserved, 0K highmem)',
    '<6>Linux version 5.4.238 (builder@buildhost) (gcc version 8.4.0) #0 SMP Mon Mar 27 11:05:48 2023',
    'kern  :info  : [    0.000000] Zone ranges:',
    'OF: reserved mem: 0x0000000043000000..0x000000004302ffff (192 KiB) nomap non-reusable secmon@43000000',
    'Reserved memory: created CMA memory pool at 0x00000000b8000000, size 64 MiB',
    'cma: Reserved 64 MiB at 0x00000000b8000000 on node -1',
    'Freeing unused kernel memory: 448K',
    ' memory[0x0]\t[0x0000000040000000-0x0000000042ffffff], 0x0000000003000000 bytes on node 0 flags: 0x0',
  ],
});

function lineList(lines: number[]): string {
  const shown = lines.slice(0, 12).join(', ');
  return lines.length > 12 ? `${shown}, …` : shown;
}

const withX = (h: string | undefined) => (h === undefined ? '' : h.startsWith('0x') ? h : `0x${h}`);

function size(n: string | undefined, unit: string | undefined): LogSize {
  const per = UNIT_KIB[unit ?? ''] ?? 1;
  return { sizeKiB: Number(n ?? 0) * per, truncated: per > 1 };
}

/** `at 0x…, size N MiB`: the start and a size the kernel truncated to its unit */
function sized(at: string | undefined, n: string | undefined, unit: string | undefined, line: number): LogRange & LogSize {
  const start = hexToBigInt(withX(at)) ?? 0n;
  const s = size(n, unit);
  return { start, end: start + BigInt(s.sizeKiB) * 1024n, line, ...s };
}

/** page frame numbers of 2.6/3.x logs (`0x00000010 -> 0x00001000`, end exclusive), 4 KiB pages assumed */
function pfnRange(a: string | undefined, b: string | undefined, line: number): LogRange {
  return { start: (hexToBigInt(a ?? '') ?? 0n) * PAGE_BYTES, end: (hexToBigInt(b ?? '') ?? 0n) * PAGE_BYTES, line };
}

function range(a: string | undefined, b: string | undefined, line: number): LogRange {
  const start = hexToBigInt(a ?? '') ?? 0n;
  const last = hexToBigInt(b ?? '') ?? 0n;
  return { start, end: last + 1n, line };
}

/** one kernel log from several pieces: the first Memory: line, every range */
function joinLogs(into: KernelLog, more: KernelLog): void {
  const hadMemoryLine = into.memoryLine !== undefined;
  if (!into.memoryLine && more.memoryLine) into.memoryLine = more.memoryLine;
  if (more.bankTotal) into.bankTotal ??= more.bankTotal;
  if (more.release !== undefined) into.release ??= more.release;
  for (const f of more.freedInitKiB) into.freedInitKiB.push(hadMemoryLine ? { ...f, afterMemoryLine: true } : f);
  const lists = [
    'reservedMem',
    'reservedMemInitialized',
    'reservedMemAllocated',
    'reservedMemFailed',
    'cma',
    'cmaTotals',
    'cmaFailed',
    'dmaPools',
    'zones',
    'nodeRanges',
    'nodeSpans',
    'nodeTotalPages',
    'zonePages',
    'e820',
    'memblockCalls',
    'headerLines',
    'balloon',
  ] as const;
  for (const k of lists) for (const x of more[k]) (into[k] as unknown[]).push(x);
  for (const x of more.memblockDebug.memory) into.memblockDebug.memory.push(x);
  for (const x of more.memblockDebug.reserved) into.memblockDebug.reserved.push(x);
  for (const u of more.unused) {
    const have = into.unused.find((x) => x.kind === u.kind);
    if (have) for (const l of u.lines) have.lines.push(l);
    else into.unused.push({ kind: u.kind, lines: [...u.lines] });
  }
  if (into.totalPages === undefined && more.totalPages !== undefined) into.totalPages = more.totalPages;
  into.otherLines += more.otherLines;
  into.otherPrograms += more.otherPrograms;
}
