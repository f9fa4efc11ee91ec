/**
 * The model's own words — labels, formulas, rules, notes, check explanations and
 * diagnostics — are typed messages, not strings: `m('line.unaccounted')` or
 * `m('formula.unaccounted', { total, free, user, kernel })`. The model stores the key
 * and the parameters; the CLI renders them in English, the page in the reader's
 * language. Behaviour never looks at the rendered text.
 *
 * Each area keeps its English and Chinese side by side (`messages(en, zh)`, in the
 * format's folder or next to the model code); `./index.ts` joins them into the two
 * catalogues. The compiler checks that every English message has a Chinese one taking
 * the same parameters.
 */
import type { EN } from './index';

/**
 * A message as data. Templates that quote another message take it as an `AnyMsg` (a
 * message's type cannot name the catalogue it belongs to without going round in a
 * circle); `m()` is still what builds it.
 */
export interface AnyMsg {
  readonly key: string;
  readonly params?: unknown;
}

/** renders a nested message in the same language (for messages that quote others) */
export type Render = (msg: AnyMsg) => string;

type En = typeof EN;
export type MsgKey = keyof En & string;
export type MsgParams = { [K in MsgKey]: Parameters<En[K]>[0] };

/** one message: a key and the parameters its template takes (a union over every key) */
export type Msg<K extends MsgKey = MsgKey> = { [P in K]: { readonly key: P; readonly params: MsgParams[P] } }[K];

/** the messages whose keys share a prefix: `Msg<KeysOf<'missing.'>>` is what to add */
export type KeysOf<Prefix extends string> = Extract<MsgKey, `${Prefix}${string}`>;
/** what the model decided or could not do while building or analysing */
export type Note = Msg<KeysOf<'note.'>>;
/** an input that would explain more, and what it would explain */
export type Missing = Msg<KeysOf<'missing.'>>;

/** a language: a template for every message */
export type Catalogue = { readonly [K in MsgKey]: (p: MsgParams[K], t: Render) => string };

/** Builds a message. Templates without parameters take none: `m('line.dram')`. */
export function m<K extends MsgKey>(key: K, ...params: Parameters<En[K]> extends [] ? [] : [MsgParams[K]]): Msg<K> {
  // the one cast of the catalogue: the rest tuple above is what ties `params` to `key`
  return { key, params: params[0] } as Msg<K>;
}

/** Renders a message with a catalogue; a key the catalogue lacks renders as itself. */
export function render(msg: AnyMsg, cat: Catalogue): string {
  if (!Object.hasOwn(cat, msg.key)) return msg.key;
  // the catalogue's templates seen as one table: `m()` made the params fit the key
  const template = (cat as unknown as Record<string, (p: unknown, t: Render) => string>)[msg.key];
  return template ? visible(template(msg.params, (inner) => render(inner, cat))) : msg.key;
}

/**
 * Text from an input made safe to show: bidirectional controls (which reorder what is
 * displayed: `/lib/\u202eos.46x_68x-bil` shows as `/lib/lib-x86_x64.so`), other control
 * characters and zero-width characters are written as `\u{…}` escapes.
 */
export function visible(s: string): string {
  return s.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g,
    (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`,
  );
}

/**
 * One area's messages: the English templates and their Chinese twins. The Chinese side
 * must have the same keys, and each template takes the English one's parameters.
 */
export function messages<E extends Record<string, (p: never, t: Render) => string>>(
  en: E,
  zh: { [K in keyof E]: (p: Parameters<E[K]>[0], t: Render) => string },
): { en: E; zh: { [K in keyof E]: (p: Parameters<E[K]>[0], t: Render) => string } } {
  return { en, zh };
}

/** `"text"`, cut at `max` characters: how diagnostics quote an input line */
export function quote(s: string, max = 80): string {
  const t = s.length > max ? `${s.slice(0, max - 1)}…` : s;
  return JSON.stringify(t);
}
