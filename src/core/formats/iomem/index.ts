/**
 * /proc/iomem — the kernel's tree of physical address resources, printed by `r_show()`
 * in kernel/resource.c (the same since 2.6):
 *
 *   seq_printf(m, "%*s%0*llx-%0*llx : %s\n", depth * 2, "", width, start, width, end, name);
 *
 *   40000000-42ffffff : System RAM
 *     40210000-40f8ffff : Kernel code
 *     41090000-4132ffff : reserved
 *   43000000-4302ffff : reserved           (arm64: a no-map carve-out is never System RAM)
 *   100000000-63fffffff : System RAM        (width 8 is a minimum: wider addresses print whole)
 *
 * Children are indented two spaces per level below their parent (at most 5 levels,
 * MAX_IORES_LEVEL); `end` is inclusive. Read without CAP_SYS_ADMIN every address prints as
 * 0 (`00000000-00000000 : System RAM`): the names and the tree are still right, the
 * addresses and sizes are not there. /proc/ioports prints 4-digit ranges in the same shape
 * (its root ends below 0x10000): those are not claimed here.
 */

import { type Msg, m } from '../../messages/catalogue';
import { hexToBigInt } from '../../units';
import { defineFormat } from '../format';

/** what a resource is, from the names the kernel gives them (arch/*, drivers/acpi, e820) */
export type IomemKind =
  | 'system-ram'
  | 'kernel-code'
  | 'kernel-rodata'
  | 'kernel-data'
  | 'kernel-bss'
  | 'crash-kernel'
  /** memblock reservations inside System RAM, arm64 no-map carve-outs, e820 reserved */
  | 'reserved'
  | 'acpi'
  | 'persistent'
  | 'soft-reserved'
  | 'rom'
  | 'pci'
  /** anything else: a device's registers or a driver's name */
  | 'device';

export interface IomemEntry {
  start: bigint;
  /** exclusive */
  end: bigint;
  name: string;
  kind: IomemKind;
  depth: number;
  /** index of the parent entry, -1 at the top */
  parent: number;
  line: number;
}

export interface IomemTree {
  entries: IomemEntry[];
  /** read without CAP_SYS_ADMIN: every address printed as 0, so no address or size is known */
  hidden: boolean;
}

const LINE = /^( *)([0-9a-fA-F]{8,})-([0-9a-fA-F]{8,}) :(?: (.*))?$/;

const KINDS: readonly [RegExp, IomemKind][] = [
  [/^System RAM$/i, 'system-ram'],
  [/^Kernel code$/i, 'kernel-code'],
  [/^Kernel rodata$/i, 'kernel-rodata'],
  [/^Kernel data$/i, 'kernel-data'],
  [/^Kernel bss$/i, 'kernel-bss'],
  [/^Crash kernel$/i, 'crash-kernel'],
  [/^(reserved|RAM buffer|Unusable memory)$/i, 'reserved'],
  [/^ACPI (Tables|Non-volatile Storage)$/i, 'acpi'],
  [/^Persistent Memory( \(legacy\))?$/i, 'persistent'],
  [/^Soft Reserved$/i, 'soft-reserved'],
  [/^(System|Video|Adapter) ROM$/i, 'rom'],
  [/^PCI (Bus|ECAM|MMCONFIG)\b/i, 'pci'],
];

export const iomemKind = (name: string): IomemKind => KINDS.find(([re]) => re.test(name))?.[1] ?? 'device';

/** an address of at most 64 bits (16 digits after leading zeros), else null */
function address(digits: string): bigint | null {
  return digits.replace(/^0+(?=.)/, '').length > 16 ? null : hexToBigInt(`0x${digits}`);
}

type Parsed = { indent: number; start: bigint; last: bigint; name: string } | { why: Msg } | null;

function parseLine(line: string): Parsed {
  const r = LINE.exec(line);
  if (!r || r[1] === undefined || r[2] === undefined || r[3] === undefined) return null;
  const start = address(r[2]);
  const last = address(r[3]);
  if (start === null || last === null) return { why: m('iomem.address-too-large') };
  return { indent: r[1].length, start, last, name: r[4] ?? '' };
}

export const iomem = defineFormat({
  id: 'iomem',
  starts: (line) => {
    const p = parseLine(line);
    return p !== null && !('why' in p);
  },
  parse(cur, ctx): IomemTree {
    const entries: IomemEntry[] = [];
    /** the open entry at each depth: the path from the top to the last entry */
    const path: number[] = [];
    let allZero = true;
    for (; !cur.done; cur.advance()) {
      if (cur.blank) continue;
      const line = cur.str;
      const p = parseLine(line);
      if (p === null) {
        if (ctx.isBoundary(line)) break;
        ctx.diag.unknown(cur.line, line);
        continue;
      }
      if ('why' in p) {
        ctx.diag.unknown(cur.line, line, p.why);
        continue;
      }
      let depth = p.indent >> 1;
      if (p.indent % 2 !== 0) ctx.diag.addCapped(cur.line, 'warning', m('iomem.odd-indent', { spaces: p.indent }));
      // a line indented deeper than one below the last entry has no parent at the level
      // it claims: it is taken as a child of the last entry
      if (depth > path.length) {
        ctx.diag.addCapped(cur.line, 'warning', m('iomem.indent-jump', { depth, parentDepth: path.length - 1 }));
        depth = path.length;
      }
      path.length = depth;
      const parent = depth > 0 ? (path[depth - 1] ?? -1) : -1;
      const empty = p.last < p.start;
      if (empty) ctx.diag.addCapped(cur.line, 'info', m('iomem.empty-range'));
      const entry: IomemEntry = {
        start: p.start,
        end: empty ? p.start : p.last + 1n,
        name: p.name,
        kind: iomemKind(p.name),
        depth,
        parent,
        line: cur.line,
      };
      if (p.start !== 0n || p.last !== 0n) allZero = false;
      entries.push(entry);
      path.push(entries.length - 1);
    }
    const hidden = entries.length > 0 && allZero;
    if (!hidden) nestingDiagnostics(entries, ctx.diag);
    return { entries, hidden };
  },
  merge(b, tree, at) {
    if (b.snap.iomem) b.note(m('note.second-iomem', { source: at.source }));
    else b.snap.iomem = { value: tree, source: at.source };
  },
  samples: ['00001000-0009fbff : System RAM', '  40210000-40f8ffff : Kernel code', '100000000-63fffffff : System RAM'],
});

/** a child outside its parent, or overlapping the sibling before it: said, kept as printed */
function nestingDiagnostics(entries: readonly IomemEntry[], diag: { addCapped(line: number, s: 'warning', msg: Msg): void }) {
  /** the last child seen of each parent (-1: the top) */
  const lastChild = new Map<number, IomemEntry>();
  for (const e of entries) {
    const parent = entries[e.parent];
    if (parent && (e.start < parent.start || e.end > parent.end))
      diag.addCapped(e.line, 'warning', m('iomem.outside-parent', { name: e.name, parent: parent.name, parentLine: parent.line }));
    const prev = lastChild.get(e.parent);
    if (prev && e.start < prev.end)
      diag.addCapped(e.line, 'warning', m('iomem.overlaps-sibling', { name: e.name, other: prev.name, otherLine: prev.line }));
    lastChild.set(e.parent, e);
  }
}
