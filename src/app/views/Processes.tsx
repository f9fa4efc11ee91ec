/**
 * Processes: the top processes' PSS by kind (Recharts), the process table (virtualised,
 * sortable, filterable, totals), a selected process's mappings grouped by kind, and the
 * files view (librank) at `#/processes/files`. A process the reader labelled shows the
 * label beside its name (the comment on hover/focus) and is found by it in the filter;
 * the selected process's detail edits it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { m } from '../../core/messages/catalogue';
import { MAPPING_KINDS, type MappingKind } from '../../core/model/processes';
import { filesCsv, processesCsv } from '../../core/report/tables';
import { processKey } from '../../core/share/annotations';
import type { FileRow } from '../../core/viewmodel/librank';
import type { MappingGroup } from '../../core/viewmodel/mappings';
import { LabelChip, useAnnotate } from '../annotations/Labels';
import { kindColor } from '../colors';
import { ChartButtons, CsvButton } from '../export/ExportButtons';
import { caption } from '../export/names';
import { cssVar, type SvgFile, svgFromPage } from '../export/svg';
import { fmtHex, fmtInt, fmtNum, middle, visible } from '../format';
import { fill } from '../i18n/ui';
import { useT } from '../i18n/useT';
import type { ProcessRow } from '../protocol';
import { href, keepInAddress, useRoute } from '../route';
import { useStore, worker } from '../store';
import { ScrollCue } from './ScrollCue';
import { TopKindsTable } from './TopKindsTable';
import { type Column, VirtualTable } from './VirtualTable';

const TOP_N = 12;
/** the mappings a group lists before "show all" (a process may have tens of thousands) */
const FIRST_ROWS = 300;

/** a mapping kind's name in the reader's language */
function useKindName(): (k: string) => string {
  const { tm } = useT();
  return (k) => (isKind(k) ? tm(m(`kind.${k}`)) : k);
}
const isKind = (k: string): k is MappingKind => MAPPING_KINDS.some((x) => x === k);

export default function Processes() {
  const { t } = useT();
  const route = useRoute();
  const model = useStore((s) => s.model);
  if (!model) return null;
  const files = route.sub === 'files';
  return (
    <section aria-labelledby="proc-title">
      <h2 id="proc-title">{t('proc.title')}</h2>
      <nav className="views" aria-label={t('proc.title')} style={{ marginBottom: '0.8rem' }}>
        <a href={href('processes')} aria-current={!files ? 'page' : undefined}>
          {t('proc.title')}
        </a>
        <a href={href('processes', 'files')} aria-current={files ? 'page' : undefined}>
          {t('proc.files')}
        </a>
      </nav>
      {model.processes.length === 0 ? <p data-testid="proc-empty">{t('proc.none')}</p> : files ? <Files /> : <ProcessTable />}
    </section>
  );
}

const procKey = (p: ProcessRow) => String(p.index);

function ProcessTable() {
  const { t } = useT();
  const kindName = useKindName();
  const model = useStore((s) => s.model);
  const unit = useStore((s) => s.unit);
  const present = useStore((s) => s.present);
  const labels = useStore((s) => s.annotations.labels);
  const route = useRoute();
  const [filter, setFilter] = useState(route.params.get('q') ?? '');
  const selected = route.params.get('p');
  const all = model?.processes ?? [];
  const rows = useMemo(() => {
    const q = filter.trim().toLowerCase();
    if (!q) return all;
    return all.filter(
      (p) =>
        p.name.toLowerCase().includes(q) || String(p.pid ?? '').startsWith(q) || labels[processKey(p)]?.label?.toLowerCase().includes(q),
    );
  }, [all, filter, labels]);
  const hasSwapPss = all.some((p) => p.swapPssKiB !== undefined);
  const n = (k: number) => fmtNum(k, unit);
  const columns: Column<ProcessRow>[] = [
    {
      key: 'name',
      label: t('proc.name'),
      width: 'minmax(7rem, 2.2fr)',
      value: (p) => p.name,
      render: (p) => {
        const note = labels[processKey(p)];
        return (
          <span className="ann-name">
            <span className="ann-text" title={visible(p.name)}>
              {middle(p.name, 40)}
            </span>
            {note && <LabelChip note={note} tip />}
          </span>
        );
      },
    },
    {
      key: 'pid',
      label: t('proc.pid'),
      width: 'minmax(3.6rem, 1fr)',
      num: true,
      value: (p) => p.pid ?? -1,
      render: (p) => (p.pid === null ? '—' : p.pid),
    },
    { key: 'pss', label: `PSS (${unit})`, width: 'minmax(3.6rem, 1fr)', num: true, value: (p) => p.pssKiB, render: (p) => n(p.pssKiB) },
    { key: 'uss', label: `USS`, width: 'minmax(3.6rem, 1fr)', num: true, value: (p) => p.ussKiB, render: (p) => n(p.ussKiB) },
    { key: 'rss', label: `RSS`, width: 'minmax(3.6rem, 1fr)', num: true, value: (p) => p.rssKiB, render: (p) => n(p.rssKiB) },
    { key: 'swap', label: 'Swap', width: 'minmax(3.6rem, 1fr)', num: true, value: (p) => p.swapKiB, render: (p) => n(p.swapKiB) },
    ...(hasSwapPss
      ? [
          {
            key: 'swappss',
            label: 'SwapPss',
            width: 'minmax(3.6rem, 1fr)',
            num: true,
            value: (p: ProcessRow) => p.swapPssKiB ?? 0,
            render: (p: ProcessRow) => n(p.swapPssKiB ?? 0),
          },
        ]
      : []),
    {
      key: 'maps',
      label: t('proc.mappings'),
      width: 'minmax(3.6rem, 1fr)',
      num: true,
      value: (p) => p.mappingCount,
      render: (p) => fmtInt(p.mappingCount),
    },
  ];
  const sum = (f: (p: ProcessRow) => number) => rows.reduce((s, p) => s + f(p), 0);
  const total = {
    name: fill(t(rows.length === 1 ? 'proc.totalOf.one' : 'proc.totalOf'), { n: fmtInt(rows.length) }),
    pss: n(sum((p) => p.pssKiB)),
    uss: n(sum((p) => p.ussKiB)),
    rss: n(sum((p) => p.rssKiB)),
    swap: n(sum((p) => p.swapKiB)),
    swappss: n(sum((p) => p.swapPssKiB ?? 0)),
    maps: fmtInt(sum((p) => p.mappingCount)),
  };
  const top = useMemo(() => [...rows].sort((a, b) => b.pssKiB - a.pssKiB).slice(0, TOP_N), [rows]);
  const chartBox = useRef<HTMLDivElement>(null);
  const select = (p: ProcessRow) => {
    const params: Record<string, string> = { p: String(p.index) };
    if (filter) params.q = filter;
    window.history.replaceState(null, '', href('processes', '', params));
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  };
  const chosen = selected !== null ? all.find((p) => String(p.index) === selected) : undefined;
  // the filter is part of the view a link or a reload opens
  useEffect(() => {
    const params: Record<string, string> = {};
    if (selected !== null) params.p = selected;
    if (filter) params.q = filter;
    keepInAddress(href('processes', '', params));
  }, [filter, selected]);
  return (
    <>
      <div className="table-head">
        <h3>{t('proc.top')}</h3>
        <ChartButtons what="top-processes" label={t('proc.top')} svg={() => chartFile(chartBox.current, t('proc.top'))} />
      </div>
      <div className="chart-box" ref={chartBox} data-testid="top-chart" style={{ height: `${Math.min(22, 5 + top.length * 1.6)}rem` }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={top.map((p) => ({ name: `${middle(p.name, 22)} ${p.pid ?? ''}`, ...p.byKind }))}
            layout="vertical"
            margin={{ left: 10, right: 20 }}
          >
            <CartesianGrid strokeDasharray="3 3" stroke="var(--line)" />
            <XAxis type="number" tickFormatter={(v: number) => n(v)} stroke="var(--muted)" />
            <YAxis type="category" dataKey="name" width={present ? 280 : 180} stroke="var(--muted)" tick={{ fontSize: 11 }} />
            <Tooltip
              formatter={(v) => `${n(Number(v))} ${unit}`}
              contentStyle={{ background: 'var(--panel)', border: '1px solid var(--line)', color: 'var(--ink)' }}
            />
            {/* the legend's words in the text colour: a kind's own colour (light green, light blue) is below 4.5:1 */}
            <Legend formatter={(v: string) => <span style={{ color: 'var(--ink)' }}>{kindName(v)}</span>} />
            {MAPPING_KINDS.map((k) => (
              <Bar key={k} dataKey={k} stackId="pss" fill={kindColor(k)} isAnimationActive={false} name={k} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <TopKindsTable top={top} />
      <div className="proc-layout">
        <div>
          <div className="table-head">
            <CsvButton what="processes" label={t('proc.title')} make={() => processesCsv(rows, labels)} />
          </div>
          <label>
            <span className="visually-hidden">{t('proc.filter')}</span>
            <input
              type="search"
              placeholder={t('proc.filter')}
              aria-label={t('proc.filter')}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              style={{ width: '100%', marginBottom: '0.4rem', padding: '0.3em 0.5em' }}
              data-testid="proc-filter"
            />
          </label>
          <VirtualTable
            rows={rows}
            columns={columns}
            rowKey={procKey}
            initialSort="pss"
            label={t('proc.title')}
            selected={selected}
            onSelect={select}
            total={total}
            testId="proc-table"
          />
        </div>
        <div>{chosen ? <MappingsPanel proc={chosen} /> : <p className="muted">{t('proc.select')}</p>}</div>
      </div>
    </>
  );
}

function MappingsPanel({ proc }: { proc: ProcessRow }) {
  const { t } = useT();
  const kindName = useKindName();
  const unit = useStore((s) => s.unit);
  const version = useStore((s) => s.version);
  const [groups, setGroups] = useState<MappingGroup[] | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch when the model changes
  useEffect(() => {
    let live = true;
    setGroups(null);
    void worker()
      .mappings(proc.index)
      .then((g) => live && setGroups(g));
    return () => {
      live = false;
    };
  }, [proc.index, version]);
  const n = (k: number) => fmtNum(k, unit);
  // each group lists its first rows; "show all" lists every mapping of that kind
  const [all, setAll] = useState<ReadonlySet<string>>(new Set());
  const a = useAnnotate(processKey(proc), `${visible(proc.name)}${proc.pid !== null ? ` (${proc.pid})` : ''}`);
  const box = useRef<HTMLDivElement>(null);
  return (
    <div>
      <div
        ref={box}
        data-testid="mappings"
        className="mappings-panel"
        tabIndex={0}
        role="region"
        aria-label={`${visible(proc.name)} ${t('proc.mappings')}`}
      >
        <div className="ann-head">
          <h3 style={{ marginTop: 0 }}>
            {visible(proc.name)} {proc.pid !== null && <span className="muted">({proc.pid})</span>}
            {a.chip}
          </h3>
          {a.button}
        </div>
        {a.comment}
        {a.editor}
        <CsvButton
          what={`mappings-${proc.pid ?? proc.index}`}
          label={`${visible(proc.name)} ${t('proc.mappings')}`}
          make={() => worker().mappingsCsv(proc.index)}
        />
        <p className="small">
          PSS {n(proc.pssKiB)} · USS {n(proc.ussKiB)} · RSS {n(proc.rssKiB)} {unit}
        </p>
        {proc.fromRollup && <p className="small muted">{t('proc.rollup')}</p>}
        {proc.fromTotals && (
          <p className="small notice warn" data-testid="totals-only">
            {fill(t(proc.mappingCount === 1 ? 'proc.totals-only.one' : 'proc.totals-only'), { n: fmtInt(proc.mappingCount) })}
          </p>
        )}
        {groups?.map((g) => (
          <details key={g.kind} data-kind={g.kind}>
            <summary>
              <span className="swatch" style={{ background: kindColor(g.kind) }} />
              <strong>{kindName(g.kind)}</strong> — PSS {n(g.pssKiB)} {unit} · RSS {n(g.rssKiB)} · USS {n(g.ussKiB)} ·{' '}
              {fill(t(g.rows.length === 1 ? 'proc.mappingsN.one' : 'proc.mappingsN'), { n: fmtInt(g.rows.length) })}
            </summary>
            <table className="data small">
              <thead>
                <tr>
                  <th>{t('map.start')}</th>
                  <th>perms</th>
                  <th>{t('proc.path')}</th>
                  <th className="num">Size</th>
                  <th className="num">RSS</th>
                  <th className="num">PSS</th>
                  <th className="num">USS</th>
                </tr>
              </thead>
              <tbody>
                {(all.has(g.kind) ? g.rows : g.rows.slice(0, FIRST_ROWS)).map((r) => (
                  <tr key={`${r.start}-${r.line}`}>
                    <td className="mono">{fmtHex(r.start, r.end > 0xffffffffn ? 12 : 8)}</td>
                    <td className="mono">{r.perms}</td>
                    <td title={visible(r.path)} className="mono path">
                      {middle(r.path || '[anon]', 36)}
                    </td>
                    <td className="num">{n(r.sizeKiB)}</td>
                    <td className="num">{n(r.rssKiB)}</td>
                    <td className="num">{n(r.pssKiB)}</td>
                    <td className="num">{n(r.ussKiB)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {g.rows.length > FIRST_ROWS && !all.has(g.kind) && (
              <p className="small muted">
                {fmtInt(FIRST_ROWS)} / {fmtInt(g.rows.length)} {t('proc.shown')}{' '}
                <button type="button" data-testid="show-all" onClick={() => setAll((x) => new Set(x).add(g.kind))}>
                  {fill(t('proc.showAll'), { n: fmtInt(g.rows.length) })}
                </button>
              </p>
            )}
          </details>
        ))}
      </div>
      <ScrollCue box={box} />
    </div>
  );
}

function Files() {
  const { t } = useT();
  const kindName = useKindName();
  const unit = useStore((s) => s.unit);
  const version = useStore((s) => s.version);
  const [rows, setRows] = useState<FileRow[] | null>(null);
  const [filter, setFilter] = useState(useRoute().params.get('q') ?? '');
  useEffect(() => keepInAddress(href('processes', 'files', filter ? { q: filter } : undefined)), [filter]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch when the model changes
  useEffect(() => {
    void worker()
      .files()
      .then((r) => setRows(r));
  }, [version]);
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q ? (rows ?? []).filter((r) => r.path.toLowerCase().includes(q)) : (rows ?? []);
  }, [rows, filter]);
  const n = (k: number) => fmtNum(k, unit);
  const reduced = useStore((s) => s.model?.processes.some((p) => p.fromTotals) ?? false);
  const columns: Column<FileRow>[] = [
    {
      key: 'path',
      label: t('proc.path'),
      width: 'minmax(10rem, 3fr)',
      value: (r) => r.path,
      render: (r) => (
        <span title={visible(r.path)} className="mono">
          {middle(r.path, 60)}
        </span>
      ),
    },
    { key: 'kind', label: t('proc.kind'), width: '7rem', value: (r) => r.kind, render: (r) => kindName(r.kind) },
    { key: 'pss', label: `PSS (${unit})`, width: 'minmax(3.6rem, 1fr)', num: true, value: (r) => r.pssKiB, render: (r) => n(r.pssKiB) },
    { key: 'rss', label: 'RSS', width: 'minmax(3.6rem, 1fr)', num: true, value: (r) => r.rssKiB, render: (r) => n(r.rssKiB) },
    { key: 'uss', label: 'USS', width: 'minmax(3.6rem, 1fr)', num: true, value: (r) => r.ussKiB, render: (r) => n(r.ussKiB) },
    {
      key: 'procs',
      label: t('proc.processes'),
      width: 'minmax(3.6rem, 1fr)',
      num: true,
      value: (r) => r.processes,
      render: (r) => fmtInt(r.processes),
    },
    {
      key: 'maps',
      label: t('proc.mappings'),
      width: 'minmax(3.6rem, 1fr)',
      num: true,
      value: (r) => r.mappings,
      render: (r) => fmtInt(r.mappings),
    },
  ];
  if (!rows) return <p className="muted">…</p>;
  return (
    <>
      {reduced && (
        <p className="small notice warn" data-testid="files-reduced">
          {t('proc.files-reduced')}
        </p>
      )}
      <div className="table-head">
        <CsvButton what="files" label={t('proc.files')} make={() => filesCsv(shown)} />
      </div>
      <input
        type="search"
        placeholder={t('proc.path')}
        aria-label={t('proc.path')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        style={{ width: '100%', marginBottom: '0.4rem', padding: '0.3em 0.5em' }}
        data-testid="files-filter"
      />
      <VirtualTable
        rows={shown}
        columns={columns}
        rowKey={(r) => r.path}
        initialSort="pss"
        label={t('proc.files')}
        testId="files-table"
        total={{
          path: `${t('proc.total')} (${fmtInt(shown.length)})`,
          pss: n(shown.reduce((s, r) => s + r.pssKiB, 0)),
          rss: n(shown.reduce((s, r) => s + r.rssKiB, 0)),
          uss: n(shown.reduce((s, r) => s + r.ussKiB, 0)),
        }}
      />
    </>
  );
}

/** the Recharts chart as an SVG file: its HTML legend drawn in as swatches */
function chartFile(box: HTMLElement | null, heading: string): SvgFile | null {
  const svg = box?.querySelector<SVGSVGElement>('.recharts-wrapper > svg.recharts-surface');
  if (!box || !svg) return null;
  const legend = [...box.querySelectorAll('.recharts-legend-item')].map((item) => {
    const icon = item.querySelector('.recharts-legend-icon');
    return { color: icon ? getComputedStyle(icon).fill : '#888888', text: item.textContent?.trim() ?? '' };
  });
  return svgFromPage(svg, { title: caption(heading), background: cssVar('--bg') || '#ffffff', legend });
}
