/**
 * The device tree as written, after dtc-parser.y and livetree.c: nodes with labels,
 * properties as chunks (cells, strings, bytes, references), `/memreserve/` entries, and
 * the edits the source makes — a node written twice is merged, `&label { … }` amends
 * the labelled node, `/delete-node/` and `/delete-property/` remove. `#include` lines
 * cannot be followed here: each is reported and reading goes on.
 */
import { m } from '../../messages/catalogue';
import { hex } from '../../units';
import type { ParseContext } from '../format';
import { primary } from './expr';
import { DtsSyntaxError, describeTok, type Tok, TokenStream } from './lexer';

export type Cell = { v: bigint } | { ref: string };
export type Chunk =
  | { kind: 'cells'; bits: number; cells: Cell[] }
  | { kind: 'string'; value: string }
  | { kind: 'bytes'; hex: string }
  | { kind: 'ref'; ref: string };

export interface Prop {
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

export class TreeReader extends TokenStream {
  readonly root = newNode('/', 0);
  readonly memreserve: { start: bigint; size: bigint; line: number }[] = [];
  readonly includes: string[] = [];
  /** `&label { … }` amendments, applied after the whole text is read */
  private readonly amend: { label: string; body: DtNode; line: number }[] = [];
  private readonly deleteRefs: { label: string; line: number }[] = [];

  constructor(
    toks: Tok[],
    private readonly ctx: ParseContext,
  ) {
    super(toks);
  }

  readFile(): void {
    for (;;) {
      const tk = this.peek();
      if (tk.t === 'eof') break;
      if (tk.t === 'cpp') {
        this.next();
        this.preprocessor(tk, tk.v);
        continue;
      }
      if (tk.t === 'kw') {
        this.next();
        if (tk.v === 'dts-v1' || tk.v === 'plugin') this.expect(';');
        else if (tk.v === 'memreserve') {
          const start = primary(this);
          const size = primary(this);
          this.expect(';');
          this.memreserve.push({ start, size, line: tk.line });
        } else if (tk.v === 'delete-node') {
          const r = this.next();
          if (r.t === 'ref') this.deleteRefs.push({ label: r.v, line: r.line });
          else throw new DtsSyntaxError(m('dts.delete-node-top'), r.line);
          this.expect(';');
        } else if (tk.v === 'include') {
          const f = this.next();
          this.preprocessor(tk, `/include/ ${f.t === 'str' ? JSON.stringify(f.v) : ''}`);
        } else if (tk.v === 'omit-if-no-ref') {
          /* marks the next node; nothing to do */
        } else throw new DtsSyntaxError(m('dts.keyword-here', { kw: tk.v }), tk.line);
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
      const labels = this.labels();
      const nt = this.next();
      let name: string;
      if (nt.t === 'p' && nt.v === '/') name = '/';
      else if (nt.t === 'id') name = nt.v;
      else throw new DtsSyntaxError(m('dts.expected-node', { found: describeTok(nt) }), nt.line);
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

  /** `{ props and child nodes } ;` */
  private nodeBody(node: DtNode): void {
    this.expect('{');
    for (;;) {
      const tk = this.peek();
      if (tk.t === 'eof') throw new DtsSyntaxError(m('dts.node-open', { node: node.name }), node.line);
      if (tk.t === 'p' && tk.v === '}') {
        this.next();
        if (this.isP(';')) this.next();
        else this.ctx.diag.add(tk.line, 'warning', m('dts.missing-semicolon', { node: node.name }));
        return;
      }
      if (tk.t === 'cpp') {
        this.next();
        this.preprocessor(tk, tk.v);
        continue;
      }
      if (tk.t === 'kw' && (tk.v === 'delete-node' || tk.v === 'delete-property')) {
        this.next();
        const target = String(this.next().v);
        this.expect(';');
        if (tk.v === 'delete-node') {
          const victim = node.children.find((c) => c.name === target || c.name.split('@')[0] === target);
          if (victim) node.children = node.children.filter((c) => c !== victim);
        } else node.props.delete(target);
        continue;
      }
      if (tk.t === 'kw' && tk.v === 'omit-if-no-ref') {
        this.next();
        continue;
      }
      const labels = this.labels();
      const nm = this.next();
      if (nm.t !== 'id') throw new DtsSyntaxError(m('dts.expected-name', { found: describeTok(nm) }), nm.line);
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
        throw new DtsSyntaxError(m('dts.expected-semicolon', { prop: prop.name, found: describeTok(bad) }), bad.line);
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
      if (b.t !== 'id' || !/^(8|16|32|64)$/.test(b.v)) throw new DtsSyntaxError(m('dts.bits'), b.line);
      bits = Number(b.v);
      open = this.next();
    }
    if (open.t === 'p' && open.v === '<') {
      const cells: Cell[] = [];
      const mask = (1n << BigInt(bits)) - 1n;
      while (!this.isP('>')) {
        const c = this.peek();
        if (c.t === 'eof') throw new DtsSyntaxError(m('dts.cells-open'), open.line);
        if (c.t === 'ref') {
          this.next();
          cells.push({ ref: c.v });
          continue;
        }
        const v = primary(this);
        if (v > mask) this.ctx.diag.add(c.line, 'warning', m('dts.cell-truncated', { value: hex(v, 0), bits }));
        cells.push({ v: v & mask });
      }
      this.next();
      return { kind: 'cells', bits, cells };
    }
    if (open.t === 'p' && open.v === '[') {
      let bytes = '';
      while (!this.isP(']')) {
        const b = this.next();
        if (b.t === 'eof') throw new DtsSyntaxError(m('dts.bytes-open'), open.line);
        bytes += b.t === 'num' ? b.v.toString(16) : String(b.v);
      }
      this.next();
      return { kind: 'bytes', hex: bytes };
    }
    throw new DtsSyntaxError(m('dts.expected-value', { found: describeTok(open) }), open.line);
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
        this.ctx.diag.add(a.line, 'warning', m('dts.amend-unknown', { label: a.label }));
        continue;
      }
      for (const [k, p] of a.body.props) target.props.set(k, p);
      for (const c of a.body.children) mergeChild(target, c);
      a.body.children.forEach(walk);
    }
    for (const d of this.deleteRefs) {
      const target = byLabel.get(d.label);
      if (!target) this.ctx.diag.add(d.line, 'warning', m('dts.delete-unknown', { label: d.label }));
      else target.deleted = true;
    }
  }
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
