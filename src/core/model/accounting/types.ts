import type { BootLineForm } from '../../formats/kmsg/index';
import type { Missing, Msg, Note } from '../../messages/catalogue';
import type { BucketId } from '../buckets';
import type { Physical } from '../physical/index';
import type { ProcessSummary } from '../processes';
import type { SourceRef } from '../refs';
import type { BootFreed } from './boot';
import type { VmallocReading } from './levels';

/** one row of the ledger: a number, how it was made and from which input lines */
export interface Line {
  id: string;
  label: Msg;
  kib: number;
  /** accounting level 0–4 (docs/accounting.md) */
  level: number;
  formula: Msg;
  refs: SourceRef[];
  /** id of the line this one is a part of */
  parent?: string;
  /** the bucket whose colour the row wears */
  bucket?: BucketId;
}

export interface Check {
  id: string;
  label: Msg;
  left: number;
  right: number;
  delta: number;
  tolerance: number;
  /** only `left ≤ right + tolerance` must hold */
  atMost?: true;
  ok: boolean;
  leftFormula: Msg;
  rightFormula: Msg;
  /** the input lines each side was read from */
  leftRefs: SourceRef[];
  rightRefs: SourceRef[];
  /** why the two sides can differ */
  why: Msg;
}

export interface CheckNotRun {
  id: string;
  /** what it needs that was not given */
  reason: Msg;
}

export type UsedToolId = 'procps-ng-4' | 'procps-ng-3.3.12' | 'procps-ng-3.3.10' | 'busybox-srecl' | 'busybox' | 'procps-3.3.9';

export interface UsedFormula {
  id: UsedToolId;
  tool: Msg;
  formula: Msg;
  usedKiB: number;
  buffCacheKiB: number;
}

export interface BootSummary {
  form: BootLineForm;
  availableKiB: number;
  physKiB: number;
  reservedKiB?: number;
  cmaReservedKiB?: number;
  initKiB?: number;
  fields: Record<string, number>;
  /** what was freed after the line: the log's Freeing lines, else the init field */
  freed?: BootFreed;
  expectedMemTotalKiB?: number;
  changedAfterBootKiB?: number;
}

export interface Accounting {
  memTotalKiB: number | null;
  freeKiB: number | null;
  userKiB: number | null;
  kernelKiB: number | null;
  unaccountedKiB: number | null;
  lines: Line[];
  /** what VmallocUsed counts on this kernel (./levels.ts) */
  vmalloc?: VmallocReading;
  /** the meminfo input's name, for line references */
  meminfoSource?: string;
  /** what the model decided or could not do */
  notes: Note[];
  /** inputs that would explain more */
  missing: Missing[];
}

export interface Analysis {
  physical: Physical | null;
  boot: BootSummary | null;
  accounting: Accounting;
  used: UsedFormula[];
  checks: Check[];
  checksNotRun: CheckNotRun[];
  processes: ProcessSummary[];
}
