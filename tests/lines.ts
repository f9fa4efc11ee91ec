/**
 * The property every parser keeps: each non-blank input line lies in a segment, is a
 * separator (a `==> path <==` header or a shell prompt), or has a diagnostic with its
 * line number. Lines past the diagnostics' cap are counted in a summary diagnostic
 * instead; those count as reported.
 */
import type { ParsedText } from '../src/core/index';

/** the non-blank lines of `text` that `parsed` neither read nor reported (1-based) */
export function unaccountedLines(text: string, parsed: ParsedText): number[] {
  const covered = new Set<number>(parsed.separators);
  for (const s of parsed.segments) for (let l = s.firstLine; l <= s.lastLine; l++) covered.add(l);
  for (const d of parsed.diagnostics) {
    if (d.line > 0) covered.add(d.line);
    // a run of unread lines reports every line from..to
    if (d.msg.key === 'diag.unread-run') for (let l = d.msg.params.from; l <= d.msg.params.to; l++) covered.add(l);
  }
  const missing: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() !== '' && !covered.has(i + 1)) missing.push(i + 1);
  });
  // "N more lines not understood": the cap's summary stands for N lines
  const summarised = parsed.diagnostics.reduce(
    (n, d) => (d.line === 0 && d.msg.key === 'diag.more-unread' ? n + Number(/^\d+/.exec(d.message)?.[0] ?? 0) : n),
    0,
  );
  return missing.length <= summarised ? [] : missing;
}
