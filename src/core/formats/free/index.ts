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
 *   `Low:`/`High:`; busybox of 2004 prints `total used free shared buffers` and `Total:`.
 *
 * Units: the text does not say which unit plain numbers are in. `-b/-k/-m/-g` come from
 * the command line when the paste carries it (the prompt line or a path hint); without
 * it KiB is assumed (the default of every version) and the model cross-checks against
 * MemTotal. `-h` prints suffixed values (`7.7Gi`, `230M`, `0B`), read as binary units
 * unless `--si` is on the command line.
 */
import { m } from '../../messages/catalogue';
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
  /** the printed precision in KiB (1 for -k, 1024 for -m, …) */
  precisionKiB: number;
  layout: FreeLayout;
  rows: FreeRow[];
}

const HEADER = /^\s*total\s+used\s+free(\s+\S+)*\s*$/;
const ROW = /^\s*(Mem|Swap|Total|Low|High|-\/\+ buffers\/cache|-\/\+ buffers):\s*(.*)$/;

const UNIT_KIB: Record<Exclude<FreeUnit, 'human'>, number> = {
  B: 1 / 1024,
  KiB: 1,
  MiB: 1024,
  GiB: 1024 * 1024,
  TiB: 1024 * 1024 * 1024,
};

function unitFromCommand(cmd: string | undefined): { unit: FreeUnit; si: boolean } | null {
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
function humanToKiB(s: string, si: boolean): { kib: number; precision: number } | null {
  const r = /^(-?\d+(?:[.,]\d+)?)([BKMGTP]?)(i?)$/.exec(s);
  if (!r || r[1] === undefined) return null;
  const num = Number(r[1].replace(',', '.'));
  const letter = r[2] ?? '';
  const power = ' KMGTP'.indexOf(letter || ' ');
  const base = si && r[3] !== 'i' ? 1000 : 1024;
  const bytesPer = letter === 'B' ? 1 : letter === '' ? 1024 : base ** power;
  const decimals = r[1].split(/[.,]/)[1]?.length ?? 0;
  return { kib: (num * bytesPer) / 1024, precision: (bytesPer / 1024) * 10 ** -decimals };
}

export const free = defineFormat({
  id: 'free',
  starts: (line) => HEADER.test(line),
  parse(cur, ctx): FreeOutput {
    const columns = cur.str.trim().split(/\s+/);
    const fromCmd = unitFromCommand(ctx.hint);
    let unit: FreeUnit = fromCmd?.unit ?? 'KiB';
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
    const rows: FreeRow[] = [];
    let precision = unit === 'human' ? 1 : UNIT_KIB[unit];
    cur.advance();
    for (; !cur.done; cur.advance()) {
      if (cur.blank) continue;
      const line = cur.str;
      const r = ROW.exec(line);
      if (!r || r[1] === undefined) {
        if (ctx.isBoundary(line)) break;
        ctx.diag.unknown(cur.line, line);
        continue;
      }
      const label = r[1];
      const words = (r[2] ?? '').trim().split(/\s+/).filter(Boolean);
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
        ctx.diag.unknown(cur.line, line, m('free.row-misfit', { columns: columns.join(' ') }));
        continue;
      }
      rows.push({ label, values, line: cur.line });
    }
    if (!rows.some(isMem)) ctx.diag.add(0, 'warning', m('free.no-mem-row'));
    if (!fromCmd && unit !== 'human') ctx.diag.add(0, 'info', m('free.unit-assumed'));
    return { columns, unit, precisionKiB: precision, layout, rows };
  },
  merge(b, data, at) {
    b.first('free', { value: data, source: at.source });
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
