/** The parser worker, as a file beside the page (the folder build). */
export const makeWorker = (): Worker => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'ramledger-parser' });
