/**
 * What a parser says about its input: every line it could not read, and what it
 * assumed. A diagnostic carries a typed message (rendered in the reader's language by
 * the page) and its English text (for the CLI's JSON and for tests).
 */
import { type Msg, m, quote, render } from '../messages/catalogue';
import { EN } from '../messages/index';
import type { UnreadKind } from './unread';

/**
 * `error`: a line of a dump ramledger reads that it could not read (malformed, cut off);
 * `unread`: text ramledger does not read (yet) — another file, a bootloader's output,
 * prose — nothing wrong with it; `warning`: read, with an assumption worth checking;
 * `info`: what was assumed or left out, for the record.
 */
export type Severity = 'error' | 'unread' | 'warning' | 'info';

export interface Diagnostic {
  /** 1-based line in the input this came from (0 = the input as a whole) */
  line: number;
  severity: Severity;
  msg: Msg;
  /** `msg` in English */
  message: string;
}

export const diagnostic = (line: number, severity: Severity, msg: Msg): Diagnostic => ({ line, severity, msg, message: render(msg, EN) });

export class Diagnostics {
  readonly list: Diagnostic[] = [];
  /** lines not understood, reported one by one up to this cap, then counted */
  private notUnderstood = 0;
  constructor(private readonly cap = 1000) {}

  add(line: number, severity: Severity, msg: Msg): void {
    this.list.push(diagnostic(line, severity, msg));
  }

  /** a line nobody could read: always reported (listed up to the cap, then summarised) */
  unknown(line: number, text: string, why: Msg = m('diag.not-understood')): void {
    this.notUnderstood++;
    if (this.notUnderstood <= this.cap) this.add(line, 'error', m('diag.unread', { why, text: quote(text) }));
  }

  /** a run of lines no format reads: one diagnostic naming what it looks like */
  unread(from: number, to: number, first: string, kind: UnreadKind): void {
    this.add(from, 'unread', m('diag.unread-run', { from, to, count: to - from + 1, kind, first: quote(first) }));
  }

  finish(): Diagnostic[] {
    if (this.notUnderstood > this.cap) this.add(0, 'error', m('diag.more-unread', { more: this.notUnderstood - this.cap, cap: this.cap }));
    return this.list;
  }
}
