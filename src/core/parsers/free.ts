/**
 * `free` output — procps-ng `src/free.c` (formerly `free.c`) and busybox `procps/free.c`.
 *
 *   procps-ng ≥ 3.3.10, busybox ≥ 1.2x:
 *                 total        used        free      shared  buff/cache   available
 *   Mem:         230856      146008       50364         836       34484       58128
 *   Swap:             0           0           0
 *   older procps, older busybox:
 *                total       used       free     shared    buffers     cached
 *   Mem:       8056380    7638548     417832          0     292192    5263632
 *   -/+ buffers/cache:    2082724    5973656
 *   Swap:      2097148          0    2097148
 *   `-w` splits buff/cache into `buffers` and `cache`; `-t` adds `Total:`; `-l` adds
 *   `Low:`/`High:`; busybox of 2004 prints `total used free shared buffers` and `Total:`.
 *
 * Units: the text does not say which unit plain numbers are in. `-b/-k/-m/-g` come from
 * the command line when the paste carries it (the prompt line or a path hint); without
 * it KiB is assumed (the default of every version) and the model cross-checks against
 * MemTotal. `-h` prints suffixed values (`7.7Gi`, `230M`, `0B`), read as binary units
 * unless `--si` is on the command line.
 */
import type { Cursor } from '../cursor';
import type { FreeOutput, FreeRow, FreeUnit } from '../types';
import type { LineParser, ParseContext } from './parser';

const HEADER = /^\s*total\s+used\s+free(\s+\S+)*\s*$/;
const ROW = /^\s*(Mem|Swap|Total|Low|High|-\/\+ buffers\/cache|-\/\+ buffers):\s*(.*)$/;

const UNIT_KIB: Record<Exclude<FreeUnit, 'human'>, number> = {
  B: 1 / 1024,
  KiB: 1,
  MiB: 1024,
  GiB: 1024 * 1024,
  TiB: 1024 * 1024 * 1024,
};

export function unitFromCommand(cmd: string | undefined): { unit: FreeUnit; si: boolean } | null {
  if (!cmd || !/\bfree\b/.test(cmd)) return null;
  const si = /--si\b/.test(cmd);
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

/** `7.7Gi`, `230M`, `0B`, `512K`, `12` → KiB (null when not a size) */
export function humanToKiB(s: string, si: boolean): { kib: number; precision: number } | null {
  const m = /^(-?\d+(?:[.,]\d+)?)([BKMGTP]?)(i?)$/.exec(s);
  if (!m) return null;
  const num = Number((m[1] as string).replace(',', '.'));
  const power = ' KMGTP'.indexOf(m[2] || ' ');
  const letter = m[2] ?? '';
  const base = si && m[3] !== 'i' ? 1000 : 1024;
  const bytesPer = letter === 'B' ? 1 : letter === '' ? 1024 : base ** power;
  const decimals = (m[1] as string).split(/[.,]/)[1]?.length ?? 0;
  return { kib: (num * bytesPer) / 1024, precision: (bytesPer / 1024) * 10 ** -decimals };
}

export const freeParser: LineParser<FreeOutput> = {
  format: 'free',
  starts: (line) => HEADER.test(line),
  parse(cur: Cursor, ctx: ParseContext): FreeOutput {
    const columns = cur.str.trim().split(/\s+/);
    const fromCmd = unitFromCommand(ctx.hint);
    let unit: FreeUnit = fromCmd?.unit ?? 'KiB';
    const si = fromCmd?.si ?? false;
    const layout: FreeOutput['layout'] = columns.includes('buff/cache')
      ? 'buff/cache'
      : columns.includes('cache')
        ? 'buffers+cache (-w)'
        : columns.includes('cached')
          ? 'buffers+cached'
          : columns.length === 5 && columns[4] === 'buffers'
            ? 'busybox-2004'
            : 'other';
    if (layout === 'other') ctx.diag.add(cur.line, 'warning', `unusual free header: ${columns.join(' ')}`);
    const rows: FreeRow[] = [];
    let precision = unit === 'human' ? 1 : UNIT_KIB[unit];
    cur.advance();
    for (; !cur.done; cur.advance()) {
      if (cur.blank) continue;
      const line = cur.str;
      const m = ROW.exec(line);
      if (!m) {
        if (ctx.isBoundary(line, 'free')) break;
        ctx.diag.unknown(cur.line, line);
        continue;
      }
      const label = m[1] as string;
      const words = (m[2] as string).trim().split(/\s+/).filter(Boolean);
      const cols = label.startsWith('-/+') ? ['used', 'free'] : columns;
      const values: Record<string, number> = {};
      let ok = true;
      words.forEach((w, i) => {
        const col = cols[i];
        if (col === undefined) {
          ok = false;
          return;
        }
        // `-h` output is recognised by its suffixes even without the command line
        const h = /^-?\d+(?:[.,]\d+)?[BKMGTP]i?$/.test(w) ? humanToKiB(w, si) : null;
        if (h) {
          if (unit !== 'human') unit = 'human';
          values[col] = h.kib;
          precision = Math.max(precision, h.precision);
        } else if (/^-?\d+$/.test(w)) {
          values[col] = unit === 'human' ? Number(w) / 1024 : Number(w) * UNIT_KIB[unit];
        } else ok = false;
      });
      if (!ok || words.length === 0) {
        ctx.diag.unknown(cur.line, line, `free row does not fit the header (${columns.join(' ')})`);
        continue;
      }
      rows.push({ label, values, line: cur.line });
    }
    if (!rows.some((r) => r.label === 'Mem')) ctx.diag.add(0, 'warning', 'free output without a Mem: row');
    if (!fromCmd && unit !== 'human') ctx.diag.add(0, 'info', 'free: unit not given on a command line; KiB assumed (the default of free)');
    return { columns, unit, precisionKiB: precision, layout, rows };
  },
};
