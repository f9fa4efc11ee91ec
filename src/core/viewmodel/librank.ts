/**
 * librank: every mapped path across all processes, with what it costs in PSS, RSS and USS
 * and how many processes map it. Anonymous memory is one row per kind (`[anon]`,
 * `[heap]`, `[stack]`), as Android's librank does.
 */
import { C, type MappingTable } from '../formats/smaps/index';
import { type MappingKind, rowKind } from '../model/processes';

export interface FileRow {
  path: string;
  kind: MappingKind;
  pssKiB: number;
  rssKiB: number;
  ussKiB: number;
  /** number of processes that map it */
  processes: number;
  mappings: number;
}

export function fileTable(processes: readonly { mappings: MappingTable }[]): FileRow[] {
  const rows = new Map<string, FileRow & { lastProc: number }>();
  processes.forEach((p, i) => {
    const t = p.mappings;
    for (let m = 0; m < t.length; m++) {
      const mp = t.path(m);
      const path = mp === '' ? '[anon]' : mp.startsWith('[stack') ? '[stack]' : mp;
      let r = rows.get(path);
      if (!r) {
        r = { path, kind: rowKind(t, m), pssKiB: 0, rssKiB: 0, ussKiB: 0, processes: 0, mappings: 0, lastProc: -1 };
        rows.set(path, r);
      }
      r.pssKiB += t.kib(m, C.Pss);
      r.rssKiB += t.kib(m, C.Rss);
      r.ussKiB += t.kib(m, C.Private_Clean) + t.kib(m, C.Private_Dirty);
      r.mappings++;
      if (r.lastProc !== i) {
        r.processes++;
        r.lastProc = i;
      }
    }
  });
  return [...rows.values()].map(({ lastProc: _, ...r }) => r).sort((a, b) => b.pssKiB - a.pssKiB);
}
