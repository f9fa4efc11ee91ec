// The bundle budget (gzip): what the first paint loads, and each lazily loaded view.
// Prints every chunk and fails when a budget is exceeded.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = 'dist-app';
const BUDGET_INITIAL_KB = 100; // React + the shell + the overview
const BUDGET_LAZY_KB = 140; // the heaviest view (Processes, with Recharts)
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const gz = (f) => gzipSync(readFileSync(join(dir, f)), { level: 9 }).length / 1024;
const assets = readdirSync(join(dir, 'assets')).filter((f) => /\.(js|css)$/.test(f));
const initial = assets.filter((f) => html.includes(`assets/${f}`));
let failed = false;
let initialKB = 0;
for (const f of assets) {
  const kb = gz(`assets/${f}`);
  const first = initial.includes(f);
  if (first) initialKB += kb;
  else if (!f.startsWith('worker') && kb > BUDGET_LAZY_KB) {
    console.log(`bundle: ${f} is ${kb.toFixed(1)} KB gzip, over the ${BUDGET_LAZY_KB} KB budget for a lazy view`);
    failed = true;
  }
  console.log(`  ${first ? 'initial' : f.startsWith('worker') ? 'worker ' : 'lazy   '} ${kb.toFixed(1).padStart(6)} KB gzip  ${f}`);
}
console.log(`bundle: initial ${initialKB.toFixed(1)} KB gzip (budget ${BUDGET_INITIAL_KB})`);
if (initialKB > BUDGET_INITIAL_KB) {
  console.log(`bundle: the initial load is over its budget of ${BUDGET_INITIAL_KB} KB gzip`);
  failed = true;
}
process.exit(failed ? 1 : 0);
