/** The page with nothing loaded: one drop target, the buttons, and what to run on a device. */
import { lazy, Suspense, useEffect, useState } from 'react';
import { CaptureLink } from '../capture/CaptureLink';
import { useT } from '../i18n/useT';
import { AddButtons } from '../inputs/AddButtons';
import { useStore } from '../store';

// the history list loads beside the start page (it needs the worker's answer anyway)
const HistoryList = lazy(() => import('./HistoryList').then((m) => ({ default: m.HistoryList })));

const COMMANDS: { what: string; cmd: string }[] = [
  { what: 'device tree reserved-memory', cmd: 'dtc -I fs -O dts /proc/device-tree 2>/dev/null || cat /sys/firmware/fdt > fdt.dtb' },
  {
    what: 'memblock (debugfs)',
    cmd: 'mount -t debugfs none /sys/kernel/debug 2>/dev/null; tail -n +1 /sys/kernel/debug/memblock/memory /sys/kernel/debug/memblock/reserved',
  },
  { what: 'the boot Memory: line and reservations', cmd: "dmesg | grep -E 'Memory:|reserved mem|cma:|Zone ranges|node'" },
  { what: 'free and meminfo', cmd: 'free; cat /proc/meminfo' },
  { what: 'every process (smaps, status)', cmd: 'cd /proc && tail -n +1 [0-9]*/status [0-9]*/smaps 2>/dev/null > /tmp/smaps.txt' },
];

export function StartPage() {
  const { t } = useT();
  const [copied, setCopied] = useState(-1);
  const history = useStore((s) => s.history);
  const { openHistory, forget } = useStore.getState();
  useEffect(() => void useStore.getState().loadHistory(), []);
  return (
    <main className="start" id="main">
      <div className="drop" data-testid="start-drop">
        <p style={{ margin: 0 }}>{t('start.drop')}</p>
        <p className="muted small">{t('start.privacy')}</p>
        <AddButtons big />
      </div>
      <Suspense fallback={null}>
        <HistoryList
          items={history}
          onOpen={(id) => void openHistory(id)}
          onRemove={(id) => void forget(id)}
          onClear={() => void forget()}
        />
      </Suspense>
      <section className="commands" aria-labelledby="cmds">
        <h2 id="cmds" style={{ fontSize: '1.05rem' }}>
          {t('start.commands')}
        </h2>
        <p>
          <CaptureLink />
        </p>
        {COMMANDS.map((c, i) => (
          <div key={c.what}>
            <div className="small muted">{c.what}</div>
            <div className="cmd">
              <pre>{c.cmd}</pre>
              <button
                type="button"
                aria-label={`${t('start.copy')}: ${c.what}`}
                onClick={() => {
                  void navigator.clipboard?.writeText(c.cmd).then(() => setCopied(i));
                }}
              >
                {copied === i ? t('start.copied') : t('start.copy')}
              </button>
            </div>
          </div>
        ))}
      </section>
    </main>
  );
}
