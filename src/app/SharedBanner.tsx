/** Where a shared snapshot came from, and exactly what it does not carry. */

import { fmtInt, visible } from './format';
import { fill } from './i18n/ui';
import { useT } from './i18n/useT';
import type { SharedView } from './protocol';

/** at most 20 names, the rest counted (a hostile link can list thousands) */
const names = (list: readonly string[], more = 0) => {
  const rest = Math.max(0, list.length - 20) + more;
  return `${list
    .slice(0, 20)
    .map((n) => visible(n))
    .join(', ')}${rest ? ` (+${rest})` : ''}`;
};

export function SharedBanner({ shared }: { shared: SharedView }) {
  const { t, lang } = useT();
  const made = new Date(shared.created);
  const date = Number.isNaN(made.getTime())
    ? visible(shared.created)
    : new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short' }).format(made);
  const r = shared.reduced;
  return (
    <div className={r ? 'notice warn' : 'notice'} data-testid="shared-banner" role="note">
      <p>{fill(t(`shared.${shared.from}`), { date })}</p>
      {r && (
        <p data-testid="shared-reduced">
          {fill(t('shared.reduced'), {
            mappings: fmtInt(r.mappings),
            processes: fmtInt(r.processes),
            lines: fmtInt(r.lines),
            totals: visible(r.totals),
          })}
        </p>
      )}
      {r && r.dropped.length > 0 && <p className="small">{fill(t('shared.dropped'), { names: names(r.dropped, r.droppedMore) })}</p>}
      {shared.left && shared.left.length > 0 && (
        <p className="small">{fill(t('shared.left'), { names: names(shared.left.map((l) => l.name)) })}</p>
      )}
    </div>
  );
}
