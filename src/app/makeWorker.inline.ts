/**
 * The parser worker inside the page (the one-file build, `vite.single.config.ts`): a page
 * opened from disk cannot load a worker file beside it, so the worker's code is in the
 * page and started from a blob.
 */
import ParserWorker from './worker.ts?worker&inline';

export const makeWorker = (): Worker => new ParserWorker({ name: 'ramledger-parser' });
