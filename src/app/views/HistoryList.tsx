/**
 * The snapshots kept in this browser (../history.ts), on the start page: open one again,
 * remove one, or remove all after a second click. Titles may come from other people's
 * links: they are shown as text, with control and bidi characters written visibly.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { fmtBytes, fmtInt, middle, visible } from '../format';
import type { HistoryEntry } from '../history';
import type { Lang } from '../i18n/ui';
import { useT } from '../i18n/useT';

interface Props {
  items: HistoryEntry[];
  /** the id of the snapshot shown now, if it is one of the items */
  current?: string;
  onOpen(id: string): void;
  onRemove(id: string): void;
  onClear(): void;
}

const LOCALE: Record<Lang, string> = { en: 'en', zh: 'zh-CN' };

/** the snapshot's own date, else (not a date) when this browser saved it */
const dateOf = (e: HistoryEntry): Date => {
  const d = new Date(e.created);
  return Number.isNaN(d.getTime()) ? new Date(e.savedAt) : d;
};

export function HistoryList({ items, current, onOpen, onRemove, onClear }: Props) {
  const { t, lang } = useT();
  const dates = useMemo(() => new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short' }), [lang]);
  const heading = useId();
  if (items.length === 0) return null;
  return (
    <section className="history" aria-labelledby={heading}>
      <h2 id={heading}>{t('history.title')}</h2>
      <p className="muted small">{t('history.where')}</p>
      <ul>
        {items.map((e) => {
          const name = visible(e.title.trim()) || t('history.untitled');
          const date = dateOf(e);
          return (
            <li key={e.id} data-testid="history-item" aria-current={e.id === current ? 'true' : undefined}>
              <div className="what">
                <div className={e.title.trim() ? 'name' : 'name muted'}>{name}</div>
                {e.names && (
                  <div className="small" title={visible(e.names)}>
                    {middle(e.names, 90)}
                    {e.inputs > 3 ? ' …' : ''}
                  </div>
                )}
                <div className="muted small">
                  <time dateTime={date.toISOString()}>{dates.format(date)}</time> · {fmtBytes(e.bytes)} · {fmtInt(e.inputs)}{' '}
                  {t(e.inputs === 1 ? 'history.input' : 'history.inputs')} · {fmtInt(e.processes)}{' '}
                  {t(e.processes === 1 ? 'history.process' : 'history.processes')}
                  {e.reduced && (
                    <>
                      {' '}
                      <span className="badge" title={t('history.reducedHelp')}>
                        {t('history.reduced')}
                      </span>
                    </>
                  )}
                  {e.id === current && (
                    <>
                      {' '}
                      <span className="badge">{t('history.current')}</span>
                    </>
                  )}
                </div>
              </div>
              <div className="buttons">
                <button type="button" data-testid="history-open" aria-label={`${t('history.open')}: ${name}`} onClick={() => onOpen(e.id)}>
                  {t('history.open')}
                </button>
                <button
                  type="button"
                  className="small"
                  data-testid="history-remove"
                  aria-label={`${t('btn.remove')}: ${name}`}
                  onClick={() => onRemove(e.id)}
                >
                  {t('btn.remove')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <ClearAll onClear={onClear} />
    </section>
  );
}

/** "Remove all", then a question on the page itself (window.confirm blocks and cannot be styled or tested) */
function ClearAll({ onClear }: { onClear(): void }) {
  const { t } = useT();
  const [asking, setAsking] = useState(false);
  const ask = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  const question = useId();
  // the focus follows the question: onto Cancel (the safe answer), then back to where it was
  useEffect(() => {
    if (asking) cancel.current?.focus();
    else if (asked.current) ask.current?.focus();
    asked.current = asking;
  }, [asking]);
  if (!asking)
    return (
      <button type="button" ref={ask} data-testid="history-clear" onClick={() => setAsking(true)}>
        {t('btn.clear')}
      </button>
    );
  return (
    <div
      className="history-confirm buttons"
      role="group"
      aria-labelledby={question}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setAsking(false);
      }}
    >
      <span id={question}>{t('history.confirmClear')}</span>
      <button
        type="button"
        className="danger"
        data-testid="history-clear-confirm"
        onClick={() => {
          setAsking(false);
          onClear();
        }}
      >
        {t('btn.clear')}
      </button>
      <button type="button" ref={cancel} onClick={() => setAsking(false)}>
        {t('btn.cancel')}
      </button>
    </div>
  );
}
