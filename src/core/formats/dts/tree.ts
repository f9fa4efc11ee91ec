/**
 * The device tree as written, after dtc-parser.y and livetree.c: nodes with labels,
 * properties as chunks (cells, strings, bytes, references, or the raw bytes of a blob),
 * `/memreserve/` entries, and the edits the source makes, each applied where it appears
 * as dtc does: a node written twice is merged, `&label { … }` and `&{/path} { … }` amend
 * the node they name (`label: &ref { … }` adds a label to it), `/delete-node/` and
 * `/delete-property/` remove what exists at that point (a later node of the same name is
 * a new node). `#include` and `/include/` cannot be followed here: each is reported and
 * reading goes on.
 *
 * Errors cost as little as they can: a property whose value cannot be read (an
 * unexpanded macro such as `<GIC_SPI 12 IRQ_TYPE_LEVEL_HIGH>` or `SZ_1M`, a bad
 * character) is kept as *lost*, with the reason, and reading resumes after its `;`.
 */
import { type Msg, m } from '../../messages/catalogue';
import { hex } from '../../units';
import type { ParseContext } from '../format';
import { primary } from './expr';
import { DtsSyntaxError, describeTok, macroOf, type Tok, TokenStream } from './lexer';

export type Cell = { v: bigint } | { ref: string };
export type Chunk =
  | { kind: 'cells'; bits: number; cells: Cell[] }
  | { kind: 'string'; value: string }
  | { kind: 'bytes'; hex: string }
  | { kind: 'ref'; ref: string }
  /** a property value read from a blob: bytes with no type */
  | { kind: 'raw'; bytes: Uint8Array };

export interface Prop {
  name: string;
  chunks: Chunk[];
  /** 1-based line in the input; 0 in a blob */
  line: number;
  /** the value could not be read: why (and the macro, when an unexpanded one was the cause) */
  lost?: { why: Msg; macro?: string };
}

export interface DtNode {
  name: string;
  labels: string[];
  props: Map<string, Prop>;
  children: DtNode[];
  /**
   * the first child of each name, deleted or not, made with the first child: finding a
   * child costs the same among 100 000 siblings as among 3
   */
  byName?: Map<string, DtNode>;
  line: number;
  parent?: DtNode;
  /**
   * deleted by `/delete-node/`: kept in its parent's list with nothing in it, as dtc's
   * livetree.c does, so a node of the same name written later takes its place
   */
  deleted?: boolean;
}

/** the children that exist (not deleted) */
export const kids = (n: DtNode): DtNode[] => n.children.filter((c) => !c.deleted);

/** a new node, added after its parent's other children */
export const newNode = (name: string, line: number, parent?: DtNode): DtNode => {
  const n: DtNode = { name, labels: [], props: new Map(), children: [], line };
  if (parent) {
    n.parent = parent;
    parent.children.push(n);
    parent.byName ??= new Map();
    if (!parent.byName.has(name)) parent.byName.set(name, n);
  }
  return n;
};

/** the child of that name that exists now (a blob may hold two of one name: the first) */
export const childNamed = (n: DtNode, name: string): DtNode | undefined => {
  const c = n.byName?.get(name);
  return c && !c.deleted ? c : undefined;
};

/** what a reader of source or blob hands the interpreter */
export interface ReadTree {
  root: DtNode;
  memreserve: { start: bigint; size: bigint; line: number }[];
  /** `#include` and `/include/` lines, which cannot be followed here */
  includes: string[];
  /** a `/ { … }` root was read (a whole file rather than a pasted fragment) */
  hasRoot: boolean;
}

/** `/a/b@1` → the node, or undefined */
export function nodeByPath(root: DtNode, path: string): DtNode | undefined {
  let n: DtNode | undefined = root;
  for (const part of path.split('/')) {
    if (part === '' || n === undefined) continue;
    n = childNamed(n, part);
  }
  return n;
}

export function pathOf(n: DtNode): string {
  const parts: string[] = [];
  for (let x: DtNode | undefined = n; x?.parent; x = x.parent) parts.push(x.name);
  return `/${parts.reverse().join('/')}`;
}

/** node nesting deeper than this is refused (dtc has no limit; a real tree is < 16 deep) */
export const MAX_DEPTH = 256;

/** the root is at depth 0 */
const depthOf = (n: DtNode): number => {
  let d = 0;
  for (let x = n.parent; x; x = x.parent) d++;
  return d;
};

export class TreeReader extends TokenStream implements ReadTree {
  readonly root = newNode('/', 0);
  readonly memreserve: { start: bigint; size: bigint; line: number }[] = [];
  readonly includes: string[] = [];
  hasRoot = false;
  /** the nodes that carry each label now, in the order they got it (dtc refuses a label on two nodes) */
  private readonly labelled = new Map<string, Set<DtNode>>();
  /** inside the body of `&label { … }` whose label is unknown: those nodes are not in the tree */
  private detached = 0;

  /**
   * a `/*` never closed: the text ends inside it, so it is said once, where it opened,
   * rather than as the nodes it leaves open (the lexer's last token before the end)
   */
  private readonly comment: { open?: Tok };

  constructor(
    toks: Iterable<Tok>,
    private readonly ctx: ParseContext,
  ) {
    const comment: { open?: Tok } = {};
    super(withoutOpenComment(toks, comment));
    this.comment = comment;
  }

  readFile(): void {
    for (;;) {
      const tk = this.peek();
      if (tk.t === 'eof') break;
      try {
        this.topLevel();
      } catch (e) {
        if (!(e instanceof DtsSyntaxError)) throw e;
        if (this.comment.open && this.peek().t === 'eof') break;
        this.ctx.diag.add(e.line, 'error', m('dts.syntax-kept', { why: e.msg }));
        if (this.peek().t === 'eof') break;
        const at = this.k;
        this.skipStatement();
        if (this.k === at) this.advance();
      }
    }
    const open = this.comment.open;
    if (open) this.ctx.diag.add(open.line, 'error', m('dts.syntax-kept', { why: m('dts.comment-open') }));
  }

  /** a preprocessor line or a stray `;`, at top level or inside a node: consumed, true */
  private trivia(): boolean {
    const tk = this.peek();
    if (tk.t === 'cpp') {
      this.next();
      this.preprocessor(tk, tk.v);
      return true;
    }
    if (tk.t === 'p' && tk.v === ';') {
      this.next();
      return true;
    }
    return false;
  }

  private topLevel(): void {
    if (this.trivia()) return;
    const labels = this.labels();
    const kw = this.peek();
    if (kw.t === 'kw') {
      this.next();
      if (kw.v === 'dts-v1' || kw.v === 'plugin') this.expect(';');
      else if (kw.v === 'memreserve') {
        const start = primary(this, this.warn);
        const size = primary(this, this.warn);
        this.expect(';');
        this.memreserve.push({ start, size, line: kw.line });
      } else if (kw.v === 'delete-node') {
        const r = this.next();
        if (r.t !== 'ref') throw new DtsSyntaxError(m('dts.delete-node-top'), r.line);
        this.expect(';');
        const target = this.lookup(r.v);
        if (!target || target === this.root) this.ctx.diag.add(r.line, 'warning', m('dts.delete-unknown', { label: r.v }));
        else this.removeNode(target);
      } else if (kw.v === 'include') this.includeKeyword(kw);
      else if (kw.v === 'omit-if-no-ref') {
        // `/omit-if-no-ref/ &label;` marks a node; `/omit-if-no-ref/ node { … }` too: no effect on memory
        if (this.peek().t === 'ref' && this.isP(';', 1)) {
          this.next();
          this.next();
        }
      } else throw new DtsSyntaxError(m('dts.keyword-here', { kw: kw.v }), kw.line);
      return;
    }
    if (kw.t === 'ref') {
      // `&label { … };`, `&{/path} { … };`, `label: &ref { … };`: applied here, as dtc does
      this.next();
      const target = this.lookup(kw.v);
      if (!target) {
        this.ctx.diag.add(kw.line, 'warning', m('dts.amend-unknown', { label: kw.v }));
        this.detached++;
        try {
          this.nodeBody(newNode(`&${kw.v}`, kw.line), 0);
        } finally {
          this.detached--;
        }
        return;
      }
      this.addLabels(target, labels);
      this.nodeBody(target, depthOf(target));
      return;
    }
    // a node: `/ { … };`, or a snippet's `reserved-memory { … };` / `label: name@x { … };`
    const nt = this.next();
    if (nt.t === 'p' && nt.v === '/') {
      this.addLabels(this.root, labels);
      this.root.line ||= nt.line;
      this.hasRoot = true;
      this.nodeBody(this.root, 0);
      return;
    }
    if (nt.t !== 'id') throw new DtsSyntaxError(m('dts.expected-node', { found: describeTok(nt) }), nt.line);
    this.nodeBody(this.child(this.root, nt.v, nt.line, labels), 1);
  }

  /** `&label`, `&{/path}`, and dtc 1.7's `&{label/sub/path}` */
  private lookup(ref: string): DtNode | undefined {
    if (ref === '/') return this.root;
    if (ref.startsWith('/')) return nodeByPath(this.root, ref);
    const slash = ref.indexOf('/');
    if (slash < 0) return this.labelledNode(ref);
    const base = this.labelledNode(ref.slice(0, slash));
    return base && nodeByPath(base, ref.slice(slash));
  }

  private readonly warn = (line: number, msg: Msg) => this.ctx.diag.add(line, 'warning', msg);

  private labelledNode(label: string): DtNode | undefined {
    return this.labelled.get(label)?.values().next().value;
  }

  private addLabels(n: DtNode, labels: string[]): void {
    if (this.detached > 0) return;
    for (const l of labels) {
      let set = this.labelled.get(l);
      if (!set) this.labelled.set(l, (set = new Set()));
      if (set.has(n)) continue;
      const first = set.values().next().value;
      if (first) this.ctx.diag.add(n.line, 'warning', m('dts.label-twice', { label: l, first: pathOf(first), node: pathOf(n) }));
      set.add(n);
      n.labels.push(l);
    }
  }

  /** livetree.c delete_node(): the node, its properties, labels and children are gone */
  private removeNode(n: DtNode): void {
    n.deleted = true;
    for (const l of n.labels) this.labelled.get(l)?.delete(n);
    n.labels = [];
    n.props.clear();
    // a child deleted before went with its own children then
    for (const c of n.children) if (!c.deleted) this.removeNode(c);
  }

  /** the child of that name, made if there is none (a node written twice is one node) */
  private child(parent: DtNode, name: string, line: number, labels: string[]): DtNode {
    let c = parent.byName?.get(name);
    if (!c) c = newNode(name, line, parent);
    else if (c.deleted) {
      c.deleted = false;
      c.line = line;
      // its old children stay deleted: dtc keeps them in the list, unseen; dropping them
      // keeps a node deleted and written again 10 000 times from costing its old size each
      // time (a child written again comes last rather than in its old place)
      c.children = [];
      delete c.byName;
    }
    this.addLabels(c, labels);
    return c;
  }

  private labels(): string[] {
    const out: string[] = [];
    for (let tk = this.peek(); tk.t === 'label'; tk = this.peek()) out.push(this.next().v.toString());
    return out;
  }

  private preprocessor(tk: Tok, text: string): void {
    this.includes.push(text);
    const include = text.includes('include');
    this.ctx.diag.add(tk.line, 'warning', m(include ? 'dts.include' : 'dts.preprocessor', { text }));
  }

  private includeKeyword(kw: Tok): void {
    const f = this.peek();
    if (f.t === 'str') this.next();
    this.preprocessor(kw, `/include/ ${f.t === 'str' ? JSON.stringify(f.v) : ''}`.trim());
  }

  /** after an error: on to the `;` that ends the statement, or before the `}` that closes the node */
  private skipStatement(): void {
    let depth = 0;
    for (;;) {
      const tk = this.peek();
      if (tk.t === 'eof') return;
      if (tk.t === 'p') {
        if (tk.v === '{') depth++;
        else if (tk.v === '}') {
          if (depth === 0) return;
          depth--;
          if (depth === 0 && !this.isP(';', 1)) {
            this.advance();
            return;
          }
        } else if (tk.v === ';' && depth === 0) {
          this.advance();
          return;
        }
      }
      this.advance();
    }
  }

  /** `{ props and child nodes } ;`, read into `node`, which lies `depth` below the root */
  private nodeBody(node: DtNode, depth: number): void {
    const open = this.peek();
    this.expect('{');
    if (depth >= MAX_DEPTH) {
      this.ctx.diag.add(open.line, 'error', m('dts.too-deep', { depth: MAX_DEPTH, node: node.name }));
      this.skipBody();
      return;
    }
    for (;;) {
      const tk = this.peek();
      if (tk.t === 'eof') throw new DtsSyntaxError(m('dts.node-open', { node: node.name }), node.line || open.line);
      if (tk.t === 'p' && tk.v === '}') {
        this.next();
        if (this.isP(';')) this.next();
        else this.ctx.diag.add(tk.line, 'warning', m('dts.missing-semicolon', { node: node.name }));
        return;
      }
      try {
        this.item(node, depth);
      } catch (e) {
        if (!(e instanceof DtsSyntaxError) || this.peek().t === 'eof') throw e;
        this.ctx.diag.add(e.line, 'error', m('dts.statement-lost', { node: node.name, why: e.msg }));
        const at = this.k;
        this.skipStatement();
        if (this.k === at && !this.isP('}')) this.advance();
      }
    }
  }

  /** past the `}` (and `;`) that closes a body whose `{` was just read, without reading it */
  private skipBody(): void {
    let depth = 1;
    for (;;) {
      const tk = this.peek();
      if (tk.t === 'eof') return;
      this.advance();
      if (tk.t !== 'p') continue;
      if (tk.v === '{') depth++;
      else if (tk.v === '}' && --depth === 0) break;
    }
    if (this.isP(';')) this.advance();
  }

  /** one property, child node, deletion or preprocessor line inside a node */
  private item(node: DtNode, depth: number): void {
    if (this.trivia()) return;
    const tk = this.peek();
    if (tk.t === 'kw' && (tk.v === 'delete-node' || tk.v === 'delete-property')) {
      this.next();
      const target = this.next();
      if (target.t !== 'id') throw new DtsSyntaxError(m('dts.expected-name', { found: describeTok(target) }), target.line);
      this.expect(';');
      if (tk.v === 'delete-node') {
        // livetree.c delete_node_by_name: the child of exactly that name, as it is now
        const victim = childNamed(node, target.v);
        if (victim) this.removeNode(victim);
      } else node.props.delete(target.v);
      return;
    }
    if (tk.t === 'kw' && tk.v === 'omit-if-no-ref') {
      this.next();
      return;
    }
    if (tk.t === 'kw' && tk.v === 'include') {
      this.next();
      this.includeKeyword(tk);
      return;
    }
    const labels = this.labels();
    const nm = this.next();
    if (nm.t !== 'id') throw new DtsSyntaxError(m('dts.expected-name', { found: describeTok(nm) }), nm.line);
    if (this.isP('{')) {
      this.nodeBody(this.child(node, nm.v, nm.line, labels), depth + 1);
      return;
    }
    const prop: Prop = { name: nm.v, chunks: [], line: nm.line };
    try {
      if (this.isP('=')) {
        this.next();
        for (;;) {
          this.labels();
          prop.chunks.push(this.value());
          this.labels();
          if (this.isP(',')) {
            this.next();
            continue;
          }
          break;
        }
      }
      if (!this.isP(';')) {
        const bad = this.peek();
        if (bad.t === 'err') this.next();
        throw new DtsSyntaxError(m('dts.expected-semicolon', { prop: prop.name, found: describeTok(bad) }), bad.line, macroOf(bad));
      }
      this.next();
    } catch (e) {
      if (!(e instanceof DtsSyntaxError) || this.peek().t === 'eof') throw e;
      // the property is kept as lost: whoever needs it says what that costs
      prop.chunks = [];
      prop.lost = e.macro !== undefined ? { why: e.msg, macro: e.macro } : { why: e.msg };
      node.props.set(prop.name, prop);
      this.skipStatement();
      return;
    }
    node.props.set(prop.name, prop);
  }

  private value(): Chunk {
    const tk = this.next();
    if (tk.t === 'str') return { kind: 'string', value: tk.v };
    if (tk.t === 'ref') return { kind: 'ref', ref: tk.v };
    let bits = 32;
    let open: Tok = tk;
    if (tk.t === 'kw' && tk.v === 'bits') {
      const b = this.next();
      if (b.t !== 'id' || !/^(8|16|32|64)$/.test(b.v)) throw new DtsSyntaxError(m('dts.bits'), b.line);
      bits = Number(b.v);
      open = this.next();
    }
    if (open.t === 'p' && open.v === '<') {
      const cells: Cell[] = [];
      const mask = (1n << BigInt(bits)) - 1n;
      while (!this.isP('>')) {
        const c = this.peek();
        if (c.t === 'eof' || (c.t === 'p' && (c.v === ';' || c.v === '{' || c.v === '}')))
          throw new DtsSyntaxError(m('dts.cells-open'), open.line);
        if (c.t === 'ref') {
          this.next();
          cells.push({ ref: c.v });
          continue;
        }
        const v = primary(this, this.warn);
        // dtc-parser.y: bits above the width must be all 0 or all 1 (a negative number), else warn
        const above = v & ~mask & 0xffffffffffffffffn;
        if (above !== 0n && above !== (~mask & 0xffffffffffffffffn))
          this.ctx.diag.add(c.line, 'warning', m('dts.cell-truncated', { value: hex(v, 0), bits }));
        cells.push({ v: v & mask });
      }
      this.next();
      return { kind: 'cells', bits, cells };
    }
    if (open.t === 'p' && open.v === '[') {
      let bytes = '';
      while (!this.isP(']')) {
        const b = this.next();
        if (b.t === 'eof' || (b.t === 'p' && b.v === ';')) throw new DtsSyntaxError(m('dts.bytes-open'), open.line);
        if (b.t === 'label') continue;
        bytes += b.t === 'num' ? b.v.toString(16) : String(b.v);
      }
      this.next();
      return { kind: 'bytes', hex: bytes };
    }
    const macro = macroOf(open);
    if (macro !== undefined) throw new DtsSyntaxError(m('dts.macro', { name: macro }), open.line, macro);
    throw new DtsSyntaxError(m('dts.expected-value', { found: describeTok(open) }), open.line);
  }
}

/** the tokens, but for the error of a comment never closed, which is kept in `comment` */
function* withoutOpenComment(toks: Iterable<Tok>, comment: { open?: Tok }): Generator<Tok> {
  for (const tk of toks) {
    if (tk.t === 'err' && tk.msg.key === 'dts.comment-open') comment.open = tk;
    else yield tk;
  }
}
