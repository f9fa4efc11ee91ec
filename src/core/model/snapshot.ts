/**
 * One model of a device's memory, built from any subset of parsed inputs. Each segment
 * goes to its format's `merge` (the registry derives the dispatch, so every format has
 * one); several inputs of one kind join or keep the first, and say so in `notes`.
 */

import type { Buddyinfo } from '../formats/buddyinfo/index';
import type { ParsedText } from '../formats/detect';
import type { DeviceTree } from '../formats/dts/index';
import type { FreeOutput } from '../formats/free/index';
import type { IomemTree } from '../formats/iomem/index';
import type { BootMemoryLine, KernelLog } from '../formats/kmsg/index';
import type { MemblockRegion } from '../formats/memblock/index';
import type { Meminfo } from '../formats/meminfo/index';
import type { Pagetypeinfo } from '../formats/pagetypeinfo/index';
import { type FormatId, finishAll, mergeSegment } from '../formats/registry';
import type { Slabinfo } from '../formats/slabinfo/index';
import type { Counts, MappingTable } from '../formats/smaps/index';
import type { ProcStatus } from '../formats/status/index';
import type { ProcessTotals } from '../formats/totals/index';
import type { Vmallocinfo } from '../formats/vmallocinfo/index';
import type { Zoneinfo } from '../formats/zoneinfo/index';
import type { Diagnostic } from '../input/diagnostics';
import type { Note } from '../messages/catalogue';
import type { SnapshotMeta } from '../share/doc';
import { SnapshotBuilder } from './builder';

export interface SourceSummary {
  name: string;
  lines: number;
  bytes: number;
  formats: FormatId[];
  segments: { format: FormatId; firstLine: number; lastLine: number; hint?: string }[];
  diagnostics: Diagnostic[];
}

/** a value and the input it came from */
export interface Located<T> {
  value: T;
  source: string;
}

export interface ProcessModel {
  pid: number | null;
  name: string;
  /** where the name came from */
  nameFrom: 'status' | 'stat' | 'totals' | 'none';
  /** the process's mappings, as columns (formats/smaps/table.ts) */
  mappings: MappingTable;
  rollup?: Counts;
  /** sums carried in place of the mappings (a reduced snapshot: formats/totals) */
  totals?: ProcessTotals;
  status?: ProcStatus;
  sources: string[];
}

export interface Snapshot {
  sources: SourceSummary[];
  deviceTree?: Located<DeviceTree>;
  memblock: { memory?: Located<MemblockRegion[]>; reserved?: Located<MemblockRegion[]> };
  kernelLog?: Located<KernelLog>;
  boot?: Located<BootMemoryLine>;
  free?: Located<FreeOutput>;
  meminfo?: Located<Meminfo>;
  /** /proc/iomem: the resource tree */
  iomem?: Located<IomemTree>;
  kernelRelease?: string;
  /** /proc/zoneinfo, /proc/buddyinfo, /proc/pagetypeinfo: the first of each (model/zones) */
  zoneinfo?: Located<Zoneinfo>;
  buddyinfo?: Located<Buddyinfo>;
  pagetypeinfo?: Located<Pagetypeinfo>;
  /** /proc/slabinfo and /proc/vmallocinfo: the drill-downs behind Slab and VmallocUsed */
  slabinfo?: Located<Slabinfo>;
  vmallocinfo?: Located<Vmallocinfo>;
  processes: ProcessModel[];
  /** what the model had to decide or ignore while combining inputs */
  notes: Note[];
  /** the snapshot file the inputs came from: its annotations and what it left out */
  shared?: SnapshotMeta;
}

export function buildSnapshot(inputs: readonly ParsedText[]): Snapshot {
  const snap: Snapshot = { sources: inputs.map(summary), memblock: {}, processes: [], notes: [] };
  const b = new SnapshotBuilder(snap);
  for (const input of inputs) for (const seg of input.segments) mergeSegment(b, seg, input.name);
  finishAll(b);
  snap.processes = b.processes();
  const shared = inputs.find((p) => p.snapshot)?.snapshot;
  if (shared) snap.shared = shared;
  return snap;
}

function summary(p: ParsedText): SourceSummary {
  return {
    name: p.name,
    lines: p.lines,
    bytes: p.bytes,
    formats: [...new Set(p.segments.map((s) => s.format))],
    segments: p.segments.map(({ format, firstLine, lastLine, hint }) =>
      hint === undefined ? { format, firstLine, lastLine } : { format, firstLine, lastLine, hint },
    ),
    diagnostics: p.diagnostics,
  };
}
