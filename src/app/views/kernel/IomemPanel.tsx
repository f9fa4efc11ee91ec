/**
 * The iomem panel: System RAM and the kernel image as /proc/iomem registers them, then
 * the resource tree as an indented table with sizes (src/core/viewmodel/iomem.ts).
 */
import { fmtHex, fmtSize } from '../../format';
import { useT } from '../../i18n/useT';
import { useStore } from '../../store';
import { iomemWords } from './iomem-words';

export default function IomemPanel() {
  const { lang } = useT();
  const w = iomemWords(lang);
  const view = useStore((s) => s.model?.iomem);
  const unit = useStore((s) => s.unit);
  if (!view) return null;
  const s = view.summary;
  const k = s.kernel;
  const kernelKiB = (k.code ?? 0) + (k.rodata ?? 0) + (k.data ?? 0) + (k.bss ?? 0);
  const parts = (['code', 'rodata', 'data', 'bss'] as const).filter((p) => k[p] !== undefined);
  return (
    <section aria-labelledby="iomem-title" data-testid="iomem-panel">
      <h3 id="iomem-title">{w.title}</h3>
      <p className="small muted">
        {w.source} {view.source} · {s.entries} {w.entries}
      </p>
      {s.hidden ? (
        <p className="muted" data-testid="iomem-hidden">
          {w.hidden}
        </p>
      ) : (
        <dl className="iomem-summary">
          <dt>{w.systemRam}</dt>
          <dd data-testid="iomem-ram">
            {fmtSize(s.systemRamKiB, unit)} ({s.systemRamRanges} {w.ranges})
          </dd>
          {parts.length > 0 && (
            <>
              <dt>{w.kernel}</dt>
              <dd data-testid="iomem-kernel">
                {fmtSize(kernelKiB, unit)} ({parts.map((p) => `${p} ${fmtSize(k[p] ?? 0, unit)}`).join(', ')})
              </dd>
            </>
          )}
          <dt>{w.reservedIn}</dt>
          <dd>{fmtSize(s.reservedInRamKiB, unit)}</dd>
          <dt>{w.reservedBetween}</dt>
          <dd>{fmtSize(s.reservedBetweenRamKiB, unit)}</dd>
          <dt>{w.devices}</dt>
          <dd>{s.devices}</dd>
        </dl>
      )}
      <table className="data iomem-tree" data-testid="iomem-table">
        <thead>
          <tr>
            <th>{w.start}</th>
            <th>{w.end}</th>
            <th className="num">{w.size}</th>
            <th>{w.name}</th>
            <th>{w.kind}</th>
            <th className="num">{w.line}</th>
          </tr>
        </thead>
        <tbody>
          {view.rows.map((r) => (
            <tr key={r.line} data-kind={r.kind}>
              <td className="mono">{r.start === null ? '—' : fmtHex(r.start)}</td>
              {/* the last address, as /proc/iomem prints it (the model's end is exclusive) */}
              <td className="mono">{r.end === null ? '—' : fmtHex(r.start !== null && r.end > r.start ? r.end - 1n : r.end)}</td>
              <td className="num">{r.sizeKiB === null ? '—' : fmtSize(r.sizeKiB, unit)}</td>
              <td style={{ paddingLeft: `${0.5 + r.depth * 1.25}em` }}>{r.name}</td>
              <td className="small">{r.kind}</td>
              <td className="num small">{r.line}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {view.more > 0 && (
        <p className="small muted">
          {view.more} {w.more}
        </p>
      )}
    </section>
  );
}
