/**
 * Name patterns of a budget (`"processes": "node*"` or `"/^kworker/"`). A budget file is
 * untrusted, and a pattern runs against every process name: it must not be able to hang.
 * A glob is matched by a loop that does at most (name + pattern) × pattern steps, never a
 * backtracking regex. A `/regex/` is held to a subset that cannot backtrack
 * catastrophically: short, no repeated group (`(a+)+`, `(a|aa)*`; `(js)?` is fine), no
 * backreference or lookaround, at most two unbounded quantifiers; and it is tested once
 * per distinct name.
 */

export const PATTERN_LIMITS = {
  /** characters of a glob or a regex (between its slashes) */
  pattern: 100,
  /** `*`, `+` and `{n,}` in one regex */
  unbounded: 2,
  /** the largest count of `{n,m}` */
  repeat: 100,
} as const;

export type PatternProblem = 'too-long' | 'bad-regex' | 'nested-quantifier' | 'backreference' | 'too-many-quantifiers';

export interface NamePattern {
  /** what the budget wrote */
  source: string;
  test(name: string): boolean;
}

/** work done by glob matching, counted (tests hold it to a bound; no clock) */
export const globSteps = { n: 0 };

/**
 * `*` any run of characters, `?` one character, everything else itself. The classic
 * two-pointer match: on a mismatch it goes back to just after the last `*` only, so it
 * never explores more than one way at a time.
 */
export function globMatch(glob: string, name: string): boolean {
  let g = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < name.length) {
    globSteps.n++;
    const c = glob[g];
    if (c === '*') {
      star = g++;
      resume = n;
    } else if (c !== undefined && (c === '?' || c === name[n])) {
      g++;
      n++;
    } else if (star >= 0) {
      g = star + 1;
      n = ++resume;
    } else return false;
  }
  while (glob[g] === '*') g++;
  return g === glob.length;
}

/** the first thing that makes a regex unsafe to run on untrusted input, or null */
export function regexProblem(body: string): PatternProblem | null {
  if (body.length > PATTERN_LIMITS.pattern) return 'too-long';
  if (/\\[1-9]|\\k<|\(\?<?[=!]/.test(body)) return 'backreference';
  let unbounded = 0;
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    // a group under a quantifier repeats a choice: the exponential case (`(a+)+`, `(a|aa)*`);
    // an optional group (`(js)?`) is one choice, not a repeated one
    else if (c === ')' && /[*+{]/.test(body[i + 1] ?? '')) return 'nested-quantifier';
    else if (c === '*' || c === '+') unbounded++;
    else if (c === '{') {
      const q = /^\{(\d+)(,(\d*))?\}/.exec(body.slice(i));
      if (!q) continue;
      if (q[2] !== undefined && !q[3]) unbounded++;
      else if (Math.max(Number(q[1]), Number(q[3] ?? 0)) > PATTERN_LIMITS.repeat) return 'too-many-quantifiers';
      i += q[0].length - 1;
    }
  }
  return unbounded > PATTERN_LIMITS.unbounded ? 'too-many-quantifiers' : null;
}

/** a `processes` target as a pattern, or why it is refused */
export function namePattern(source: string): NamePattern | { problem: PatternProblem } {
  const re = /^\/(.*)\/([imsu]*)$/s.exec(source);
  if (!re) {
    if (source.length > PATTERN_LIMITS.pattern) return { problem: 'too-long' };
    return { source, test: (name) => globMatch(source, name) };
  }
  const body = re[1] ?? '';
  const problem = regexProblem(body);
  if (problem) return { problem };
  let regex: RegExp;
  try {
    regex = new RegExp(body, re[2]);
  } catch {
    return { problem: 'bad-regex' };
  }
  return { source, test: (name) => regex.test(name) };
}
