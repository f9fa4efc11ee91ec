/**
 * Device-tree source: whole `.dts` files, `dtc -I fs /proc/device-tree` or
 * `dtc -I dtb -O dts` output, and pasted `reserved-memory { … };` snippets:
 *
 *   /dts-v1/;
 *   /memreserve/ 0x48000000 0x00100000;
 *   / {
 *     #address-cells = <2>; #size-cells = <2>;
 *     memory@40000000 { device_type = "memory"; reg = <0 0x40000000 0 0x10000000>; };
 *     reserved-memory {
 *       #address-cells = <2>; #size-cells = <2>; ranges;
 *       secmon_reserved: secmon@43000000 { reg = <0 0x43000000 0 0x30000>; no-map; };
 *       linux,cma { compatible = "shared-dma-pool"; reusable; size = <0 0x4000000>; };
 *     };
 *   };
 *   &secmon_reserved { status = "disabled"; };
 *
 * The reader is split as dtc's is: ./lexer.ts (tokens), ./tree.ts (nodes and edits),
 * ./expr.ts (cell expressions), ./interpret.ts (what the kernel takes from the tree).
 * This file finds where a device tree's text ends inside a paste and joins several
 * trees (a .dts and the snippets pasted after it) into one.
 */
import type { SnapshotBuilder } from '../../model/builder';
import { defineFormat, type ParseContext, type SegmentAt } from '../format';
import { interpret } from './interpret';
import { isLineMarker, tokenize } from './lexer';
import { TreeReader } from './tree';
import type { DeviceTree } from './types';

export type { DeviceTree, DtMemoryBank, DtReservation } from './types';

export function parseDtsText(src: string, ctx: ParseContext, firstLine = 1): DeviceTree {
  const reader = new TreeReader(tokenize(src, firstLine), ctx);
  reader.readFile();
  return interpret(reader, ctx);
}

/** a later tree amends the first: its banks join, a reservation of the same name replaces */
export function mergeDeviceTree(b: SnapshotBuilder, tree: DeviceTree | null, at: SegmentAt): void {
  if (!tree) return;
  const into = b.snap.deviceTree;
  if (!into) {
    b.snap.deviceTree = { value: tree, source: at.source };
    return;
  }
  const dt = into.value;
  for (const x of tree.banks) dt.banks.push(x);
  for (const x of tree.unsizedBanks) dt.unsizedBanks.push(x);
  const byName = new Map<string, number>();
  dt.reservations.forEach((x, i) => {
    if (!byName.has(x.name)) byName.set(x.name, i);
  });
  for (const r of tree.reservations) {
    const i = byName.get(r.name);
    if (i !== undefined) dt.reservations[i] = r;
    else byName.set(r.name, dt.reservations.push(r) - 1);
  }
  for (const x of tree.memreserve) dt.memreserve.push(x);
  for (const x of tree.includes) dt.includes.push(x);
}

const DTS_START =
  /^\s*(?:\/dts-v1\/|\/plugin\/|\/memreserve\/|\/include\/|\/delete-node\/|\/delete-property\/|\/omit-if-no-ref\/|#\s*(?:include|define|undef|ifn?def|if|else|elif|endif)\b|\/\s*\{|(?:[a-zA-Z_]\w*:\s*)*&(?:[a-zA-Z_]\w*|\{[^}]*\})\s*\{|(?:[a-zA-Z_]\w*:\s*)*[a-zA-Z][\w,.+-]*(?:@[0-9a-fA-F,]+)?\s*\{\s*$|\/\*|\/\/)/;

/**
 * A DTS segment ends where braces return to depth 0 and the next non-blank line is not
 * DTS, or — when the text is cut off inside a node or a comment — at a line that starts
 * another input (a stray `/*` does not swallow the sections after it).
 */
export const dts = defineFormat({
  id: 'dts',
  starts: (line) => DTS_START.test(line),
  parse(cur, ctx): DeviceTree | null {
    const start = cur.ls;
    const firstLine = cur.line;
    let depth = 0;
    let inComment = false;
    let end = start;
    for (; !cur.done; cur.advance()) {
      const line = cur.str;
      if (!cur.blank) {
        if ((depth > 0 || inComment) && ctx.isBoundary(line)) break;
        // cpp line markers (`# 12 "x.dtsi" 1`) belong to the source, wherever they are
        if (!inComment && isLineMarker(line)) {
          end = cur.next;
          continue;
        }
        if (!inComment && depth === 0 && cur.ls > start && !DTS_START.test(line) && !/^\s*[};]/.test(line)) break;
      }
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (inComment) {
          if (c === '*' && line[i + 1] === '/') {
            inComment = false;
            i++;
          }
        } else if (c === '/' && line[i + 1] === '*') {
          inComment = true;
          i++;
        } else if (c === '/' && line[i + 1] === '/') break;
        else if (c === '"') {
          const e = line.indexOf('"', i + 1);
          i = e < 0 ? line.length : e;
        } else if (c === '{') depth++;
        else if (c === '}') depth--;
      }
      end = cur.next;
    }
    return parseDtsText(cur.text.slice(start, end), ctx, firstLine);
  },
  merge: (b, tree, at) => mergeDeviceTree(b, tree, at),
  samples: [
    '/dts-v1/;',
    '/memreserve/ 0x48000000 0x00100000;',
    '/ {',
    '\treserved-memory {',
    '\t\tsecmon_reserved: secmon@43000000 {',
    '&secmon_reserved {',
    '#include "mt7981.dtsi"',
  ],
});
