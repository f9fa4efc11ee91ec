/**
 * librank: every mapped path across all processes, with what it costs in PSS, RSS and USS
 * and how many processes map it. Anonymous memory is one row per kind (`[anon]`,
 * `[heap]`, `[stack]`), as Android's librank does.
 */
import type { Mapping } from '../formats/smaps/index';
import { type MappingKind, mappingKind, ussOf } from '../model/processes';

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

export function fileTable(processes: readonly { mappings: readonly Mapping[] }[]): FileRow[] {
  const rows = new Map<string, FileRow & { lastProc: number }>();
  processes.forEach((p, i) => {
    for (const map of p.mappings) {
      const path = map.path === '' ? '[anon]' : map.path.startsWith('[stack') ? '[stack]' : map.path;
      let r = rows.get(path);
      if (!r) {
        r = { path, kind: mappingKind(map), pssKiB: 0, rssKiB: 0, ussKiB: 0, processes: 0, mappings: 0, lastProc: -1 };
        rows.set(path, r);
      }
      const k = map.kib;
      r.pssKiB += k.Pss ?? 0;
      r.rssKiB += k.Rss ?? 0;
      r.ussKiB += ussOf(k);
      r.mappings++;
      if (r.lastProc !== i) {
        r.processes++;
        r.lastProc = i;
      }
    }
  });
  return [...rows.values()].map(({ lastProc: _, ...r }) => r).sort((a, b) => b.pssKiB - a.pssKiB);
}
