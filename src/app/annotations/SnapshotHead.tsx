/**
 * Above every view: the snapshot's title (edited in place; also the tab's title) and the
 * notes, a box that opens by itself when there are notes (a snapshot someone sent) and
 * shows them as plain text with their line breaks — never as HTML or Markdown.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { ANNOTATION_LIMITS } from '../../core/share/annotations';
import { visible } from '../format';
import { useT } from '../i18n/useT';
import { useStore } from '../store';

/** the page's own title (index.html), shown when the snapshot has none */
const PAGE_TITLE = typeof document !== 'undefined' ? document.title : 'ramledger';

/** the tab says which snapshot it shows: `<title> — ramledger` */
export function useDocumentTitle(): void {
  const title = useStore((s) => s.annotations.title.trim());
  useEffect(() => {
    document.title = title ? `${visible(title)} — ramledger` : PAGE_TITLE;
  }, [title]);
}

export function SnapshotHead() {
  const { t } = useT();
  const title = useStore((s) => s.annotations.title);
  const setTitle = useStore((s) => s.setTitle);
  return (
    <div className="snapshot-head" data-testid="snapshot-head">
      <input
        className="snapshot-title"
        aria-label={t('ann.title')}
        placeholder={t('ann.untitled')}
        value={title}
        maxLength={ANNOTATION_LIMITS.title}
        onChange={(e) => setTitle(e.target.value)}
        data-testid="snapshot-title"
      />
      <Notes />
    </div>
  );
}

function Notes() {
  const { t } = useT();
  const notes = useStore((s) => s.annotations.notes);
  const setNotes = useStore((s) => s.setNotes);
  const body = useId();
  // null: open exactly when there are notes; a click decides from then on
  const [open, setOpen] = useState<boolean | null>(null);
  const shown = open ?? notes.trim() !== '';
  /** the text being edited, or null when the notes are shown */
  const [draft, setDraft] = useState<string | null>(null);
  const edit = useRef<HTMLButtonElement>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const editing = draft !== null;
  const wasEditing = useRef(false);
  useEffect(() => {
    if (editing) area.current?.focus();
    else if (wasEditing.current) edit.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const firstLine = notes.trim().split('\n', 1)[0] ?? '';
  return (
    <section className="snapshot-notes" data-testid="snapshot-notes" aria-label={t('ann.notes')}>
      <button type="button" className="notes-toggle" aria-expanded={shown} aria-controls={body} onClick={() => setOpen(!shown)}>
        <span aria-hidden="true">{shown ? '▾' : '▸'}</span> {t('ann.notes')}
        {!shown && firstLine && <span className="muted notes-peek"> — {visible(firstLine)}</span>}
      </button>
      {shown && (
        <div id={body} className="notes-body">
          {editing ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                setNotes(draft);
                setDraft(null);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.preventDefault();
                  setDraft(null);
                } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  setNotes(draft);
                  setDraft(null);
                }
              }}
            >
              <textarea
                ref={area}
                aria-label={t('ann.notes')}
                rows={6}
                value={draft}
                maxLength={ANNOTATION_LIMITS.notes}
                onChange={(e) => setDraft(e.target.value)}
                data-testid="notes-input"
              />
              <div className="buttons">
                <button type="submit" className="primary">
                  {t('ann.save')}
                </button>
                <button type="button" onClick={() => setDraft(null)}>
                  {t('btn.cancel')}
                </button>
                <span className="small muted">{t('ann.escape')}</span>
              </div>
            </form>
          ) : (
            <>
              {notes.trim() ? (
                <p className="notes-text" data-testid="notes-text">
                  {visible(notes)}
                </p>
              ) : (
                <p className="muted">{t('ann.notesNone')}</p>
              )}
              <button ref={edit} type="button" onClick={() => setDraft(notes)}>
                {notes.trim() ? t('ann.edit') : t('ann.notesAdd')}
              </button>
            </>
          )}
        </div>
      )}
    </section>
  );
}
