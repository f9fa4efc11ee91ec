/**
 * Overview: the headline figures, one stacked bar of the whole DRAM (levels 0–3), the
 * waterfall as a table with formulas and source lines, "used" by each tool, what is
 * missing, and the checks strip.
 */
import { Fragment, useState } from 'react';
import type { Line } from '../../core/model/accounting';
import type { BarSegment, Bucket } from '../../core/model/views';
import { fmtInt, fmtNum, fmtPct, fmtSize } from '../format';
import { useT } from '../i18n';
import { href, sourceHref } from '../route';
import { useStore } from '../store';

export const bucketColor = (b: Bucket): string => `var(--b-${b})`;

const BUCKET_LABEL: Record<Bucket, string> = {
  'no-map': 'firmware carve-outs (no-map)',
  hole: 'unexplained holes',
  'boot-kernel': 'kernel image',
  'boot-memmap': 'memmap',
  'boot-other': 'boot reservation',
  cma: 'CMA',
  'slab-unreclaimable': 'slab, unreclaimable',
  'slab-reclaimable': 'slab, reclaimable',
  vmalloc: 'vmalloc',
  'page-tables': 'page tables',
  'kernel-stacks': 'kernel stacks',
  percpu: 'per-cpu',
  'kernel-other': 'kernel, other',
  anon: 'anonymous',
  shmem: 'shared memory (tmpfs, shm)',
  'file-mapped': 'file cache, mapped',
  'file-unmapped': 'file cache, not mapped',
  buffers: 'buffers',
  'swap-cache': 'swap cache',
  managed: 'given to the kernel',
  unaccounted: 'unaccounted',
  free: 'free',
};

/** buckets light enough to need dark text on them (WCAG contrast) */
const LIGHT: ReadonlySet<Bucket> = new Set<Bucket>([
  'hole',
  'boot-memmap',
  'boot-other',
  'cma',
  'slab-reclaimable',
  'vmalloc',
  'percpu',
  'file-unmapped',
  'swap-cache',
  'managed',
  'free',
  'page-tables',
  'file-mapped',
]);

const LINE_BUCKET: Record<string, Bucket> = {
  'no-map': 'no-map',
  holes: 'hole',
  'boot-reserved': 'boot-other',
  cma: 'cma',
  Slab: 'slab-unreclaimable',
  KernelStack: 'kernel-stacks',
  PageTables: 'page-tables',
  SecPageTables: 'page-tables',
  VmallocUsed: 'vmalloc',
  Percpu: 'percpu',
  Zswap: 'kernel-other',
  Hugetlb: 'kernel-other',
  kernel: 'slab-unreclaimable',
  AnonPages: 'anon',
  Cached: 'file-unmapped',
  'Cached:Shmem': 'shmem',
  'Cached:mapped': 'file-mapped',
  'Cached:unmapped': 'file-unmapped',
  Buffers: 'buffers',
  SwapCached: 'swap-cache',
  user: 'anon',
  unaccounted: 'unaccounted',
  MemFree: 'free',
};

function lineBucket(l: Line): Bucket | null {
  if (l.parent === 'boot-reserved')
    return l.label === 'kernel image' ? 'boot-kernel' : l.label.startsWith('memmap') ? 'boot-memmap' : 'boot-other';
  return LINE_BUCKET[l.id] ?? null;
}

/** lines in reading order: each line followed by its parts, depth-first */
export function orderLines(lines: readonly Line[]): { line: Line; depth: number }[] {
  const ids = new Set(lines.map((l) => l.id));
  const kids = new Map<string, Line[]>();
  const roots: Line[] = [];
  for (const l of lines) {
    if (l.parent && ids.has(l.parent)) {
      const list = kids.get(l.parent) ?? [];
      list.push(l);
      kids.set(l.parent, list);
    } else roots.push(l);
  }
  // group sums ("kernel", "user") come before their parts
  const out: { line: Line; depth: number }[] = [];
  const walk = (l: Line, depth: number) => {
    out.push({ line: l, depth });
    for (const k of kids.get(l.id) ?? []) walk(k, depth + 1);
  };
  for (const r of roots) walk(r, 0);
  return out;
}

export function Overview() {
  const { t } = useT();
  const model = useStore((s) => s.model);
  const unit = useStore((s) => s.unit);
  if (!model) return null;
  const a = model.analysis;
  const bd = model.breakdown;
  const dram = a.physical?.spanKiB ?? 0;
  const memTotal = a.accounting.memTotalKiB;
  const whole = dram || memTotal || 0;
  const ofWhole = dram ? t('ov.ofDram') : t('ov.ofMemTotal');
  const failed = a.checks.filter((c) => !c.ok).length;
  const unacc = a.accounting.unaccountedKiB;
  const used = a.used[0];
  return (
    <section aria-labelledby="ov-title">
      <h2 id="ov-title">{t('nav.overview')}</h2>
      <div className="headline" data-testid="headline">
        {dram > 0 && <Fig id="dram" name={t('ov.dram')} kib={dram} whole={whole} sub={ofWhole} />}
        {memTotal !== null && <Fig id="memtotal" name={t('ov.memtotal')} kib={memTotal} whole={whole} sub={ofWhole} />}
        {used && <Fig id="used" name={`${t('ov.used')} (${used.tool})`} kib={used.usedKiB} whole={whole} sub={ofWhole} />}
        {a.accounting.freeKiB !== null && <Fig id="free" name={t('ov.free')} kib={a.accounting.freeKiB} whole={whole} sub={ofWhole} />}
        {unacc !== null && <Fig id="unaccounted" name={t('ov.unaccounted')} kib={unacc} whole={whole} sub={ofWhole} alarm />}
      </div>

      {bd.segments.length > 0 ? <StackedBar segments={bd.segments} total={bd.totalKiB} basis={bd.basis} /> : <p>{t('ov.nothing')}</p>}

      <div className={`strip${failed ? ' bad' : ''}`} data-testid="checks-summary">
        <strong>{t('ov.checks')}:</strong>
        <span>
          {a.checks.length - failed} {t('ov.hold')}, {failed} {t('ov.doNot')}
          {a.checksNotRun.length > 0 && `, ${a.checksNotRun.length} ${t('ov.notRun')}`}
        </span>
        <a href={href('checks')}>{t('nav.checks')} →</a>
      </div>

      {(a.accounting.missing.length > 0 || bd.notes.some((n) => n.startsWith('add '))) && (
        <section aria-labelledby="ov-missing" data-testid="missing">
          <h3 id="ov-missing">{t('ov.missing')}</h3>
          <ul>
            {[...new Set([...a.accounting.missing, ...bd.notes.filter((n) => n.startsWith('add '))])].map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </section>
      )}

      <h3>{t('ov.waterfall')}</h3>
      <Waterfall lines={a.accounting.lines} whole={whole} />

      {(a.used.length > 0 || model.free) && (
        <>
          <h3>{t('ov.usedByTool')}</h3>
          <table className="data" data-testid="used-table" style={{ maxWidth: '60rem' }}>
            <thead>
              <tr>
                <th>{t('ov.tool')}</th>
                <th>{t('ov.formula')}</th>
                <th className="num">
                  {t('ov.used')} ({unit})
                </th>
                <th className="num">
                  {t('ov.buffcache')} ({unit})
                </th>
                <th className="num">{ofWhole}</th>
              </tr>
            </thead>
            <tbody>
              {model.free?.rows
                .filter((r) => r.label === 'Mem')
                .map((r) => (
                  <tr key="printed" data-tool="printed">
                    <td>
                      <strong>free as pasted</strong> <span className="muted small">({model.free?.layout})</span>
                    </td>
                    <td className="formula">
                      <a href={sourceHref(model.free?.source ?? '', r.line)}>
                        {model.free?.source}:{r.line}
                      </a>
                    </td>
                    <td className="num">{r.values.used !== undefined ? fmtNum(r.values.used, unit) : '—'}</td>
                    <td className="num">
                      {fmtNum(r.values['buff/cache'] ?? (r.values.buffers ?? 0) + (r.values.cached ?? r.values.cache ?? 0), unit)}
                    </td>
                    <td className="num">{r.values.used !== undefined ? fmtPct(r.values.used, whole) : ''}</td>
                  </tr>
                ))}
              {a.used.map((u) => {
                const printed = model.free?.rows.find((r) => r.label === 'Mem')?.values.used;
                const match = printed !== undefined && Math.abs(printed - u.usedKiB) <= 1024;
                return (
                  <tr key={u.tool} data-tool={u.tool}>
                    <td>
                      {u.tool}
                      {match && <span className="badge"> = pasted</span>}
                    </td>
                    <td className="formula">{u.formula}</td>
                    <td className="num">{fmtNum(u.usedKiB, unit)}</td>
                    <td className="num">{fmtNum(u.buffCacheKiB, unit)}</td>
                    <td className="num">{fmtPct(u.usedKiB, whole)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}

      {(a.accounting.notes.length > 0 || bd.notes.length > 0) && (
        <>
          <h3>{t('ov.notes')}</h3>
          <ul className="small" data-testid="notes">
            {[...new Set([...a.accounting.notes, ...bd.notes.filter((n) => !n.startsWith('add '))])].map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Fig({ id, name, kib, whole, sub, alarm }: { id: string; name: string; kib: number; whole: number; sub: string; alarm?: boolean }) {
  const unit = useStore((s) => s.unit);
  const { t } = useT();
  return (
    <div className={`fig${alarm && kib !== 0 ? ' alarm' : ''}`} data-fig={id}>
      <div className="small muted">{name}</div>
      <div className={`v${kib < 0 ? ' neg' : ''}`} data-kib={Math.round(kib)}>
        {fmtSize(kib, unit)}
      </div>
      <div className="small muted">
        {fmtPct(kib, whole)} {sub}
        {kib < 0 && <span className="neg"> — {t('ov.negative')}</span>}
      </div>
    </div>
  );
}

function StackedBar({ segments, total, basis }: { segments: BarSegment[]; total: number; basis: 'dram' | 'memtotal' }) {
  const { t, label } = useT();
  const unit = useStore((s) => s.unit);
  const [hot, setHot] = useState<{ seg: BarSegment; x: number } | null>(null);
  const positive = segments.filter((s) => s.kib > 0);
  const negative = segments.filter((s) => s.kib < 0);
  const scale =
    Math.max(
      total,
      positive.reduce((s, x) => s + x.kib, 0),
    ) || 1;
  const buckets = [...new Map(segments.map((s) => [s.bucket, s])).values()];
  return (
    <figure style={{ margin: 0 }} aria-label={`${t('ov.bar')} ${basis === 'dram' ? 'DRAM' : 'MemTotal'}`}>
      <figcaption className="small muted">
        {t('ov.bar')} {basis === 'dram' ? 'DRAM' : 'MemTotal'} ({fmtSize(total, unit)})
      </figcaption>
      <div className="bar-wrap">
        <div className="bar" data-testid="dram-bar">
          {positive.map((s) => {
            const pct = (s.kib / scale) * 100;
            const text = `${label(s.label)}: ${fmtSize(s.kib, unit)}, ${fmtPct(s.kib, total)}`;
            return (
              <a
                key={s.id}
                href={`#/overview?row=${encodeURIComponent(s.id)}`}
                onClick={(e) => {
                  e.preventDefault();
                  document
                    .querySelector(`[data-line="${CSS.escape(s.id)}"],[data-seg-row="${CSS.escape(s.id)}"]`)
                    ?.scrollIntoView({ block: 'center' });
                }}
                className={`seg${s.bucket === 'unaccounted' ? ' pattern-unaccounted' : ''}${LIGHT.has(s.bucket) ? ' light' : ''}${hot?.seg.id === s.id ? ' hot' : ''}`}
                style={{ width: `${pct}%`, background: s.bucket === 'unaccounted' ? undefined : bucketColor(s.bucket) }}
                data-seg={s.id}
                data-kib={s.kib}
                aria-label={text}
                title={text}
                onMouseEnter={(e) => setHot({ seg: s, x: (e.currentTarget as HTMLElement).offsetLeft })}
                onFocus={(e) => setHot({ seg: s, x: (e.currentTarget as HTMLElement).offsetLeft })}
                onBlur={() => setHot(null)}
                onMouseLeave={() => setHot(null)}
              >
                {pct > 7 && (
                  <>
                    <span style={{ fontWeight: 700 }}>{label(s.label)}</span>
                    <br />
                    {fmtSize(s.kib, unit)}
                    <br />
                    {fmtPct(s.kib, total)}
                  </>
                )}
              </a>
            );
          })}
        </div>
        {hot && (
          <div className="tooltip" role="tooltip" style={{ left: Math.min(hot.x, 600), top: '4.6rem' }}>
            <strong>{label(hot.seg.label)}</strong>
            <div className="num" style={{ textAlign: 'left' }}>
              {fmtSize(hot.seg.kib, 'KiB')} · {fmtSize(hot.seg.kib, 'MiB')} · {fmtPct(hot.seg.kib, total)}
            </div>
            <div className="small muted">{hot.seg.formula}</div>
          </div>
        )}
      </div>
      {negative.map((s) => (
        <p key={s.id} className="overflow" data-testid="negative">
          {label(s.label)}: {fmtSize(s.kib, unit)} — {s.bucket === 'unaccounted' ? t('ov.negative') : s.formula}
        </p>
      ))}
      <div className="legend" aria-hidden="true">
        {buckets.map((s) => (
          <span key={s.bucket}>
            <span
              className={`swatch${s.bucket === 'unaccounted' ? ' pattern-unaccounted' : ''}`}
              style={{ background: s.bucket === 'unaccounted' ? undefined : bucketColor(s.bucket) }}
            />
            {label(BUCKET_LABEL[s.bucket])}
          </span>
        ))}
      </div>
      <details>
        <summary className="small">{t('ov.bar')} — table</summary>
        <table className="data small">
          <tbody>
            {segments.map((s) => (
              <tr key={s.id} data-seg-row={s.id}>
                <td>
                  <span className="swatch" style={{ background: bucketColor(s.bucket) }} />
                  {label(s.label)}
                </td>
                <td className={`num${s.kib < 0 ? ' neg' : ''}`}>{fmtSize(s.kib, unit)}</td>
                <td className="num">{fmtPct(s.kib, total)}</td>
                <td className="formula">{s.formula}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function Waterfall({ lines, whole }: { lines: Line[]; whole: number }) {
  const { t, label } = useT();
  const ordered = orderLines(lines);
  return (
    <table className="data" aria-label={t('ov.waterfall')} data-testid="waterfall">
      <thead>
        <tr>
          <th>{t('ov.item')}</th>
          <th className="num">KiB</th>
          <th className="num">MiB</th>
          <th className="num">{whole ? t('ov.share') : ''}</th>
          <th style={{ width: '8rem' }}>
            <span className="visually-hidden">bar</span>
          </th>
          <th>{t('ov.formula')}</th>
          <th>{t('ov.source')}</th>
        </tr>
      </thead>
      <tbody>
        {ordered.map(({ line: l, depth }) => {
          const b = lineBucket(l);
          const alarm = l.id === 'unaccounted';
          return (
            <tr key={l.id} data-line={l.id} className={alarm ? 'alarm' : ''}>
              <td style={{ paddingLeft: `${0.5 + depth * 1.1}rem`, fontWeight: depth === 0 ? 700 : undefined }}>
                {b && (
                  <span
                    className={`swatch${b === 'unaccounted' ? ' pattern-unaccounted' : ''}`}
                    style={{ background: b === 'unaccounted' ? undefined : bucketColor(b) }}
                  />
                )}
                {label(l.label)}
              </td>
              <td className={`num${l.kib < 0 ? ' neg' : ''}`} data-kib={Math.round(l.kib)}>
                {fmtInt(l.kib)}
              </td>
              <td className={`num${l.kib < 0 ? ' neg' : ''}`}>{fmtNum(l.kib, 'MiB')}</td>
              <td className="num">{whole ? fmtPct(l.kib, whole) : ''}</td>
              <td>
                {whole > 0 && l.kib > 0 && (
                  <div
                    className={`minibar${b === 'unaccounted' ? ' pattern-unaccounted' : ''}`}
                    style={{
                      width: `${Math.min(100, (l.kib / whole) * 100)}%`,
                      background: b && b !== 'unaccounted' ? bucketColor(b) : b ? undefined : 'var(--muted)',
                    }}
                  />
                )}
              </td>
              <td className="formula">{l.formula}</td>
              <td className="small">
                {l.refs.map((r, i) => (
                  <Fragment key={`${r.source}:${r.line}`}>
                    {i > 0 && ', '}
                    <a href={sourceHref(r.source, r.line)}>
                      {r.source.split('/').pop()}
                      {r.line > 0 ? `:${r.line}` : ''}
                    </a>
                  </Fragment>
                ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
