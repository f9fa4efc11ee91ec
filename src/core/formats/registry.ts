/**
 * Every input format, with its priority and the reason for it. Detection asks the
 * formats in priority order (lowest first) whether a line starts their text; the first
 * that says yes reads on. Recognisers are written not to claim each other's lines
 * (tests/registry.test.ts feeds each format's samples to every other), so the order only
 * matters for lines two formats could both take, and for speed.
 *
 * The `Segment` union and the snapshot's dispatch are derived from this table: adding a
 * format is one line here (docs/architecture.md, "Adding an input format").
 */
import type { SnapshotBuilder } from '../model/builder';
import { buddyinfo } from './buddyinfo/index';
import { capture } from './capture/index';
import { dtb } from './dts/dtb';
import { dts } from './dts/index';
import type { FormatModule, SegmentAt, SegmentOf } from './format';
import { free } from './free/index';
import { iomem } from './iomem/index';
import { kmsg } from './kmsg/index';
import { memblock } from './memblock/index';
import { meminfo } from './meminfo/index';
import { pagetypeinfo } from './pagetypeinfo/index';
import { slabinfo } from './slabinfo/index';
import { smaps } from './smaps/index';
import { smapsRollup } from './smaps/rollup';
import { stat } from './stat/index';
import { status } from './status/index';
import { totals } from './totals/index';
import { version } from './version/index';
import { vmallocinfo } from './vmallocinfo/index';
import { zoneinfo } from './zoneinfo/index';

interface Registration<Id extends string, Data> {
  format: FormatModule<Id, Data>;
  priority: number;
  why: string;
}

/** checks that each key is its format's id (the rest is checked by MODULES below) */
const registry = <R extends { [K in keyof R & string]: { format: { id: K }; priority: number; why: string } }>(r: R): R => r;

export const REGISTRY = registry({
  smaps: { format: smaps, priority: 10, why: 'asked first: a large capture is mostly smaps, so most segments start after one test' },
  smaps_rollup: { format: smapsRollup, priority: 20, why: 'a mapping header whose path is [rollup], which smaps does not take' },
  capture: { format: capture, priority: 22, why: "the `# ramledger-capture:` notes of ramledger's capture script, which no dump prints" },
  totals: { format: totals, priority: 25, why: "ramledger's own `# ramledger process totals` line, which no dump prints" },
  memblock: { format: memblock, priority: 30, why: '`N: 0x…..0x…`, a shape no other format prints' },
  free: { format: free, priority: 40, why: 'its `total used free …` header line is unique' },
  iomem: { format: iomem, priority: 45, why: '`start-end : name` with 8 or more hex digits, a shape no other format prints' },
  meminfo: {
    format: meminfo,
    priority: 50,
    why: 'a known field with a kB unit; smaps counters share some names (AnonHugePages) but are read inside smaps segments',
  },
  status: { format: status, priority: 60, why: 'starts at `Name:`; its other keys (VmRSS, …) are not meminfo fields' },
  stat: { format: stat, priority: 70, why: '`pid (comm) S …` on one line' },
  version: { format: version, priority: 80, why: '`Linux version …` without a log prefix (with one it is a kernel log line)' },
  kmsg: { format: kmsg, priority: 90, why: 'a log-prefixed line or a known memory line of the log' },
  slabinfo: {
    format: slabinfo,
    priority: 84,
    why: '`slabinfo - version:`, `# name`, or a cache line with `: tunables … : slabdata`, which nothing else prints',
  },
  vmallocinfo: { format: vmallocinfo, priority: 86, why: '`0x…-0x… <bytes>` (or `0x(ptrval)`): the kernel log prefixes its lines' },
  dtb: {
    format: dtb,
    priority: 95,
    why: 'a blob pasted as base64 or a hex dump: its first line holds the magic d00dfeed, which no other format prints',
  },
  zoneinfo: { format: zoneinfo, priority: 32, why: '`Node N, zone NAME` alone on a line: buddyinfo rows go on with counts' },
  buddyinfo: { format: buddyinfo, priority: 33, why: '`Node N, zone NAME` and a count per order, which no other format prints' },
  pagetypeinfo: {
    format: pagetypeinfo,
    priority: 34,
    why: '`Page block order:` or its free-count header; its block-count rows look like buddyinfo rows and are read inside it',
  },
  dts: { format: dts, priority: 100, why: 'last: `name {` and comment lines are loose enough to take what others would' },
});

export type FormatId = keyof typeof REGISTRY;
type DataOf<F> = F extends { format: FormatModule<string, infer D> } ? D : never;
export type DataMap = { [K in FormatId]: DataOf<(typeof REGISTRY)[K]> };

/** one run of lines read by one format: a union over the registry, narrowed by `format` */
export type Segment<K extends FormatId = FormatId> = { [P in K]: SegmentOf<P, DataMap[P]> }[K];

/** the registry seen as one module per id; the compiler checks it against REGISTRY */
const MODULES: { [K in FormatId]: Registration<K, DataMap[K]> } = REGISTRY;

/** the formats in the order detection asks them */
export const BY_PRIORITY = Object.values(REGISTRY)
  .sort((a, b) => a.priority - b.priority)
  .map((r) => r.format);

export function mergeSegment<K extends FormatId>(b: SnapshotBuilder, seg: Segment<K>, source: string): void {
  const at: SegmentAt = { source, firstLine: seg.firstLine, lastLine: seg.lastLine };
  if (seg.hint !== undefined) at.hint = seg.hint;
  MODULES[seg.format].format.merge(b, seg.data, at);
}

export function finishAll(b: SnapshotBuilder): void {
  for (const f of BY_PRIORITY) f.finish?.(b);
}

/** the segments of one format, typed */
export function segmentsOf<K extends FormatId>(segments: readonly Segment[], format: K): Segment<K>[] {
  const out: Segment<K>[] = [];
  for (const s of segments) if (isFormat(s, format)) out.push(s);
  return out;
}

function isFormat<K extends FormatId>(s: Segment | Segment<K>, format: K): s is Segment<K> {
  return s.format === format;
}
