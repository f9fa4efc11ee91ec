/**
 * Device-tree source tokens, after dtc's dtc-lexer.l: names, labels (`name:`), references
 * (`&label`, `&{/path}`), strings, numbers inside `< >` (decimal, hex, octal, char
 * literals), keywords (`/dts-v1/`, `/memreserve/`, `/delete-node/`, …), punctuation and
 * C operators, and preprocessor lines (`#include`). Comments are skipped.
 */
import { type Msg, m } from '../../messages/catalogue';
import { hex } from '../../units';

export type Tok =
  | { t: 'id'; v: string; line: number } // node/property names
  | { t: 'label'; v: string; line: number } // without the ':'
  | { t: 'ref'; v: string; line: number }
  | { t: 'str'; v: string; line: number }
  | { t: 'num'; v: bigint; line: number }
  | { t: 'kw'; v: string; line: number } // /dts-v1/, /memreserve/, /delete-node/, …
  | { t: 'p'; v: string; line: number } // punctuation and operators
  | { t: 'cpp'; v: string; line: number } // #include / #define lines
  | { t: 'eof'; v: ''; line: number };

/** what stops the reader; the text before it is kept */
export class DtsSyntaxError extends Error {
  constructor(
    readonly msg: Msg,
    readonly line: number,
  ) {
    super(msg.key);
  }
}

const NAME_CH = /[a-zA-Z0-9,._+*#?@-]/;
const OPS = ['<<', '>>', '<=', '>=', '==', '!=', '&&', '||'];

export function tokenize(src: string, firstLine: number): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let line = firstLine;
  let inCells = 0;
  // after /memreserve/ and until its `;`, words are numbers (dtc's integer_prim)
  let memreserve = false;
  const n = src.length;
  while (i < n) {
    const c = src.charAt(i);
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
      if (e < 0) throw new DtsSyntaxError(m('dts.comment-open'), line);
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
          s += src.charAt(j + 1);
          j += 2;
        } else {
          if (src[j] === '\n') throw new DtsSyntaxError(m('dts.string-open-line'), line);
          s += src.charAt(j);
          j++;
        }
      }
      if (j >= n) throw new DtsSyntaxError(m('dts.string-open'), line);
      out.push({ t: 'str', v: s, line });
      i = j + 1;
      continue;
    }
    if (c === "'" && (inCells > 0 || memreserve)) {
      const r = /^'(\\x[0-9a-fA-F]{1,2}|\\[0-7]{1,3}|\\.|[^\\'])'/.exec(src.slice(i, i + 8));
      if (!r || r[1] === undefined) throw new DtsSyntaxError(m('dts.bad-char'), line);
      out.push({ t: 'num', v: BigInt(charValue(r[1])), line });
      i += r[0].length;
      continue;
    }
    if (c === '/' && inCells === 0) {
      const r = /^\/(dts-v1|plugin|memreserve|delete-node|delete-property|bits|omit-if-no-ref|include|incbin)\//.exec(src.slice(i, i + 20));
      if (r && r[1] !== undefined) {
        out.push({ t: 'kw', v: r[1], line });
        if (r[1] === 'memreserve') memreserve = true;
        i += r[0].length;
        continue;
      }
    }
    if (c === '&') {
      if (src[i + 1] === '{') {
        const e = src.indexOf('}', i);
        if (e < 0) throw new DtsSyntaxError(m('dts.path-ref-open'), line);
        out.push({ t: 'ref', v: src.slice(i + 2, e), line });
        i = e + 1;
        continue;
      }
      const r = /^&([a-zA-Z_][a-zA-Z0-9_]*)/.exec(src.slice(i, i + 200));
      if (r && r[1] !== undefined) {
        out.push({ t: 'ref', v: r[1], line });
        i += r[0].length;
        continue;
      }
    }
    if ((inCells > 0 || memreserve) && /[0-9]/.test(c)) {
      const r = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)([uUlL]*)/.exec(src.slice(i, i + 40));
      if (!r || r[1] === undefined) throw new DtsSyntaxError(m('dts.bad-number'), line);
      const lit = r[1];
      const v = /^0[xX]/.test(lit) ? BigInt(lit) : lit.length > 1 && lit[0] === '0' ? BigInt(`0o${lit.slice(1)}`) : BigInt(lit);
      out.push({ t: 'num', v, line });
      i += r[0].length;
      continue;
    }
    if (inCells === 0 && NAME_CH.test(c)) {
      let j = i;
      while (j < n && NAME_CH.test(src.charAt(j))) j++;
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
    throw new DtsSyntaxError(m('dts.unexpected-char', { char: JSON.stringify(c) }), line);
  }
  out.push({ t: 'eof', v: '', line });
  return out;
}

/** open parentheses since the last `<` (a `>` inside them is an operator) */
function parenDepth(toks: Tok[]): number {
  let d = 0;
  for (let k = toks.length - 1; k >= 0; k--) {
    const tk = toks[k];
    if (tk?.t !== 'p') continue;
    if (tk.v === '<' && d <= 0) return Math.max(d, 0);
    if (tk.v === '(') d++;
    if (tk.v === ')') d--;
  }
  return Math.max(d, 0);
}

const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, v: 11, f: 12, '0': 0 };

function charValue(s: string): number {
  if (s[0] !== '\\') return s.charCodeAt(0);
  const e = s.slice(1);
  if (e[0] === 'x') return Number.parseInt(e.slice(1), 16);
  if (/^[0-7]+$/.test(e)) return Number.parseInt(e, 8);
  return ESCAPES[e] ?? e.charCodeAt(0);
}

export function describeTok(tk: Tok): string {
  if (tk.t === 'eof') return 'the end of the text';
  if (tk.t === 'num') return hex(tk.v, 0);
  return JSON.stringify(String(tk.v));
}

/** a cursor over the tokens, shared by the tree reader and the expression reader */
export class TokenStream {
  private k = 0;
  constructor(private readonly toks: Tok[]) {}

  peek(o = 0): Tok {
    return this.toks[Math.min(this.k + o, this.toks.length - 1)] ?? { t: 'eof', v: '', line: 0 };
  }
  next(): Tok {
    const tk = this.peek();
    if (this.k < this.toks.length - 1) this.k++;
    return tk;
  }
  expect(v: string): Tok {
    const tk = this.next();
    if (tk.t !== 'p' || tk.v !== v) throw new DtsSyntaxError(m('dts.expected', { want: v, found: describeTok(tk) }), tk.line);
    return tk;
  }
  isP(v: string, o = 0): boolean {
    const tk = this.peek(o);
    return tk.t === 'p' && tk.v === v;
  }
}
