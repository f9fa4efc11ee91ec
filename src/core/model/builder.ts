/**
 * The snapshot while it is being built: each format's `merge` writes its segment into
 * `snap` through these helpers, then each format's `finish` settles what needs every
 * input (model/snapshot.ts drives both).
 */
import type { SegmentAt } from '../formats/format';
import { MappingTable } from '../formats/smaps/table';
import { m, type Note } from '../messages/catalogue';
import type { Located, ProcessModel, Snapshot } from './snapshot';

/** the parts of the snapshot only one input may give; a second one is noted, not used */
const SINGLE = { boot: () => m('input.boot'), free: () => m('input.free'), meminfo: () => m('input.meminfo') };
type SingleKey = keyof typeof SINGLE;

const PID_IN_PATH = /(?:^|[/:])(?:proc\/)?(\d+)\/(?:smaps_rollup|smaps|status|stat)\b/;

/** `/proc/123/smaps`, `proc/123/status`, `capture.tar:proc/123/smaps` → 123 */
function pidFromHint(hint: string | undefined): number | null {
  const r = hint ? PID_IN_PATH.exec(hint) : null;
  return r ? Number(r[1]) : null;
}

export class SnapshotBuilder {
  private readonly procs = new Map<string, ProcessModel>();
  private anonymous = 0;

  constructor(readonly snap: Snapshot) {}

  note(msg: Note): void {
    this.snap.notes.push(msg);
  }

  /** keeps the first input of a kind; a second one is noted */
  first<K extends SingleKey>(key: K, value: NonNullable<Snapshot[K]>): void {
    const had = this.snap[key];
    if (had === undefined) this.snap[key] = value;
    else this.note(m('note.second-input', { what: SINGLE[key](), ignored: value.source, used: had.source }));
  }

  /**
   * The process a per-process file belongs to: by the pid it gives, else the one in its
   * path; a file with neither is a process of its own.
   */
  process(at: SegmentAt, pid: number | null = pidFromHint(at.hint)): ProcessModel {
    const key = pid === null ? `?${++this.anonymous}` : String(pid);
    let p = this.procs.get(key);
    if (!p) {
      p = { pid, name: '', nameFrom: 'none', mappings: new MappingTable(), sources: [] };
      this.procs.set(key, p);
    }
    if (!p.sources.includes(at.source)) p.sources.push(at.source);
    return p;
  }

  /** the processes with something to show, named */
  processes(): ProcessModel[] {
    const out: ProcessModel[] = [];
    for (const p of this.procs.values()) {
      // a status or stat alone: a kernel thread, or a process whose smaps was not captured
      if (p.mappings.length === 0 && !p.rollup && !p.totals && (p.status || p.nameFrom === 'stat')) continue;
      // the file's own name, not the folder it was read from on someone's machine
      if (!p.name) p.name = p.pid === null ? `(unnamed: ${baseName(p.sources[0] ?? '')})` : `pid ${p.pid}`;
      out.push(p);
    }
    return out;
  }
}

export type { Located };

const baseName = (path: string) => path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
