/** The largest slab caches under meminfo's Slab (core/viewmodel/slab.ts). */
import { fmtInt, fmtPct } from '../../format';
import { useStore } from '../../store';
import { useKernelWords } from './slabVmallocWords';

export default function SlabPanel() {
  const v = useStore((s) => s.model?.slab);
  const w = useKernelWords();
  if (!v) return null;
  const page = v.page.from === 'objects' ? w.pageFrom(v.page.kib, v.page.cache ?? '') : w.pageAssumed;
  return (
    <section aria-labelledby="slab-title" className="kernel-panel" data-testid="slab-panel">
      <h3 id="slab-title">{w.slabTitle}</h3>
      <p className="muted">
        {w.slabSummary(v.caches, v.allocator.toUpperCase(), page)} · {w.slabTotals}:{' '}
        <span data-testid="slab-total">{fmtInt(v.totalKiB)}</span> /{' '}
        <span data-testid="slab-meminfo">{v.slabKiB === null ? '—' : fmtInt(v.slabKiB)}</span> KiB
      </p>
      <table className="data" data-testid="slab-table">
        <thead>
          <tr>
            <th>{w.cache}</th>
            <th className="num">{w.objs}</th>
            <th className="num">{w.objSize}</th>
            <th className="num">{w.kibTotal}</th>
            <th className="num">{w.kibActive}</th>
            <th className="num">{w.pctSlab}</th>
            <th>{w.reclaim}</th>
          </tr>
        </thead>
        <tbody>
          {v.top.map((r) => (
            <tr key={`${r.name}:${r.line}`}>
              <td>{r.name}</td>
              <td className="num">
                {fmtInt(r.activeObjs)} / {fmtInt(r.numObjs)}
              </td>
              <td className="num">{fmtInt(r.objSize)}</td>
              <td className="num">{fmtInt(r.totalKiB)}</td>
              <td className="num">{fmtInt(r.activeKiB)}</td>
              <td className="num">{v.slabKiB ? fmtPct(r.totalKiB, v.slabKiB) : ''}</td>
              <td>{w[r.reclaim]}</td>
            </tr>
          ))}
          {v.rest.count > 0 && (
            <tr>
              <td>{w.more(v.rest.count)}</td>
              <td />
              <td />
              <td className="num">{fmtInt(v.rest.totalKiB)}</td>
              <td className="num">{fmtInt(v.rest.activeKiB)}</td>
              <td className="num">{v.slabKiB ? fmtPct(v.rest.totalKiB, v.slabKiB) : ''}</td>
              <td />
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
