/**
 * Device tree blobs: `/sys/firmware/fdt`, `*.dtb` — as bytes (./bytes.ts hands them
 * here) or pasted as text: base64, xxd, hexdump -C, od, plain hex (./blobtext.ts). The
 * blob is read into the same tree as source (./fdt.ts) and interpreted by the same code
 * (./interpret.ts), so a blob and its source give the same DeviceTree.
 */
import { Cursor } from '../../input/cursor';
import { Diagnostics } from '../../input/diagnostics';
import { m } from '../../messages/catalogue';
import { defineFormat, type ParseContext } from '../format';
import { blobEncoding, decodeBlobText } from './blobtext';
import { readFdt } from './fdt';
import { mergeDeviceTree } from './index';
import { interpret } from './interpret';
import type { DeviceTree } from './types';

/** reads a blob's bytes; problems are reported at `line` (0 for a binary file) */
export function readBlob(bytes: Uint8Array, ctx: ParseContext, line: number): DeviceTree | null {
  const { tree, problem } = readFdt(bytes);
  if (problem) ctx.diag.add(line, 'error', m(problem.kept ? 'dtb.damaged-kept' : 'dtb.damaged', { why: problem.why }));
  return tree ? interpret(tree, ctx, true) : null;
}

/** a binary blob file as one segment, for ./bytes.ts */
export function blobFile(bytes: Uint8Array, name: string): { data: DeviceTree | null; diagnostics: Diagnostics } {
  const diag = new Diagnostics();
  const ctx: ParseContext = { source: name, diag, hint: undefined, isBoundary: () => false };
  return { data: readBlob(bytes, ctx, 0), diagnostics: diag };
}

export const dtb = defineFormat({
  id: 'dtb',
  starts: (line) => blobEncoding(line) !== null,
  parse(cur, ctx): DeviceTree | null {
    const firstLine = cur.line;
    const enc = blobEncoding(cur.str);
    if (enc === null) return null;
    // the dump's lines up to the first blank line, read ahead on a copy of the cursor only
    // as far as the decoder goes (reading them all each time was quadratic on a run of
    // lines each of which starts a blob of one line)
    const read: string[] = [];
    const ahead = new Cursor(cur.text, cur.ls, cur.line, cur.end);
    const lines = {
      at(i: number): string | undefined {
        while (read.length <= i && !ahead.done && !ahead.blank) {
          read.push(ahead.str);
          ahead.advance();
        }
        return read[i];
      },
      *[Symbol.iterator]() {
        for (let i = 0; lines.at(i) !== undefined; i++) yield lines.at(i) as string;
      },
    };
    const dec = decodeBlobText(lines, enc);
    const start = cur.line;
    for (let k = 0; k < Math.max(dec.used, 1); k++) cur.advance();
    if (dec.broken) {
      const why =
        'tooBig' in dec.broken ? m('dtb.text-too-big', { limit: dec.broken.tooBig }) : m('dtb.text-cut', { line: start + dec.broken.line });
      ctx.diag.add('line' in dec.broken ? start + dec.broken.line : firstLine, 'error', m('dtb.damaged-kept', { why }));
      if ('tooBig' in dec.broken) return null;
    }
    ctx.diag.add(firstLine, 'info', m('dtb.decoded', { encoding: enc, bytes: dec.bytes.length }));
    return readBlob(dec.bytes, ctx, firstLine);
  },
  merge: (b, tree, at) => mergeDeviceTree(b, tree, at),
  samples: [
    '0A3+7QAAKTAAAAA4AAAmTAAAACgAAAARAAAAEAAAAAAAAAIAAAAmFAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    '00000000: d00d feed 0000 2930 0000 0038 0000 264c  ......)0...8..&L',
    '00000000  d0 0d fe ed 00 00 29 30  00 00 00 38 00 00 26 4c  |......)0...8..&L|',
    '000000 d0 0d fe ed 00 00 29 30 00 00 00 38 00 00 26 4c  >......)0...8..&L<',
    '0000000 d0 0d fe ed 00 00 29 30 00 00 00 38 00 00 26 4c',
    '0000000 0dd0 edfe 0000 3029 0000 3800 0000 4c26',
    'd00dfeed00002930000000380000264c000000280000001100000010',
  ],
});
