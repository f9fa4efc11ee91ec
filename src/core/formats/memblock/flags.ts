/**
 * memblock region flags, `enum memblock_flags` in include/linux/memblock.h. debugfs
 * prints the name of the lowest set flag (`NONE` when there is none) since v6.5;
 * `memblock=debug` prints the value in hex (`flags: 0x4`).
 */
export const MEMBLOCK_FLAG_BITS = {
  HOTPLUG: 0x1,
  MIRROR: 0x2,
  NOMAP: 0x4,
  DRV_MNG: 0x8,
  RSV_NIT: 0x10,
  RSV_KERN: 0x20,
  KHO_SCRATCH: 0x40,
} as const;

/** a flag the kernel defines, or UNKNOWN for a name or bit this list does not have */
export type MemblockFlag = keyof typeof MEMBLOCK_FLAG_BITS | 'UNKNOWN';

const NAMES: readonly string[] = Object.keys(MEMBLOCK_FLAG_BITS);
const isKnown = (name: string): name is keyof typeof MEMBLOCK_FLAG_BITS => NAMES.includes(name);

/** flags from a debugfs name (`NONE`, `NOMAP`, …) or a memblock=debug value (`0x4`) */
export function parseFlags(text: string): MemblockFlag[] {
  if (text === 'NONE') return [];
  if (/^0x[0-9a-fA-F]+$/.test(text)) {
    let bits = Number.parseInt(text, 16);
    const out: MemblockFlag[] = [];
    for (const [name, bit] of Object.entries(MEMBLOCK_FLAG_BITS)) {
      if ((bits & bit) !== 0 && isKnown(name)) out.push(name);
      bits &= ~bit;
    }
    if (bits !== 0) out.push('UNKNOWN');
    return out;
  }
  return [isKnown(text) ? text : 'UNKNOWN'];
}
