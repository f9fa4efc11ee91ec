/**
 * The notes public/ramledger-capture.sh writes into its bundle, one a line:
 *
 *   # ramledger-capture: version 1, as uid 0, 2025-01-31 12:00:00 UTC
 *   # ramledger-capture: skipped /proc/slabinfo: permission denied
 *   # ramledger-capture: processes: 41 read, 1 not readable (permission denied), 0 exited during the capture
 *   # ramledger-capture: took 2 s, 2817848 bytes
 *
 * Each is listed as information (what was captured, what was not and why), never as a
 * line not understood. They carry nothing for the snapshot.
 */
import { type Msg, m } from '../../messages/catalogue';
import { defineFormat } from '../format';
import { SKIP_REASONS, type SkipReason } from './messages';

export const CAPTURE_NOTE = '# ramledger-capture: ';

const STARTED = /^version (\d+), as uid ([^,\s]+),?\s*(.*)$/;
const SKIPPED = /^skipped (.+): ([^:]+)$/;
const MOUNTED = /^mounted debugfs on (\S+) for the capture \(unmounted after\)$/;
const PROCESSES = /^processes: (\d+) read, (\d+) not readable \(permission denied\), (\d+) exited during the capture$/;
const TOOK = /^took (\d+) s, (\d+) bytes$/;

const isReason = (s: string): s is SkipReason => (SKIP_REASONS as readonly string[]).includes(s);

/** what one note says, as a message */
function noteOf(text: string): Msg {
  const started = STARTED.exec(text);
  if (started) return m('capture.started', { version: started[1] ?? '', uid: started[2] ?? '', date: started[3] ?? '' });
  const skipped = SKIPPED.exec(text);
  const why = skipped?.[2] ?? '';
  if (skipped && isReason(why)) return m('capture.skipped', { path: skipped[1] ?? '', why });
  const mounted = MOUNTED.exec(text);
  if (mounted) return m('capture.mounted', { path: mounted[1] ?? '' });
  const procs = PROCESSES.exec(text);
  if (procs) return m('capture.processes', { read: Number(procs[1]), denied: Number(procs[2]), gone: Number(procs[3]) });
  const took = TOOK.exec(text);
  if (took) return m('capture.took', { seconds: Number(took[1]), bytes: Number(took[2]) });
  // a note of another version of the script: shown as it is
  return m('capture.note', { text: text.slice(0, 200) });
}

export const capture = defineFormat({
  id: 'capture',
  starts: (line) => line.startsWith(CAPTURE_NOTE),
  parse(cur, ctx): null {
    while (!cur.done && cur.str.startsWith(CAPTURE_NOTE)) {
      ctx.diag.add(cur.line, 'info', noteOf(cur.str.slice(CAPTURE_NOTE.length).trim()));
      cur.advance();
    }
    return null;
  },
  // the notes are diagnostics only
  merge: () => {},
  samples: [`${CAPTURE_NOTE}skipped /proc/slabinfo: permission denied`],
});
