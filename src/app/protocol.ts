/**
 * What the Web Worker sends to the page. Everything here survives structured clone
 * (bigint and the model's messages included); the full model with every mapping stays in
 * the worker and the page asks for the part it shows.
 */
import type { FormatId } from '../core/formats/registry';
import type { Diagnostic } from '../core/input/diagnostics';
import type { Analysis } from '../core/model/accounting/index';
import type { Physical } from '../core/model/physical/types';
import type { ProcessSummary } from '../core/model/processes';
import type { SourceSummary } from '../core/model/snapshot';
import type { Breakdown } from '../core/viewmodel/bar';
import type { MapRegion } from '../core/viewmodel/lanes';
import type { FileRow } from '../core/viewmodel/librank';
import type { KindTotals, MappingGroup } from '../core/viewmodel/mappings';
import type { Headline, UsedRow } from '../core/viewmodel/overview';

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

export interface ModelView {
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
  addFiles(files: FileInput[], onProgress?: (p: Progress) => void): Promise<ModelView>;
  addText(id: string, name: string, text: string): Promise<ModelView>;
  remove(id: string): Promise<ModelView>;
  clear(): Promise<ModelView>;
  mappings(index: number): Promise<MappingGroup[]>;
  files(): Promise<FileRow[]>;
  sourceLines(source: string, from: number, count: number): Promise<SourceLines>;
}
