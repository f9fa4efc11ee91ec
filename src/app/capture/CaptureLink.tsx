/** A small link to the capture script's dialog, which loads when it is first opened. */
import { lazy, Suspense, useState } from 'react';
import { useT } from '../i18n/useT';

const CaptureDialog = lazy(() => import('./CaptureDialog'));

export function CaptureLink() {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="link small" onClick={() => setOpen(true)} data-testid="capture-open">
        {t('capture.open')}
      </button>
      {open && (
        <Suspense fallback={null}>
          <CaptureDialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
