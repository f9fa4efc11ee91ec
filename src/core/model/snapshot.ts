/**
 * One model of a device's memory, built from any subset of parsed inputs. Several
 * inputs of one kind (two meminfo pastes) keep the first for the accounting and say so.
 */
import type { Diagnostic } from '../cursor';
import type { ParsedText, Segment } from '../detect';
import type {
  BootMemoryLine,
  DeviceTree,
  Format,
  FreeOutput,
  KernelLog,
  Mapping,
  MemblockRegion,
  MemblockTable,
  Meminfo,
  ProcStat,
  ProcStatus,
} from '../types';

export interface SourceSummary {
  name: string;
  lines: number;
  bytes: number;
  formats: Format[];
  segments: { format: Format; firstLine: number; lastLine: number; hint?: string }[];
  diagnostics: Diagnostic[];
}

export interface Located<T> {
  value: T;
  source: string;
}

export interface ProcessModel {
  pid: number | null;
  name: string;
  /** where the name came from */
  nameFrom: 'status' | 'stat' | 'none';
  mappings: Mapping[];
  rollup?: Record<string, number>;
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
  kernelRelease?: string;
  processes: ProcessModel[];
  /** what the model had to decide or ignore while combining inputs */
  notes: string[];
}

const PID_IN_PATH = /(?:^|[/:])(?:proc\/)?(\d+)\/(?:smaps_rollup|smaps|status|stat)\b/;

export function pidFromHint(hint: string | undefined): number | null {
  const m = hint ? PID_IN_PATH.exec(hint) : null;
  return m ? Number(m[1]) : null;
}

export function buildSnapshot(inputs: readonly ParsedText[]): Snapshot {
  const snap: Snapshot = {
    sources: inputs.map((p) => ({
      name: p.name,
      lines: p.lines,
      bytes: p.bytes,
      formats: [...new Set(p.segments.map((s) => s.format))],
      segments: p.segments.map(({ format, firstLine, lastLine, hint }) =>
        hint === undefined ? { format, firstLine, lastLine } : { format, firstLine, lastLine, hint },
      ),
      diagnostics: p.diagnostics,
    })),
    memblock: {},
    processes: [],
    notes: [],
  };
  const procs = new Map<string, ProcessModel>();
  let anonymous = 0;
  const proc = (pid: number | null, source: string): ProcessModel => {
    const key = pid === null ? `?${++anonymous}` : String(pid);
    let p = procs.get(key);
    if (!p) {
      p = { pid, name: '', nameFrom: 'none', mappings: [], sources: [] };
      procs.set(key, p);
    }
    if (!p.sources.includes(source)) p.sources.push(source);
    return p;
  };
  const unlabelledMemblock: Located<MemblockTable>[] = [];
  const once = <K extends 'deviceTree' | 'kernelLog' | 'boot' | 'free' | 'meminfo'>(key: K, v: Snapshot[K], what: string) => {
    if (snap[key] === undefined) snap[key] = v;
    else snap.notes.push(`a second ${what} (${v?.source}) was read but not used: the first one (${snap[key]?.source}) is`);
  };

  for (const input of inputs) {
    for (const seg of input.segments) {
      const source = input.name;
      switch (seg.format) {
        case 'dts': {
          const dt = seg.data as DeviceTree | null;
          if (!dt) break;
          if (snap.deviceTree) mergeDeviceTree(snap.deviceTree.value, dt);
          else snap.deviceTree = { value: dt, source };
          break;
        }
        case 'memblock': {
          const t = seg.data as MemblockTable;
          if (t.kind === null) unlabelledMemblock.push({ value: t, source });
          else if (snap.memblock[t.kind]) snap.notes.push(`a second memblock.${t.kind} (${source}) was not used`);
          else snap.memblock[t.kind] = { value: t.regions, source };
          break;
        }
        case 'kmsg': {
          const log = seg.data as KernelLog;
          if (snap.kernelLog) mergeLog(snap.kernelLog.value, log);
          else snap.kernelLog = { value: log, source };
          if (log.memoryLine) once('boot', { value: log.memoryLine, source }, 'Memory: line');
          break;
        }
        case 'free':
          once('free', { value: seg.data as FreeOutput, source }, '`free` output');
          break;
        case 'meminfo':
          once('meminfo', { value: seg.data as Meminfo, source }, '/proc/meminfo');
          break;
        case 'smaps':
        case 'smaps_rollup': {
          const d = seg.data as { mappings: Mapping[]; rollup: boolean };
          const p = proc(pidFromHint(seg.hint), source);
          if (d.rollup) {
            p.rollup = d.mappings[0]?.kib ?? {};
          } else if (p.mappings.length > 0) {
            snap.notes.push(`pid ${p.pid}: a second smaps (${source}) was not used`);
          } else p.mappings = d.mappings;
          break;
        }
        case 'status': {
          const st = seg.data as ProcStatus;
          const p = proc(st.pid ?? pidFromHint(seg.hint), source);
          p.status = st;
          if (st.name) {
            p.name = st.name;
            p.nameFrom = 'status';
          }
          break;
        }
        case 'stat': {
          const st = seg.data as ProcStat;
          const p = proc(st.pid || pidFromHint(seg.hint), source);
          if (p.nameFrom !== 'status') {
            p.name = st.comm;
            p.nameFrom = 'stat';
          }
          break;
        }
        case 'version':
          snap.kernelRelease ??= (seg.data as { release: string }).release;
          break;
        default:
          break;
      }
    }
  }
  // memblock=debug in a kernel log fills in what the debugfs files did not give
  const dbg = snap.kernelLog?.value.memblockDebug;
  if (dbg && dbg.memory.length > 0 && !snap.memblock.memory)
    snap.memblock.memory = { value: dbg.memory, source: snap.kernelLog?.source ?? '' };
  if (dbg && dbg.reserved.length > 0 && !snap.memblock.reserved)
    snap.memblock.reserved = { value: dbg.reserved, source: snap.kernelLog?.source ?? '' };
  resolveUnlabelledMemblock(snap, unlabelledMemblock);

  for (const p of procs.values()) {
    if (p.mappings.length === 0 && !p.rollup) {
      // a status or stat alone: a kernel thread, or a process whose smaps was not captured
      if (p.status || p.nameFrom === 'stat') continue;
    }
    if (!p.name) p.name = p.pid === null ? `(unnamed: ${p.sources[0]})` : `pid ${p.pid}`;
    snap.processes.push(p);
  }
  return snap;
}

/** Tables that neither a name nor their content told apart: the one that holds the other is memory. */
function resolveUnlabelledMemblock(snap: Snapshot, tables: Located<MemblockTable>[]): void {
  for (const t of tables) {
    const kind = !snap.memblock.memory ? 'memory' : !snap.memblock.reserved ? 'reserved' : null;
    if (kind === null) {
      snap.notes.push(`memblock table in ${t.source} not used: memory and reserved are both known`);
      continue;
    }
    snap.memblock[kind] = { value: t.value.regions, source: t.source };
    snap.notes.push(
      `memblock table in ${t.source} taken as memblock.${kind} (${t.value.kindEvidence}; name the file …/memblock/memory or …/reserved to be sure)`,
    );
  }
  const { memory, reserved } = snap.memblock;
  if (memory && reserved) {
    const sum = (rs: MemblockRegion[]) => rs.reduce((s, r) => s + (r.end - r.start), 0n);
    if (sum(reserved.value) > sum(memory.value)) {
      snap.memblock = { memory: reserved, reserved: memory };
      snap.notes.push('memblock tables swapped: the larger one must be memblock.memory');
    }
  }
}

function mergeDeviceTree(into: DeviceTree, more: DeviceTree): void {
  into.banks.push(...more.banks);
  for (const r of more.reservations) {
    const i = into.reservations.findIndex((x) => x.name === r.name);
    if (i >= 0) into.reservations[i] = r;
    else into.reservations.push(r);
  }
  into.memreserve.push(...more.memreserve);
  into.includes.push(...more.includes);
}

function mergeLog(into: KernelLog, more: KernelLog): void {
  into.memoryLine ??= more.memoryLine;
  into.reservedMem.push(...more.reservedMem);
  into.reservedMemInitialized.push(...more.reservedMemInitialized);
  into.cma.push(...more.cma);
  into.dmaPools.push(...more.dmaPools);
  into.zones.push(...more.zones);
  into.nodeRanges.push(...more.nodeRanges);
  into.freedInitKiB.push(...more.freedInitKiB);
  into.memblockDebug.memory.push(...more.memblockDebug.memory);
  into.memblockDebug.reserved.push(...more.memblockDebug.reserved);
  into.totalPages ??= more.totalPages;
  into.otherLines += more.otherLines;
}

export type { Segment };
