// npm run bench:link — how long a snapshot link is with each codec, on the same bytes.
// Prints a Markdown table: for each snapshot and framing, the characters of the link's
// payload (base64url, or lz-string's own URI alphabet) and, in parentheses, the
// compressed bytes. Figures only: nothing here passes or fails.
//
// Snapshots: the seed (every file of fixtures/seed-mt7981 but expected.json), a 100- and
// a 500-process capture of this machine's /proc (real smaps and status of each process,
// made each its own as bench/bench.mjs does), each also reduced as a link too long for
// 32,000 characters is (share/make.ts `reduce`: per-process totals in place of smaps and
// status), and three real dumps of fixtures/real.
// Framings, both made by the page's own code (share/make.ts, share/link.ts): `json` is
// the snapshot document with each source's text inside (escaped), as a snapshot file
// holds it; `frame` is what a link compresses: the document with each text replaced by
// its size, a "\n", then the texts' bytes.
// Codecs: deflate-raw level 9 (fflate, what the page uses) without and with the preset
// dictionary DICTIONARY_V1; lz-string's compressToEncodedURIComponent; and, for
// reference only, gzip -9 and brotli q11 from node:zlib (no browser can encode brotli).
// Progress goes to stderr; BENCH_TRACE=1 adds each codec's time.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { deflateSync, strToU8 } from 'fflate';
import lz from 'lz-string';

const root = fileURLToPath(new URL('..', import.meta.url));

/** the TypeScript this bench measures, bundled from src/ as scripts/build-cli.mjs does the CLI */
async function loadCore() {
  const contents = [
    "export { DICTIONARY_V1 } from './src/core/share/dictionary.ts';",
    "export { emptyAnnotations } from './src/core/share/annotations.ts';",
    "export { encodeLink, frame, inlineDoc } from './src/core/share/link.ts';",
    "export { makeDoc, reduce } from './src/core/share/make.ts';",
    "export { parseBytes } from './src/core/formats/bytes.ts';",
    "export { buildIsolated } from './src/core/model/isolate.ts';",
  ].join('\n');
  const out = await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
  });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}
const core = await loadCore();
const dictionary = strToU8(core.DICTIONARY_V1);

// ---- snapshots ----

const seedDir = join(root, 'fixtures', 'seed-mt7981');
const seed = readdirSync(seedDir)
  .filter((f) => f !== 'expected.json')
  .sort()
  .map((name) => ({ name, text: readFileSync(join(seedDir, name), 'utf8') }));

const real = (dir, files) => files.map((f) => ({ name: f, text: readFileSync(join(root, 'fixtures', 'real', dir, f), 'utf8') }));

/**
 * this machine's processes that have mappings (kernel threads have none) and at most
 * MAX_MAPPINGS of them, as a device's daemons have: a Node or a browser process of this
 * machine has thousands, and would make the capture (and the figures) depend on what
 * else is running here
 */
const MAX_MAPPINGS = 200;
function captureProc() {
  const procs = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const smaps = readFileSync(`/proc/${e}/smaps`, 'utf8');
      const status = readFileSync(`/proc/${e}/status`, 'utf8');
      const mappings = smaps.match(/^[0-9a-f]+-[0-9a-f]+ /gm)?.length ?? 0;
      if (mappings > 0 && mappings <= MAX_MAPPINGS) procs.push({ smaps, status });
    } catch {
      // ended between listing and reading, or not readable
    }
  }
  return procs;
}

// A deterministic pseudo-random sequence, so every run varies the processes the same way.
let seed32 = 0x2545f491;
function rand() {
  seed32 ^= seed32 << 13;
  seed32 ^= seed32 >>> 17;
  seed32 ^= seed32 << 5;
  return (seed32 >>> 0) / 2 ** 32;
}

const kib = (v, scale) => String(Math.floor((Number(v) * scale) / 4) * 4);

/**
 * One process made its own, as `individual()` in bench/bench.mjs does (that script runs
 * when imported, so this is its copy): every mapping moved by a page-aligned offset (as
 * ASLR does) and its resident counters scaled; here the status too, renumbered and with
 * its memory counters scaled alike, so that no two processes can be deduplicated.
 */
function individual({ smaps, status }, pid) {
  const shift = BigInt(Math.floor(rand() * 0x10000)) * 0x1000n;
  const scale = 0.25 + 0.75 * rand();
  const s = smaps
    .replace(/^([0-9a-f]+)-([0-9a-f]+) /gm, (whole, a, b) => {
      if (a.length > 12) return whole; // the kernel's own mappings ([vsyscall]) stay where they are
      const at = (x) => (BigInt(`0x${x}`) + shift).toString(16).padStart(a.length, '0');
      return `${at(a)}-${at(b)} `;
    })
    .replace(
      /^(Rss|Pss|Pss_Anon|Pss_File|Pss_Shmem|Pss_Dirty|Shared_Clean|Shared_Dirty|Private_Clean|Private_Dirty|Anonymous|Referenced):( +)(\d+) kB$/gm,
      (_, k, sp, v) => `${k}:${kib(v, scale).padStart(sp.length + v.length)} kB`, // right-aligned as the kernel prints it
    );
  const st = status
    .replace(/^(Tgid|Pid|NStgid|NSpid):\t\d+$/gm, (_, k) => `${k}:\t${pid}`)
    .replace(
      /^(VmHWM|VmRSS|RssAnon|RssFile|RssShmem):\t( *)(\d+) kB$/gm,
      (_, k, sp, v) => `${k}:\t${kib(v, scale).padStart(sp.length + v.length)} kB`,
    );
  return { smaps: s, status: st };
}

/** n processes as one `==> path <==` bundle, the way a device's shell loop collects them */
function procBundle(procs, n) {
  const parts = [`==> /proc/meminfo <==\n${readFileSync('/proc/meminfo', 'utf8')}`];
  for (let i = 0; i < n; i++) {
    const pid = 1000 + i;
    const p = individual(procs[i % procs.length], pid);
    parts.push(`==> /proc/${pid}/status <==\n${p.status}`, `==> /proc/${pid}/smaps <==\n${p.smaps}`);
  }
  return [{ name: `proc-${n}.txt`, text: parts.join('\n') }];
}

const procs = captureProc();
const snapshots = [
  { name: 'seed-mt7981', files: seed },
  { name: 'proc ×100', files: procBundle(procs, 100), reduce: true },
  { name: 'proc ×500', files: procBundle(procs, 500), reduce: true },
  { name: 'real: rhcos-hyperv (dmesg, free, meminfo)', files: real('rhcos-hyperv-x86_64-4.18', ['dmesg', 'free', 'free_-m', 'meminfo']) },
  { name: 'real: bananapi-r4 boot log', files: real('bananapi-r4-mt7988-arm64-6.9', ['bootlog.txt']) },
  { name: 'real: android smaps_short', files: real('android-aosp-libmeminfo-testdata1', ['smaps_short']) },
];

// ---- framings, by share/make.ts and share/link.ts as the page makes them ----

const CREATED = '2026-06-01T12:00:00.000Z';
const limits = { maxBytes: 1 << 30, keepText: true };
const utf8 = (s) => Buffer.byteLength(s, 'utf8');
const dec = new TextDecoder();

/** the snapshot as the page holds it: every file one input, parsed */
const sharedInputs = (files) =>
  files.map((f) => {
    const bytes = Buffer.from(f.text, 'utf8');
    return { name: f.name, bytes: bytes.length, parsed: core.parseBytes(bytes, f.name, limits) };
  });

/** the two framings of one document: its JSON with the texts inside, and link.ts's frame */
const framings = (opened) => ({
  json: JSON.stringify(core.inlineDoc(opened)),
  frame: dec.decode(core.frame(opened)),
});

// ---- codecs: each gives the payload's characters and the compressed bytes ----

const b64url = (bytes) => Math.ceil((bytes * 4) / 3); // unpadded base64url
const codecs = {
  deflate: (s) => deflateSync(strToU8(s), { level: 9 }).length,
  'deflate+dict': (s) => deflateSync(strToU8(s), { level: 9, dictionary }).length,
  'lz-string': null, // its own alphabet: characters, 6 bits each
  gzip: (s) => gzipSync(s, { level: 9 }).length,
  brotli: (s) =>
    brotliCompressSync(s, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
    }).length,
};
const browser = ['deflate', 'deflate+dict', 'lz-string'];

function measure(s) {
  const r = {};
  for (const [name, f] of Object.entries(codecs)) {
    const t0 = performance.now();
    if (f) {
      const bytes = f(s);
      r[name] = { chars: b64url(bytes), bytes };
    } else {
      const chars = lz.compressToEncodedURIComponent(s).length;
      r[name] = { chars, bytes: Math.ceil((chars * 6) / 8) };
    }
    if (process.env.BENCH_TRACE) process.stderr.write(`  ${name} ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  return r;
}

// ---- the table ----

const n = (x) => x.toLocaleString('en-US');
const pct = (a, b) => `${(((a - b) / b) * 100).toFixed(1)}%`;
const rows = [];
const wins = [];
const variants = [];
for (const snap of snapshots) {
  const inputs = sharedInputs(snap.files);
  const full = core.makeDoc(inputs, core.emptyAnnotations(), undefined, CREATED);
  variants.push({ name: snap.name, opened: full });
  if (snap.reduce) {
    const reduced = core.reduce(inputs, core.buildIsolated(inputs).snap, full);
    variants.push({ name: `${snap.name}, reduced`, opened: reduced });
  }
}
let checked = '';
for (const v of variants) {
  for (const [framing, text] of Object.entries(framings(v.opened))) {
    const t0 = performance.now();
    const r = measure(text);
    process.stderr.write(`${v.name}, ${framing}: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    if (framing === 'frame') {
      // the bench measures what the page sends: link.ts's payload is `v1.` and these characters
      const link = core.encodeLink(v.opened).length - 3;
      if (link !== r['deflate+dict'].chars)
        checked += `\n(!) ${v.name}: encodeLink gives ${link} characters, the bench ${r['deflate+dict'].chars}`;
    }
    const best = browser.reduce((a, b) => (r[a].chars <= r[b].chars ? a : b));
    const second = browser.filter((c) => c !== best).reduce((a, b) => (r[a].chars <= r[b].chars ? a : b));
    const gain = r.deflate.chars - r['deflate+dict'].chars;
    rows.push(
      `| ${v.name} | ${framing} | ${n(utf8(text))} | ${Object.keys(codecs)
        .map((c) => `${c === best ? '**' : ''}${n(r[c].chars)}${c === best ? '**' : ''} (${n(r[c].bytes)})`)
        .join(' | ')} | ${n(gain)} (${pct(r['deflate+dict'].chars, r.deflate.chars)}) |`,
    );
    wins.push(
      `- ${v.name}, ${framing}: **${best}** ${n(r[best].chars)} chars, ${n(r[second].chars - r[best].chars)} fewer than ${second} (${pct(r[best].chars, r[second].chars)}); brotli (reference) ${n(r.brotli.chars)}`,
    );
  }
}

console.log(
  `DICTIONARY_V1: ${n(dictionary.length)} bytes. ${procs.length} processes of this machine have 1 to ${MAX_MAPPINGS} mappings; the captures cycle through them (each copy moved and scaled).\n`,
);
console.log(`| snapshot | framing | raw bytes | ${Object.keys(codecs).join(' | ')} | dictionary's gain |`);
console.log(
  `| --- | --- | --: | ${Object.keys(codecs)
    .map(() => '--:')
    .join(' | ')} | --: |`,
);
for (const r of rows) console.log(r);
console.log('\nCharacters of the payload (compressed bytes). Bold: the shortest a browser can make. Winners:\n');
for (const w of wins) console.log(w);
console.log(checked || "\nEvery frame row's deflate+dict figure is the length of encodeLink's payload (after `v1.`).");
