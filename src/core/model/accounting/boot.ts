/**
 * What the boot `Memory:` line says MemTotal should be, by the kernel that printed it
 * (formats/kmsg/types.ts, BootLineForm):
 *
 *   modern (3.x on):      physpages − reserved + Σ freed after the line
 *                         (reserved = physpages − totalram − totalcma since 3.19, so the
 *                         CMA pages are already in physpages − reserved)
 *   old ARM, legacy 2.6:  available + Σ freed after the line (available = the free pages,
 *                         which became totalram)
 *
 * "Σ freed" is every `Freeing … memory: NK` line the log printed after the Memory: line
 * (init sections, initrd, SMP alternatives, …); without them, the line's own `init` field
 * stands in (the init section is always freed).
 */
import type { BootMemoryLine } from '../../formats/kmsg/index';
import type { Snapshot } from '../snapshot';

export interface BootFreed {
  kib: number;
  /** `log`: the Freeing lines after the Memory: line; `init`: the line's init field */
  from: 'log' | 'init';
  lines: number[];
}

export function bootFreed(snap: Snapshot, boot: BootMemoryLine): BootFreed | undefined {
  const log = snap.kernelLog;
  const sameLog = log && snap.boot && log.source === snap.boot.source;
  const after = sameLog ? log.value.freedInitKiB.filter((f) => f.afterMemoryLine) : [];
  if (after.length > 0) return { kib: after.reduce((s, f) => s + f.kib, 0), from: 'log', lines: after.map((f) => f.line) };
  const init = boot.fields.init;
  return init !== undefined ? { kib: init, from: 'init', lines: [boot.line] } : undefined;
}

/** the boot line's `reserved`: the field, else what physical − available implies (modern form only) */
export function bootReserved(boot: BootMemoryLine): number {
  return boot.fields.reserved ?? boot.physKiB - boot.availableKiB;
}

/** MemTotal as the boot line and the pages freed after it imply */
export function expectedMemTotal(boot: BootMemoryLine, freed: BootFreed | undefined): number {
  const f = freed?.kib ?? 0;
  return boot.form === 'modern' ? boot.physKiB - bootReserved(boot) + f : boot.availableKiB + f;
}
