/**
 * What the Web Worker sends to the page. Everything here survives structured clone
 * (bigint and the model's messages included); the full model with every mapping stays in
 * the worker and the page asks for the part it shows.
 */
import type { BudgetResult } from '../core/budget/evaluate';
import type { FormatId } from '../core/formats/registry';
import type { Diagnostic } from '../core/input/diagnostics';
import type { Msg } from '../core/messages/catalogue';
import type { Analysis } from '../core/model/accounting/index';
import type { Physical } from '../core/model/physical/types';
import type { ProcessSummary } from '../core/model/processes';
import type { SourceSummary } from '../core/model/snapshot';
import type { BuddyView, ZonesView } from '../core/model/zones/index';
import type { ReportStamp } from '../core/report/stamp';
import type { Annotations } from '../core/share/annotations';
import type { Reduced, SnapshotDoc } from '../core/share/doc';
import type { LinkChoice } from '../core/share/make';
import type { Breakdown } from '../core/viewmodel/bar';
import type { IomemView } from '../core/viewmodel/iomem';
import type { MapRegion } from '../core/viewmodel/lanes';
import type { Ledger } from '../core/viewmodel/ledger';
import type { FileRow } from '../core/viewmodel/librank';
import type { KindTotals, MappingGroup } from '../core/viewmodel/mappings';
import type { Headline, UsedRow } from '../core/viewmodel/overview';
import type { SlabView } from '../core/viewmodel/slab';
import type { VmallocView } from '../core/viewmodel/vmalloc';
import type { BeforeSource, CompareResult, CompareView } from './compare/protocol';
import type { HistoryEntry, SaveResult } from './history';

export interface InputView {
  id: string;
  name: string;
  bytes: number;
  lines: number;
  formats: FormatId[];
  /** names of the sources this input became (one per tar member) */
  sources: string[];
  diagnostics: number;
  errors: number;
  /** the first error, else the first warning, else the first text not read */
  firstError?: Diagnostic;
}

/** a process's totals (as smem computes them), its place in the model and its PSS by kind */
export interface ProcessRow extends ProcessSummary {
  index: number;
  byKind: KindTotals;
}

/** a snapshot opened from a link, a file or the history: where from, and what it left out */
export interface SharedView {
  from: 'link' | 'file' | 'history';
  created: string;
  reduced?: Reduced;
  left?: SnapshotDoc['left'];
}

export type ShareResult = LinkChoice;

export type OpenResult = ModelView | { problem: Msg };

export interface ModelView {
  /** set when the inputs came from a shared snapshot */
  shared?: SharedView;
  /** only on the answer that opened a snapshot: its annotations and view, for the page to take */
  opened?: { annotations: Annotations; view?: string };
  inputs: InputView[];
  sources: SourceSummary[];
  kernelRelease?: string;
  /** the physical regions travel once, on their lanes, in `map` (not twice: 250,000 regions cost seconds to copy) */
  analysis: Omit<Analysis, 'processes' | 'physical'> & { physical?: Omit<Physical, 'regions'> };
  headline: Headline;
  breakdown: Breakdown;
  /** "used" as `free` printed it and as each tool computes it */
  used: UsedRow[];
  /** the address map's regions on their lanes, with flags */
  map: MapRegion[];
  processes: ProcessRow[];
  /** the whole ledger as one tree, for the zoomable picture (#/ledger) */
  ledger: Ledger;
  /** the budget file opened beside the snapshot, held against it */
  budget?: BudgetView;
  /** /proc/iomem: the kernel view's iomem panel */
  iomem?: IomemView;
  /** /proc/zoneinfo's zones, and the free blocks by order (buddyinfo, pagetypeinfo) */
  zones?: ZonesView;
  buddy?: BuddyView;
  /** the kernel drill-downs behind Slab and VmallocUsed (#/kernel) */
  slab?: SlabView;
  vmalloc?: VmallocView;
}

/** a budget file beside the snapshot: its result, or why it was refused */
export interface BudgetView {
  name: string;
  title?: string;
  result?: BudgetResult;
  problem?: Msg;
}

export interface Progress {
  name: string;
  phase: 'reading' | 'parsing' | 'combining';
  /** 0..1 */
  fraction: number;
}

export interface SourceLines {
  total: number;
  from: number;
  lines: string[];
}

export interface FileInput {
  id: string;
  file: Blob;
  name: string;
  /** files of one dropped folder share one input (one line in the list, removed together) */
  group?: string;
}

export interface WorkerApi {
  /** a single snapshot file dropped is opened: it replaces the inputs (`ModelView.opened`) */
  addFiles(files: FileInput[], onProgress?: (p: Progress) => void): Promise<ModelView>;
  addText(id: string, name: string, text: string): Promise<ModelView>;
  remove(id: string): Promise<ModelView>;
  clear(): Promise<ModelView>;
  /** forgets the budget file (the inputs stay) */
  removeBudget(): Promise<ModelView>;
  mappings(index: number): Promise<MappingGroup[]>;
  files(): Promise<FileRow[]>;
  sourceLines(source: string, from: number, count: number): Promise<SourceLines>;
  /** the link's payload for the inputs shown, reduced when the whole does not fit */
  share(annotations: Annotations, view: string): Promise<ShareResult>;
  /** the snapshot file (`*.ramledger.json`) of the inputs shown */
  snapshotFile(annotations: Annotations, view: string): Promise<Blob>;
  /** replaces the inputs with a link's snapshot */
  openLink(payload: string): Promise<OpenResult>;
  /** the snapshots kept in this browser, newest first */
  history(): Promise<HistoryEntry[]>;
  /** keeps the inputs shown, with their annotations and view, in the history (again: it replaces the entry) */
  remember(annotations: Annotations, view: string): Promise<SaveResult & { id?: string }>;
  /** removes one kept snapshot, or every one without an id; the list after */
  forget(id?: string): Promise<HistoryEntry[]>;
  /** replaces the inputs with a kept snapshot */
  openHistory(id: string, keepView?: boolean): Promise<OpenResult>;
  /** every mapping of one process as CSV (the page shows 300 a group; the file has them all) */
  mappingsCsv(index: number): Promise<string>;
  /** the report exactly as the CLI writes it (`analyze --format markdown|json`), with the page's annotations */
  /** `stamp`: the title and date the page names the snapshot by (export/names.ts), for the heading and fields */
  report(format: ReportFormat, annotations: Annotations, stamp?: ReportStamp): Promise<Blob>;
  /** keeps a snapshot as the "before" of a comparison, beside the inputs shown (the "after") */
  compareWith(src: BeforeSource): Promise<CompareResult>;
  clearCompare(): Promise<void>;
  /** the comparison of the kept "before" with the inputs shown; null without a before or inputs */
  diff(): Promise<CompareView | null>;
}

export type ReportFormat = 'markdown' | 'json';
