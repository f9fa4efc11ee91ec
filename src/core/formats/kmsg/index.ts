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
import { defineFormat } from '../format';
import { parseFlags } from '../memblock/flags';
import type { MemblockRegion } from '../memblock/index';
import { hasLogPrefix, stripLogPrefix } from './prefix';
import type { BootMemoryLine, KernelLog, LogRange } from './types';

export type { BootMemoryLine, KernelLog } from './types';

const MEMORY = /^Memory: (\d+)[kK]\/(\d+)[kK] available\s*(?:\(([^)]*)\)?|,\s*(.*))?$/;
const MEM_FIELD = /(\d+)[kK] ([a-zA-Z][\w -]*?)\s*(?=,|$)/g;
const OF_NEW = /^OF: reserved mem: (0x[0-9a-fA-F]+)\.\.(0x[0-9a-fA-F]+) \((\d+) KiB\) (nomap|map) (reusable|non-reusable) (\S.*)$/;
const OF_OLD = /^OF: reserved mem: initialized node (.+?), compatible id (.*)$/;
const POOL = /^Reserved memory: created (CMA|DMA) memory pool at (0x[0-9a-fA-F]+), size (\d+) ([KMG]i?B)/;
const CMA = /^cma: Reserved (\d+) ([KMG]i?B) at (0x[0-9a-fA-F]+)/;
const ZONE = /^\s+(\w+)\s+(?:\[mem (0x[0-9a-fA-F]+)-(0x[0-9a-fA-F]+)\]|(empty))\s*$/;
const NODE = /^\s+node\s+(\d+): \[mem (0x[0-9a-fA-F]+)-(0x[0-9a-fA-F]+)\]/;
const INITMEM = /^Initmem setup node (\d+) \[mem (0x[0-9a-fA-F]+)-(0x[0-9a-fA-F]+)\]/;
const TOTAL_PAGES = /Total pages: (\d+)/;
const FREEING = /^Freeing (.*?) memory: (\d+)[kK]/;
const MB_DEBUG =
  /^\s*(memory|reserved)\[(0x[0-9a-fA-F]+)\]\s+\[(0x[0-9a-fA-F]+)-(0x[0-9a-fA-F]+)\], (0x[0-9a-fA-F]+) bytes(?: on node (\d+))? flags: (\S+)/;
const MB_OTHER = /^\s*(MEMBLOCK configuration:|memory size = |memory\.cnt|reserved\.cnt|physmem\.cnt)/;

const KNOWN_START = [
  MEMORY,
  OF_NEW,
  OF_OLD,
  POOL,
  CMA,
  INITMEM,
  FREEING,
  MB_DEBUG,
  /^Zone ranges:/,
  /^Early memory node ranges/,
  /^Built \d+ zonelists/,
  /^MEMBLOCK configuration:/,
];

const UNIT_KIB: Record<string, number> = { KiB: 1, KB: 1, MiB: 1024, MB: 1024, GiB: 1048576, GB: 1048576 };

function parseMemoryLine(msg: string, line: number): BootMemoryLine | null {
  const r = MEMORY.exec(msg);
  if (!r) return null;
  const fields: Record<string, number> = {};
  const rest = r[3] ?? r[4] ?? '';
  for (const f of rest.matchAll(MEM_FIELD)) if (f[2] !== undefined) fields[f[2].trim()] = Number(f[1]);
  return { availableKiB: Number(r[1]), physKiB: Number(r[2]), fields, line, text: msg };
}

export const kmsg = defineFormat({
  id: 'kmsg',
  starts(line) {
    if (hasLogPrefix(line)) return true;
    return KNOWN_START.some((re) => re.test(line));
  },
  parse(cur, ctx): KernelLog {
    const log: KernelLog = {
      reservedMem: [],
      reservedMemInitialized: [],
      cma: [],
      dmaPools: [],
      zones: [],
      nodeRanges: [],
      freedInitKiB: [],
      memblockDebug: { memory: [], reserved: [] },
      otherLines: 0,
    };
    const wholeLog = ctx.hint !== undefined && /dmesg|kmsg|logread|console|boot|\.log\b/i.test(ctx.hint);
    let block: 'zones' | 'nodes' | null = null;
    for (; !cur.done; cur.advance()) {
      if (cur.blank) continue;
      const raw = cur.str;
      const prefixed = hasLogPrefix(raw);
      const msg = stripLogPrefix(raw);
      const n = cur.line;
      let r: RegExpExecArray | null;
      if (block === 'zones' && (r = ZONE.exec(msg))) {
        const name = r[1] ?? '';
        if (r[4]) log.zones.push({ name, empty: true, line: n });
        else log.zones.push({ ...range(r[2], r[3], n), name });
        continue;
      }
      if (block === 'nodes' && (r = NODE.exec(msg))) {
        log.nodeRanges.push({ ...range(r[2], r[3], n), node: Number(r[1]) });
        continue;
      }
      block = null;
      const mem = parseMemoryLine(msg, n);
      if (mem) {
        if (log.memoryLine) ctx.diag.add(n, 'warning', m('kmsg.second-memory-line'));
        else log.memoryLine = mem;
      } else if ((r = OF_NEW.exec(msg))) {
        log.reservedMem.push({
          ...range(r[1], r[2], n),
          name: (r[6] ?? '').trim(),
          sizeKiB: Number(r[3]),
          noMap: r[4] === 'nomap',
          reusable: r[5] === 'reusable',
        });
      } else if ((r = OF_OLD.exec(msg))) {
        log.reservedMemInitialized.push({ name: r[1] ?? '', compatible: (r[2] ?? '').trim(), line: n });
      } else if ((r = POOL.exec(msg))) {
        const start = hexToBigInt(r[2] ?? '') ?? 0n;
        const end = start + sizeBytes(r[3], r[4]);
        if (r[1] === 'CMA') log.cma.push({ start, end, line: n, via: 'pool' });
        else log.dmaPools.push({ start, end, line: n });
      } else if ((r = CMA.exec(msg))) {
        const start = hexToBigInt(r[3] ?? '') ?? 0n;
        log.cma.push({ start, end: start + sizeBytes(r[1], r[2]), line: n, via: 'cma' });
      } else if (/^Zone ranges:/.test(msg)) block = 'zones';
      else if (/^Early memory node ranges/.test(msg)) block = 'nodes';
      else if (INITMEM.test(msg)) {
        /* the node span; node ranges above are more precise */
      } else if ((r = FREEING.exec(msg))) {
        log.freedInitKiB.push({ kib: Number(r[2]), what: r[1] ?? '', line: n });
      } else if ((r = MB_DEBUG.exec(msg))) {
        const start = hexToBigInt(r[3] ?? '') ?? 0n;
        const last = hexToBigInt(r[4] ?? '') ?? 0n;
        const flagText = r[7] ?? '';
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
      } else if (MB_OTHER.test(msg)) {
        /* memblock=debug summary lines: the regions below them carry the data */
      } else if ((r = TOTAL_PAGES.exec(msg)) && /zonelists/.test(msg)) {
        log.totalPages = Number(r[1]);
      } else if (prefixed) {
        log.otherLines++;
      } else if (ctx.isBoundary(raw)) {
        break;
      } else if (wholeLog) {
        log.otherLines++;
      } else {
        ctx.diag.unknown(n, raw);
      }
    }
    if (log.otherLines > 0) ctx.diag.add(0, 'info', m('kmsg.other-lines', { count: log.otherLines }));
    return log;
  },
  merge(b, log, at) {
    const into = b.snap.kernelLog;
    if (into) joinLogs(into.value, log);
    else b.snap.kernelLog = { value: log, source: at.source };
    if (log.memoryLine) b.first('boot', { value: log.memoryLine, source: at.source });
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

function range(a: string | undefined, b: string | undefined, line: number): LogRange {
  const start = hexToBigInt(a ?? '') ?? 0n;
  const last = hexToBigInt(b ?? '') ?? 0n;
  return { start, end: last + 1n, line };
}

function sizeBytes(n: string | undefined, unit: string | undefined): bigint {
  return BigInt(Number(n ?? 0) * (UNIT_KIB[unit ?? ''] ?? 1)) * 1024n;
}

/** one kernel log from several pieces: the first Memory: line, every range */
function joinLogs(into: KernelLog, more: KernelLog): void {
  if (!into.memoryLine && more.memoryLine) into.memoryLine = more.memoryLine;
  into.reservedMem.push(...more.reservedMem);
  into.reservedMemInitialized.push(...more.reservedMemInitialized);
  into.cma.push(...more.cma);
  into.dmaPools.push(...more.dmaPools);
  into.zones.push(...more.zones);
  into.nodeRanges.push(...more.nodeRanges);
  into.freedInitKiB.push(...more.freedInitKiB);
  into.memblockDebug.memory.push(...more.memblockDebug.memory);
  into.memblockDebug.reserved.push(...more.memblockDebug.reserved);
  if (into.totalPages === undefined && more.totalPages !== undefined) into.totalPages = more.totalPages;
  into.otherLines += more.otherLines;
}
