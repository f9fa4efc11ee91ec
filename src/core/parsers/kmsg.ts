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
 *   cma: Reserved 64 MiB at 0x00000000b8000000 [on node -1]
 *   Zone ranges: / `  DMA      [mem 0x40000000-0x4fffffff]` / `  Normal   empty`
 *   Early memory node ranges / `  node   0: [mem 0x40000000-0x42ffffff]`   (inclusive)
 *   Built 1 zonelists, mobility grouping on.  Total pages: 64592
 *   Freeing unused kernel memory: 448K [(ffffffc000a20000 - ffffffc000a90000)]
 *   memblock=debug: ` memory[0x0]\t[0x40000000-0x42ffffff], 0x3000000 bytes on node 0 flags: 0x0`
 *
 * Other log lines carry nothing about memory: they are counted, not listed.
 */
import type { Cursor } from '../cursor';
import { hasLogPrefix, hexToBigInt, stripLogPrefix } from '../text';
import type { BootMemoryLine, KernelLog, MemblockRegion } from '../types';
import type { LineParser, ParseContext } from './parser';

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

export function parseMemoryLine(msg: string, line: number): BootMemoryLine | null {
  const m = MEMORY.exec(msg);
  if (!m) return null;
  const fields: Record<string, number> = {};
  const rest = m[3] ?? m[4] ?? '';
  for (const f of rest.matchAll(MEM_FIELD)) fields[(f[2] as string).trim()] = Number(f[1]);
  return { availableKiB: Number(m[1]), physKiB: Number(m[2]), fields, line, text: msg };
}

export const kmsgParser: LineParser<KernelLog> = {
  format: 'kmsg',
  starts(line) {
    if (hasLogPrefix(line)) return true;
    const msg = line;
    return KNOWN_START.some((re) => re.test(msg));
  },
  parse(cur: Cursor, ctx: ParseContext): KernelLog {
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
      let m: RegExpExecArray | null;
      if (block === 'zones' && (m = ZONE.exec(msg))) {
        if (m[4]) log.zones.push({ name: m[1] as string, empty: true, line: n });
        else log.zones.push(range(m[2], m[3], m[1] as string, n, true));
        continue;
      }
      if (block === 'nodes' && (m = NODE.exec(msg))) {
        log.nodeRanges.push(range(m[2], m[3], `node ${m[1]}`, n, true));
        continue;
      }
      block = null;
      const mem = parseMemoryLine(msg, n);
      if (mem) {
        if (log.memoryLine) ctx.diag.add(n, 'warning', 'a second Memory: line; the first one is used');
        else log.memoryLine = mem;
      } else if ((m = OF_NEW.exec(msg))) {
        log.reservedMem.push({
          ...range(m[1], m[2], (m[6] as string).trim(), n, true),
          sizeKiB: Number(m[3]),
          noMap: m[4] === 'nomap',
          reusable: m[5] === 'reusable',
        });
      } else if ((m = OF_OLD.exec(msg))) {
        log.reservedMemInitialized.push({ name: m[1] as string, compatible: (m[2] as string).trim(), line: n });
      } else if ((m = POOL.exec(msg))) {
        const start = hexToBigInt(m[2] as string) as bigint;
        const bytes = BigInt(Number(m[3]) * (UNIT_KIB[m[4] as string] ?? 1)) * 1024n;
        (m[1] === 'CMA' ? log.cma : log.dmaPools).push({
          start,
          end: start + bytes,
          name: `${m[1]} pool`,
          line: n,
        });
      } else if ((m = CMA.exec(msg))) {
        const start = hexToBigInt(m[3] as string) as bigint;
        const bytes = BigInt(Number(m[1]) * (UNIT_KIB[m[2] as string] ?? 1)) * 1024n;
        log.cma.push({ start, end: start + bytes, name: 'cma', line: n });
      } else if (/^Zone ranges:/.test(msg)) block = 'zones';
      else if (/^Early memory node ranges/.test(msg)) block = 'nodes';
      else if ((m = INITMEM.exec(msg))) {
        /* the node span; node ranges above are more precise */
      } else if ((m = FREEING.exec(msg))) {
        log.freedInitKiB.push({ kib: Number(m[2]), what: m[1] as string, line: n });
      } else if ((m = MB_DEBUG.exec(msg))) {
        const start = hexToBigInt(m[3] as string) as bigint;
        const last = hexToBigInt(m[4] as string) as bigint;
        const r: MemblockRegion = { index: Number.parseInt(m[2] as string, 16), start, end: last + 1n, line: n };
        if (m[6] !== undefined) r.node = m[6];
        r.flag = m[7] as string;
        log.memblockDebug[m[1] as 'memory' | 'reserved'].push(r);
      } else if (MB_OTHER.test(msg)) {
        /* memblock=debug summary lines: the regions below them carry the data */
      } else if ((m = TOTAL_PAGES.exec(msg)) && /zonelists/.test(msg)) {
        log.totalPages = Number(m[1]);
      } else if (prefixed) {
        log.otherLines++;
      } else if (ctx.isBoundary(raw, 'kmsg')) {
        break;
      } else if (wholeLog) {
        log.otherLines++;
      } else {
        ctx.diag.unknown(n, raw);
      }
    }
    if (log.otherLines > 0)
      ctx.diag.add(0, 'info', `${log.otherLines} kernel log lines carry nothing about memory layout (read, not used)`);
    return log;
  },
};

function range(a: string | undefined, b: string | undefined, name: string, line: number, inclusive: boolean) {
  const start = hexToBigInt(a ?? '') ?? 0n;
  const last = hexToBigInt(b ?? '') ?? 0n;
  return { start, end: inclusive ? last + 1n : last, name, line };
}
