// Bundles the CLI (src/cli/main.ts and the pure core) into one ES module, so that
// `ramledger analyze` starts as plain Node with no TypeScript loader.

import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
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
  });
}
if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
