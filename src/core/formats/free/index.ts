/**
 * `free` output — procps-ng `src/free.c` (formerly `free.c`) and busybox `procps/free.c`.
 *
 *   procps-ng ≥ 3.3.10, busybox ≥ 1.30:
 *                 total        used        free      shared  buff/cache   available
 *   Mem:         230856      146008       50364         836       34484       58128
 *   Swap:             0           0           0
 *   older procps, older busybox:
 *                total       used       free     shared    buffers     cached
 *   Mem:       8056380    7638548     417832          0     292192    5263632
 *   -/+ buffers/cache:    2082724    5973656
 *   Swap:      2097148          0    2097148
 *   `-w` splits buff/cache into `buffers` and `cache`; `-t` adds `Total:`; `-l` adds
 *   `Low:`/`High:`; `-v` adds `Comm:` (CommitLimit, Committed_AS); `-s`/`-c` repeat the
 *   table (each repetition is an output of its own); busybox of 2004 prints `total used
 *   free shared buffers` and `Total:`.
 *
 * Units: the text does not say which unit plain numbers are in. `-b/-k/-m/-g/--tebi`
 * and `--kilo/--mega/--giga/--tera` (powers of 1000, like `--si` with any of them) come
 * from the command line when the paste carries it (the prompt line or a path hint).
 * Without it the numbers decide: every value the kernel gives is a whole number of 4 KiB
 * pages, so in KiB each is a multiple of 4, and in bytes a multiple of 4096; `-m` and
 * `-g` values are not. Where that cannot tell (all zero, too few values), the size of
 * `total` does, and the diagnostic says which unit was read and why; the model then
 * compares `total` with `MemTotal` and rescales when another unit fits (`finish`).
 * `-h` prints suffixed values (`7.7Gi`, `230M`, `0B`), read as binary units unless
 * `--si` is on the command line.
 */
import { m } from '../../messages/catalogue';
import { exactInt } from '../../units';
import { defineFormat } from '../format';

export type FreeUnit = 'B' | 'KiB' | 'MiB' | 'GiB' | 'TiB' | 'human';

export interface FreeRow {
  /** `Mem`, `Swap`, `Low`, `High`, `Total`, `-/+ buffers/cache` */
  label: string;
  /** column name → KiB (rounded values stay as read when the unit was coarse) */
  values: Record<string, number>;
  line: number;
}

export type FreeLayout = 'buff/cache' | 'buffers+cached' | 'buffers+cache (-w)' | 'busybox-2004' | 'other';

export interface FreeOutput {
  columns: string[];
  /** the unit the numbers were printed in; KiB values are converted from it */
  unit: FreeUnit;
  /** powers of 1000 (`--si`, `--kilo`, `--mega`, …): `KiB` then means kB, `MiB` MB */
  si: boolean;
  /** how the unit was known: the command line, suffixes (`-h`), or the numbers */
  unitFrom: 'command' | 'suffix' | 'numbers';
  /** the printed precision in KiB (1 for -k, 1024 for -m, …) */
  precisionKiB: number;
  layout: FreeLayout;
  rows: FreeRow[];
}

const HEADER = /^\s*total\s+used\s+free(\s+\S+)*\s*$/;
const ROW = /^\s*(Mem|Swap|Total|Low|High|Comm|-\/\+ buffers\/cache|-\/\+ buffers):\s*(.*)$/;

type PlainUnit = Exclude<FreeUnit, 'human'>;
const POWER: Record<PlainUnit, number> = { B: 0, KiB: 1, MiB: 2, GiB: 3, TiB: 4 };

/** KiB in one printed unit */
export function unitKiB(unit: PlainUnit, si: boolean): number {
  return (si ? 1000 : 1024) ** POWER[unit] / 1024;
}

/**
 * The unit of plain numbers printed without a command line. Values of the kernel are
 * whole pages: multiples of 4 in KiB, of 4096 in bytes; -m/-g values are not.
 */
export function unitFromNumbers(values: number[]): { unit: PlainUnit; why: 'pages' | 'bytes' | 'not-pages' | 'ambiguous' | 'size' } {
  const nonZero = values.filter((v) => v !== 0);
  const total = values.reduce((a, v) => (v > a ? v : a), 0);
  if (nonZero.length >= 2) {
    if (total >= 1 << 24 && nonZero.every((v) => v % 4096 === 0)) return { unit: 'B', why: 'bytes' };
    if (total >= 1024 && nonZero.every((v) => v % 4 === 0)) return { unit: 'KiB', why: 'pages' };
    // under 1024 the same numbers are MiB of a small board or GiB of a server
    if (total < 1024) return { unit: total <= 64 ? 'GiB' : 'MiB', why: 'ambiguous' };
    return { unit: 'MiB', why: 'not-pages' };
  }
  // too few values to tell: by size (a Linux system has more than 16 MiB)
  return { unit: total <= 64 ? 'GiB' : total < 16384 ? 'MiB' : total >= 1 << 32 ? 'B' : 'KiB', why: 'size' };
}

function unitFromCommand(cmd: string | undefined): { unit: FreeUnit; si: boolean } | null {
  // the command `free …`, not a file called free.txt or a path …/free
  if (!cmd || !/(?:^|[\s;|&])free(?:\s|$)/.test(cmd)) return null;
  const si = /--(?:si|kilo|mega|giga|tera|peta)\b/.test(cmd);
  if (/--kilo\b/.test(cmd)) return { unit: 'KiB', si };
  if (/--mega\b/.test(cmd)) return { unit: 'MiB', si };
  if (/--giga\b/.test(cmd)) return { unit: 'GiB', si };
  if (/--tera\b/.test(cmd)) return { unit: 'TiB', si };
  const flags = cmd
    .split(/\s+/)
    .filter((w) => /^-[a-zA-Z]+$/.test(w))
    .join('');
  if (/--human|h/.test(flags) || /--human\b/.test(cmd)) return { unit: 'human', si };
  if (/b/.test(flags) || /--bytes\b/.test(cmd)) return { unit: 'B', si };
  if (/m/.test(flags) || /--mebi\b/.test(cmd)) return { unit: 'MiB', si };
  if (/g/.test(flags) || /--gibi\b/.test(cmd)) return { unit: 'GiB', si };
  if (/--tebi\b/.test(cmd)) return { unit: 'TiB', si };
  return { unit: 'KiB', si };
}

/** `7.7Gi`, `230M`, `0B`, `512K`, `12` → KiB (undefined when not a size, null when too large to be exact) */
function humanToKiB(s: string, si: boolean): { kib: number; precision: number } | null | undefined {
  const r = /^(-?\d+(?:[.,]\d+)?)([BKMGTP]?)(i?)$/.exec(s);
  if (!r || r[1] === undefined) return undefined;
  if (r[1].length > 20) return null;
  const num = Number(r[1].replace(',', '.'));
  const letter = r[2] ?? '';
  const power = ' KMGTP'.indexOf(letter || ' ');
  const base = si && r[3] !== 'i' ? 1000 : 1024;
  const bytesPer = letter === 'B' ? 1 : letter === '' ? 1024 : base ** power;
  const decimals = r[1].split(/[.,]/)[1]?.length ?? 0;
  const kib = (num * bytesPer) / 1024;
  if (!Number.isFinite(kib) || Math.abs(kib) > Number.MAX_SAFE_INTEGER) return null;
  return { kib, precision: (bytesPer / 1024) * 10 ** -decimals };
}

export const free = defineFormat({
  id: 'free',
  starts: (line) => HEADER.test(line),
  parse(cur, ctx): FreeOutput {
    const columns = cur.str.trim().split(/\s+/);
    const fromCmd = unitFromCommand(ctx.hint);
    const si = fromCmd?.si ?? false;
    const layout: FreeLayout = columns.includes('buff/cache')
      ? 'buff/cache'
      : columns.includes('cache')
        ? 'buffers+cache (-w)'
        : columns.includes('cached')
          ? 'buffers+cached'
          : columns.length === 5 && columns[4] === 'buffers'
            ? 'busybox-2004'
            : 'other';
    if (layout === 'other') ctx.diag.add(cur.line, 'warning', m('free.unusual-header', { columns: columns.join(' ') }));
    // values as printed: a plain number, or KiB already for `-h` suffixes
    const read: { label: string; plain: Record<string, number>; human: Record<string, number>; line: number }[] = [];
    let humanPrecision = 0;
    cur.advance();
    for (; !cur.done; cur.advance()) {
      if (cur.blank) continue;
      const line = cur.str;
      // `free -s N` / `-c N` prints the table again: each is an output of its own
      if (HEADER.test(line)) break;
      const r = ROW.exec(line);
      if (!r || r[1] === undefined) {
        if (ctx.isBoundary(line)) break;
        ctx.diag.unknown(cur.line, line);
        continue;
      }
      const label = r[1];
      const words = (r[2] ?? '').trim().split(/\s+/).filter(Boolean);
      const cols = label.startsWith('-/+') ? ['used', 'free'] : columns;
      const plain: Record<string, number> = {};
      const human: Record<string, number> = {};
      let ok = words.length > 0 && words.length <= cols.length;
      let tooLarge = false;
      for (let i = 0; ok && i < words.length; i++) {
        const w = words[i] ?? '';
        const col = cols[i] ?? '';
        // `-h` output is recognised by its suffixes even without the command line
        const h = /^-?\d+(?:[.,]\d+)?[BKMGTP]i?$/.test(w) ? humanToKiB(w, si) : undefined;
        const n = /^-?\d+$/.test(w) ? exactInt(w) : undefined;
        if (h) {
          human[col] = h.kib;
          humanPrecision = Math.max(humanPrecision, h.precision);
        } else if (h === null || n === null) tooLarge = true;
        else if (n !== undefined) plain[col] = n;
        else ok = false;
      }
      if (!ok || tooLarge) {
        ctx.diag.unknown(cur.line, line, tooLarge ? m('free.value-too-large') : m('free.row-misfit', { columns: columns.join(' ') }));
        continue;
      }
      // old procps prints a negative `used` when buffers and cache outgrow it: kept, but said
      if (Object.values(plain).some((v) => v < 0) || Object.values(human).some((v) => v < 0))
        ctx.diag.addCapped(cur.line, 'warning', m('free.value-negative', { label }));
      read.push({ label, plain, human, line: cur.line });
    }
    const anyHuman = read.some((r) => Object.keys(r.human).length > 0);
    let unit: FreeUnit;
    let unitFrom: FreeOutput['unitFrom'];
    if (anyHuman) {
      unit = 'human';
      unitFrom = fromCmd?.unit === 'human' ? 'command' : 'suffix';
    } else if (fromCmd) {
      unit = fromCmd.unit;
      unitFrom = 'command';
    } else {
      const plainValues = read.filter((r) => !r.label.startsWith('-/+')).flatMap((r) => Object.values(r.plain));
      const guess = unitFromNumbers(plainValues);
      unit = guess.unit;
      unitFrom = 'numbers';
      const why = {
        pages: m('free.unit-pages', { unit }),
        bytes: m('free.unit-bytes', { unit }),
        'not-pages': m('free.unit-not-pages', { unit }),
        ambiguous: m('free.unit-ambiguous', { unit, other: unit === 'GiB' ? 'MiB' : 'GiB' }),
        size: m('free.unit-size', { unit }),
      }[guess.why];
      ctx.diag.add(0, guess.why === 'size' || guess.why === 'ambiguous' ? 'warning' : 'info', why);
    }
    // a plain number next to `-h` values (`0`) is in bytes, as free -h prints a zero
    const per = unit === 'human' ? 1 / 1024 : unitKiB(unit, si);
    const precisionKiB = unit === 'human' ? Math.max(1, humanPrecision) : Math.max(1, per);
    const rows: FreeRow[] = read.map((r) => {
      const values: Record<string, number> = {};
      for (const [k, v] of Object.entries(r.plain)) values[k] = v * per;
      Object.assign(values, r.human);
      return { label: r.label, values, line: r.line };
    });
    if (!rows.some(isMem)) ctx.diag.add(0, 'warning', m('free.no-mem-row'));
    return { columns, unit, si, unitFrom, precisionKiB, layout, rows };
  },
  merge(b, data, at) {
    b.first('free', { value: data, source: at.source });
  },
  finish(b) {
    // a unit read from the numbers alone: MemTotal decides when it is given
    const f = b.snap.free?.value;
    const memTotal = b.snap.meminfo?.value.fields.get('MemTotal')?.value;
    if (!f) return;
    const total = memRow(f)?.values.total;
    if (f.unitFrom !== 'numbers' || f.unit === 'human' || memTotal === undefined || !total) return;
    const printed = total / unitKiB(f.unit, f.si);
    const fits = (u: PlainUnit) => Math.abs(printed * unitKiB(u, false) - memTotal) <= Math.max(unitKiB(u, false), memTotal * 0.02);
    if (fits(f.unit)) return;
    const better = (['B', 'KiB', 'MiB', 'GiB'] as const).find(fits);
    if (!better) return;
    const scale = unitKiB(better, false) / unitKiB(f.unit, f.si);
    for (const r of f.rows) for (const k of Object.keys(r.values)) r.values[k] = (r.values[k] ?? 0) * scale;
    b.note(m('note.free-unit-from-memtotal', { was: f.unit, unit: better }));
    f.unit = better;
    f.si = false;
    f.precisionKiB = Math.max(1, unitKiB(better, false));
  },
  samples: [
    '              total        used        free      shared  buff/cache   available',
    '             total       used       free     shared    buffers     cached',
    '              total        used        free      shared     buffers       cache   available',
  ],
});

const isMem = (r: FreeRow) => r.label === 'Mem';

/** the `Mem:` row of a `free` output */
export const memRow = (f: FreeOutput): FreeRow | undefined => f.rows.find(isMem);
