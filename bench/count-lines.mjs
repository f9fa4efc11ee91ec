// The practical limit: read the same files and count their lines, nothing else.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

let lines = 0;
function visit(p) {
  if (statSync(p).isDirectory()) {
    for (const e of readdirSync(p)) visit(join(p, e));
    return;
  }
  const s = new TextDecoder().decode(readFileSync(p));
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) lines++;
}
for (const p of process.argv.slice(2)) visit(p);
process.stdout.write(`${lines}\n`);
