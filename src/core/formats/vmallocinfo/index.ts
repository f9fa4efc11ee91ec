/**
 * /proc/vmallocinfo — printed by `s_show()` in mm/vmalloc.c, one line per vmap area:
 *
 *   0xffffc90000000000-0xffffc90000005000   20480 start_kernel+0x1c/0x2c pages=4 vmalloc N0=4
 *   0xc3100000-0xc3201000 1052672 devm_ioremap_nocache+0x3c/0x70 phys=e0700000 ioremap
 *   0xc323b000-0xc323d000    8192 isp_start+0xb0/0x1a4 [isp] pages=1 vmalloc
 *   0x00000000a3dfbd43-0x000000006d13b1fb   20480 unpurged vm_area
 *
 * Fields: the range (`0x%pK-0x%pK`), the size in bytes (the guard page included on most
 * kernels), the caller (`%pS`, absent when the kernel has none; `[module]` after it),
 * `pages=N` (the only RAM the area holds), `phys=` (ioremap), the kind words (ioremap,
 * sparse, vmalloc, vmap, user, dma-coherent, vpages, xen; `unpurged vm_area` and
 * `vm_map_ram` as the whole tail) and per-node counts `N0=…`.
 *
 * `%pK` hides addresses: with kptr_restrict 0 they are hashed (4.15+; even for root),
 * with 1 for a reader without CAP_SYSLOG or with 2 they are zeros, and some 32-bit
 * kernels print `0x(ptrval)`. The sizes stay exact; the file is mode 0400 (root only).
 */
import { m } from '../../messages/catalogue';
import { exactInt, hexToBigInt } from '../../units';
import { defineFormat } from '../format';

export type VmKindWord = 'ioremap' | 'sparse' | 'vmalloc' | 'vmap' | 'user' | 'dma-coherent' | 'vpages' | 'xen' | 'dma';
const KIND_WORDS: ReadonlySet<string> = new Set<VmKindWord>([
  'ioremap',
  'sparse',
  'vmalloc',
  'vmap',
  'user',
  'dma-coherent',
  'vpages',
  'xen',
  'dma',
]);

export interface VmArea {
  /** null when the kernel hid it (`(ptrval)`) */
  start: bigint | null;
  end: bigint | null;
  bytes: number;
  /** `symbol+0x1c/0x2c`, a bare address, or null when none was printed */
  caller: string | null;
  module: string | null;
  /** pages the area allocated (`pages=`), null when not printed */
  pages: number | null;
  phys: string | null;
  kinds: string[];
  /** `unpurged vm_area` (freed, waiting to be purged) or `vm_map_ram` */
  special: 'unpurged' | 'vm_map_ram' | null;
  line: number;
}

/** what the addresses tell: real, hashed by %pK, zeros, or `(ptrval)` */
export type VmAddresses = 'exact' | 'hashed' | 'zero' | 'ptrval' | 'none';

export interface Vmallocinfo {
  areas: VmArea[];
}

const ADDR = '(?:[0-9a-fA-F]+|\\(ptrval\\))';
const LINE = new RegExp(`^0x(${ADDR})-0x(${ADDR})\\s+(\\d+)(?:\\s+(.*))?$`);
const STARTS = new RegExp(`^0x${ADDR}-0x${ADDR}\\s+\\d+(?:\\s|$)`);
/** the start of an area line cut off before its size */
const CUT = new RegExp(`^0x${ADDR}(?:-(?:0x[0-9a-fA-F(ptrval)]*)?)?\\s*$`);
const NODE = /^N\d+=\d+$/;
const MODULE = /^\[[\w.-]+\]$/;

const addr = (s: string): bigint | null => (s === '(ptrval)' ? null : hexToBigInt(s));

/** a line's tail after the size: caller, module, pages=, phys=, kind words, node counts */
function readTail(tail: string, a: VmArea, unknownWord: (w: string) => void): void {
  if (tail === 'unpurged vm_area') a.special = 'unpurged';
  else if (tail === 'vm_map_ram') a.special = 'vm_map_ram';
  if (a.special) return;
  const words = tail.split(/\s+/).filter((w) => w.length > 0);
  words.forEach((w, i) => {
    if (w.startsWith('pages=')) a.pages = exactInt(w.slice(6));
    else if (w.startsWith('phys=')) a.phys = w.slice(5);
    else if (KIND_WORDS.has(w)) a.kinds.push(w);
    else if (NODE.test(w)) return;
    else if (i === 0) a.caller = w;
    else if (i === 1 && a.caller !== null && MODULE.test(w)) a.module = w.slice(1, -1);
    else {
      a.kinds.push(w);
      unknownWord(w);
    }
  });
}

/** how the addresses of a vmallocinfo were printed, from all of them */
export function vmAddresses(areas: readonly VmArea[]): VmAddresses {
  if (areas.length === 0) return 'none';
  if (areas.some((a) => a.start === null || a.end === null)) return 'ptrval';
  if (areas.every((a) => a.start === 0n && a.end === 0n)) return 'zero';
  // a real range spans exactly the size printed beside it; hashed ones do not
  return areas.every((a) => a.end !== null && a.start !== null && a.end - a.start === BigInt(a.bytes)) ? 'exact' : 'hashed';
}

export const vmallocinfo = defineFormat({
  id: 'vmallocinfo',
  starts: (line) => STARTS.test(line),
  parse(cur, ctx): Vmallocinfo {
    const areas: VmArea[] = [];
    for (; !cur.done; cur.advance()) {
      if (cur.blank) continue;
      const line = cur.str;
      const r = LINE.exec(line);
      if (!r) {
        if (!CUT.test(line) || ctx.isBoundary(line)) break;
        ctx.diag.addCapped(cur.line, 'error', m('vmallocinfo.cut'));
        continue;
      }
      const bytes = exactInt(r[3] ?? '');
      // a kernel address has at most 16 hex digits
      if (bytes === null || (r[1] ?? '').length > 16 || (r[2] ?? '').length > 16) {
        ctx.diag.addCapped(cur.line, 'error', m('vmallocinfo.too-large'));
        continue;
      }
      const a: VmArea = {
        start: addr(r[1] ?? ''),
        end: addr(r[2] ?? ''),
        bytes,
        caller: null,
        module: null,
        pages: null,
        phys: null,
        kinds: [],
        special: null,
        line: cur.line,
      };
      readTail((r[4] ?? '').trim(), a, (word) => ctx.diag.addCapped(cur.line, 'info', m('vmallocinfo.unknown-word', { word })));
      areas.push(a);
    }
    return { areas };
  },
  merge(b, data, at) {
    const had = b.snap.vmallocinfo;
    if (!had) b.snap.vmallocinfo = { value: data, source: at.source };
    // a run broken by a stray line goes on in the same input
    else if (had.source === at.source) had.value.areas.push(...data.areas);
    else b.note(m('note.second-vmallocinfo', { ignored: at.source, used: had.source }));
  },
  samples: [
    '0xffffc90000000000-0xffffc90000005000   20480 start_kernel+0x1c/0x2c pages=4 vmalloc N0=4',
    '0x00000000bc84f6bc-0x00000000eb038dcd    8192 acpi_os_map_iomem+0x1bc/0x1e0 phys=0x00000000000a0000 ioremap',
    '0xc323b000-0xc323d000    8192 isp_start+0xb0/0x1a4 [isp] pages=1 vmalloc',
    '0x(ptrval)-0x(ptrval)    8192 load_module+0xc0c/0x2c0c pages=1 vmalloc',
    '0x00000000a3dfbd43-0x000000006d13b1fb   20480 unpurged vm_area',
  ],
});
