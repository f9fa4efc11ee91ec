/** What the worker and the page say to each other about a comparison (structured-clone safe). */
import type { SnapshotDiff } from '../../core/compare/index';
import type { Msg } from '../../core/messages/catalogue';
import type { Breakdown } from '../../core/viewmodel/bar';

/** where the "before" snapshot comes from */
export type BeforeSource = { history: string } | { link: string } | { files: { file: Blob; name: string }[] };

/** taken; refused with the share's words; nothing readable in it; or a failure said as it came */
export type CompareResult = { ok: true } | { problem: Msg } | { empty: true } | { error: string };

export interface CompareSideView {
  /** its title, else its first inputs' names */
  name: string;
  /** the snapshot's own date (ISO), when it came from a link, a file or the history */
  date?: string;
  dramKiB: number;
  /** the DRAM extent, for the compact map */
  start: bigint | null;
  end: bigint | null;
  breakdown: Breakdown;
}

export interface CompareView {
  before: CompareSideView;
  after: CompareSideView;
  diff: SnapshotDiff;
}
