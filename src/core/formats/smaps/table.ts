/**
 * A process's mappings as columns: typed arrays for the numbers, an index into a small
 * per-table string list for the repeated texts (paths, permissions, devices, VmFlags).
 *
 * A large capture holds hundreds of thousands of mappings. As one object each (a header,
 * a counters object, strings) they cost a few hundred bytes apiece and most of a run's
 * garbage collection; as columns a mapping costs about 150 bytes and summing a counter
 * over a process is one pass over an array. `get(i)` gives a mapping as an object for
 * the few places that show single mappings (the page's mapping list, the JSON report).
 */

/** the counters `show_smap()` prints (fs/proc/task_mmu.c), in the kernel's order */
export const COUNTERS = [
  'Size',
  'KernelPageSize',
  'MMUPageSize',
  'Rss',
  'Pss',
  'Pss_Dirty',
  'Pss_Anon',
  'Pss_File',
  'Pss_Shmem',
  'Shared_Clean',
  'Shared_Dirty',
  'Private_Clean',
  'Private_Dirty',
  'Referenced',
  'Anonymous',
  'KSM',
  'LazyFree',
  'AnonHugePages',
  'ShmemPmdMapped',
  'FilePmdMapped',
  'Shared_Hugetlb',
  'Private_Hugetlb',
  'Swap',
  'SwapPss',
  'Locked',
  'THPeligible',
  'ProtectionKey',
] as const;
export type CounterName = (typeof COUNTERS)[number];

/** a counter's column: `C.Pss` … */
export const C = Object.fromEntries(COUNTERS.map((k, i) => [k, i])) as { readonly [K in CounterName]: number };

const K = COUNTERS.length;
/** a counter the kernel did not print */
const ABSENT = 0xffffffff;
/** a value too large for 32 bits: the value is in `big` */
const BIG = 0xfffffffe;

export interface Mapping {
  start: bigint;
  end: bigint;
  perms: string;
  offset: bigint;
  dev: string;
  inode: number;
  path: string;
  /**
   * Android kernels print a named anonymous region's name on a `Name:` line after the
   * header (`Name:           [anon:dalvik-main space (region space)]`), where mainline
   * (5.17+) puts it in the header's path. The name, when given that way; `path` then
   * holds it too, so both kernels' mappings read alike.
   */
  name?: string;
  /** counters in KiB: Size, Rss, Pss, Shared_Clean, … (VmFlags excluded) */
  kib: Counts;
  vmFlags?: string;
  line: number;
}

/** a mapping's (or a rollup's) counters by name; a counter the kernel did not print is absent */
export interface Counts {
  [key: string]: number | undefined;
}

/** string columns of a row */
const S_PERMS = 0;
const S_DEV = 1;
const S_PATH = 2;
const S_NAME = 3;
const S_FLAGS = 4;
const NS = 5;
/** 64-bit columns of a row, as two 32-bit halves each */
const A_START = 0;
const A_END = 2;
const A_OFFSET = 4;
const NA = 6;

const b64 = (hi: number, lo: number): bigint => (BigInt(hi) << 32n) | BigInt(lo);

export class MappingTable implements Iterable<Mapping> {
  length = 0;
  private cap = 0;
  private addr = new Uint32Array(0);
  private inodes = new Float64Array(0);
  private lines = new Float64Array(0);
  private strs = new Int32Array(0);
  private counts = new Uint32Array(0);
  /** counter values of 2^32 − 2 KiB and more, by `row * K + counter` */
  private readonly big = new Map<number, number>();
  /** counters the kernel printed that are not in `COUNTERS`, by row */
  private readonly extra = new Map<number, Counts>();
  private readonly strings: string[] = [];
  private stringIds: Map<string, number> | null = new Map<string, number>();

  private grow(): void {
    const cap = Math.max(16, this.cap * 2);
    const more = <T extends Uint32Array | Float64Array | Int32Array>(a: T, per: number, make: (n: number) => T): T => {
      const b = make(cap * per);
      b.set(a);
      return b;
    };
    this.addr = more(this.addr, NA, (n) => new Uint32Array(n));
    this.inodes = more(this.inodes, 1, (n) => new Float64Array(n));
    this.lines = more(this.lines, 1, (n) => new Float64Array(n));
    this.strs = more(this.strs, NS, (n) => new Int32Array(n));
    const counts = new Uint32Array(cap * K).fill(ABSENT);
    counts.set(this.counts);
    this.counts = counts;
    this.cap = cap;
  }

  /**
   * The id of a string in this table's list (stored once however often it repeats). The
   * caller gives a string of its own, not a slice of the input (a V8 sliced string would
   * keep the whole input alive).
   */
  private id(s: string): number {
    if (!this.stringIds) this.stringIds = new Map(this.strings.map((x, i) => [x, i]));
    const hit = this.stringIds.get(s);
    if (hit !== undefined) return hit;
    this.strings.push(s);
    this.stringIds.set(s, this.strings.length - 1);
    return this.strings.length - 1;
  }

  /**
   * Done adding: the arrays are cut to the rows there are and the index of strings is
   * dropped (a table is read many times and added to once), so a model holds, and a worker
   * thread sends, no more than its mappings.
   */
  seal(): this {
    const n = this.length;
    if (this.cap > n) {
      this.addr = this.addr.slice(0, n * NA);
      this.inodes = this.inodes.slice(0, n);
      this.lines = this.lines.slice(0, n);
      this.strs = this.strs.slice(0, n * NS);
      this.counts = this.counts.slice(0, n * K);
      this.cap = n;
    }
    this.stringIds = null;
    return this;
  }

  /**
   * Adds a mapping from its header; addresses as 32-bit halves (`hi * 2^32 + lo`).
   * Returns its row.
   */
  add(
    start: readonly [number, number],
    end: readonly [number, number],
    offset: readonly [number, number],
    perms: string,
    dev: string,
    inode: number,
    path: string,
    line: number,
  ): number {
    if (this.length === this.cap) this.grow();
    const r = this.length++;
    const a = r * NA;
    this.addr[a + A_START] = start[0];
    this.addr[a + A_START + 1] = start[1];
    this.addr[a + A_END] = end[0];
    this.addr[a + A_END + 1] = end[1];
    this.addr[a + A_OFFSET] = offset[0];
    this.addr[a + A_OFFSET + 1] = offset[1];
    this.inodes[r] = inode;
    this.lines[r] = line;
    const s = r * NS;
    this.strs[s + S_PERMS] = this.id(perms);
    this.strs[s + S_DEV] = this.id(dev);
    this.strs[s + S_PATH] = this.id(path);
    this.strs[s + S_NAME] = -1;
    this.strs[s + S_FLAGS] = -1;
    return r;
  }

  /** a counter of a row, undefined when the kernel did not print it */
  counter(row: number, c: number): number | undefined {
    const v = this.counts[row * K + c] ?? ABSENT;
    if (v === ABSENT) return undefined;
    return v === BIG ? this.big.get(row * K + c) : v;
  }

  /** a counter of a row, 0 when absent */
  kib(row: number, c: number): number {
    const v = this.counts[row * K + c] ?? ABSENT;
    if (v < BIG) return v;
    return v === BIG ? (this.big.get(row * K + c) ?? 0) : 0;
  }

  has(row: number, c: number): boolean {
    return this.counts[row * K + c] !== ABSENT;
  }

  setCounter(row: number, c: number, v: number): void {
    if (v >= BIG) {
      this.counts[row * K + c] = BIG;
      this.big.set(row * K + c, v);
    } else this.counts[row * K + c] = v;
  }

  /** a counter outside `COUNTERS` (a newer kernel's); false when the row has it already */
  setExtra(row: number, key: string, v: number): boolean {
    let e = this.extra.get(row);
    if (!e) {
      e = {};
      this.extra.set(row, e);
    }
    if (e[key] !== undefined) return false;
    e[key] = v;
    return true;
  }

  setName(row: number, name: string): void {
    this.strs[row * NS + S_NAME] = this.id(name);
    if (this.path(row) === '') this.strs[row * NS + S_PATH] = this.strs[row * NS + S_NAME] ?? -1;
  }

  setVmFlags(row: number, flags: string): void {
    this.strs[row * NS + S_FLAGS] = this.id(flags);
  }

  private str(row: number, col: number): string {
    return this.strings[this.strs[row * NS + col] ?? -1] ?? '';
  }

  path(row: number): string {
    return this.str(row, S_PATH);
  }

  perms(row: number): string {
    return this.str(row, S_PERMS);
  }

  inode(row: number): number {
    return this.inodes[row] ?? 0;
  }

  line(row: number): number {
    return this.lines[row] ?? 0;
  }

  hasName(row: number): boolean {
    return (this.strs[row * NS + S_NAME] ?? -1) >= 0;
  }

  hasCounters(row: number): boolean {
    return this.has(row, C.Size) || this.has(row, C.Rss) || (this.strs[row * NS + S_FLAGS] ?? -1) >= 0;
  }

  /** `end < start`: a header no kernel prints */
  reversed(row: number): boolean {
    const a = row * NA;
    const sh = this.addr[a + A_START] ?? 0;
    const eh = this.addr[a + A_END] ?? 0;
    return eh < sh || (eh === sh && (this.addr[a + A_END + 1] ?? 0) < (this.addr[a + A_START + 1] ?? 0));
  }

  /** Σ of a counter over every row (absent counts 0) */
  sum(c: number): number {
    let s = 0;
    const counts = this.counts;
    for (let i = c, end = this.length * K; i < end; i += K) {
      const v = counts[i] ?? ABSENT;
      if (v < BIG) s += v;
      else if (v === BIG) s += this.big.get(i) ?? 0;
    }
    return s;
  }

  /** does any row have this counter */
  any(c: number): boolean {
    for (let i = c, end = this.length * K; i < end; i += K) if (this.counts[i] !== ABSENT) return true;
    return false;
  }

  /** how many rows lack this counter */
  missing(c: number): number {
    let n = 0;
    for (let i = c, end = this.length * K; i < end; i += K) if (this.counts[i] === ABSENT) n++;
    return n;
  }

  /** a row's counters by name */
  countsOf(row: number): Counts {
    const out: Counts = {};
    for (let c = 0; c < K; c++) {
      const v = this.counter(row, c);
      if (v !== undefined) out[COUNTERS[c] as string] = v;
    }
    const e = this.extra.get(row);
    if (e) Object.assign(out, e);
    return out;
  }

  /** one row as a mapping object */
  get(row: number): Mapping {
    const a = row * NA;
    const at = (i: number) => this.addr[a + i] ?? 0;
    const map: Mapping = {
      start: b64(at(A_START), at(A_START + 1)),
      end: b64(at(A_END), at(A_END + 1)),
      perms: this.str(row, S_PERMS),
      offset: b64(at(A_OFFSET), at(A_OFFSET + 1)),
      dev: this.str(row, S_DEV),
      inode: this.inode(row),
      path: this.path(row),
      kib: this.countsOf(row),
      line: this.line(row),
    };
    if (this.hasName(row)) map.name = this.str(row, S_NAME);
    if ((this.strs[row * NS + S_FLAGS] ?? -1) >= 0) map.vmFlags = this.str(row, S_FLAGS);
    return map;
  }

  *[Symbol.iterator](): Iterator<Mapping> {
    for (let r = 0; r < this.length; r++) yield this.get(r);
  }

  toArray(): Mapping[] {
    return Array.from(this);
  }

  /** a table of mapping objects (tests, and data made by hand) */
  static of(maps: readonly Mapping[]): MappingTable {
    const t = new MappingTable();
    const halves = (v: bigint): [number, number] => [Number((v >> 32n) & 0xffffffffn), Number(v & 0xffffffffn)];
    for (const map of maps) {
      const r = t.add(halves(map.start), halves(map.end), halves(map.offset), map.perms, map.dev, map.inode, map.path, map.line);
      for (const [k, v] of Object.entries(map.kib)) {
        if (v === undefined) continue;
        const c = (C as Record<string, number>)[k];
        if (c !== undefined) t.setCounter(r, c, v);
        else t.setExtra(r, k, v);
      }
      if (map.name !== undefined) t.strs[r * NS + S_NAME] = t.id(map.name);
      if (map.vmFlags !== undefined) t.setVmFlags(r, map.vmFlags);
    }
    return t;
  }
}
