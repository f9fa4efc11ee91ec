/**
 * A forward-only line cursor over one input string.
 *
 * Parsers scan by index: no array of every line is built, no per-line regex is
 * needed to find line ends. `\r\n` and `\n` both end a line; a `\r` at either end of a
 * line is not part of it (serial consoles print `\r\n\r`). Line numbers are 1-based, counted in the original input.
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
    let le = nl;
    while (le > pos && this.text.charCodeAt(le - 1) === 13) le--;
    // serial captures end lines with `\r\n\r`: the stray `\r` opens the next line
    while (this.ls < le && this.text.charCodeAt(this.ls) === 13) this.ls++;
    this.le = le;
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
