/**
 * The Compare… button: picks the "before" snapshot — one kept in this browser's history, a
 * snapshot file or a set of dump files, or a pasted link — and opens the Compare view with
 * the inputs shown as "after".
 */
import { useRef, useState } from 'react';
import { payloadOf } from '../../core/share/address';
import type { HistoryEntry } from '../history';
import { useT } from '../i18n/useT';
import { worker } from '../store';
import type { BeforeSource } from './protocol';
import { useCompare } from './state';

export function CompareMenu() {
  const { t, tm } = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const [link, setLink] = useState('');
  const [said, setSaid] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const setBefore = useCompare((s) => s.setBefore);

  const open = async () => {
    setSaid(null);
    dialog.current?.showModal();
    setEntries(await worker().history());
  };
  const take = async (src: BeforeSource) => {
    setBusy(true);
    setSaid(null);
    try {
      const r = await setBefore(src);
      if ('ok' in r) {
        dialog.current?.close();
        window.location.hash = '#/compare';
      } else
        setSaid(
          'problem' in r ? `${t('share.refused')} ${tm(r.problem)}` : 'empty' in r ? t('cmp.empty') : `${t('error.stopped')} ${r.error}`,
        );
    } finally {
      setBusy(false);
    }
  };
  const fromLink = () => {
    const text = link.trim();
    const payload = payloadOf(text) ?? (text.startsWith('v1.') ? text : null);
    if (payload) void take({ link: payload });
    else setSaid(t('cmp.notLink'));
  };
  return (
    <>
      <button type="button" onClick={() => void open()} data-testid="compare">
        {t('cmp.button')}
      </button>
      <dialog ref={dialog} aria-labelledby="compare-title" className="share compare-pick">
        <h2 id="compare-title">{t('cmp.title')}</h2>
        <p className="small muted">{t('cmp.help')}</p>
        {said && (
          <p className="alert" role="alert">
            {said}
          </p>
        )}
        <h3>{t('cmp.fromHistory')}</h3>
        {entries.length === 0 ? (
          <p className="small muted">{t('cmp.noHistory')}</p>
        ) : (
          <ul className="compare-history">
            {entries.map((e) => (
              <li key={e.id}>
                <button type="button" disabled={busy} onClick={() => void take({ history: e.id })}>
                  {e.title || e.names || e.id}
                </button>{' '}
                <span className="small muted">{new Date(e.created).toLocaleString()}</span>
              </li>
            ))}
          </ul>
        )}
        <h3>
          <label htmlFor="compare-files">{t('cmp.fromFiles')}</label>
        </h3>
        <input
          id="compare-files"
          type="file"
          multiple
          disabled={busy}
          data-testid="compare-files"
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])].map((file) => ({ file, name: file.name }));
            if (files.length) void take({ files });
          }}
        />
        <h3>
          <label htmlFor="compare-link">{t('cmp.fromLink')}</label>
        </h3>
        <textarea id="compare-link" rows={3} value={link} onChange={(e) => setLink(e.target.value)} />
        <div className="buttons">
          <button type="button" disabled={busy || !link.trim()} onClick={fromLink}>
            {t('cmp.useLink')}
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            {t('share.close')}
          </button>
        </div>
      </dialog>
    </>
  );
}
