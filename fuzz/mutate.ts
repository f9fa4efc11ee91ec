/**
 * Grammar-aware mutations of real dumps. Most inputs stay close to something a parser
 * reads (a line duplicated, a number made huge, a unit swapped, another format spliced
 * in), because that is where parsers reach odd states; a few are plain random bytes.
 */
import type { Rng } from './rng';

/** an input as the fuzzer sends it: bytes, and the file name it came with */
export interface Seed {
  /** the fixture it came from, for reports */
  from: string;
  /** the name it is parsed under (the name gives a hint: memblock/reserved, /proc/1/smaps) */
  name: string;
  bytes: Uint8Array;
}

/** no input grows past this (a line repeated 10 000 times, a 100 KB line): the budget is per input */
export const MAX_INPUT_BYTES = 1024 * 1024;

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: false });

const NUMBERS = [
  '0',
  '-1',
  '-0',
  '1',
  '9007199254740993', // 2^53 + 1
  '18446744073709551616', // 2^64
  '18446744073709551615',
  '4294967295',
  '4294967296',
  '9'.repeat(400),
  '0x',
  '0xffffffffffffffff',
  '0x10000000000000000',
  '0x7fffffff',
  '00000000000000000000000000001',
  '1.5',
  '1e308',
  'NaN',
  'Infinity',
  '',
];
const UNITS = ['kB', 'KB', 'KiB', 'k', 'K', 'MB', 'MiB', 'M', 'GB', 'G', 'B', 'TB', 'bytes', 'pages', ''];
const NAMES = [
  '<img src=x onerror=alert(1)>',
  '</table><script>x</script>',
  '| a | b |',
  '`x`',
  '[x](javascript:alert(1))',
  '\u202eevil\u202c',
  '\u0000',
  '\u200b',
  '..',
  '"',
  '\\',
  'x'.repeat(300),
];
const STRAYS = [
  '/*',
  '*/',
  '"',
  '{',
  '}',
  '};',
  '<',
  '>',
  '#include "x.dtsi"',
  '/delete-node/ x;',
  '\\',
  ';',
  ':',
  '..',
  '0x',
  '&',
  '&{/',
  '@',
];
const HEADERS = [
  '/proc/meminfo',
  '/proc/1/smaps',
  '/proc/1/status',
  '/sys/kernel/debug/memblock/reserved',
  '/sys/kernel/debug/memblock/memory',
  '<b>x</b>',
  '',
  ' ',
  'a <== b',
];
const PROMPTS = ['root@OpenWrt:~# cat /proc/meminfo', '# free -m', '$ cat /proc/1/smaps', 'root@x:/# dmesg | grep -i memory', '/ # '];
const SPECIALS = [
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u202e',
  '\u2066',
  '\u200f',
  '\ufeff',
  '\u2028',
  '\r',
  '\t',
  '\v',
  '\f',
  '\ud800',
  '\uffff',
  '😀',
];

/**
 * How big the blow-ups of one input get. Huge inputs (a line repeated 10 000 times, a
 * 100 KB line, 20 000 levels of nesting) take a parser a second where a small one takes a
 * millisecond, so they are rare: a few hundred per parser in a full run.
 */
export interface Scale {
  repeat: number;
  lineBytes: number;
  depth: number;
}
const SMALL: Scale = { repeat: 100, lineBytes: 2000, depth: 64 };
const BIG: Scale = { repeat: 1000, lineBytes: 10_000, depth: 1000 };
const HUGE: Scale = { repeat: 10_000, lineBytes: 100_000, depth: 20_000 };

type TextMutator = (lines: string[], r: Rng, others: readonly Seed[], scale: Scale) => string[];

const lineAt = (lines: string[], r: Rng) => r.int(lines.length);
/** `lines` with `xs` inserted at `at` (or removed, `count` of them) */
function splice(lines: string[], at: number, count: number, ...xs: string[]): string[] {
  lines.splice(at, count, ...xs);
  return lines;
}
const room = (lines: string[]) => MAX_INPUT_BYTES - lines.reduce((n, l) => n + l.length + 1, 0);

/** replaces one match of `re` in a random line (tries a few lines) */
function replaceIn(lines: string[], r: Rng, re: RegExp, by: (m: string) => string): string[] {
  for (let tries = 0; tries < 8 && lines.length > 0; tries++) {
    const i = lineAt(lines, r);
    const line = lines[i] ?? '';
    const ms = [...line.matchAll(re)];
    if (ms.length === 0) continue;
    const m = r.pick(ms);
    const at = m.index ?? 0;
    lines[i] = line.slice(0, at) + by(m[0]) + line.slice(at + m[0].length);
    return lines;
  }
  return lines;
}

const hexOrDec = (m: string) => (/^0x/i.test(m) ? BigInt(m.length > 2 ? m : '0').toString(10) : `0x${BigInt(m).toString(16)}`);

const LINE_MUTATORS: TextMutator[] = [
  // duplicate, delete, swap, shuffle
  (l, r) => splice(l, lineAt(l, r), 0, l[lineAt(l, r)] ?? ''),
  (l, r) => splice(l, lineAt(l, r), 1 + r.int(3)),
  (l, r) => {
    const i = lineAt(l, r);
    const j = lineAt(l, r);
    [l[i], l[j]] = [l[j] ?? '', l[i] ?? ''];
    return l;
  },
  (l, r) => {
    const from = lineAt(l, r);
    const to = Math.min(l.length, from + 2 + r.int(20));
    for (let i = to - 1; i > from; i--) {
      const j = from + r.int(i - from + 1);
      [l[i], l[j]] = [l[j] ?? '', l[i] ?? ''];
    }
    return l;
  },
  // a line repeated, up to 10 000 times
  (l, r, _, scale) => {
    const line = l[lineAt(l, r)] ?? '';
    const n = Math.min(1 + r.int(scale.repeat), Math.floor(room(l) / (line.length + 1)));
    if (n > 0) l.splice(lineAt(l, r), 0, ...Array.from({ length: n }, () => line));
    return l;
  },
  // cut mid-line: the rest of the input lost
  (l, r) => {
    const i = lineAt(l, r);
    const line = l[i] ?? '';
    l.length = i + 1;
    l[i] = line.slice(0, r.int(line.length + 1));
    return l;
  },
  // blank lines in odd places
  (l, r) => splice(l, lineAt(l, r), 0, r.pick(['', ' ', '\t', '\r'])),
];

const TOKEN_MUTATORS: TextMutator[] = [
  (l, r) => replaceIn(l, r, /\b(?:0x[0-9a-fA-F]+|\d+)\b/g, () => r.pick(NUMBERS)),
  (l, r) => replaceIn(l, r, /\b(?:0x[0-9a-fA-F]+|\d+)\b/g, hexOrDec),
  // every number of one line
  (l, r) => {
    const i = lineAt(l, r);
    const n = r.pick(NUMBERS);
    l[i] = (l[i] ?? '').replace(/\b(?:0x[0-9a-fA-F]+|\d+)\b/g, n);
    return l;
  },
  (l, r) => replaceIn(l, r, /\b(?:kB|KB|MB|GB|KiB|MiB|[kKMG])\b/g, () => r.pick(UNITS)),
  (l, r) => replaceIn(l, r, /:/g, () => r.pick(['', '::', ' : ', '='])),
  (l, r) => replaceIn(l, r, /[ \t]+/g, () => r.pick(['\t', '', '  ', ' \t ', '\u00a0'])),
  // a whole input's whitespace changed (tabs for spaces, or none)
  (l, r) => {
    const by = r.pick(['\t', '', '   ']);
    return l.map((x) => x.replace(/ +/g, by));
  },
  (l, r) => replaceIn(l, r, /[A-Za-z_][\w.@/-]*/g, () => r.pick(NAMES)),
  (l, r) => replaceIn(l, r, /[-+.,;:=()[\]{}<>]/g, () => r.pick(['', ' ', '..', r.pick(STRAYS)])),
  (l, r) => replaceIn(l, r, /./gu, () => r.pick(SPECIALS)),
];

const STRUCTURE_MUTATORS: TextMutator[] = [
  // lines of another input (often another format) spliced in
  (l, r, others) => {
    const o = dec.decode(r.pick(others).bytes).split('\n');
    const from = r.int(o.length);
    const part = o.slice(from, from + 1 + r.int(30));
    if (part.join('\n').length < room(l)) l.splice(r.int(l.length + 1), 0, ...part);
    return l;
  },
  // another input appended as a bundle member
  (l, r, others) => {
    const o = r.pick(others);
    const text = dec.decode(o.bytes.subarray(0, Math.max(0, room(l) - 200)));
    l.push('', `==> ${o.name} <==`, ...text.split('\n'));
    return l;
  },
  (l, r) => splice(l, r.int(l.length + 1), 0, `==> ${r.pick(HEADERS)} <==`),
  (l, r) => splice(l, r.int(l.length + 1), 0, r.pick(PROMPTS)),
  (l, r) => splice(l, r.int(l.length + 1), 0, r.pick(STRAYS)),
  (l, r) => {
    const i = lineAt(l, r);
    const line = l[i] ?? '';
    const at = r.int(line.length + 1);
    l[i] = line.slice(0, at) + r.pick(STRAYS) + line.slice(at);
    return l;
  },
  // deep nesting, as a device tree would have it
  (l, r, _, scale) => {
    const depth = 1 + r.int(scale.depth);
    const open = r.pick(['a {', 'n@0 {', '/ {', '{']);
    const body = [
      ...Array.from({ length: depth }, () => open),
      'reg = <0x0 0x1000>;',
      ...Array.from({ length: r.chance(0.5) ? depth : r.int(depth) }, () => '};'),
    ];
    if (body.join('\n').length < room(l)) l.splice(r.int(l.length + 1), 0, ...body);
    return l;
  },
  // a long line, up to 100 KB
  (l, r, _, scale) => {
    const i = lineAt(l, r);
    const unit = r.pick([l[i] ?? 'x', '0x1000 ', 'a', ' ', '<0x0 0x1000> ', '00 ']);
    const n = Math.min(Math.floor(scale.lineBytes / Math.max(1, unit.length)), Math.floor(room(l) / Math.max(1, unit.length)));
    if (n > 0) l[i] = unit.repeat(n);
    return l;
  },
  // control, bidi and NUL characters inside a line
  (l, r) => {
    const i = lineAt(l, r);
    const line = l[i] ?? '';
    const at = r.int(line.length + 1);
    l[i] = line.slice(0, at) + r.pick(SPECIALS) + line.slice(at);
    return l;
  },
  // line ends: CRLF, the serial console's CR CR LF, or bare CR
  (l, r) => {
    const end = r.pick(['\r', '\r\r', '\n\r']);
    return l.map((x) => x + end);
  },
];

/** byte-level damage: invalid UTF-8, random bytes, flips */
function mutateBytes(b: Uint8Array, r: Rng): Uint8Array {
  const out = Array.from(b);
  const n = 1 + r.int(4);
  for (let k = 0; k < n; k++) {
    const at = r.int(out.length + 1);
    switch (r.int(5)) {
      case 0: // invalid UTF-8: a lone continuation, a cut sequence, an overlong NUL, a surrogate
        out.splice(
          at,
          0,
          ...r.pick([[0x80], [0xc3], [0xe2, 0x82], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xff, 0xfe], [0xf4, 0x90, 0x80, 0x80]]),
        );
        break;
      case 1:
        if (out.length) out[Math.min(at, out.length - 1)] = r.int(256);
        break;
      case 2:
        if (out.length) out[Math.min(at, out.length - 1)] = (out[Math.min(at, out.length - 1)] ?? 0) ^ (1 << r.int(8));
        break;
      case 3:
        out.splice(at, 0, ...Array.from({ length: 1 + r.int(16) }, () => r.int(256)));
        break;
      default:
        out.splice(at, 1 + r.int(16));
    }
  }
  return Uint8Array.from(out);
}

/** a device-tree blob's header and structure words set to hostile values, or the blob cut */
function mutateBlob(b: Uint8Array, r: Rng): Uint8Array {
  const out = Uint8Array.from(b);
  const view = new DataView(out.buffer);
  const n = 1 + r.int(3);
  for (let k = 0; k < n; k++) {
    const words = out.length >> 2;
    if (words === 0) break;
    // the header (10 words) most of the time: offsets and sizes point anywhere
    const w = r.chance(0.6) ? r.int(Math.min(10, words)) : r.int(words);
    const v = r.pick([0, 1, 0xffffffff, 0x7fffffff, 0x80000000, out.length, out.length + 1, out.length - 4, 3, 9, 0x10, r.u32()]);
    view.setUint32(w * 4, v >>> 0);
  }
  if (r.chance(0.2)) return out.subarray(0, r.int(out.length + 1));
  if (r.chance(0.2)) return mutateBytes(out, r);
  return out;
}

const isBlob = (b: Uint8Array) => b.length >= 4 && b[0] === 0xd0 && b[1] === 0x0d && b[2] === 0xfe && b[3] === 0xed;

/** one mutated input from `seed`; `others` are spliced from */
export function mutate(seed: Seed, others: readonly Seed[], r: Rng): Uint8Array {
  if (r.chance(0.02)) return Uint8Array.from({ length: r.int(4096) }, () => r.int(256));
  if (isBlob(seed.bytes)) return mutateBlob(seed.bytes, r);
  let lines = dec.decode(seed.bytes).split('\n');
  const scale = r.chance(0.002) ? HUGE : r.chance(0.03) ? BIG : SMALL;
  const n = 1 + r.int(r.chance(0.3) ? 8 : 3);
  for (let k = 0; k < n; k++) {
    const kind = r.int(10);
    const list = kind < 4 ? TOKEN_MUTATORS : kind < 7 ? LINE_MUTATORS : STRUCTURE_MUTATORS;
    lines = r.pick(list)(lines, r, others, scale);
  }
  let bytes = enc.encode(lines.join('\n'));
  if (bytes.length > MAX_INPUT_BYTES) bytes = bytes.subarray(0, MAX_INPUT_BYTES);
  return r.chance(0.05) ? mutateBytes(bytes, r) : bytes;
}
