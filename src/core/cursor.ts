/**
 * A forward-only line cursor over one input string.
 *
 * Parsers scan by index: no array of every line is built, no per-line regex is
 * needed to find line ends. `\r\n` and `\n` both end a line; the `\r` is not part of
 * the line. Line numbers are 1-based, counted in the original input.
 */
export class Cursor {
  /** start of the current line */
  ls = 0;
  /** end of the current line, excluding `\r` / `\n` */
  le = 0;
  /** start of the next line */
  next = 0;
  /** 1-based number of the current line */
  line: number;

  constructor(
    readonly text: string,
    pos = 0,
    line = 1,
    readonly end = text.length,
  ) {
    this.line = line;
    this.load(pos);
  }

  private load(pos: number): void {
    this.ls = pos;
    if (pos >= this.end) {
      this.le = this.next = this.end;
      return;
    }
    let nl = this.text.indexOf('\n', pos);
    if (nl < 0 || nl >= this.end) nl = this.end;
    this.next = nl < this.end ? nl + 1 : nl;
    this.le = nl > pos && this.text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
  }

  get done(): boolean {
    return this.ls >= this.end;
  }

  /** the current line as a string (allocates a slice) */
  get str(): string {
    return this.text.slice(this.ls, this.le);
  }

  advance(): void {
    this.line++;
    this.load(this.next);
  }

  /** true when the current line holds only whitespace */
  get blank(): boolean {
    const t = this.text;
    for (let i = this.ls; i < this.le; i++) {
      const c = t.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 12 && c !== 11) return false;
    }
    return true;
  }
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** 1-based line in the input this came from (0 = the input as a whole) */
  line: number;
  severity: Severity;
  message: string;
}

export class Diagnostics {
  readonly list: Diagnostic[] = [];
  /** lines not understood, reported one by one up to this cap, then counted */
  private notUnderstood = 0;
  constructor(private readonly cap = 1000) {}

  add(line: number, severity: Severity, message: string): void {
    this.list.push({ line, severity, message });
  }

  /** a line nobody could read: always reported (listed up to the cap, then summarised) */
  unknown(line: number, text: string, why = 'line not understood'): void {
    this.notUnderstood++;
    if (this.notUnderstood <= this.cap) {
      this.list.push({ line, severity: 'error', message: `${why}: ${quote(text)}` });
    }
  }

  finish(): Diagnostic[] {
    if (this.notUnderstood > this.cap) {
      this.list.push({
        line: 0,
        severity: 'error',
        message: `${this.notUnderstood - this.cap} more lines not understood (only the first ${this.cap} are listed)`,
      });
    }
    return this.list;
  }
}

export function quote(s: string, max = 80): string {
  const t = s.length > max ? `${s.slice(0, max - 1)}…` : s;
  return JSON.stringify(t);
}
