/**
 * Device-tree source: whole `.dts` files, `dtc -I fs /proc/device-tree` or
 * `dtc -I dtb -O dts` output, and pasted `reserved-memory { … };` snippets. Grammar
 * after dtc's `dtc-lexer.l` / `dtc-parser.y`:
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
 * Cells may be decimal, hex, octal, char literals, `&label` references and
 * parenthesised C expressions; `/bits/ 64` widens cells. `reg` pairs use the parent's
 * `#address-cells`/`#size-cells`. `#include` / `/include/` cannot be resolved here: each
 * is reported and parsing goes on. What the kernel does with the result is in
 * drivers/of/fdt.c and drivers/of/of_reserved_mem.c (see FORMATS.md §1).
 */
import type { Cursor } from '../cursor';
import type { DeviceTree, DtReservation } from '../types';
import type { LineParser, ParseContext } from './parser';

// ---------------------------------------------------------------- tokens

type Tok =
  | { t: 'id'; v: string; line: number } // node/property names, labels (without ':')
  | { t: 'label'; v: string; line: number }
  | { t: 'ref'; v: string; line: number }
  | { t: 'str'; v: string; line: number }
  | { t: 'num'; v: bigint; line: number }
  | { t: 'kw'; v: string; line: number } // /dts-v1/, /memreserve/, /delete-node/, …
  | { t: 'p'; v: string; line: number } // punctuation and operators
  | { t: 'cpp'; v: string; line: number } // #include / #define lines
  | { t: 'eof'; v: ''; line: number };

const NAME_CH = /[a-zA-Z0-9,._+*#?@-]/;
const OPS = ['<<', '>>', '<=', '>=', '==', '!=', '&&', '||'];

class DtsSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export function tokenize(src: string, firstLine: number): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let line = firstLine;
  let inCells = 0;
  // after /memreserve/ and until its `;`, words are numbers (dtc's integer_prim)
  let memreserve = false;
  const n = src.length;
  while (i < n) {
    const c = src[i] as string;
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const e = src.indexOf('*/', i + 2);
      const stop = e < 0 ? n : e + 2;
      for (let k = i; k < stop; k++) if (src.charCodeAt(k) === 10) line++;
      if (e < 0) throw new DtsSyntaxError('comment not closed before the end of the text', line);
      i = stop;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    // preprocessor lines: #include, #define, #if… (not #address-cells: no space after #)
    if (c === '#' && inCells === 0 && /^#\s*(include|define|undef|ifdef|ifndef|if|else|elif|endif)\b/.test(src.slice(i, i + 12))) {
      let e = src.indexOf('\n', i);
      if (e < 0) e = n;
      out.push({ t: 'cpp', v: src.slice(i, e).trim(), line });
      i = e;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < n && src[j] !== '"') {
        if (src[j] === '\\' && j + 1 < n) {
          s += src[j + 1];
          j += 2;
        } else {
          if (src[j] === '\n') throw new DtsSyntaxError('string not closed on its line', line);
          s += src[j];
          j++;
        }
      }
      if (j >= n) throw new DtsSyntaxError('string not closed', line);
      out.push({ t: 'str', v: s, line });
      i = j + 1;
      continue;
    }
    if (c === "'" && (inCells > 0 || memreserve)) {
      const m = /^'(\\x[0-9a-fA-F]{1,2}|\\[0-7]{1,3}|\\.|[^\\'])'/.exec(src.slice(i, i + 8));
      if (!m) throw new DtsSyntaxError('bad character literal', line);
      out.push({ t: 'num', v: BigInt(charValue(m[1] as string)), line });
      i += m[0].length;
      continue;
    }
    if (c === '/' && inCells === 0) {
      const m = /^\/(dts-v1|plugin|memreserve|delete-node|delete-property|bits|omit-if-no-ref|include|incbin)\//.exec(src.slice(i, i + 20));
      if (m) {
        out.push({ t: 'kw', v: m[1] as string, line });
        if (m[1] === 'memreserve') memreserve = true;
        i += m[0].length;
        continue;
      }
    }
    if (c === '&') {
      if (src[i + 1] === '{') {
        const e = src.indexOf('}', i);
        if (e < 0) throw new DtsSyntaxError('path reference not closed', line);
        out.push({ t: 'ref', v: src.slice(i + 2, e), line });
        i = e + 1;
        continue;
      }
      const m = /^&([a-zA-Z_][a-zA-Z0-9_]*)/.exec(src.slice(i, i + 200));
      if (m) {
        out.push({ t: 'ref', v: m[1] as string, line });
        i += m[0].length;
        continue;
      }
    }
    if ((inCells > 0 || memreserve) && /[0-9]/.test(c)) {
      const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)([uUlL]*)/.exec(src.slice(i, i + 40));
      if (!m) throw new DtsSyntaxError('bad number', line);
      const lit = m[1] as string;
      const v = /^0[xX]/.test(lit) ? BigInt(lit) : lit.length > 1 && lit[0] === '0' ? BigInt(`0o${lit.slice(1)}`) : BigInt(lit);
      out.push({ t: 'num', v, line });
      i += m[0].length;
      continue;
    }
    if (inCells === 0 && NAME_CH.test(c)) {
      let j = i;
      while (j < n && NAME_CH.test(src[j] as string)) j++;
      const word = src.slice(i, j);
      if (word === ',') {
        // a comma between values, not a name
        out.push({ t: 'p', v: ',', line });
        i = j;
        continue;
      }
      if (src[j] === ':' && /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(word)) {
        out.push({ t: 'label', v: word, line });
        i = j + 1;
      } else {
        out.push({ t: 'id', v: word, line });
        i = j;
      }
      continue;
    }
    const two = src.slice(i, i + 2);
    if (inCells > 0 && OPS.includes(two)) {
      out.push({ t: 'p', v: two, line });
      i += 2;
      continue;
    }
    if ('{};=,<>[]()+-*/%&|^~!?:'.includes(c)) {
      if (c === ';') memreserve = false;
      if (c === '<') inCells++;
      if (c === '>' && inCells > 0 && parenDepth(out) === 0) inCells--;
      out.push({ t: 'p', v: c, line });
      i++;
      continue;
    }
    throw new DtsSyntaxError(`unexpected character ${JSON.stringify(c)}`, line);
  }
  out.push({ t: 'eof', v: '', line });
  return out;
}

/** open parentheses since the last `<` (a `>` inside them is an operator) */
function parenDepth(toks: Tok[]): number {
  let d = 0;
  for (let k = toks.length - 1; k >= 0; k--) {
    const tk = toks[k] as Tok;
    if (tk.t !== 'p') continue;
    if (tk.v === '<' && d <= 0) return Math.max(d, 0);
    if (tk.v === '(') d++;
    if (tk.v === ')') d--;
  }
  return Math.max(d, 0);
}

function charValue(s: string): number {
  if (s[0] !== '\\') return s.charCodeAt(0);
  const e = s.slice(1);
  if (e[0] === 'x') return Number.parseInt(e.slice(1), 16);
  if (/^[0-7]+$/.test(e)) return Number.parseInt(e, 8);
  return ({ n: 10, t: 9, r: 13, a: 7, b: 8, v: 11, f: 12, '0': 0 } as Record<string, number>)[e] ?? e.charCodeAt(0);
}

// ---------------------------------------------------------------- tree

type Cell = { v: bigint } | { ref: string };
type Chunk =
  | { kind: 'cells'; bits: number; cells: Cell[] }
  | { kind: 'string'; value: string }
  | { kind: 'bytes'; hex: string }
  | { kind: 'ref'; ref: string };

interface Prop {
  name: string;
  chunks: Chunk[];
  line: number;
}

export interface DtNode {
  name: string;
  labels: string[];
  props: Map<string, Prop>;
  children: DtNode[];
  line: number;
  deleted?: boolean;
}

const newNode = (name: string, line: number): DtNode => ({ name, labels: [], props: new Map(), children: [], line });

const U64 = (1n << 64n) - 1n;

class TreeParser {
  private k = 0;
  readonly root = newNode('/', 0);
  readonly memreserve: { start: bigint; size: bigint; line: number }[] = [];
  readonly includes: string[] = [];
  /** `&label { … }` amendments, applied after the whole text is read */
  private readonly amend: { label: string; body: DtNode; line: number }[] = [];
  private readonly deleteRefs: { label: string; line: number }[] = [];

  constructor(
    private readonly toks: Tok[],
    private readonly ctx: ParseContext,
  ) {}

  private peek(o = 0): Tok {
    return this.toks[Math.min(this.k + o, this.toks.length - 1)] as Tok;
  }
  private next(): Tok {
    const tk = this.peek();
    if (this.k < this.toks.length - 1) this.k++;
    return tk;
  }
  private expect(v: string): Tok {
    const tk = this.next();
    if (tk.t !== 'p' || tk.v !== v) throw new DtsSyntaxError(`expected "${v}" but found ${describeTok(tk)}`, tk.line);
    return tk;
  }
  private isP(v: string, o = 0): boolean {
    const tk = this.peek(o);
    return tk.t === 'p' && tk.v === v;
  }

  parseFile(): void {
    for (;;) {
      const tk = this.peek();
      if (tk.t === 'eof') break;
      if (tk.t === 'cpp') {
        this.next();
        this.note(tk, tk.v);
        continue;
      }
      if (tk.t === 'kw') {
        this.next();
        if (tk.v === 'dts-v1' || tk.v === 'plugin') this.expect(';');
        else if (tk.v === 'memreserve') {
          const a = this.primary();
          const s = this.primary();
          this.expect(';');
          this.memreserve.push({ start: a, size: s, line: tk.line });
        } else if (tk.v === 'delete-node') {
          const r = this.next();
          if (r.t === 'ref') this.deleteRefs.push({ label: r.v, line: r.line });
          else throw new DtsSyntaxError('/delete-node/ at top level needs a &label', r.line);
          this.expect(';');
        } else if (tk.v === 'include') {
          const f = this.next();
          this.note(tk, `/include/ ${f.t === 'str' ? JSON.stringify(f.v) : ''}`);
        } else if (tk.v === 'omit-if-no-ref') {
          /* marks the next node; nothing to do */
        } else throw new DtsSyntaxError(`/${tk.v}/ not expected here`, tk.line);
        continue;
      }
      if (tk.t === 'ref') {
        this.next();
        const body = newNode(`&${tk.v}`, tk.line);
        this.nodeBody(body);
        this.amend.push({ label: tk.v, body, line: tk.line });
        continue;
      }
      if (tk.t === 'p' && tk.v === ';') {
        this.next();
        continue;
      }
      // a node: `/ { … };`, or a snippet's `reserved-memory { … };` / `label: name@x { … };`
      const labels: string[] = [];
      while (this.peek().t === 'label') labels.push(String(this.next().v));
      const nt = this.next();
      let name: string;
      if (nt.t === 'p' && nt.v === '/') name = '/';
      else if (nt.t === 'id') name = nt.v;
      else throw new DtsSyntaxError(`expected a node but found ${describeTok(nt)}`, nt.line);
      if (name === '/') {
        this.root.labels.push(...labels);
        this.root.line ||= nt.line;
        this.nodeBody(this.root);
      } else {
        const node = newNode(name, nt.line);
        node.labels = labels;
        this.nodeBody(node);
        mergeChild(this.root, node);
      }
    }
    this.resolveAmendments();
  }

  private note(tk: Tok, text: string): void {
    this.includes.push(text);
    const what = /include/.test(text) ? "cannot be resolved here (add the included file's text too)" : 'preprocessor line ignored';
    this.ctx.diag.add(tk.line, 'warning', `${text}: ${what}`);
  }

  /** `{ props and child nodes } ;` */
  private nodeBody(node: DtNode): void {
    this.expect('{');
    for (;;) {
      const tk = this.peek();
      if (tk.t === 'eof') throw new DtsSyntaxError(`node ${node.name} is not closed (missing "};")`, node.line);
      if (tk.t === 'p' && tk.v === '}') {
        this.next();
        if (this.isP(';')) this.next();
        else this.ctx.diag.add(tk.line, 'warning', `missing ";" after the "}" of ${node.name}`);
        return;
      }
      if (tk.t === 'cpp') {
        this.next();
        this.note(tk, tk.v);
        continue;
      }
      if (tk.t === 'kw' && (tk.v === 'delete-node' || tk.v === 'delete-property')) {
        this.next();
        const nm = this.next();
        this.expect(';');
        if (tk.v === 'delete-node') {
          const victim = node.children.find((c) => c.name === String(nm.v) || c.name.split('@')[0] === String(nm.v));
          if (victim) node.children = node.children.filter((c) => c !== victim);
        } else node.props.delete(String(nm.v));
        continue;
      }
      if (tk.t === 'kw' && tk.v === 'omit-if-no-ref') {
        this.next();
        continue;
      }
      const labels: string[] = [];
      while (this.peek().t === 'label') labels.push(String(this.next().v));
      const nm = this.next();
      if (nm.t !== 'id') throw new DtsSyntaxError(`expected a property or node name but found ${describeTok(nm)}`, nm.line);
      if (this.isP('{')) {
        const child = newNode(nm.v, nm.line);
        child.labels = labels;
        this.nodeBody(child);
        mergeChild(node, child);
        continue;
      }
      const prop: Prop = { name: nm.v, chunks: [], line: nm.line };
      if (this.isP('=')) {
        this.next();
        for (;;) {
          while (this.peek().t === 'label') this.next();
          prop.chunks.push(this.value());
          while (this.peek().t === 'label') this.next();
          if (this.isP(',')) {
            this.next();
            continue;
          }
          break;
        }
      }
      if (!this.isP(';')) {
        const bad = this.peek();
        throw new DtsSyntaxError(`expected ";" after property ${prop.name} but found ${describeTok(bad)}`, bad.line);
      }
      this.next();
      node.props.set(prop.name, prop);
    }
  }

  private value(): Chunk {
    const tk = this.next();
    if (tk.t === 'str') return { kind: 'string', value: tk.v };
    if (tk.t === 'ref') return { kind: 'ref', ref: tk.v };
    let bits = 32;
    let open: Tok = tk;
    if (tk.t === 'kw' && tk.v === 'bits') {
      const b = this.next();
      if (b.t !== 'id' || !/^(8|16|32|64)$/.test(b.v)) throw new DtsSyntaxError('/bits/ needs 8, 16, 32 or 64', b.line);
      bits = Number(b.v);
      open = this.next();
    }
    if (open.t === 'p' && open.v === '<') {
      const cells: Cell[] = [];
      const mask = (1n << BigInt(bits)) - 1n;
      while (!this.isP('>')) {
        const c = this.peek();
        if (c.t === 'eof') throw new DtsSyntaxError('cell list not closed with ">"', open.line);
        if (c.t === 'ref') {
          this.next();
          cells.push({ ref: c.v });
          continue;
        }
        const v = this.primary();
        if (v > mask)
          this.ctx.diag.add(c.line, 'warning', `cell value 0x${v.toString(16)} does not fit ${bits} bits; truncated as dtc does`);
        cells.push({ v: v & mask });
      }
      this.next();
      return { kind: 'cells', bits, cells };
    }
    if (open.t === 'p' && open.v === '[') {
      let hex = '';
      while (!this.isP(']')) {
        const b = this.next();
        if (b.t === 'eof') throw new DtsSyntaxError('byte list not closed with "]"', open.line);
        hex += b.t === 'num' ? b.v.toString(16) : String(b.v);
      }
      this.next();
      return { kind: 'bytes', hex };
    }
    throw new DtsSyntaxError(`expected a value but found ${describeTok(open)}`, open.line);
  }

  /** a literal or a parenthesised expression (dtc's integer_prim) */
  private primary(): bigint {
    const tk = this.peek();
    if (tk.t === 'num') {
      this.next();
      return tk.v;
    }
    if (tk.t === 'p' && tk.v === '(') {
      this.next();
      const v = this.expr(0);
      this.expect(')');
      return v;
    }
    throw new DtsSyntaxError(`expected a number but found ${describeTok(tk)}`, tk.line);
  }

  // C expression with dtc's operators; 64-bit unsigned arithmetic
  private expr(minPrec: number): bigint {
    let left = this.unary();
    for (;;) {
      const tk = this.peek();
      if (tk.t !== 'p') break;
      if (tk.v === '?' && minPrec <= 1) {
        this.next();
        const a = this.expr(0);
        this.expect(':');
        const b = this.expr(1);
        left = left !== 0n ? a : b;
        continue;
      }
      const prec = PREC[tk.v];
      if (prec === undefined || prec < minPrec) break;
      this.next();
      const right = this.expr(prec + 1);
      left = binop(tk.v, left, right, tk.line) & U64;
    }
    return left;
  }

  private unary(): bigint {
    const tk = this.peek();
    if (tk.t === 'p' && (tk.v === '-' || tk.v === '~' || tk.v === '!')) {
      this.next();
      const v = this.unary();
      if (tk.v === '-') return -v & U64;
      if (tk.v === '~') return ~v & U64;
      return v === 0n ? 1n : 0n;
    }
    return this.primary();
  }

  private resolveAmendments(): void {
    const byLabel = new Map<string, DtNode>();
    const walk = (n: DtNode) => {
      for (const l of n.labels) byLabel.set(l, n);
      n.children.forEach(walk);
    };
    walk(this.root);
    for (const a of this.amend) {
      const target = byLabel.get(a.label);
      if (!target) {
        this.ctx.diag.add(
          a.line,
          'warning',
          `&${a.label} refers to a label not defined in this text (in an included file?); its properties are not applied`,
        );
        continue;
      }
      for (const [k, p] of a.body.props) target.props.set(k, p);
      for (const c of a.body.children) mergeChild(target, c);
      a.body.children.forEach(walk);
    }
    for (const d of this.deleteRefs) {
      const target = byLabel.get(d.label);
      if (!target) this.ctx.diag.add(d.line, 'warning', `/delete-node/ &${d.label}: label not defined in this text`);
      else target.deleted = true;
    }
  }
}

const PREC: Record<string, number> = {
  '||': 2,
  '&&': 3,
  '|': 4,
  '^': 5,
  '&': 6,
  '==': 7,
  '!=': 7,
  '<': 8,
  '>': 8,
  '<=': 8,
  '>=': 8,
  '<<': 9,
  '>>': 9,
  '+': 10,
  '-': 10,
  '*': 11,
  '/': 11,
  '%': 11,
};

function binop(op: string, a: bigint, b: bigint, line: number): bigint {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
    case '%':
      if (b === 0n) throw new DtsSyntaxError('division by zero in a cell expression', line);
      return op === '/' ? a / b : a % b;
    case '<<':
      return b >= 64n ? 0n : a << b;
    case '>>':
      return b >= 64n ? 0n : a >> b;
    case '&':
      return a & b;
    case '|':
      return a | b;
    case '^':
      return a ^ b;
    case '&&':
      return a !== 0n && b !== 0n ? 1n : 0n;
    case '||':
      return a !== 0n || b !== 0n ? 1n : 0n;
    case '==':
      return a === b ? 1n : 0n;
    case '!=':
      return a !== b ? 1n : 0n;
    case '<':
      return a < b ? 1n : 0n;
    case '>':
      return a > b ? 1n : 0n;
    case '<=':
      return a <= b ? 1n : 0n;
    case '>=':
      return a >= b ? 1n : 0n;
  }
  throw new DtsSyntaxError(`operator ${op} not supported`, line);
}

function describeTok(tk: Tok): string {
  if (tk.t === 'eof') return 'the end of the text';
  if (tk.t === 'num') return `0x${tk.v.toString(16)}`;
  return JSON.stringify(String(tk.v));
}

/** the same node written twice is merged, as dtc does */
function mergeChild(parent: DtNode, child: DtNode): void {
  const same = parent.children.find((c) => c.name === child.name);
  if (!same) {
    parent.children.push(child);
    return;
  }
  same.labels.push(...child.labels);
  for (const [k, p] of child.props) same.props.set(k, p);
  for (const c of child.children) mergeChild(same, c);
}

// ---------------------------------------------------------------- interpretation

function cellsOf(p: Prop | undefined): bigint[] | null {
  if (!p) return null;
  const out: bigint[] = [];
  for (const ch of p.chunks) {
    if (ch.kind !== 'cells') return null;
    for (const c of ch.cells) {
      if (!('v' in c)) return null;
      out.push(ch.bits === 64 ? c.v : c.v);
    }
  }
  return out;
}

function cellCount(p: Prop | undefined): number | undefined {
  const c = cellsOf(p);
  return c && c.length === 1 ? Number(c[0]) : undefined;
}

function join(cells: bigint[]): bigint {
  let v = 0n;
  for (const c of cells) v = (v << 32n) | c;
  return v;
}

function strings(p: Prop | undefined): string[] {
  if (!p) return [];
  return p.chunks.flatMap((c) => (c.kind === 'string' ? [c.value] : []));
}

/** Splits `reg`-like cells into (address, size) ranges with the parent's cell sizes. */
function ranges(p: Prop, parent: DtNode, ctx: ParseContext, what: string): { start: bigint; end: bigint }[] | null {
  const cells = cellsOf(p);
  if (!cells) {
    ctx.diag.add(p.line, 'warning', `${what}: ${p.name} holds references or non-cell data; not used`);
    return null;
  }
  let ac = cellCount(parent.props.get('#address-cells'));
  let sc = cellCount(parent.props.get('#size-cells'));
  if (ac === undefined || sc === undefined) {
    const guess = cells.length % 4 === 0 ? [2, 2] : cells.length % 2 === 0 ? [1, 1] : [2, 1];
    ac ??= guess[0] as number;
    sc ??= guess[1] as number;
    ctx.diag.add(
      p.line,
      'info',
      `${what}: #address-cells/#size-cells not in this text; ${ac}+${sc} assumed from the ${cells.length} cells of ${p.name}`,
    );
  }
  const pair = ac + sc;
  if (pair === 0 || cells.length % pair !== 0) {
    ctx.diag.add(p.line, 'error', `${what}: ${p.name} has ${cells.length} cells, not a multiple of ${ac}+${sc}`);
    return null;
  }
  const out = [];
  for (let i = 0; i < cells.length; i += pair) {
    const start = join(cells.slice(i, i + ac));
    const size = join(cells.slice(i + ac, i + pair));
    out.push({ start, end: start + size });
  }
  return out;
}

function bigValue(p: Prop | undefined): bigint | undefined {
  const c = cellsOf(p);
  return c && c.length > 0 ? join(c) : undefined;
}

export function interpret(
  root: DtNode,
  tp: { memreserve: { start: bigint; size: bigint; line: number }[]; includes: string[] },
  ctx: ParseContext,
): DeviceTree {
  const dt: DeviceTree = { banks: [], reservations: [], memreserve: [], includes: tp.includes };
  const ref = (line: number) => ({ source: ctx.source, line });
  for (const m of tp.memreserve) dt.memreserve.push({ start: m.start, end: m.start + m.size, ref: ref(m.line) });

  const live = (n: DtNode) => !n.deleted;
  let sawReservedNode = false;
  const visit = (node: DtNode, parent: DtNode) => {
    if (!live(node)) return;
    const base = node.name.split('@')[0];
    const isMemory = strings(node.props.get('device_type')).includes('memory') || base === 'memory';
    if (isMemory && parent === root) {
      const reg = node.props.get('reg');
      if (reg) {
        for (const r of ranges(reg, parent, ctx, node.name) ?? []) {
          if (r.end > r.start) dt.banks.push({ name: node.name, ...r, ref: ref(reg.line) });
        }
      } else ctx.diag.add(node.line, 'warning', `${node.name} has no reg: its banks are unknown`);
    }
    if (base === 'reserved-memory') {
      sawReservedNode = true;
      for (const c of node.children) if (live(c)) dt.reservations.push(reservation(c, node, ctx));
      return;
    }
    for (const c of node.children) visit(c, node);
  };
  for (const c of root.children) visit(c, root);

  // a pasted list of reservation nodes without the reserved-memory wrapper
  if (!sawReservedNode) {
    for (const c of root.children) {
      if (!live(c)) continue;
      const looks = c.props.has('no-map') || c.props.has('reusable') || strings(c.props.get('compatible')).includes('shared-dma-pool');
      if (looks) {
        ctx.diag.add(c.line, 'info', `${c.name} read as a reserved-memory child (no reserved-memory node around it)`);
        dt.reservations.push(reservation(c, root, ctx));
      }
    }
  }
  return dt;
}

function reservation(node: DtNode, parent: DtNode, ctx: ParseContext): DtReservation {
  const reg = node.props.get('reg');
  const r: DtReservation = {
    name: node.name,
    ranges: [],
    noMap: node.props.has('no-map'),
    reusable: node.props.has('reusable'),
    compatible: strings(node.props.get('compatible')),
    flags: [...node.props.keys()].filter((k) => node.props.get(k)?.chunks.length === 0),
    ref: { source: ctx.source, line: (reg ?? node).line },
  };
  if (node.labels[0]) r.label = node.labels[0];
  const status = strings(node.props.get('status'))[0];
  if (status !== undefined) r.status = status;
  if (reg) r.ranges = ranges(reg, parent, ctx, node.name) ?? [];
  const size = node.props.get('size');
  if (size) {
    r.dynamicSizeBytes = bigValue(size);
    const al = bigValue(node.props.get('alignment'));
    if (al !== undefined) r.alignmentBytes = al;
    const ar = node.props.get('alloc-ranges');
    if (ar) r.allocRanges = ranges(ar, parent, ctx, node.name) ?? [];
  }
  if (!reg && !size) ctx.diag.add(node.line, 'warning', `${node.name} has neither reg nor size`);
  if (r.noMap && r.reusable) ctx.diag.add(node.line, 'warning', `${node.name} is both no-map and reusable; the kernel refuses that`);
  return r;
}

// ---------------------------------------------------------------- entry points

export function parseDtsText(src: string, ctx: ParseContext, firstLine = 1): { tree: DeviceTree | null; root: DtNode | null } {
  let toks: Tok[];
  try {
    toks = tokenize(src, firstLine);
  } catch (e) {
    if (e instanceof DtsSyntaxError) {
      ctx.diag.add(e.line, 'error', `device tree: ${e.message}`);
      return { tree: null, root: null };
    }
    throw e;
  }
  const tp = new TreeParser(toks, ctx);
  try {
    tp.parseFile();
  } catch (e) {
    if (!(e instanceof DtsSyntaxError)) throw e;
    ctx.diag.add(e.line, 'error', `device tree: ${e.message}; what came before is kept`);
  }
  return { tree: interpret(tp.root, tp, ctx), root: tp.root };
}

const DTS_START =
  /^\s*(?:\/dts-v1\/|\/plugin\/|\/memreserve\/|\/include\/|\/delete-node\/|\/delete-property\/|\/omit-if-no-ref\/|#include\s|\/\s*\{|&[a-zA-Z_]\w*\s*\{|(?:[a-zA-Z_]\w*:\s*)*[a-zA-Z][\w,.+-]*(?:@[0-9a-fA-F,]+)?\s*\{\s*$|\/\*|\/\/)/;

/**
 * A DTS segment ends where braces return to depth 0 and the next non-blank line is not
 * DTS, or — when the text is cut off inside a node — at a line that starts another input.
 */
export const dtsParser: LineParser<DeviceTree | null> = {
  format: 'dts',
  starts: (line) => DTS_START.test(line),
  parse(cur: Cursor, ctx: ParseContext): DeviceTree | null {
    const start = cur.ls;
    const firstLine = cur.line;
    let depth = 0;
    let inComment = false;
    let end = start;
    for (; !cur.done; cur.advance()) {
      const line = cur.str;
      if (!inComment && !cur.blank) {
        if (depth === 0 && cur.ls > start && !DTS_START.test(line) && !/^\s*[};]/.test(line)) break;
        if (depth > 0 && ctx.isBoundary(line, 'dts')) break;
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
    return parseDtsText(cur.text.slice(start, end), ctx, firstLine).tree;
  },
};
