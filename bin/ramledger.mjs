#!/usr/bin/env node
// Starts the bundled CLI; rebuilds it first when src/ is newer than the bundle (a
// fresh clone, or an edit), so `npm run analyze` always runs the code in the tree.
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}dist/cli.mjs`;

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

let stale = true;
try {
  const built = statSync(bundle).mtimeMs;
  stale = newest(`${root}src/core`) > built || newest(`${root}src/cli`) > built || newest(`${root}public`) > built;
} catch {}
if (stale) {
  try {
    const { buildCli } = await import('../scripts/build-cli.mjs');
    await buildCli();
  } catch (e) {
    process.stderr.write(`ramledger: cannot build the CLI (${e.message}); run npm install first\n`);
    process.exit(2);
  }
}
await import(bundle);
