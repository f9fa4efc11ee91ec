/**
 * Tables as CSV (RFC 4180): a header row, CRLF between records, a field quoted when it
 * holds a comma, a quote, CR or LF (quotes doubled). Numbers are written as plain numbers
 * (KiB, no grouping, no unit) so a spreadsheet sums them. Text from the inputs can start
 * with `=`, `+`, `-`, `@`, tab or CR, which a spreadsheet would run as a formula (CSV
 * injection, OWASP): such a text cell gets a leading `'`. Numbers are never text, so a
 * negative size stays a number.
 */

export type CsvCell = string | number | bigint | boolean | null | undefined;

/** what a spreadsheet may take for the start of a formula */
const FORMULA_START = /^[=+\-@\t\r]/;

/** one field as it goes in the file */
export function csvField(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  const text = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** a whole table: the header, then each row; every record ends with CRLF */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const out: string[] = [header.map(csvField).join(',')];
  for (const r of rows) out.push(r.map(csvField).join(','));
  return `${out.join('\r\n')}\r\n`;
}

/**
 * Reads CSV back into records (for tests and for checking an export): the inverse of
 * `toCsv` for any text, quoted fields with commas, quotes and line breaks included.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
