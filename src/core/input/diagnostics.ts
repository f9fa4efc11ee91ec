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
  /** per message key, for addCapped: how many were listed, and the rest counted */
  private readonly kinds = new Map<
    string,
    { listed: number; more: number; from: number; to: number; severity: Severity; last: Msg; cap: number }
  >();
  constructor(private readonly cap = 1000) {}

  add(line: number, severity: Severity, msg: Msg): void {
    this.list.push(diagnostic(line, severity, msg));
  }

  /** a line nobody could read: always reported (listed up to the cap, then summarised) */
  unknown(line: number, text: string, why: Msg = m('diag.not-understood')): void {
    this.notUnderstood++;
    if (this.notUnderstood <= this.cap) this.add(line, 'error', m('diag.unread', { why, text: quote(text) }));
  }

  /**
   * A diagnostic that may come once per line (an unknown field, a note after a line):
   * the first `cap` of each kind (message key) are listed, the rest counted with the lines
   * they span, in one diagnostic at the end. A million alike lines stay a few hundred.
   */
  addCapped(line: number, severity: Severity, msg: Msg, cap = 100): void {
    const kind = this.kinds.get(msg.key) ?? { listed: 0, more: 0, from: line, to: line, severity, last: msg, cap };
    this.kinds.set(msg.key, kind);
    if (kind.listed < cap) {
      kind.listed++;
      kind.last = msg;
      this.add(line, severity, msg);
      return;
    }
    if (kind.more === 0) kind.from = line;
    kind.more++;
    kind.to = line;
  }
  /** a run of lines no format reads: one diagnostic naming what it looks like */
  unread(from: number, to: number, first: string, kind: UnreadKind): void {
    this.add(from, 'unread', m('diag.unread-run', { from, to, count: to - from + 1, kind, first: quote(first) }));
  }

  /**
   * Takes in, in order, what another (unfinished) set said about the text that follows
   * this one's: the caps apply across both, so a text read in parts (on several threads)
   * says what it says read whole. `other` may be a structured clone (no prototype).
   */
  absorb(other: Diagnostics): void {
    type Kind = { listed: number; more: number; from: number; to: number; severity: Severity; last: Msg; cap: number };
    const o = other as unknown as { list: Diagnostic[]; notUnderstood: number; kinds: Map<string, Kind> };
    let listedUnknown = 0;
    for (const d of o.list) {
      if (d.msg.key === 'diag.unread') {
        listedUnknown++;
        this.notUnderstood++;
        if (this.notUnderstood <= this.cap) this.list.push(d);
      } else {
        const kind = o.kinds.get(d.msg.key);
        if (kind) this.addCapped(d.line, d.severity, d.msg, kind.cap);
        else this.list.push(d);
      }
    }
    this.notUnderstood += o.notUnderstood - listedUnknown;
    for (const [key, k] of o.kinds) {
      if (k.more === 0) continue;
      const mine = this.kinds.get(key) ?? { ...k, listed: 0, more: 0 };
      this.kinds.set(key, mine);
      // what the other counted is past its cap, so past this one's too
      if (mine.more === 0) mine.from = k.from;
      mine.more += k.more;
      mine.to = k.to;
    }
  }

  finish(): Diagnostic[] {
    for (const k of this.kinds.values())
      if (k.more > 0)
        this.add(k.from, k.severity, m('diag.more-of-kind', { count: k.more, from: k.from, to: k.to, like: k.last, cap: k.listed }));
    this.kinds.clear();
    if (this.notUnderstood > this.cap) this.add(0, 'error', m('diag.more-unread', { more: this.notUnderstood - this.cap, cap: this.cap }));
    return this.list;
  }
}
