/**
 * Device-tree source tokens, after dtc's dtc-lexer.l: names, labels (`name:`), references
 * (`&label`, `&{/path}`), strings, numbers inside `< >` (decimal, hex, octal, char
 * literals), keywords (`/dts-v1/`, `/memreserve/`, `/delete-node/`, …), punctuation and
 * C operators, and preprocessor lines (`#include`). Comments are skipped, and so are cpp's
 * line markers (`# 89 "arch/arm64/boot/dts/qcom/msm8916.dtsi" 1`, `#line 5 "f"`), which
 * dtc's lexer takes anywhere a line starts; the file they name is remembered per token.
 *
 * The lexer never throws: a character it cannot read becomes an `err` token, which costs
 * the property (or statement) it sits in, not the tree. Inside `< >` and after
 * `/memreserve/` a word is an `id` token: an unexpanded macro (`GIC_SPI`, `SZ_1M`).
 */
import { type Msg, m } from '../../messages/catalogue';
import { hex } from '../../units';

interface At {
  line: number;
  /** the file a cpp line marker named for this line, when there was one */
  file?: string;
}
export type Tok =
  | ({ t: 'id'; v: string } & At) // node/property names; a word inside cells (a macro)
  | ({ t: 'label'; v: string } & At) // without the ':'
  | ({ t: 'ref'; v: string } & At) // `&label` → label, `&{/path}` → /path
  | ({ t: 'str'; v: string } & At)
  | ({ t: 'num'; v: bigint } & At)
  | ({ t: 'kw'; v: string } & At) // /dts-v1/, /memreserve/, /delete-node/, …
  | ({ t: 'p'; v: string } & At) // punctuation and operators
  | ({ t: 'cpp'; v: string } & At) // #include / #define lines
  | ({ t: 'err'; v: string; msg: Msg } & At) // characters that could not be read
  | ({ t: 'eof'; v: '' } & At);

/** what stops the reader of one property or statement */
export class DtsSyntaxError extends Error {
  constructor(
    readonly msg: Msg,
    readonly line: number,
    /** the unexpanded macro that caused it, when it was one */
    readonly macro?: string,
  ) {
    super(msg.key);
  }
}

const NAME_CH = /[a-zA-Z0-9,._+*#?@-]/;
const OPS = ['<<', '>>', '<=', '>=', '==', '!=', '&&', '||'];
/** dtc-lexer.l: `^"#"(line)?[ \t]+[0-9]+[ \t]+{STRING}([ \t]+[0-9]+)?` */
const LINE_MARKER = /^#(?:line)?[ \t]+(\d+)[ \t]+"((?:[^"\\\n]|\\.)*)"[^\n]*/;
export const isLineMarker = (line: string): boolean => LINE_MARKER.test(line.trimStart());

/** the tokens one at a time: the reader holds the one it is at and one ahead, not a list of millions */
export function* tokenize(src: string, firstLine: number): Generator<Tok> {
  let i = 0;
  let line = firstLine;
  let inCells = 0;
  // open parentheses inside the cells: a `<` or `>` in them is an operator
  let parens = 0;
  let file: string | undefined;
  // after /memreserve/ and until its `;`, words are numbers (dtc's integer_prim)
  let memreserve = false;
  let lineStart = true;
  const n = src.length;
  const tok = (tk: Tok): Tok => {
    if (file !== undefined) tk.file = file;
    return tk;
  };
  const err = (msg: Msg, text: string): Tok => tok({ t: 'err', v: text, msg, line });
  while (i < n) {
    const c = src.charAt(i);
    if (c === '\n') {
      line++;
      i++;
      lineStart = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    const atLineStart = lineStart;
    lineStart = false;
    if (c === '/' && src[i + 1] === '*') {
      const e = src.indexOf('*/', i + 2);
      const stop = e < 0 ? n : e + 2;
      const at = line;
      for (let k = i; k < stop; k++) if (src.charCodeAt(k) === 10) line++;
      if (e < 0) {
        yield tok({ t: 'err', v: '/*', msg: m('dts.comment-open'), line: at });
        break;
      }
      i = stop;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '#' && atLineStart) {
      const r = LINE_MARKER.exec(src.slice(i, i + 4200));
      if (r) {
        // the marker names the file and number of the *next* line; we keep the file only
        file = (r[2] ?? '').replace(/\\(.)/g, '$1');
        i += r[0].length;
        continue;
      }
    }
    // preprocessor lines: #include, #define, #if… (not #address-cells: no space after #)
    if (
      c === '#' &&
      inCells === 0 &&
      /^#\s*(include|define|undef|ifdef|ifndef|if|else|elif|endif|pragma|error|warning)\b/.test(src.slice(i, i + 12))
    ) {
      let e = src.indexOf('\n', i);
      if (e < 0) e = n;
      yield tok({ t: 'cpp', v: src.slice(i, e).trim(), line });
      i = e;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let s = '';
      let open = false;
      while (j < n && src[j] !== '"') {
        if (src[j] === '\\' && j + 1 < n && src[j + 1] !== '\n') {
          // dtc's get_escape_char(): \0 (octal), \x41, \n …; `dtc -O dts` writes "a\0b" for a string list
          const r = /^\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/.exec(src.slice(j, j + 5));
          const e = r?.[1] ?? src.charAt(j + 1);
          s += String.fromCharCode(charValue(`\\${e}`));
          j += 1 + e.length;
        } else if (src[j] === '\n') {
          open = true;
          break;
        } else {
          s += src.charAt(j);
          j++;
        }
      }
      if (open || j >= n) {
        yield err(m(open ? 'dts.string-open-line' : 'dts.string-open'), '"');
        i = j;
        continue;
      }
      yield tok({ t: 'str', v: s, line });
      i = j + 1;
      continue;
    }
    if (c === "'" && (inCells > 0 || memreserve)) {
      const r = /^'(\\x[0-9a-fA-F]{1,2}|\\[0-7]{1,3}|\\.|[^\\'\n])'/.exec(src.slice(i, i + 8));
      if (!r || r[1] === undefined) {
        yield err(m('dts.bad-char'), "'");
        i++;
        continue;
      }
      yield tok({ t: 'num', v: BigInt(charValue(r[1])), line });
      i += r[0].length;
      continue;
    }
    if (c === '/' && inCells === 0) {
      const r = /^\/(dts-v1|plugin|memreserve|delete-node|delete-property|bits|omit-if-no-ref|include|incbin)\//.exec(src.slice(i, i + 20));
      if (r && r[1] !== undefined) {
        yield tok({ t: 'kw', v: r[1], line });
        if (r[1] === 'memreserve') memreserve = true;
        i += r[0].length;
        continue;
      }
    }
    if (c === '&') {
      if (src[i + 1] === '{') {
        const e = src.indexOf('}', i);
        const nl = src.indexOf('\n', i);
        if (e < 0 || (nl >= 0 && nl < e)) {
          yield err(m('dts.path-ref-open'), '&{');
          i += 2;
          continue;
        }
        yield tok({ t: 'ref', v: src.slice(i + 2, e), line });
        i = e + 1;
        continue;
      }
      const r = /^&([a-zA-Z_][a-zA-Z0-9_]*)/.exec(src.slice(i, i + 200));
      if (r && r[1] !== undefined) {
        yield tok({ t: 'ref', v: r[1], line });
        i += r[0].length;
        continue;
      }
    }
    if ((inCells > 0 || memreserve) && /[0-9]/.test(c)) {
      const r = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)([uUlL]*)(?![\w])/.exec(src.slice(i, i + 60));
      if (!r || r[1] === undefined) {
        const w = /^\w+/.exec(src.slice(i, i + 60))?.[0] ?? c;
        yield err(m('dts.bad-number'), w);
        i += w.length;
        continue;
      }
      const lit = r[1];
      const v = /^0[xX]/.test(lit) ? BigInt(lit) : lit.length > 1 && lit[0] === '0' ? BigInt(`0o${lit.slice(1)}`) : BigInt(lit);
      if (v > 0xffffffffffffffffn) yield err(m('dts.number-range', { text: lit }), lit);
      else yield tok({ t: 'num', v, line });
      i += r[0].length;
      continue;
    }
    if ((inCells > 0 || memreserve) && /[a-zA-Z_]/.test(c)) {
      // an unexpanded cpp macro: GIC_SPI, IRQ_TYPE_LEVEL_HIGH, SZ_1M
      const w = /^[a-zA-Z_]\w*/.exec(src.slice(i, i + 200))?.[0] ?? c;
      yield tok({ t: 'id', v: w, line });
      i += w.length;
      continue;
    }
    if (inCells === 0 && !memreserve && NAME_CH.test(c)) {
      let j = i;
      while (j < n && NAME_CH.test(src.charAt(j))) j++;
      const word = src.slice(i, j);
      if (word === ',') {
        // a comma between values, not a name
        yield tok({ t: 'p', v: ',', line });
        i = j;
        continue;
      }
      if (src[j] === ':' && /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(word)) {
        yield tok({ t: 'label', v: word, line });
        i = j + 1;
      } else {
        yield tok({ t: 'id', v: word, line });
        i = j;
      }
      continue;
    }
    const two = src.slice(i, i + 2);
    if ((inCells > 0 || memreserve) && OPS.includes(two)) {
      yield tok({ t: 'p', v: two, line });
      i += 2;
      continue;
    }
    if ('{};=,<>[]()+-*/%&|^~!?:'.includes(c)) {
      if (c === ';' || c === '{' || c === '}') {
        if (c === ';') memreserve = false;
        inCells = 0;
        parens = 0;
      }
      if (inCells > 0 && c === '(') parens++;
      if (inCells > 0 && c === ')' && parens > 0) parens--;
      if (c === '<' && !memreserve && parens === 0) inCells++;
      if (c === '>' && inCells > 0 && parens === 0) inCells--;
      yield tok({ t: 'p', v: c, line });
      i++;
      continue;
    }
    yield err(m('dts.unexpected-char', { char: JSON.stringify(c) }), c);
    i++;
  }
  yield { t: 'eof', v: '', line };
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
  /** tokens passed so far: the reader's position */
  protected k = 0;
  /** the token at the position, then those read ahead of it */
  private readonly ahead: Tok[] = [];
  private readonly toks: Iterator<Tok>;
  constructor(toks: Iterable<Tok>) {
    this.toks = toks[Symbol.iterator]();
  }

  peek(o = 0): Tok {
    while (this.ahead.length <= o) {
      const r = this.toks.next();
      if (r.done) break;
      this.ahead.push(r.value);
    }
    return this.ahead[Math.min(o, this.ahead.length - 1)] ?? { t: 'eof', v: '', line: 0 };
  }
  /** on to the next token, whatever this one is; the end is never passed */
  protected advance(): void {
    if (this.peek().t === 'eof') return;
    this.ahead.shift();
    this.k++;
  }
  next(): Tok {
    const tk = this.peek();
    if (tk.t === 'err') throw new DtsSyntaxError(tk.msg, tk.line);
    this.advance();
    return tk;
  }
  expect(v: string): Tok {
    const tk = this.next();
    if (tk.t !== 'p' || tk.v !== v) throw new DtsSyntaxError(m('dts.expected', { want: v, found: describeTok(tk) }), tk.line, macroOf(tk));
    return tk;
  }
  isP(v: string, o = 0): boolean {
    const tk = this.peek(o);
    return tk.t === 'p' && tk.v === v;
  }
}

/** the macro name when a token is a word where a number or value was due */
export const macroOf = (tk: Tok): string | undefined => (tk.t === 'id' && /^[A-Za-z_]\w*$/.test(tk.v) ? tk.v : undefined);
