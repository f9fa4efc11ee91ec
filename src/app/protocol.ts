/**
 * What the Web Worker sends to the page. Everything here survives structured clone
 * (bigint included); the full model with every mapping stays in the worker and the page
 * asks for the part it shows.
 */
import type { Diagnostic } from '../core/cursor';
import type { Analysis } from '../core/model/accounting';
import type { ProcessSummary } from '../core/model/processes';
import type { SourceSummary } from '../core/model/snapshot';
import type { Breakdown, FileRow, KindTotals, MappingGroup, MapRegion } from '../core/model/views';
import type { Format } from '../core/types';

export interface InputView {
  id: string;
  name: string;
  bytes: number;
  lines: number;
  formats: Format[];
  /** names of the sources this input became (one per tar member) */
  sources: string[];
  diagnostics: number;
  errors: number;
  /** the first error, said in one line */
  firstError?: string;
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
  analysis: Omit<Analysis, 'processes'>;
  breakdown: Breakdown;
  /** the address map's regions on their lanes, with flags */
  map: MapRegion[];
  processes: ProcessRow[];
  meminfo: Record<string, number>;
  /** `free` as printed, when pasted */
  free?: { source: string; layout: string; unit: string; rows: { label: string; values: Record<string, number>; line: number }[] };
  /** notes the model made while combining inputs */
  notes: string[];
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

export type { Diagnostic };
