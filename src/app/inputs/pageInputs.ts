/**
 * Getting dumps into the page from anywhere on it: a drop of files or folders (walked
 * through `webkitGetAsEntry`, each file named by its path) and a paste (files, or text
 * outside a text field).
 */
import { useEffect, useRef, useState } from 'react';
import { payloadOf } from '../../core/share/address';
import { useStore } from '../store';

/** files from a drop, folders walked, each named by its path */
async function droppedFiles(dt: DataTransfer): Promise<{ file: File; name: string }[]> {
  const entries = [...dt.items].map((i) => (i.kind === 'file' ? i.webkitGetAsEntry?.() : null));
  if (!entries.some((e) => e?.isDirectory)) return [...dt.files].map((f) => ({ file: f, name: f.name }));
  const out: { file: File; name: string }[] = [];
  const walk = async (e: FileSystemEntry): Promise<void> => {
    if (isFile(e)) {
      const f = await new Promise<File>((ok, bad) => e.file(ok, bad));
      out.push({ file: f, name: e.fullPath.replace(/^\//, '') });
    } else if (isDirectory(e)) {
      const reader = e.createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((ok, bad) => reader.readEntries(ok, bad));
        if (batch.length === 0) break;
        for (const c of batch) await walk(c);
      }
    }
  };
  for (const e of entries) if (e) await walk(e);
  return out;
}

const isFile = (e: FileSystemEntry): e is FileSystemFileEntry => e.isFile;
const isDirectory = (e: FileSystemEntry): e is FileSystemDirectoryEntry => e.isDirectory;

/** paste anywhere on the page (not into a text field) adds an input */
export function usePagePaste(): void {
  const addFiles = useStore((s) => s.addFiles);
  const addText = useStore((s) => s.addText);
  const count = useRef(0);
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const target = e.target instanceof HTMLElement ? e.target : null;
      if (target && (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT')) return;
      const files = [...(e.clipboardData?.files ?? [])];
      if (files.length > 0) {
        e.preventDefault();
        void addFiles(files.map((f) => ({ file: f, name: f.name })));
        return;
      }
      const text = e.clipboardData?.getData('text/plain') ?? '';
      // a ramledger link pasted into the page opens its snapshot
      const link = linkIn(text);
      if (link !== null) {
        e.preventDefault();
        void useStore.getState().openLink(link);
        return;
      }
      if (text.trim()) {
        e.preventDefault();
        count.current++;
        void addText(`pasted text ${count.current}`, text);
      }
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [addFiles, addText]);
}

/** one drop target covering the page; true while files are dragged over it */
export function usePageDrop(): boolean {
  const addFiles = useStore((s) => s.addFiles);
  const fail = useStore((s) => s.fail);
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      // a folder that cannot be walked is said, not dropped silently
      void droppedFiles(e.dataTransfer).then((files) => addFiles(files), fail);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    // the page takes drops from here on (a drop before this is lost: tests wait for it)
    document.documentElement.dataset.dropReady = 'true';
    return () => {
      delete document.documentElement.dataset.dropReady;
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [addFiles, fail]);
  return dragging;
}

/** the payload when a text is one ramledger link (an address or a bare fragment), else null */
export function linkIn(text: string): string | null {
  const t = text.trim();
  if (/\s/.test(t) || !/[#?&]snapshot=v\d+\./.test(t)) return null;
  return payloadOf(t);
}
