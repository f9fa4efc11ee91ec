/**
 * A sortable table whose rows are virtualised (@tanstack/react-virtual): only the rows
 * on screen are in the DOM, so 1,000 processes or 100,000 files scroll smoothly.
 * ARIA table roles; ↑/↓ move the selection, Enter selects, headers sort.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { ScrollCue } from './ScrollCue';

export interface Column<R> {
  key: string;
  label: string;
  num?: boolean;
  /** CSS grid track */
  width: string;
  value: (r: R) => number | string;
  render?: (r: R) => ReactNode;
}

interface Props<R> {
  rows: R[];
  columns: Column<R>[];
  rowKey: (r: R) => string;
  initialSort: string;
  label: string;
  selected?: string | null;
  onSelect?: (r: R) => void;
  total?: Partial<Record<string, ReactNode>>;
  testId?: string;
}

const ROW_H = 28;

/** characters a number takes as the page prints it (grouping, a decimal part in MiB, a sign) */
const numChars = (v: number) => Math.round(Math.abs(v)).toLocaleString('en-US').length + 2;

/**
 * The grid's tracks: a number column is at least as wide as its widest number and its
 * header (with the sort arrow), so a number is never cut; the rest as the column says.
 */
function tracks<R>(columns: Column<R>[], rows: R[]): string {
  return columns
    .map((c) => {
      if (!c.num) return c.width;
      let ch = c.label.length + 2;
      for (const r of rows) {
        const v = c.value(r);
        if (typeof v === 'number') ch = Math.max(ch, numChars(v));
      }
      return `minmax(${ch}ch, 1fr)`;
    })
    .join(' ');
}

export function VirtualTable<R>({ rows, columns, rowKey, initialSort, label, selected, onSelect, total, testId }: Props<R>) {
  const [sort, setSort] = useState<{ key: string; desc: boolean }>({ key: initialSort, desc: true });
  const box = useRef<HTMLDivElement>(null);
  const sorted = useMemo(() => {
    const col = columns.find((c) => c.key === sort.key) ?? columns[0];
    if (!col) return rows;
    const dir = sort.desc ? -1 : 1;
    return [...rows].sort((a, b) => {
      const x = col.value(a);
      const y = col.value(b);
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * dir;
    });
  }, [rows, columns, sort]);
  const v = useVirtualizer({ count: sorted.length, getScrollElement: () => box.current, estimateSize: () => ROW_H, overscan: 12 });
  const grid = useMemo(() => tracks(columns, rows), [columns, rows]);
  const selIndex = selected ? sorted.findIndex((r) => rowKey(r) === selected) : -1;
  const move = (d: number) => {
    const n = Math.max(0, Math.min(sorted.length - 1, selIndex + d));
    const r = sorted[n];
    if (r && onSelect) {
      onSelect(r);
      v.scrollToIndex(n, { align: 'auto' });
    }
  };
  return (
    <>
      <div
        className="vtable"
        ref={box}
        role="table"
        aria-label={label}
        aria-rowcount={sorted.length + 1}
        data-testid={testId}
        tabIndex={0}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') move(1);
          else if (e.key === 'ArrowUp') move(-1);
          else return;
          e.preventDefault();
        }}
      >
        <div className="vhead" role="row" style={{ gridTemplateColumns: grid }}>
          {columns.map((c) => (
            <div key={c.key} role="columnheader" aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
              <button
                type="button"
                className={c.num ? 'num' : ''}
                style={{ width: '100%' }}
                onClick={() => setSort((s) => ({ key: c.key, desc: s.key === c.key ? !s.desc : c.num === true }))}
              >
                {c.label}
                {sort.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}
              </button>
            </div>
          ))}
        </div>
        <div role="rowgroup" style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((it) => {
            const r = sorted[it.index] as R;
            const key = rowKey(r);
            return (
              <div
                key={key}
                role="row"
                aria-rowindex={it.index + 2}
                aria-selected={key === selected}
                className="vrow"
                style={{ gridTemplateColumns: grid, top: it.start, height: ROW_H }}
                data-row={key}
                onClick={() => onSelect?.(r)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') onSelect?.(r);
                }}
              >
                {columns.map((c) => (
                  <div key={c.key} role="cell" className={`${c.num ? 'num' : ''} ellipsis`}>
                    {c.render ? c.render(r) : c.value(r)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
        {total && (
          <div className="vtotal" role="row" style={{ gridTemplateColumns: grid }} data-testid={testId ? `${testId}-total` : undefined}>
            {columns.map((c) => (
              <div key={c.key} role="cell" className={`${c.num ? 'num' : ''} ellipsis`}>
                {total[c.key] ?? ''}
              </div>
            ))}
          </div>
        )}
      </div>
      <ScrollCue box={box} total={sorted.length} />
    </>
  );
}
