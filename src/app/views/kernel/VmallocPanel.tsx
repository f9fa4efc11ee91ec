/** The largest vmalloc callers under VmallocUsed, with their address space split by kind as a stacked bar. */
import type { VmCallerRow, VmKind } from '../../../core/viewmodel/vmalloc';
import { fmtInt } from '../../format';
import { useStore } from '../../store';
import { useKernelWords } from './slabVmallocWords';

const KINDS: readonly VmKind[] = ['vmalloc', 'ioremap', 'vmap', 'other'];
/** colours from the page's palette: vmalloc's own, then the kernel family */
const FILL: Record<VmKind, string> = {
  vmalloc: 'var(--b-vmalloc)',
  ioremap: 'var(--b-no-map)',
  vmap: 'var(--b-kernel-other)',
  other: 'var(--muted)',
};

function KindBar({ row, max }: { row: VmCallerRow; max: number }) {
  let x = 0;
  return (
    <svg width="160" height="14" role="img" aria-hidden="true">
      {KINDS.map((k) => {
        const wdt = max > 0 ? (row.byKind[k].sizeKiB / max) * 160 : 0;
        const r = <rect key={k} x={x} y={2} width={wdt} height={10} fill={FILL[k]} />;
        x += wdt;
        return r;
      })}
    </svg>
  );
}

export default function VmallocPanel() {
  const v = useStore((s) => s.model?.vmalloc);
  const w = useKernelWords();
  if (!v) return null;
  const max = Math.max(0, ...v.top.map((r) => r.sizeKiB));
  const name = (r: VmCallerRow) =>
    `${r.caller ?? (r.special === 'unpurged' ? w.unpurged : r.special === 'vm_map_ram' ? w.vmMapRam : w.noCaller)}${r.module ? ` [${r.module}]` : ''}`;
  return (
    <section aria-labelledby="vmalloc-title" className="kernel-panel" data-testid="vmalloc-panel">
      <h3 id="vmalloc-title">{w.vmTitle}</h3>
      <p className="muted" data-testid="vmalloc-addresses">
        {w.vmSummary(v.total.areas)} · {w.addresses[v.addresses]}
        {v.vmallocUsedKiB !== null && v.reading ? ` · ${w.used(fmtInt(v.vmallocUsedKiB), w.reading[v.reading])}` : ''}
      </p>
      <p className="legend">
        {KINDS.map((k) => (
          <span key={k} style={{ marginRight: '1em' }}>
            <svg width="12" height="12" aria-hidden="true">
              <rect width="12" height="12" fill={FILL[k]} />
            </svg>{' '}
            {w.kinds[k]}: {fmtInt(v.byKind[k].sizeKiB)} KiB
            {k === 'vmalloc' ? ` (${w.ram} ${fmtInt(v.byKind[k].ramKiB)} KiB)` : ''}
          </span>
        ))}
      </p>
      <table className="data" data-testid="vmalloc-table">
        <thead>
          <tr>
            <th>{w.caller}</th>
            <th className="num">{w.areas}</th>
            <th className="num">{w.kibRam}</th>
            <th className="num">{w.kibSpace}</th>
            <th>{w.split}</th>
          </tr>
        </thead>
        <tbody>
          {v.top.map((r) => (
            <tr key={`${r.caller}:${r.module}:${r.special}:${r.line}`}>
              <td>{name(r)}</td>
              <td className="num">{fmtInt(r.areas)}</td>
              <td className="num">{fmtInt(r.ramKiB)}</td>
              <td className="num">{fmtInt(r.sizeKiB)}</td>
              <td>
                <KindBar row={r} max={max} />
              </td>
            </tr>
          ))}
          {v.rest.callers > 0 && (
            <tr>
              <td>{w.moreCallers(v.rest.callers)}</td>
              <td className="num">{fmtInt(v.rest.areas)}</td>
              <td className="num">{fmtInt(v.rest.ramKiB)}</td>
              <td className="num">{fmtInt(v.rest.sizeKiB)}</td>
              <td />
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
