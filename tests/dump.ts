/**
 * The whole model of a set of inputs as stable, readable text, for snapshot tests: every
 * number, region, line, check and diagnostic, so any change in any of them shows up in
 * review (tests/__snapshots__/models/*.txt).
 */
import { MappingTable } from '../src/core/formats/smaps/index';
import { type AnyMsg, render } from '../src/core/messages/catalogue';
import { EN } from '../src/core/messages/index';
import { evidenceRule } from '../src/core/model/physical/index';
import { breakdown } from '../src/core/viewmodel/bar';
import { mapRegions } from '../src/core/viewmodel/lanes';
import { fileTable } from '../src/core/viewmodel/librank';
import { groupMappings } from '../src/core/viewmodel/mappings';
import { headline, usedTable } from '../src/core/viewmodel/overview';
import { orderLines } from '../src/core/viewmodel/waterfall';
import { run } from './helpers';

const en = (msg: AnyMsg) => render(msg, EN);
const hx = (v: bigint | null) => (v === null ? '—' : `0x${v.toString(16)}`);

export function dumpModel(inputs: { name: string; text: string }[]): string {
  const { parsed, snap, a } = run(inputs);
  const out: string[] = [];
  const section = (title: string) => out.push('', `# ${title}`);

  section('inputs');
  for (const p of parsed) {
    out.push(`${p.name}: ${p.lines} lines, ${p.bytes} bytes; separators at ${p.separators.join(', ') || '—'}`);
    for (const s of p.segments)
      out.push(`  segment ${s.format} ${s.firstLine}–${s.lastLine}${s.hint !== undefined ? ` hint ${JSON.stringify(s.hint)}` : ''}`);
    for (const d of p.diagnostics) out.push(`  ${d.severity} line ${d.line}: ${d.message}`);
  }
  section('notes');
  for (const n of a.accounting.notes) out.push(`- ${en(n)}`);
  section('missing');
  for (const n of a.accounting.missing) out.push(`- ${en(n)}`);

  const ph = a.physical;
  section('physical');
  if (ph) {
    out.push(`DRAM from ${ph.dramSource}: ${en(ph.dramFrom)}`);
    out.push(
      `[${hx(ph.start)}, ${hx(ph.end)}) span ${ph.spanKiB} KiB, no-map ${ph.noMapKiB}, memblock.memory ${ph.memblockMemoryKiB} (NOMAP ${ph.memblockNomapKiB}), memblock.reserved ${ph.memblockReservedKiB}, holes ${ph.holesKiB}`,
    );
    for (const r of ph.regions) {
      out.push(`${hx(r.start)}–${hx(r.end)} ${r.kind}/${r.role} ${JSON.stringify(en(r.label))} ${r.source}${r.line ? `:${r.line}` : ''}`);
      if (r.evidence) out.push(`    ${r.evidence.rule}: ${en(evidenceRule(r.evidence))}`);
    }
  }
  section('boot');
  if (a.boot) out.push(JSON.stringify(a.boot));
  section('meminfo');
  for (const [k, f] of snap.meminfo?.value.fields ?? []) out.push(`${k} ${f.value}${f.unit ? ` ${f.unit}` : ''} (line ${f.line})`);
  section('free');
  if (snap.free) {
    const f = snap.free.value;
    out.push(`${f.layout}, unit ${f.unit}, precision ${f.precisionKiB} KiB, columns ${f.columns.join(' ')}`);
    for (const r of f.rows) out.push(`${r.label} (line ${r.line}): ${JSON.stringify(r.values)}`);
  }
  section('ledger');
  const acc = a.accounting;
  out.push(
    `MemTotal ${acc.memTotalKiB} = free ${acc.freeKiB} + user ${acc.userKiB} + kernel ${acc.kernelKiB} + unaccounted ${acc.unaccountedKiB}`,
  );
  for (const { line: l, depth } of orderLines(acc.lines))
    out.push(
      `${'  '.repeat(depth)}L${l.level} ${l.id} ${l.kib} KiB ${JSON.stringify(en(l.label))}${l.bucket ? ` [${l.bucket}]` : ''} = ${en(l.formula)}${l.refs.length ? ` @ ${l.refs.map((r) => `${r.source}:${r.line}`).join(', ')}` : ''}`,
    );
  section('used');
  for (const r of usedTable(a, snap.free))
    out.push(
      `${r.id}${r.tool ? ` ${JSON.stringify(en(r.tool))}` : ''}: used ${r.usedKiB}, buff/cache ${r.buffCacheKiB}${r.matchesPrinted ? ' = printed' : ''}${r.formula ? ` (${en(r.formula)})` : ''}`,
    );
  section('checks');
  for (const c of a.checks)
    out.push(
      `${c.ok ? 'holds' : 'FAILS'} ${c.id}: ${c.left} vs ${c.right} (Δ ${c.delta}, ±${c.tolerance}) ${en(c.label)} | ${en(c.leftFormula)} = ${en(c.rightFormula)}`,
    );
  for (const c of a.checksNotRun) out.push(`not run ${c.id}: ${en(c.reason)}`);
  section('processes');
  a.processes.forEach((p, i) => {
    out.push(
      `${p.pid ?? '?'} ${JSON.stringify(p.name)}: PSS ${p.pssKiB} USS ${p.ussKiB} RSS ${p.rssKiB} swap ${p.swapKiB}${p.swapPssKiB !== undefined ? ` swapPss ${p.swapPssKiB}` : ''}, ${p.mappingCount} mappings${p.fromRollup ? ' (rollup)' : ''}`,
    );
    for (const g of groupMappings(snap.processes[i]?.mappings ?? new MappingTable()))
      out.push(`  ${g.kind}: PSS ${g.pssKiB} RSS ${g.rssKiB} USS ${g.ussKiB} swap ${g.swapKiB}, ${g.rows.length} mappings`);
  });
  for (const f of fileTable(snap.processes).slice(0, 20))
    out.push(
      `  file ${f.path} (${f.kind}): PSS ${f.pssKiB} RSS ${f.rssKiB} USS ${f.ussKiB}, ${f.processes} processes, ${f.mappings} mappings`,
    );
  section('overview');
  const h = headline(a, snap.free);
  out.push(`whole ${h.whole} (${h.wholeIs}): ${h.figures.map((f) => `${f.id} ${f.kib}`).join(', ')}`);
  const b = breakdown(snap, a);
  out.push(`bar: ${b.basis}, ${b.totalKiB} KiB, residual ${b.residualKiB}`);
  for (const s of b.segments) out.push(`  ${s.id} [${s.bucket}] ${s.kib} ${JSON.stringify(en(s.label))} = ${en(s.formula)}`);
  for (const n of [...b.notes, ...b.missing]) out.push(`  note: ${en(n)}`);
  if (ph)
    for (const r of mapRegions(ph))
      if (r.flags.length) out.push(`flagged ${hx(r.start)}–${hx(r.end)} on ${r.lane}: ${r.flags.map(en).join('; ')}`);
  return `${out.join('\n').trim()}\n`;
}
