/**
 * Sources: each input with its format, what was parsed, its diagnostics with line
 * numbers, and the raw text (virtualised, fetched from the worker in chunks) with those
 * lines highlighted. `#/sources?s=<name>&l=<line>` opens a line, `&to=<line>` a range of them.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { diagnosticsCsv } from '../../core/report/tables';
import { CsvButton } from '../export/ExportButtons';
import { fmtBytes, fmtInt, visible } from '../format';
import { useT } from '../i18n/useT';
import { href, useRoute } from '../route';
import { titleStem } from '../share';
import { useStore, worker } from '../store';

const CHUNK = 500;
const ROW = 18;
/** on a projector the raw text is 16 px like every table, on taller rows */
const ROW_PRESENT = 24;

export default function Sources() {
  const { t } = useT();
  const model = useStore((s) => s.model);
  const route = useRoute();
  if (!model) return null;
  const wanted = route.params.get('s');
  const src = model.sources.find((s) => s.name === wanted) ?? model.sources[0];
  const line = Number(route.params.get('l') ?? 0) || 0;
  const to = Math.max(line, Number(route.params.get('to') ?? 0) || 0);
  return (
    <section aria-labelledby="src-title">
      <h2 id="src-title">{t('src.title')}</h2>
      <div className="src-layout">
        <nav className="src-list" aria-label={t('src.title')}>
          {model.sources.map((s) => (
            <a
              key={s.name}
              href={href('sources', '', { s: s.name })}
              aria-current={s.name === src?.name ? 'page' : undefined}
              style={{
                display: 'block',
                marginBottom: '0.4rem',
                wordBreak: 'break-all',
                fontWeight: s.name === src?.name ? 700 : undefined,
              }}
            >
              {visible(s.name)}{' '}
              <span className="muted small">
                ({s.formats.join(', ') || '—'}; {fmtInt(s.diagnostics.length)})
              </span>
            </a>
          ))}
        </nav>
        {src && <SourceDetail key={src.name} name={src.name} line={line} to={to} />}
      </div>
    </section>
  );
}

function SourceDetail({ name, line, to }: { name: string; line: number; to: number }) {
  const { t, tm } = useT();
  const model = useStore((s) => s.model);
  const version = useStore((s) => s.version);
  const src = model?.sources.find((s) => s.name === name);
  const [total, setTotal] = useState(0);
  const [chunks, setChunks] = useState<Map<number, string[]>>(new Map());
  const pending = useRef(new Set<number>());
  const box = useRef<HTMLDivElement>(null);
  const diagLines = useMemo(() => new Map((src?.diagnostics ?? []).map((d) => [d.line, d])), [src]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch when the model changes
  useEffect(() => {
    pending.current.clear();
    setChunks(new Map());
    void worker()
      .sourceLines(name, 0, CHUNK)
      .then((r) => {
        setTotal(r.total);
        setChunks(new Map([[0, r.lines]]));
      });
  }, [name, version]);

  const row = useStore((st) => st.present) ? ROW_PRESENT : ROW;
  const v = useVirtualizer({ count: total, getScrollElement: () => box.current, estimateSize: () => row, overscan: 40 });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the rows are measured again when their height changes
  useEffect(() => v.measure(), [row]);
  const items = v.getVirtualItems();
  useEffect(() => {
    if (items.length === 0) return;
    const first = Math.floor((items[0]?.index ?? 0) / CHUNK);
    const last = Math.floor((items[items.length - 1]?.index ?? 0) / CHUNK);
    for (let c = first; c <= last; c++) {
      if (chunks.has(c) || pending.current.has(c)) continue;
      pending.current.add(c);
      void worker()
        .sourceLines(name, c * CHUNK, CHUNK)
        .then((r) => setChunks((m) => new Map(m).set(c, r.lines)));
    }
  }, [items, chunks, name]);

  useEffect(() => {
    if (line > 0 && total > 0) v.scrollToIndex(line - 1, { align: 'center' });
  }, [line, total, v]);

  if (!src) return null;
  const text = (i: number) => chunks.get(Math.floor(i / CHUNK))?.[i % CHUNK];
  return (
    <div data-testid="source-detail" style={{ minWidth: 0 }}>
      <h3 style={{ marginTop: 0, wordBreak: 'break-all' }}>{visible(src.name)}</h3>
      <p className="small">
        {t('src.format')}: <strong>{src.formats.join(', ') || '—'}</strong> · {fmtInt(src.lines)}{' '}
        {t(src.lines === 1 ? 'src.line' : 'src.lines')} · {fmtBytes(src.bytes)}
      </p>
      {src.segments.length > 0 && (
        <table className="data small" style={{ maxWidth: '50rem' }}>
          <thead>
            <tr>
              <th>{t('src.segments')}</th>
              <th className="num">{t('src.lines')}</th>
              <th>{t('src.hint')}</th>
            </tr>
          </thead>
          <tbody>
            {src.segments.slice(0, 200).map((s) => (
              <tr key={`${s.firstLine}-${s.format}`}>
                <td>{s.format}</td>
                <td className="num">
                  <a href={href('sources', '', { s: src.name, l: s.firstLine })}>
                    {s.firstLine}–{s.lastLine}
                  </a>
                </td>
                <td className="mono small">{s.hint ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {src.segments.length > 200 && (
        <p className="small muted">
          {fmtInt(src.segments.length - 200)} more {t('src.segments')} …
        </p>
      )}
      <div className="table-head">
        <h3>
          {t('src.diagnostics')} ({fmtInt(src.diagnostics.length)})
        </h3>
        {src.diagnostics.length > 0 && (
          <CsvButton
            what={`diagnostics-${titleStem(src.name)}`}
            label={t('src.diagnostics')}
            make={() => diagnosticsCsv(src.name, src.diagnostics, tm)}
          />
        )}
      </div>
      {src.diagnostics.length === 0 ? (
        <p className="small">{t('src.none')}</p>
      ) : (
        <ul className="diag-list" data-testid="diagnostics">
          {src.diagnostics.map((d) => (
            <li key={`${d.line}-${d.severity}-${d.message}`} data-severity={d.severity}>
              {d.line > 0 ? (
                <a href={href('sources', '', { s: src.name, l: d.line })}>
                  {t('src.line')} {d.line}
                </a>
              ) : (
                <span>{t('src.whole')}</span>
              )}{' '}
              <span className={d.severity === 'error' ? 'neg' : 'muted'}>[{t(`src.${d.severity}`)}]</span> {tm(d.msg)}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('src.raw')}</h3>
      <div className="raw" ref={box} tabIndex={0} role="region" aria-label={`${t('src.raw')}: ${src.name}`} data-testid="raw">
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {items.map((it) => {
            const n = it.index + 1;
            const d = diagLines.get(n);
            return (
              <div
                key={it.key}
                className={`ln${d ? ' diag' : ''}${line > 0 && n >= line && n <= to ? ' target' : ''}`}
                style={{ top: it.start, height: row }}
                data-ln={n}
                title={d ? tm(d.msg) : undefined}
              >
                <span className="no">{n}</span>
                {text(it.index) ?? ''}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
