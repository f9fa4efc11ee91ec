/**
 * The small download buttons beside each table (CSV) and chart (SVG, PNG). Each file is
 * made when asked, named `<title>-<date>-<what>.<ext>` (names.ts).
 */
import { useState } from 'react';
import { useT } from '../i18n/useT';
import { useStore } from '../store';
import { download, exportName } from './names';
import type { SvgFile } from './svg';

interface Props {
  /** the file name's last part and the buttons' test id: `processes` */
  what: string;
  /** the table or chart as the page names it, for the buttons' labels */
  label: string;
}

/** runs an export; a failure is said the way any failed action is */
function useRun(): [boolean, (job: () => Promise<void>) => void] {
  const [busy, setBusy] = useState(false);
  const run = (job: () => Promise<void>) => {
    setBusy(true);
    job()
      .catch((e) => useStore.getState().fail(e))
      .finally(() => setBusy(false));
  };
  return [busy, run];
}

export function CsvButton({ what, label, make }: Props & { make: () => string | Promise<string> }) {
  const { t } = useT();
  const [busy, run] = useRun();
  return (
    <button
      type="button"
      className="export-btn"
      data-testid={`csv-${what}`}
      aria-label={`${t('export.download')} ${label} (CSV)`}
      title={`${t('export.download')} ${label} (CSV)`}
      disabled={busy}
      onClick={() => run(async () => download(await make(), exportName(what, 'csv'), 'text/csv;charset=utf-8'))}
    >
      ⤓ CSV
    </button>
  );
}

export function ChartButtons({ what, label, svg }: Props & { svg: () => SvgFile | null | Promise<SvgFile | null> }) {
  const { t } = useT();
  const [busy, run] = useRun();
  const save = (format: 'svg' | 'png') =>
    run(async () => {
      const file = await svg();
      if (!file) return;
      const name = exportName(what, format);
      if (format === 'svg') download(file.text, name, 'image/svg+xml');
      else {
        // the drawing code loads with the first export, not with the page
        const { cssVar, svgToPng } = await import('./svg');
        download(await svgToPng(file, cssVar('--bg') || '#ffffff'), name);
      }
    });
  return (
    <span className="export-group">
      {(['svg', 'png'] as const).map((f) => (
        <button
          key={f}
          type="button"
          className="export-btn"
          data-testid={`${f}-${what}`}
          aria-label={`${t('export.download')} ${label} (${f.toUpperCase()})`}
          title={`${t('export.download')} ${label} (${f.toUpperCase()})`}
          disabled={busy}
          onClick={() => save(f)}
        >
          ⤓ {f.toUpperCase()}
        </button>
      ))}
    </span>
  );
}
