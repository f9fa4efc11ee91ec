/** A snapshot's inputs parsed again, as the page and the CLI read any file. */
import { type ByteLimits, DEFAULT_LIMITS, parseCarried } from '../formats/bytes';
import type { OpenedDoc } from './link';
import type { SharedInput } from './make';

export function openDoc(o: OpenedDoc, limits: ByteLimits = DEFAULT_LIMITS, depth = 1): SharedInput[] {
  return o.doc.inputs.map((i, n) => {
    const input: SharedInput = { name: i.name, bytes: i.bytes, parsed: [] };
    if (i.group) input.group = true;
    for (const c of o.contents[n] ?? []) for (const p of parseCarried(c.data, c.name, limits, depth, c.binary)) input.parsed.push(p);
    return input;
  });
}
