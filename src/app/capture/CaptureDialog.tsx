/**
 * The capture script and how to run it over adb, ssh or a serial console. Loaded when
 * the link is first used: the script's text (imported `?raw`) and these words stay out of
 * the first load. The download is a Blob made from that text, so it works from the
 * static folder and from the one-file page opened from disk alike.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import script from '../../../public/ramledger-capture.sh?raw';
import { useStore } from '../store';
import { CAPTURE_WORDS } from './words';
import './capture.css';

const FILE = 'ramledger-capture.sh';

const COMMANDS = {
  adb: `adb push ${FILE} /data/local/tmp/ && adb shell sh /data/local/tmp/${FILE} > bundle.txt`,
  adbStream: `adb exec-out sh /data/local/tmp/${FILE} -z > bundle.txt.gz`,
  ssh: `ssh root@router sh -s < ${FILE} > bundle.txt`,
  serial: 'sh /tmp/c.sh -z | base64',
  serialDecode: 'base64 -d capture-log.txt > bundle.txt.gz',
} as const;

export default function CaptureDialog({ onClose }: { onClose: () => void }) {
  const lang = useStore((s) => s.lang);
  const w = CAPTURE_WORDS[lang];
  const dialog = useRef<HTMLDialogElement>(null);
  const [copied, setCopied] = useState('');
  const url = useMemo(() => URL.createObjectURL(new Blob([script], { type: 'text/x-shellscript' })), []);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  useEffect(() => dialog.current?.showModal(), []);

  const command = (id: keyof typeof COMMANDS) => (
    <div className="cmd">
      <pre>{COMMANDS[id]}</pre>
      <button type="button" onClick={() => void navigator.clipboard?.writeText(COMMANDS[id]).then(() => setCopied(id))}>
        {copied === id ? w.copied : w.copy}
      </button>
    </div>
  );
  return (
    <dialog ref={dialog} aria-labelledby="capture-title" className="share capture" onClose={onClose} data-testid="capture-dialog">
      <h2 id="capture-title">{w.title}</h2>
      <p className="small">{w.intro}</p>
      <p>
        <a href={url} download={FILE} data-testid="capture-download">
          {w.download}
        </a>{' '}
        <span className="small muted">{w.cli}</span>
      </p>
      <h3>{w.adb}</h3>
      {command('adb')}
      <p className="small muted">{w.adbStream}</p>
      {command('adbStream')}
      <h3>{w.ssh}</h3>
      {command('ssh')}
      <h3>{w.serial}</h3>
      <p className="small">{w.serialHow}</p>
      <p className="small">{w.serialBinary}</p>
      {command('serial')}
      {command('serialDecode')}
      <p className="small muted">{w.options}</p>
      <p className="small">{w.drop}</p>
      <div className="buttons">
        <button type="button" onClick={() => dialog.current?.close()}>
          {w.close}
        </button>
      </div>
    </dialog>
  );
}
