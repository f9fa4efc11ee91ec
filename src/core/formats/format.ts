/**
 * The contract of an input format. A format is one module (a folder where it has parts)
 * made with `defineFormat`: its id, how it recognises the first line of its text, how
 * it parses, what it adds to the snapshot, and sample lines its recogniser claims. The
 * registry (`./registry.ts`) lists every format with its priority and the reason for it;
 * the `Segment` union and the snapshot's dispatch are derived from that list, so a
 * format without `merge` does not compile. See docs/architecture.md, "Formats".
 */
import type { Cursor } from '../input/cursor';
import type { Diagnostics } from '../input/diagnostics';
import type { SnapshotBuilder } from '../model/builder';

export interface ParseContext {
  /** name of the input (file path or "pasted text") */
  readonly source: string;
  readonly diag: Diagnostics;
  /** path or command this text came with (`/proc/123/smaps`, `cat /proc/meminfo`) */
  readonly hint: string | undefined;
  /**
   * True when `line` starts some input other than the one being parsed: a
   * `==> path <==` header, a shell prompt, or another format's first line. A parser
   * stops before such a line instead of reporting it.
   */
  isBoundary(line: string): boolean;
}

/** where a segment lies in its input */
export interface SegmentAt {
  /** the input's name */
  source: string;
  firstLine: number;
  lastLine: number;
  /** the path or command this text came with */
  hint?: string;
}

/** one run of lines read by one format */
export interface SegmentOf<Id extends string, Data> {
  format: Id;
  firstLine: number;
  lastLine: number;
  hint?: string;
  data: Data;
}

export interface FormatDef<Id extends string, Data> {
  id: Id;
  /**
   * Does this line start this format's text? Cheap, one line (CR already stripped), and
   * it must not claim another format's samples (tests/registry.test.ts checks).
   */
  starts(line: string): boolean;
  /**
   * Reads from the cursor's current line up to, not including, the first line it cannot
   * take that is a boundary, and leaves the cursor there. Every line it skips without
   * using is reported through `ctx.diag`.
   */
  parse(cur: Cursor, ctx: ParseContext): Data;
  /**
   * Adds one segment's data to the snapshot being built. (A property, not a method, so
   * the compiler checks its parameter strictly: it must take whatever `parse` returns.)
   */
  merge: (b: SnapshotBuilder, data: Data, at: SegmentAt) => void;
  /** runs once after every segment is merged (formats that settle things across inputs) */
  finish?: (b: SnapshotBuilder) => void;
  /** lines this format's recogniser claims and no other format's does */
  samples: readonly string[];
}

export interface FormatModule<Id extends string, Data> extends FormatDef<Id, Data> {
  /** parses and wraps the data as this format's segment */
  read(cur: Cursor, ctx: ParseContext, firstLine: number, hint: string | undefined): SegmentOf<Id, Data>;
}

export function defineFormat<Id extends string, Data>(def: FormatDef<Id, Data>): FormatModule<Id, Data> {
  return {
    ...def,
    read(cur, ctx, firstLine, hint) {
      const data = def.parse(cur, ctx);
      const seg: SegmentOf<Id, Data> = { format: def.id, firstLine, lastLine: cur.line - 1, data };
      if (hint !== undefined) seg.hint = hint;
      return seg;
    },
  };
}
