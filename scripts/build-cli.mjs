// Bundles the CLI (src/cli/main.ts and the pure core) into one ES module, so that
// `ramledger analyze` starts as plain Node with no TypeScript loader.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
/** `import text from './file?raw'`, as Vite reads it: the file's text (the capture script) */
const rawText = {
  name: 'raw',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (a) => ({ path: join(a.resolveDir, a.path.slice(0, -4)), namespace: 'raw' }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, async (a) => ({ contents: await readFile(a.path, 'utf8'), loader: 'text' }));
  },
};
export async function buildCli() {
  await build({
    entryPoints: [`${root}/src/cli/main.ts`],
    outfile: `${root}/dist/cli.mjs`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    banner: { js: '// built by scripts/build-cli.mjs from src/; do not edit' },
    plugins: [rawText],
  });
}
if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
