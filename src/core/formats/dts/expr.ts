/**
 * Integer expressions in cells and `/memreserve/`, after dtc-parser.y: literals and
 * parenthesised C expressions (`<0 (0x40000000 + 0x1000)>`), with C's precedence and
 * 64-bit unsigned arithmetic (`uint64_t`), as dtc evaluates them: `?:` (right to left),
 * `|| && | ^ &`, `== !=`, `< > <= >=`, `<< >>` (a shift by 64 or more gives 0), `+ -`,
 * `* / %` (by zero: an error), unary `- ~ !`. The cell width is applied by the caller
 * (./tree.ts), with dtc's rule for when truncation is worth a warning. A sum, product or
 * shift that passes 2^64 is kept as dtc keeps it (the low 64 bits) and said.
 *
 * The reader recurses once per parenthesis, unary operator and `?:`: nesting deeper than
 * MAX_EXPR_DEPTH is refused (dtc's bison stack stops at 10 000), so a hostile
 * `((((…))))` costs its property, not the stack.
 */
import { type Msg, m } from '../../messages/catalogue';
import { hex } from '../../units';
import { DtsSyntaxError, describeTok, macroOf, type TokenStream } from './lexer';

const U64 = (1n << 64n) - 1n;
/** a real cell expression is a few levels deep */
export const MAX_EXPR_DEPTH = 256;

type Warn = (line: number, msg: Msg) => void;

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

/** a literal or a parenthesised expression (dtc's integer_prim) */
export function primary(ts: TokenStream, warn: Warn, depth = 0): bigint {
  const tk = ts.peek();
  if (tk.t === 'num') {
    ts.next();
    return tk.v;
  }
  if (tk.t === 'p' && tk.v === '(') {
    ts.next();
    const v = expr(ts, warn, 0, depth + 1);
    ts.expect(')');
    return v;
  }
  if (tk.t === 'err') ts.next(); // throws its own message
  const macro = macroOf(tk);
  if (macro !== undefined) throw new DtsSyntaxError(m('dts.macro', { name: macro }), tk.line, macro);
  throw new DtsSyntaxError(m('dts.expected-number', { found: describeTok(tk) }), tk.line);
}

/** `depth`: how many levels of the reader's recursion are open */
function expr(ts: TokenStream, warn: Warn, minPrec: number, depth: number): bigint {
  if (depth > MAX_EXPR_DEPTH) throw new DtsSyntaxError(m('dts.expr-too-deep', { depth: MAX_EXPR_DEPTH }), ts.peek().line);
  let left = unary(ts, warn, depth);
  for (;;) {
    const tk = ts.peek();
    if (tk.t !== 'p') break;
    if (tk.v === '?' && minPrec <= 1) {
      ts.next();
      const a = expr(ts, warn, 0, depth + 1);
      ts.expect(':');
      const b = expr(ts, warn, 1, depth + 1);
      left = left !== 0n ? a : b;
      continue;
    }
    const prec = PREC[tk.v];
    if (prec === undefined || prec < minPrec) break;
    ts.next();
    // one level per step up in precedence: the loop, not the stack, takes a long `1 + 1 + …`
    const right = expr(ts, warn, prec + 1, depth + 1);
    const full = binop(tk.v, left, right, tk.line);
    if (full > U64 && outOfInt64(binop(tk.v, signed(left), signed(right), tk.line)))
      warn(tk.line, m('dts.expr-overflow', { op: tk.v, value: hex(full & U64, 0) }));
    left = full & U64;
  }
  return left;
}

/** `-1 + 1` wraps as unsigned yet is meant as signed: only a result wrong both ways is said */
const signed = (v: bigint): bigint => (v > U64 >> 1n ? v - (U64 + 1n) : v);
const outOfInt64 = (v: bigint): boolean => v > U64 >> 1n || v < -(1n << 63n);

function unary(ts: TokenStream, warn: Warn, depth: number): bigint {
  if (depth > MAX_EXPR_DEPTH) throw new DtsSyntaxError(m('dts.expr-too-deep', { depth: MAX_EXPR_DEPTH }), ts.peek().line);
  const tk = ts.peek();
  if (tk.t === 'p' && (tk.v === '-' || tk.v === '~' || tk.v === '!')) {
    ts.next();
    const v = unary(ts, warn, depth + 1);
    if (tk.v === '-') return -v & U64;
    if (tk.v === '~') return ~v & U64;
    return v === 0n ? 1n : 0n;
  }
  return primary(ts, warn, depth);
}

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
      if (b === 0n) throw new DtsSyntaxError(m('dts.division-by-zero'), line);
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
  throw new DtsSyntaxError(m('dts.operator', { op }), line);
}
