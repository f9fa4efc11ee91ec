/**
 * The zones and fragmentation drill-down in the CLI's reports: the JSON's `zones` and
 * `buddy` keys and the Markdown's two sections. Addresses are hex strings, sizes KiB.
 */
import { type Catalogue, type Msg, render } from '../messages/catalogue';
import { EN } from '../messages/index';
import type { Snapshot } from '../model/snapshot';
import { type BuddyView, buddyView, verdictMsg, type ZonesView, zonesView } from '../model/zones/index';
import { fmtKiB, fmtMiB, hex } from '../units';

const en = (msg: Msg) => render(msg, EN);

export function zonesJson(snap: Snapshot) {
  const v = zonesView(snap);
  if (!v) return null;
  return {
    source: v.source,
    pageKiB: v.pageKiB,
    pageAssumed: v.pageAssumed,
    managedKiB: v.managedKiB ?? null,
    freeKiB: v.freeKiB ?? null,
    highWatermarkKiB: v.highKiB ?? null,
    pcpKiB: v.pcpKiB,
    vmstatDriftKiB: v.driftKiB,
    zones: v.zones.map(({ start, end, ...z }) => ({
      ...(start !== undefined && end !== undefined ? { start: hex(start), end: hex(end) } : {}),
      ...z,
    })),
    notes: v.notes.map(en),
  };
}

export function buddyJson(snap: Snapshot) {
  const v = buddyView(snap);
  if (!v) return null;
  return { ...v, answers: v.answers.map((a) => ({ ...a, says: en(verdictMsg(a.verdict)) })), notes: v.notes.map(en) };
}

export function zonesMarkdown(snap: Snapshot, cat: Catalogue, cell: (s: string) => string): string[] {
  const t = (msg: Msg) => render(msg, cat);
  const out: string[] = [];
  const z = zonesView(snap);
  if (z) out.push(...zonesSection(z, t, cell));
  const b = buddyView(snap);
  if (b) out.push(...buddySection(b, t, cell));
  return out;
}

function zonesSection(v: ZonesView, t: (m: Msg) => string, cell: (s: string) => string): string[] {
  const out = [
    '',
    '## Zones',
    '',
    `Page size ${v.pageKiB} KiB${v.pageAssumed ? ' (assumed)' : ''}; from ${cell(v.source ?? '')}.`,
    '',
    '| node | zone | start | end | spanned KiB | present KiB | managed KiB | free KiB | min / low / high KiB |',
    '|--:|---|---|---|--:|--:|--:|--:|--:|',
  ];
  for (const z of v.zones)
    out.push(
      `| ${z.node} | ${cell(z.name)}${z.cut ? ' (cut off)' : ''} | ${z.start !== undefined ? hex(z.start) : '—'} | ${z.end !== undefined ? hex(z.end) : '—'} | ${fmtKiB(z.spannedKiB)} | ${fmtKiB(z.presentKiB)} | ${z.managedKiB !== undefined ? fmtKiB(z.managedKiB) : '—'} | ${z.freeKiB !== undefined ? fmtKiB(z.freeKiB) : '—'} | ${[z.minKiB, z.lowKiB, z.highKiB].map((x) => (x === undefined ? '—' : fmtKiB(x))).join(' / ')} |`,
    );
  if (v.notes.length) out.push('', ...v.notes.map((n) => `- ${cell(t(n))}`));
  return out;
}

function buddySection(v: BuddyView, t: (m: Msg) => string, cell: (s: string) => string): string[] {
  const orders = Array.from({ length: v.orders }, (_, i) => i);
  const out = [
    '',
    '## Free blocks by order',
    '',
    `| zone | free MiB | largest free block | ${orders.map((o) => `${fmtKiB(2 ** o * v.pageKiB)} KiB`).join(' | ')} |`,
    `|---|--:|--:|${orders.map(() => '--:').join('|')}|`,
  ];
  for (const z of v.zones)
    out.push(
      `| ${z.node === 0 ? '' : `${z.node}:`}${cell(z.zone)} | ${fmtMiB(z.freeKiB)} | ${z.largestOrder < 0 ? '—' : `${fmtKiB(2 ** z.largestOrder * v.pageKiB)} KiB`} | ${z.orders.map((o) => fmtKiB(o.blocks)).join(' | ')} |`,
    );
  out.push('', '| contiguous allocation | order | answer | zones |', '|--:|--:|---|---|');
  for (const a of v.answers)
    out.push(`| ${fmtMiB(a.sizeKiB)} MiB | ${a.order} | ${cell(t(verdictMsg(a.verdict)))} | ${cell(a.zones.join(', ') || '—')} |`);
  if (v.notes.length) out.push('', ...v.notes.map((n) => `- ${cell(t(n))}`));
  return out;
}
