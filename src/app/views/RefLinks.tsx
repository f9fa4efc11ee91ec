/** Links to the input lines a number was read from: `meminfo.txt:8–9, 14`, each opening the Sources view there. */
import { Fragment } from 'react';
import type { SourceRef } from '../../core/model/refs';
import { fill } from '../i18n/ui';
import { useT } from '../i18n/useT';
import { sourceHref } from '../route';

const lines = (r: SourceRef) => (r.line > 0 ? `${r.line}${r.to !== undefined && r.to > r.line ? `–${r.to}` : ''}` : '');

export function RefLinks({ refs, max = 6 }: { refs: readonly SourceRef[]; max?: number }) {
  const { t } = useT();
  const shown = refs.slice(0, max);
  return (
    <>
      {shown.map((r, i) => {
        // an input's name once, then only its lines
        const sameInput = i > 0 && shown[i - 1]?.source === r.source && r.line > 0;
        const name = r.source.split('/').pop() ?? r.source;
        return (
          <Fragment key={`${r.source}:${r.line}:${r.to ?? ''}`}>
            {i > 0 && ', '}
            <a href={sourceHref(r.source, r.line, r.to)} title={r.source}>
              {sameInput ? lines(r) : lines(r) ? `${name}:${lines(r)}` : name}
            </a>
          </Fragment>
        );
      })}
      {refs.length > max && <span className="muted"> {fill(t('refs.more'), { n: refs.length - max })}</span>}
    </>
  );
}
