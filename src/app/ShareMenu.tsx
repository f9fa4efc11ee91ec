/**
 * The Share button: packs the snapshot into a link (reduced when the whole does not
 * fit, and saying so), copies it, and saves the snapshot file for what no link holds.
 */
import { useRef, useState } from 'react';
import { LINK_COMFORT } from '../core/share/address';
import { fmtInt } from './format';
import { fill } from './i18n/ui';
import { useT } from './i18n/useT';
import type { ShareResult } from './protocol';
import { makeLink, saveSnapshotFile } from './share';

type Made = ShareResult & { url: string };

export function ShareMenu() {
  const { t } = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [made, setMade] = useState<Made | null>(null);
  const [state, setState] = useState<'idle' | 'making' | 'copied' | 'no-clipboard'>('idle');
  const [failed, setFailed] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);

  const open = async () => {
    setMade(null);
    setFailed(null);
    setState('making');
    dialog.current?.showModal();
    try {
      setMade(await makeLink());
      setState('idle');
    } catch (e) {
      setFailed(String((e as Error)?.message ?? e));
      setState('idle');
    }
  };
  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setState('copied');
    } catch {
      // no clipboard (an old browser, a page from disk with permissions off): select it for Ctrl+C
      setState('no-clipboard');
      area.current?.focus();
      area.current?.select();
    }
  };
  const tooLong = made !== null && made.payload.length > LINK_COMFORT;
  return (
    <>
      <button type="button" onClick={() => void open()} data-testid="share">
        {t('share.button')}
      </button>
      <dialog ref={dialog} aria-labelledby="share-title" className="share" onClose={() => setState('idle')}>
        <h2 id="share-title">{t('share.title')}</h2>
        {state === 'making' && <p role="status">{t('share.making')}</p>}
        {failed && (
          <p className="alert" role="alert">
            {t('error.stopped')} {failed}
          </p>
        )}
        {made && (
          <>
            <p data-testid="share-summary" data-level={made.level} data-chars={made.payload.length}>
              {tooLong
                ? fill(t('share.too-long'), { chars: fmtInt(made.payload.length) })
                : made.level === 'reduced'
                  ? fill(t('share.reduced'), {
                      chars: fmtInt(made.payload.length),
                      full: made.fullApprox ? `> ${fmtInt(LINK_COMFORT)}` : fmtInt(made.fullChars),
                      processes: fmtInt(made.reduced?.processes ?? 0),
                    })
                  : fill(t('share.full'), { chars: fmtInt(made.payload.length) })}
            </p>
            {made.left && made.left.length > 0 && (
              <p className="small">{fill(t('share.left'), { names: made.left.map((l) => l.name).join(', ') })}</p>
            )}
            <label className="small muted" htmlFor="share-link">
              {t('share.link-label')}
            </label>
            <textarea
              id="share-link"
              ref={area}
              readOnly
              rows={3}
              value={made.url}
              data-testid="share-link"
              onFocus={(e) => e.currentTarget.select()}
            />
            <div className="buttons">
              <button type="button" className={tooLong ? '' : 'primary'} onClick={() => void copy(made.url)} data-testid="share-copy">
                {tooLong ? t('share.copy-anyway') : t('share.copy')}
              </button>
              <button type="button" className={tooLong ? 'primary' : ''} onClick={() => void saveSnapshotFile()} data-testid="share-save">
                {t('share.save')}
              </button>
              <button type="button" onClick={() => dialog.current?.close()}>
                {t('share.close')}
              </button>
            </div>
            {state === 'copied' && <p role="status">{t('share.copied')}</p>}
            {state === 'no-clipboard' && <p role="status">{t('share.copy-failed')}</p>}
          </>
        )}
      </dialog>
    </>
  );
}
