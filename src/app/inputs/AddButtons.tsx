/** Open files, open a folder, paste text, load the example: on the start page and beside every view. */
import { useRef, useState } from 'react';
import { useT } from '../i18n/useT';
import { useStore } from '../store';
import { linkIn } from './pageInputs';

export function AddButtons({ big = false }: { big?: boolean }) {
  const { t } = useT();
  const addFiles = useStore((s) => s.addFiles);
  const addText = useStore((s) => s.addText);
  const loadExample = useStore((s) => s.loadExample);
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const pick = (e: React.ChangeEvent<HTMLInputElement>) => {
    const list = [...(e.target.files ?? [])].map((f) => ({ file: f, name: f.webkitRelativePath || f.name }));
    e.target.value = '';
    void addFiles(list);
  };
  return (
    <div className="buttons">
      <button type="button" className={big ? 'primary' : ''} onClick={() => files.current?.click()}>
        {t('btn.openFiles')}
      </button>
      <button type="button" onClick={() => folder.current?.click()}>
        {t('btn.openFolder')}
      </button>
      <button type="button" onClick={() => dialog.current?.showModal()}>
        {t('btn.paste')}
      </button>
      <button type="button" onClick={() => void loadExample()}>
        {t('btn.example')}
      </button>
      <input ref={files} type="file" multiple hidden onChange={pick} data-testid="file-input" aria-label={t('btn.openFiles')} />
      <input
        ref={folder}
        type="file"
        hidden
        onChange={pick}
        data-testid="folder-input"
        aria-label={t('btn.openFolder')}
        {...{ webkitdirectory: '' }}
      />
      <dialog ref={dialog} aria-label={t('paste.title')}>
        <form
          method="dialog"
          onSubmit={() => {
            const link = linkIn(text);
            if (link !== null) void useStore.getState().openLink(link);
            else if (text.trim()) void addText('pasted text', text);
            setText('');
          }}
        >
          <h2 style={{ marginTop: 0, fontSize: '1.1rem' }}>{t('paste.title')}</h2>
          <textarea value={text} onChange={(e) => setText(e.target.value)} aria-label={t('paste.title')} />
          <p className="muted small">{t('paste.hint')}</p>
          <div className="buttons">
            <button type="submit" className="primary">
              {t('btn.add')}
            </button>
            <button type="button" onClick={() => dialog.current?.close()}>
              {t('btn.cancel')}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
