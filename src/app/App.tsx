/**
 * A first page: loads the seed example (or pasted text) through the same core as the
 * CLI and shows the accounting waterfall and the checks. The full page (address map,
 * charts, process tables, worker) is issue #3.
 */
import { useMemo, useState } from 'react';
import { analyze, buildSnapshot, parseText } from '../core/index';
import { SEED_FILES } from './seed';

const fmt = (k: number) => Math.round(k).toLocaleString('en-US');

export function App() {
  const [files, setFiles] = useState(SEED_FILES);
  const { snap, a } = useMemo(() => {
    const snap = buildSnapshot(files.map((f) => parseText(f.text, f.name, f.name)));
    return { snap, a: analyze(snap) };
  }, [files]);
  const dram = a.physical?.spanKiB ?? 0;
  const failed = a.checks.filter((c) => !c.ok).length;
  return (
    <main style={{ font: '15px/1.45 system-ui, sans-serif', margin: '2rem auto', maxWidth: 1100, padding: '0 1rem' }}>
      <h1 style={{ fontSize: '1.5rem' }}>ramledger — where did the RAM go?</h1>
      <p>
        Inputs: {snap.sources.map((s) => `${s.name} (${s.formats.join(', ') || 'not understood'})`).join(' · ')}{' '}
        <button type="button" onClick={() => setFiles(SEED_FILES)}>
          Load example
        </button>{' '}
        <button
          type="button"
          onClick={async () => {
            const text = await navigator.clipboard.readText().catch(() => '');
            if (text) setFiles([{ name: 'pasted text', text }]);
          }}
        >
          Paste
        </button>
      </p>
      <table aria-label="accounting" style={{ borderCollapse: 'collapse', width: '100%' }}>
        <thead>
          <tr>
            <th style={{ textAlign: 'left' }}>item</th>
            <th style={{ textAlign: 'right' }}>KiB</th>
            <th style={{ textAlign: 'right' }}>% of DRAM</th>
            <th style={{ textAlign: 'left', paddingLeft: '1rem' }}>formula</th>
          </tr>
        </thead>
        <tbody>
          {a.accounting.lines.map((l) => (
            <tr
              key={l.id}
              data-line={l.id}
              style={{ borderTop: '1px solid #ddd', background: l.id === 'unaccounted' ? '#fde2e2' : undefined }}
            >
              <td style={{ paddingLeft: `${l.level}rem` }}>{l.label}</td>
              <td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{fmt(l.kib)}</td>
              <td style={{ textAlign: 'right' }}>{dram ? `${((l.kib / dram) * 100).toFixed(1)} %` : ''}</td>
              <td style={{ paddingLeft: '1rem', color: '#555', fontSize: '0.85em' }}>{l.formula}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 style={{ fontSize: '1.2rem' }} data-testid="checks-summary">
        Checks: {a.checks.length - failed} hold, {failed} do not
      </h2>
      <ul>
        {a.checks.map((c) => (
          <li key={c.id}>
            {c.ok ? '✓' : '✗'} {c.label}: {fmt(c.left)} vs {fmt(c.right)}
          </li>
        ))}
      </ul>
    </main>
  );
}
