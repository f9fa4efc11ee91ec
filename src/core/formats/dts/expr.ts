/**
 * Integer expressions in cells and `/memreserve/`, after dtc-parser.y: literals and
 * parenthesised C expressions (`<0 (0x40000000 + 0x1000)>`), with C's precedence and
 * 64-bit unsigned arithmetic (`uint64_t`), as dtc evaluates them: `?:` (right to left),
 * `|| && | ^ &`, `== !=`, `< > <= >=`, `<< >>` (a shift by 64 or more gives 0), `+ -`,
 * `* / %` (by zero: an error), unary `- ~ !`. The cell width is applied by the caller
 * (./tree.ts), with dtc's rule for when truncation is worth a warning.
 */
import { m } from '../../messages/catalogue';
import { DtsSyntaxError, describeTok, macroOf, type TokenStream } from './lexer';

const U64 = (1n << 64n) - 1n;

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
export function primary(ts: TokenStream): bigint {
  const tk = ts.peek();
  if (tk.t === 'num') {
    ts.next();
    return tk.v;
  }
  if (tk.t === 'p' && tk.v === '(') {
    ts.next();
    const v = expr(ts, 0);
    ts.expect(')');
    return v;
  }
  if (tk.t === 'err') ts.next(); // throws its own message
  const macro = macroOf(tk);
  if (macro !== undefined) throw new DtsSyntaxError(m('dts.macro', { name: macro }), tk.line, macro);
  throw new DtsSyntaxError(m('dts.expected-number', { found: describeTok(tk) }), tk.line);
}

function expr(ts: TokenStream, minPrec: number): bigint {
  let left = unary(ts);
  for (;;) {
    const tk = ts.peek();
    if (tk.t !== 'p') break;
    if (tk.v === '?' && minPrec <= 1) {
      ts.next();
      const a = expr(ts, 0);
      ts.expect(':');
      const b = expr(ts, 1);
      left = left !== 0n ? a : b;
      continue;
    }
    const prec = PREC[tk.v];
    if (prec === undefined || prec < minPrec) break;
    ts.next();
    const right = expr(ts, prec + 1);
    left = binop(tk.v, left, right, tk.line) & U64;
  }
  return left;
}

function unary(ts: TokenStream): bigint {
  const tk = ts.peek();
  if (tk.t === 'p' && (tk.v === '-' || tk.v === '~' || tk.v === '!')) {
    ts.next();
    const v = unary(ts);
    if (tk.v === '-') return -v & U64;
    if (tk.v === '~') return ~v & U64;
    return v === 0n ? 1n : 0n;
  }
  return primary(ts);
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
