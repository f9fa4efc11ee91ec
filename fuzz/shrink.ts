/**
 * Minimal reproducers: delta debugging, first over lines, then over the bytes of each
 * remaining line, keeping every cut after which the same failure still happens. Bytes,
 * not characters, so invalid UTF-8 and blobs shrink too.
 */

export type StillFails = (bytes: Uint8Array) => Promise<boolean>;

function splitLines(b: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let from = 0;
  for (let i = 0; i < b.length; i++)
    if (b[i] === 0x0a) {
      out.push(b.subarray(from, i));
      from = i + 1;
    }
  out.push(b.subarray(from));
  return out;
}

function joinLines(lines: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(lines.reduce((n, l) => n + l.length + 1, 0) - (lines.length ? 1 : 0));
  let at = 0;
  for (const [i, l] of lines.entries()) {
    out.set(l, at);
    at += l.length;
    if (i < lines.length - 1) out[at++] = 0x0a;
  }
  return out;
}

/** removes chunks of `items`, halving the chunk size, while `fails(items)` holds */
async function ddmin<T>(items: T[], fails: (xs: T[]) => Promise<boolean>, budget: { tests: number }): Promise<T[]> {
  let chunk = Math.max(1, Math.floor(items.length / 2));
  for (;;) {
    for (let i = 0; i < items.length && budget.tests > 0; ) {
      const candidate = [...items.slice(0, i), ...items.slice(i + chunk)];
      budget.tests--;
      if (candidate.length < items.length && (await fails(candidate))) items = candidate;
      else i += chunk;
    }
    if (chunk === 1 || budget.tests <= 0) return items;
    chunk = Math.max(1, Math.floor(chunk / 2));
  }
}

/** the smallest input found (within `tests` runs) that still fails the same way */
export async function shrink(bytes: Uint8Array, fails: StillFails, tests: number): Promise<Uint8Array> {
  const budget = { tests };
  let lines = await ddmin(splitLines(bytes), (ls) => fails(joinLines(ls)), budget);
  for (let i = 0; i < lines.length && budget.tests > 0; i++) {
    const at = i;
    const shorter = await ddmin(
      Array.from(lines[at] ?? []),
      (bs) => fails(joinLines([...lines.slice(0, at), Uint8Array.from(bs), ...lines.slice(at + 1)])),
      budget,
    );
    lines = [...lines.slice(0, at), Uint8Array.from(shorter), ...lines.slice(at + 1)];
  }
  return joinLines(lines);
}
