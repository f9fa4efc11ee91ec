import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';

/**
 * `dist-single/ramledger.html`: the whole page in one file that works opened from disk,
 * with no network. Scripts, styles, the lazy views, the example and the parser worker are
 * inlined (vite-plugin-singlefile; the worker through Vite's `?worker&inline`, swapped in
 * for `./makeWorker`). A Content-Security-Policy forbids every connection.
 */
const inlineWorker: Plugin = {
  name: 'ramledger-inline-worker',
  enforce: 'pre',
  async resolveId(source, importer) {
    if (source === './makeWorker' && importer?.endsWith('/store.ts')) return this.resolve('./makeWorker.inline', importer);
    return null;
  },
};

const CSP =
  "default-src 'none'; script-src 'unsafe-inline' blob:; worker-src blob:; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'";

const csp: Plugin = {
  name: 'ramledger-csp',
  // the folder build's policy allows its own files; this one allows nothing outside the page
  transformIndexHtml: {
    order: 'pre',
    handler: (html) => html.replace(/(<meta http-equiv="Content-Security-Policy" content=")[^"]*(")/, `$1${CSP}$2`),
  },
};

const fileName: Plugin = {
  name: 'ramledger-file-name',
  enforce: 'post',
  generateBundle(_, bundle) {
    const html = bundle['index.html'];
    if (html) html.fileName = 'ramledger.html';
  },
};

export default defineConfig({
  base: './',
  plugins: [inlineWorker, react(), viteSingleFile(), csp, fileName],
  build: { outDir: 'dist-single', target: 'es2022', emptyOutDir: true, sourcemap: false },
  // a classic worker: Chromium does not start a module worker from a blob made by a page opened from disk
  worker: { format: 'iife' },
});
