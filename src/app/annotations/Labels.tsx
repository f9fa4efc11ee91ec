/**
 * Labels and comments on a region, an accounting line or a process: the label beside
 * the target's name, the comment under it (or on hover/focus where a row has no room),
 * and a small button that opens an inline editor (Save, Remove, Cancel; Escape cancels).
 * Every string is React text, run through `visible` so a label from someone else's
 * snapshot cannot reorder what is around it.
 */
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { ANNOTATION_LIMITS, type Note } from '../../core/share/annotations';
import { visible } from '../format';
import { useT } from '../i18n/useT';
import { useStore } from '../store';

export const useNote = (key: string): Note | undefined => useStore((s) => s.annotations.labels[key]);

/**
 * The label as a chip. With `tip` (a one-line row, no room under the name, where the
 * chip may be cut), the whole label and the comment show on hover and focus.
 */
export function LabelChip({ note, tip = false }: { note: Note; tip?: boolean }) {
  const { t } = useT();
  const text = note.label ? visible(note.label) : t('ann.commentOnly');
  if (!tip) return <span className={`ann-chip${note.label ? '' : ' bare'}`}>{text}</span>;
  return <TipChip text={text} note={note} />;
}

function TipChip({ text, note }: { text: string; note: Note }) {
  const id = useId();
  // fixed to the viewport, so a cell's overflow cannot cut it
  const [at, setAt] = useState<{ left: number; top: number } | null>(null);
  const show = (e: React.SyntheticEvent<HTMLElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    setAt({ left: Math.max(4, Math.min(r.left, window.innerWidth - 320)), top: r.bottom + 4 });
  };
  const hide = () => setAt(null);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: hover and focus show the comment; the text itself is the chip
    <span
      className={`ann-chip${note.label ? '' : ' bare'}`}
      tabIndex={0}
      aria-describedby={id}
      onMouseEnter={show}
      onMouseLeave={hide}
      onFocus={show}
      onBlur={hide}
      onKeyDown={(e) => e.key === 'Escape' && hide()}
    >
      {text}
      <span id={id} role="tooltip" className={at ? 'ann-tip' : 'visually-hidden'} style={at ?? undefined}>
        {note.label && <strong>{visible(note.label)}</strong>}
        {note.label && note.comment && '\n'}
        {note.comment && visible(note.comment)}
      </span>
    </span>
  );
}

/**
 * What a target's cell or detail shows: `chip` beside the name, `button` to edit,
 * `comment` and `editor` under it. A hook, so each view places the parts where its
 * markup allows (a form cannot sit inside a heading).
 */
export function useAnnotate(
  targetKey: string,
  name: string,
): { chip: ReactNode; button: ReactNode; comment: ReactNode; editor: ReactNode } {
  const { t } = useT();
  const note = useNote(targetKey);
  const [open, setOpen] = useState(false);
  const btn = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  // back to the button once the editor closes, so the keyboard reader stays in place
  useEffect(() => {
    if (wasOpen.current && !open) btn.current?.focus();
    wasOpen.current = open;
  }, [open]);
  const what = `${t('ann.labelOn')} ${name}`;
  return {
    chip: note ? <LabelChip note={note} /> : null,
    // a word joiner keeps the ✎ on the line of the word before it (a button alone may wrap)
    button: (
      <>
        {'\u2060'}
        <button
          ref={btn}
          type="button"
          className="ann-btn"
          aria-label={what}
          title={what}
          aria-expanded={open}
          data-annotate={targetKey}
          onClick={(e) => {
            e.stopPropagation();
            setOpen((o) => !o);
          }}
        >
          ✎
        </button>
      </>
    ),
    comment: note?.comment ? (
      <div className="ann-comment" title={visible(note.comment)}>
        {visible(note.comment)}
      </div>
    ) : null,
    editor: open ? <NoteEditor targetKey={targetKey} label={what} note={note} onClose={() => setOpen(false)} /> : null,
  };
}

function NoteEditor({
  targetKey,
  label,
  note,
  onClose,
}: {
  targetKey: string;
  label: string;
  note: Note | undefined;
  onClose: () => void;
}) {
  const { t } = useT();
  const setNote = useStore((s) => s.setNote);
  const [text, setText] = useState(note?.label ?? '');
  const [comment, setComment] = useState(note?.comment ?? '');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <form
      className="ann-editor"
      aria-label={label}
      data-testid="note-editor"
      // a row that selects on click or Enter must not see what happens in here
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key !== 'Escape') return;
        e.preventDefault();
        onClose();
      }}
      onSubmit={(e) => {
        e.preventDefault();
        setNote(targetKey, { label: text, comment });
        onClose();
      }}
    >
      <label>
        {t('ann.label')}
        <input ref={first} value={text} maxLength={ANNOTATION_LIMITS.label} onChange={(e) => setText(e.target.value)} />
      </label>
      <label>
        {t('ann.comment')}
        <textarea rows={3} value={comment} maxLength={ANNOTATION_LIMITS.comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      <div className="buttons">
        <button type="submit" className="primary">
          {t('ann.save')}
        </button>
        {note && (
          <button
            type="button"
            onClick={() => {
              setNote(targetKey, null);
              onClose();
            }}
          >
            {t('ann.remove')}
          </button>
        )}
        <button type="button" onClick={onClose}>
          {t('btn.cancel')}
        </button>
        <span className="small muted">{t('ann.escape')}</span>
      </div>
    </form>
  );
}

/** a name with its label, the button to label it, its comment and the editor: a table cell's content */
export function LabelledName({ target, name, describe = name }: { target: string; name: string; describe?: string }) {
  const a = useAnnotate(target, describe);
  return (
    <>
      {name}
      {a.chip}
      {a.button}
      {a.comment}
      {a.editor}
    </>
  );
}
