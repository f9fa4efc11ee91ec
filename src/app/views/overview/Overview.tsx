/**
 * Overview: the headline figures, one stacked bar of the whole memory, the checks strip,
 * what to add, the ledger from DRAM to free with formulas and source lines, "used" by
 * each tool, and the notes. The numbers come computed from the worker (src/core/viewmodel).
 */

import type { AnyMsg } from '../../../core/messages/catalogue';
import type { Figure } from '../../../core/viewmodel/overview';
import { BudgetStrip } from '../../budget/BudgetStrip';
import { ChartButtons, CsvButton } from '../../export/ExportButtons';
import { useBarSvgLater } from '../../export/useBarSvgLater';
import { fmtPct, fmtSize } from '../../format';
import { fill } from '../../i18n/ui';
import { useT } from '../../i18n/useT';
import { href } from '../../route';
import { useStore } from '../../store';
import { FIGURE_NAME } from './figureNames';
import { PartBars } from './PartBars';
import { StackedBar } from './StackedBar';
import { UsedTable } from './UsedTable';
import { Waterfall } from './Waterfall';

/** messages shown once each, however many parts of the model said them */
const distinct = (msgs: readonly AnyMsg[]): AnyMsg[] => [...new Map(msgs.map((x) => [JSON.stringify(x, bigints), x])).values()];
const bigints = (_: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

export function Overview() {
  const { t, tm } = useT();
  const model = useStore((s) => s.model);
  const labels = useStore((s) => s.annotations.labels);
  const barFile = useBarSvgLater();
  if (!model) return null;
  const a = model.analysis;
  const bd = model.breakdown;
  const h = model.headline;
  const ofWhole = h.wholeIs === 'dram' ? t('ov.ofDram') : t('ov.ofMemTotal');
  const failed = a.checks.filter((c) => !c.ok).length;
  const missing = distinct([...a.accounting.missing, ...bd.missing]);
  const notes = distinct([...a.accounting.notes, ...bd.notes]);
  return (
    <section aria-labelledby="ov-title">
      <h2 id="ov-title">{t('nav.overview')}</h2>
      <div className="headline" data-testid="headline">
        {h.figures.map((f) => (
          <Fig key={f.id} figure={f} whole={h.whole} sub={ofWhole} />
        ))}
      </div>

      {bd.segments.length > 0 ? (
        <>
          <div className="export-row">
            <ChartButtons what="dram-bar" label={t('ov.bar')} svg={() => barFile(bd)} />
          </div>
          <StackedBar breakdown={bd} />
        </>
      ) : (
        <p>{t('ov.nothing')}</p>
      )}
      <PartBars breakdown={bd} />

      <div className={`strip${failed ? ' bad' : ''}`} data-testid="checks-summary">
        <strong>{t('ov.checks')}:</strong>
        <span>
          {a.checks.length - failed} {t('ov.hold')}, {failed} {t('ov.doNot')}
          {a.checksNotRun.length > 0 && `, ${a.checksNotRun.length} ${t('ov.notRun')}`}
        </span>
        <a href={href('checks')}>{t('nav.checks')} →</a>
      </div>
      <BudgetStrip />

      {missing.length > 0 && (
        <section aria-labelledby="ov-missing" data-testid="missing">
          <h3 id="ov-missing">{t('ov.missing')}</h3>
          <ul>
            {missing.map((msg) => (
              <li key={JSON.stringify(msg, bigints)}>{tm(msg)}</li>
            ))}
          </ul>
        </section>
      )}

      <div className="table-head">
        <h3>{t('ov.waterfall')}</h3>
        <CsvButton
          what="ledger"
          label={t('ov.waterfall')}
          make={async () => (await import('../../../core/report/tables')).waterfallCsv(a.accounting.lines, tm, labels)}
        />
      </div>
      <Waterfall lines={a.accounting.lines} whole={h.whole} />

      {model.used.length > 0 && (
        <>
          <div className="table-head">
            <h3>{t('ov.usedByTool')}</h3>
            <CsvButton
              what="used"
              label={t('ov.usedByTool')}
              make={async () => (await import('../../../core/report/tables')).usedCsv(model.used, tm)}
            />
          </div>
          <UsedTable rows={model.used} whole={h.whole} ofWhole={ofWhole} />
        </>
      )}

      {notes.length > 0 && (
        <>
          <h3>{t('ov.notes')}</h3>
          <ul className="small" data-testid="notes">
            {notes.map((msg) => (
              <li key={JSON.stringify(msg, bigints)}>{tm(msg)}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Fig({ figure, whole, sub }: { figure: Figure; whole: number; sub: string }) {
  const unit = useStore((s) => s.unit);
  const { t, tm } = useT();
  const { id, kib } = figure;
  const alarm = id === 'unaccounted' && kib !== 0;
  return (
    <div className={`fig${alarm ? ' alarm' : ''}`} data-fig={id}>
      <div className="small muted">
        {t(FIGURE_NAME[id])}
        {figure.printed
          ? ` (${figure.tool ? fill(t('ov.printed-like'), { tool: tm(figure.tool) }) : t('ov.printed')})`
          : figure.tool && ` (${tm(figure.tool)})`}
      </div>
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
