import type { Cursor, Diagnostics } from '../cursor';
import type { Format } from '../types';

export interface ParseContext {
  /** name of the input (file path or "pasted text") */
  source: string;
  diag: Diagnostics;
  /** path or command this text came with (`/proc/123/smaps`, `cat /proc/meminfo`) */
  hint?: string;
  /**
   * True when `line` starts some input other than the one being parsed: a
   * `==> path <==` header, a shell prompt, or another format's first line. A parser
   * stops before such a line instead of reporting it.
   */
  isBoundary(line: string, current: Format): boolean;
}

/**
 * One entry of the registry. `starts` looks at one line (already stripped of CR);
 * `parse` reads from the cursor's current line up to, not including, the first line
 * it cannot take that is a boundary, and leaves the cursor there.
 */
export interface LineParser<T> {
  format: Format;
  starts(line: string): boolean;
  parse(cur: Cursor, ctx: ParseContext): T;
}
