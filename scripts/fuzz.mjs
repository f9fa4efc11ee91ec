// `npm run fuzz`: bundles the fuzzer (fuzz/main.ts, fuzz/worker.ts and the core they
// test) with esbuild, like the CLI, and runs it. Options: see fuzz/main.ts.

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** bundles fuzz/<entry>.ts into `outdir`, returning the file's path */
export async function bundleFuzz(entry, outdir) {
  const outfile = join(outdir, `${entry}.mjs`);
  await build({
    entryPoints: [join(root, 'fuzz', `${entry}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return outfile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // outside the tree, where the linter does not look
  const outdir = join(tmpdir(), 'ramledger-fuzz-build');
  const [main, worker] = await Promise.all([bundleFuzz('main', outdir), bundleFuzz('worker', outdir)]);
  process.setSourceMapsEnabled(true); // --replay's stack frames name src/ files
  const { main: run } = await import(main);
  process.exitCode = await run(process.argv.slice(2), root, worker);
}
