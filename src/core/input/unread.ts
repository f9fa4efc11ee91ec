/**
 * Text no format reads, named when its shape is known: a line of a kernel file out of
 * place (a slabinfo or zoneinfo row without the lines its reader starts from), a
 * bootloader's output in a serial capture, a shell's own output. Reported as one diagnostic per run of lines, with the lines it spans, at
 * severity `unread` — not an error: nothing in it was malformed, it is just not read.
 */
export type UnreadKind =
  | 'slabinfo'
  | 'vmallocinfo'
  | 'zoneinfo'
  | 'buddyinfo'
  | 'pagetypeinfo'
  | 'ioports'
  | 'maps'
  | 'bootloader'
  | 'shell'
  | 'text';

const SHAPES: readonly [UnreadKind, RegExp][] = [
  ['slabinfo', /^(?:slabinfo - version|# name\s+<active_objs>)/],
  ['zoneinfo', /^Node \d+, zone\s+\w+\s*$/],
  ['buddyinfo', /^Node \d+, zone\s+\w+(?:\s+\d+){4,}\s*$/],
  ['pagetypeinfo', /^(?:Page block order:|Pages per block:|Free pages count per migrate type)/],
  ['vmallocinfo', /^0x[0-9a-f]+-0x[0-9a-f]+\s+\d+\s/],
  // /proc/iomem (8 or more digits) is read (formats/iomem); its twin for I/O ports is not
  ['ioports', /^\s*[0-9a-f]{4,7}-[0-9a-f]{4,7} : \S/],
  ['maps', /^[0-9a-f]{8,16}-[0-9a-f]{8,16} [r-][w-][x-][ps] [0-9a-f]+ [0-9a-f]+:[0-9a-f]+ \d+/],
  [
    'bootloader',
    /^(?:U-Boot|SPL|DRAM:|NOTICE:\s+BL[123]|INFO:\s+BL|OpenSBI|Hit any key|Starting kernel|## |Bootloader|NVRM|Loading Kernel|Uncompressing Linux|Booting using the fdt|Trying to boot|Net:|MMC:|In:|Out:|Err:|Model:|Board:|CPU:\s+\w+ rev|Reset cause|Autoboot|BootROM|coreboot|GRUB|Loading Linux|Loading initial ramdisk|EFI stub|F\d: [0-9A-F]{4} [0-9A-F]{4})/,
  ],
  ['shell', /^(?:total \d+$|[-dlcbps][rwxsStT-]{9}[.+@]?\s+\d+\s|cat: |sh: |bash: |ls: |Permission denied|No such file or directory)/],
];

export function unreadKind(line: string): UnreadKind {
  for (const [kind, re] of SHAPES) if (re.test(line)) return kind;
  return 'text';
}
