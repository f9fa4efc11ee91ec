/**
 * A snapshot file, `*.ramledger.json`: the document with every source inline (text, or
 * base64 for a blob) and, after it, the report the CLI prints as JSON, so a tool can
 * read the numbers without ramledger. Reading it takes the document only: the report is
 * computed again from the inputs, never trusted.
 */
import { checkDoc, type SnapshotDoc } from './doc';
import { contentsOf, inlineDoc, type LinkProblem, type OpenedDoc } from './link';

const dec = new TextDecoder('utf-8', { fatal: false });
const MARK = /^\uFEFF?\s*\{\s*"ramledger"\s*:\s*"snapshot"/;

/** does a file start as a snapshot file does */
export const isSnapshotFile = (b: Uint8Array): boolean => b[0] !== undefined && MARK.test(dec.decode(b.subarray(0, 256)));

export function readSnapshotFile(b: Uint8Array): OpenedDoc | { problem: LinkProblem } {
  let value: unknown;
  try {
    value = JSON.parse(dec.decode(b));
  } catch (e) {
    return { problem: { kind: 'not-json', why: String((e as Error).message).slice(0, 200) } };
  }
  const r = checkDoc(value);
  if ('problem' in r) return r;
  const contents = contentsOf(r.doc);
  if ('problem' in contents) return contents;
  return { doc: r.doc, contents };
}

/** the file's text, in pieces (a large capture makes a file longer than one string can be) */
export function snapshotFilePieces(
  o: OpenedDoc,
  report: unknown,
  write: (piece: string) => void,
  writeJson: (v: unknown, out: (p: string) => void) => void,
): void {
  const doc: SnapshotDoc = inlineDoc(o);
  const { inputs, ...head } = doc;
  const headText = JSON.stringify(head, null, 1);
  write(`${headText.slice(0, -2)},\n "inputs": [`);
  inputs.forEach((i, n) => {
    write(n ? ',\n  ' : '\n  ');
    writeJson(i, write);
  });
  write('\n ],\n "report": ');
  writeJson(report, write);
  write('\n}\n');
}
