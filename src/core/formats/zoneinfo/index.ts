/**
 * /proc/zoneinfo — printed by `zoneinfo_show_print()` in the kernel's mm/vmstat.c, one
 * block per zone of each node:
 *
 *   Node 0, zone    DMA32
 *     per-node stats                      (4.8+, under the node's first populated zone)
 *         nr_inactive_anon 2015
 *     pages free     772808
 *           boost    0                    (5.0+)
 *           min      5481
 *           low      6851
 *           high     8221
 *           promo    9591                 (6.x, with memory tiering)
 *           scanned  0 (a: 0 i: 0)        (2.6–3.x; active, inactive, tscanned on 2.6)
 *           spanned  1044480
 *           present  782336
 *           managed  772808               (3.8+)
 *           cma      0                    (5.x+)
 *           protection: (0, 0, 6272, 6272, 6272)
 *         nr_free_pages 772808            (before `protection` on 3.x, after it since 4.x)
 *     pagesets
 *       cpu: 0                            (`cpu: 0 pcp: 0` on 2.6)
 *                 count:    0
 *                 high:     3425
 *                 batch:    63
 *     vm stats threshold: 24
 *     node_unreclaimable:  0              (all_unreclaimable on 3.x)
 *     start_pfn:           4096
 *
 * A zone with no pages (`present 0`) stops after `protection`. Every counter is kept,
 * known or not: a line ramledger does not use is still understood. Values are pages.
 */
import { m } from '../../messages/catalogue';
import { exactInt } from '../../units';
import { defineFormat } from '../format';

export interface PcpSet {
  cpu: number;
  /** pages on this CPU's per-cpu free lists */
  count?: number;
  high?: number;
  batch?: number;
  /** the vmstat drift this CPU may hold back (pages, per counter) */
  threshold?: number;
}

export interface Zone {
  node: number;
  name: string;
  /** the `Node N, zone NAME` line */
  line: number;
  /** `pages free`, watermarks, spanned/present/managed/cma, start_pfn, …: pages */
  fields: Map<string, number>;
  /** per-zone vmstat counters (`nr_*`, `numa_*`, …), pages or events */
  counters: Map<string, number>;
  protection?: number[];
  pagesets: PcpSet[];
  /** the block ended before its last line (`protection` for an empty zone, `start_pfn` otherwise) */
  cut: boolean;
}

export interface Zoneinfo {
  zones: Zone[];
  /** `per-node stats`, by node */
  nodeStats: Map<number, Map<string, number>>;
}

export const ZONE_HEADER = /^Node\s+(\d+),\s+zone\s+(\S+)\s*$/;
const KEY_VALUE = /^\s*([A-Za-z_][\w]*):?\s+(-?\d+)(\s+\(a: \d+ i: \d+\))?\s*$/;
const PAGES_FREE = /^\s*pages free\s+(-?\d+)\s*$/;
const PROTECTION = /^\s*protection:\s*\(([-\d,\s]*)\)\s*$/;
const CPU = /^\s*cpu:\s*(\d+)(?:\s+pcp:\s*\d+)?\s*$/;
const THRESHOLD = /^\s*vm stats threshold:\s*(-?\d+)\s*$/;

/** the zone's own lines, as opposed to its vmstat counters */
const ZONE_FIELDS = new Set([
  'boost',
  'min',
  'low',
  'high',
  'promo',
  'scanned',
  'tscanned',
  'active',
  'inactive',
  'spanned',
  'present',
  'managed',
  'cma',
  'start_pfn',
  'all_unreclaimable',
  'node_unreclaimable',
  'prev_priority',
  'temp_priority',
  'inactive_ratio',
  'node_inactive_ratio',
]);
const PCP_FIELDS = new Set(['count', 'high', 'low', 'batch', 'high_min', 'high_max']);

type Mode = 'zone' | 'node' | 'pagesets';

export const zoneinfo = defineFormat({
  id: 'zoneinfo',
  starts: (line) => ZONE_HEADER.test(line),
  parse(cur, ctx): Zoneinfo {
    const out: Zoneinfo = { zones: [], nodeStats: new Map() };
    let zone: Zone | null = null;
    let mode: Mode = 'zone';
    let pcp: PcpSet | null = null;
    const finish = () => {
      if (!zone) return;
      const empty = zone.fields.get('present') === 0;
      zone.cut = empty ? zone.protection === undefined : !zone.fields.has('start_pfn');
      if (zone.cut) ctx.diag.add(zone.line, 'warning', m('zoneinfo.cut', { node: zone.node, zone: zone.name, empty }));
    };
    /** a value, or undefined (said) when it is not an exact integer */
    const num = (digits: string): number | undefined => {
      const v = exactInt(digits);
      if (v === null) ctx.diag.addCapped(cur.line, 'warning', m('zoneinfo.value-too-large', { digits: digits.slice(0, 24) }));
      return v ?? undefined;
    };
    for (; !cur.done; cur.advance()) {
      if (cur.blank) continue;
      const line = cur.str;
      const head = ZONE_HEADER.exec(line);
      const node = head ? exactInt(head[1] as string) : null;
      if (head && node !== null) {
        finish();
        zone = {
          node,
          name: head[2] as string,
          line: cur.line,
          fields: new Map(),
          counters: new Map(),
          pagesets: [],
          cut: false,
        };
        out.zones.push(zone);
        mode = 'zone';
        pcp = null;
        continue;
      }
      if (zone && readZoneLine(line)) continue;
      if (ctx.isBoundary(line)) break;
      ctx.diag.unknown(cur.line, line, m(zone ? 'zoneinfo.line-not-understood' : 'zoneinfo.before-zone'));
    }
    finish();
    return out;

    /** one line inside a zone's block; false when it is none of the shapes zoneinfo prints */
    function readZoneLine(line: string): boolean {
      const z = zone as Zone;
      if (/^\s*per-node stats\s*$/.test(line)) {
        mode = 'node';
        if (!out.nodeStats.has(z.node)) out.nodeStats.set(z.node, new Map());
        return true;
      }
      if (/^\s*pagesets\s*$/.test(line)) {
        mode = 'pagesets';
        return true;
      }
      const free = PAGES_FREE.exec(line);
      if (free) {
        mode = 'zone';
        const v = num(free[1] as string);
        if (v !== undefined) z.fields.set('free', v);
        return true;
      }
      const prot = PROTECTION.exec(line);
      if (prot) {
        const parts = (prot[1] as string).split(',').map((s) => s.trim());
        const values = parts.map((s) => exactInt(s));
        if (values.some((v) => v === null)) return false;
        z.protection = values as number[];
        return true;
      }
      const cpu = CPU.exec(line);
      const cpuId = cpu ? exactInt(cpu[1] as string) : null;
      if (cpuId !== null && mode === 'pagesets') {
        pcp = { cpu: cpuId };
        z.pagesets.push(pcp);
        return true;
      }
      const th = THRESHOLD.exec(line);
      if (th && mode === 'pagesets') {
        const v = num(th[1] as string);
        if (pcp && v !== undefined) pcp.threshold = v;
        return true;
      }
      const kv = KEY_VALUE.exec(line);
      if (!kv) return false;
      const key = kv[1] as string;
      const v = num(kv[2] as string);
      if (mode === 'pagesets' && pcp && PCP_FIELDS.has(key)) {
        if (v !== undefined && (key === 'count' || key === 'high' || key === 'batch')) pcp[key] = v;
        return true;
      }
      // the zone's closing lines come after its pagesets
      if (mode === 'pagesets') mode = 'zone';
      if (v === undefined) return true;
      if (mode === 'node') {
        if (ZONE_FIELDS.has(key)) {
          // `pages free` ends the node's stats; a zone field before it is the zone's
          mode = 'zone';
          z.fields.set(key, v);
        } else out.nodeStats.get(z.node)?.set(key, v);
        return true;
      }
      if (ZONE_FIELDS.has(key)) z.fields.set(key, v);
      else z.counters.set(key, v);
      return true;
    }
  },
  merge(b, data, at) {
    if (b.snap.zoneinfo) b.note(m('note.second-input', { what: m('zoneinfo.what'), ignored: at.source, used: b.snap.zoneinfo.source }));
    else b.snap.zoneinfo = { value: data, source: at.source };
  },
  samples: ['Node 0, zone      DMA', 'Node 0, zone   Normal', 'Node 1, zone  HighMem'],
});
