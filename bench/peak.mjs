// Runs the bundled CLI in this process and prints its peak resident memory (worker
// threads included): `node bench/peak.mjs dist/cli.mjs analyze …`.
import { pathToFileURL } from 'node:url';

const { run } = await import(pathToFileURL(process.argv[2]).href);
let outBytes = 0;
const r = run(process.argv.slice(3), (piece) => {
  outBytes += piece.length;
});
process.stdout.write(JSON.stringify({ code: r.code, maxRssKiB: process.resourceUsage().maxRSS, outBytes }));
