/** The inputs beside every view: detected formats, lines, bytes, what was not understood, and Remove. */

import { BudgetChip } from '../budget/BudgetChip';
import { CaptureLink } from '../capture/CaptureLink';
import { fmtBytes, fmtInt, visible } from '../format';
import { useT } from '../i18n/useT';
import { href } from '../route';
import { useStore } from '../store';
import { AddButtons } from './AddButtons';

export function InputList() {
  const { t, tm } = useT();
  const model = useStore((s) => s.model);
  const remove = useStore((s) => s.remove);
  const clear = useStore((s) => s.clear);
  const notKept = useStore((s) => s.notKept);
  return (
    <aside className="inputs" aria-label={t('inputs.title')}>
      <h2>{t('inputs.title')}</h2>
      <AddButtons />
      <CaptureLink />
      <BudgetChip />
      <ul data-testid="inputs">
        {model?.inputs.map((i) => (
          <li key={i.id} className={i.errors > 0 ? 'has-error' : ''} data-input={i.name}>
            <div className="name" title={visible(i.name)}>
              {visible(i.name)}
            </div>
            <div>
              {i.formats.length > 0 ? (
                i.formats.map((f) => (
                  <span key={f} className="badge">
                    {f}
                  </span>
                ))
              ) : (
                <span className="badge bad">{t('inputs.none')}</span>
              )}
            </div>
            <div className="muted small">
              {fmtInt(i.lines)} {t(i.lines === 1 ? 'inputs.line' : 'inputs.lines')} · {fmtBytes(i.bytes)} ·{' '}
              <a href={href('sources', '', { s: i.sources[0] ?? i.name })} data-testid="diag-count">
                {fmtInt(i.diagnostics)} {t('inputs.diagnostics')}
              </a>
            </div>
            {i.firstError && (
              <div
                className={`small${i.firstError.severity === 'error' ? '' : ' muted'}`}
                style={i.firstError.severity === 'error' ? { color: 'var(--bad)' } : undefined}
                role="note"
                data-severity={i.firstError.severity}
              >
                {tm(i.firstError.msg)}
              </div>
            )}
            <button type="button" className="small" onClick={() => void remove(i.id)} aria-label={`${t('btn.remove')} ${i.name}`}>
              {t('btn.remove')}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => void clear()}>
        {t('btn.clear')}
      </button>
      {notKept && (
        <p className="small muted" data-testid="not-kept">
          {t(`history.notKept.${notKept}`)}
        </p>
      )}
    </aside>
  );
}
