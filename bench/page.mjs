// npm run bench:page — the page (built, served by `vite preview`, in headless Chromium) on
// a ~100 MB capture, against the core's own parse of the same capture in the same run:
//   page: from the file chosen to the results shown; the longest main-thread task while
//         the worker parses and while browsing the views (PerformanceObserver 'longtask');
//   CLI:  the same parse in-process (parseBytes + buildSnapshot + analyze, timed in Node)
//         and as a whole process (`ramledger analyze --no-mappings`).
// BENCH_PAGE_GB=1 also opens a ~1 GB capture and says what happens (time, memory, or the
// error or crash). Figures only: nothing here fails on time.
// Env: PW_CHROMIUM_PATH (a system Chromium, as playwright.config.ts), BENCH_MB (100).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build as esbuild } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
// outside the repository: the captures are big, and the bundled script is not ours to lint
const out = join(tmpdir(), `ramledger-bench-page-${process.pid}`);
const port = Number(process.env.BENCH_PAGE_PORT ?? 4399);
const MB = 1024 * 1024;

/** real smaps of this machine's processes, replicated to `bytes` as one `==> path <==` bundle */
function writeCapture(file, bytes) {
  const real = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const smaps = readFileSync(`/proc/${e}/smaps`, 'utf8');
      if (smaps.length > 0) real.push(smaps);
    } catch {}
  }
  if (real.length === 0) throw new Error('no readable smaps in /proc');
  // written in pieces: a gigabyte is more than one string can hold
  writeFileSync(file, `==> /proc/meminfo <==\n${readFileSync('/proc/meminfo', 'utf8')}`);
  let size = 0;
  let pid = 1000;
  while (size < bytes) {
    const parts = [];
    for (let n = 0; n < 200 && size < bytes; n++, pid++) {
      const s = real[pid % real.length];
      parts.push(`\n==> /proc/${pid}/smaps <==\n${s}`);
      size += s.length;
    }
    appendFileSync(file, parts.join(''));
  }
  return { processes: pid - 1000, real: real.length, bytes: statSync(file).size };
}

/** the core's parse of `file`, in-process: median of `runs` */
async function coreParseMs(file, runs = 3) {
  const script = join(out, 'core-parse.mjs');
  await esbuild({
    stdin: {
      contents: `
        import { readFileSync } from 'node:fs';
        import { parseBytes, buildSnapshot, analyze } from './src/core/index';
        const bytes = new Uint8Array(readFileSync(process.argv[2]));
        const t = performance.now();
        const a = analyze(buildSnapshot(parseBytes(bytes, 'capture.txt')));
        console.log(JSON.stringify({ ms: performance.now() - t, processes: a.processes.length }));`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: script,
    logLevel: 'error',
  });
  const ms = [];
  let processes = 0;
  for (let i = 0; i < runs; i++) {
    const r = JSON.parse(execFileSync('node', ['--max-old-space-size=8192', script, file], { encoding: 'utf8', maxBuffer: 1 << 24 }));
    ms.push(r.ms);
    processes = r.processes;
  }
  ms.sort((a, b) => a - b);
  return { ms: ms[Math.floor(ms.length / 2)], processes };
}

function cliProcessMs(file) {
  const t = process.hrtime.bigint();
  const r = spawnSync('node', [join(root, 'bin', 'ramledger.mjs'), 'analyze', '--no-mappings', file], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (r.status !== 0) throw new Error(`ramledger analyze failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function serve() {
  const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
    cwd: root,
    stdio: 'ignore',
    detached: true,
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return server;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  process.kill(-server.pid);
  throw new Error(`vite preview did not answer on port ${port}`);
}

/** kilobytes of resident memory of every process this run started (Chromium's, and the server's) */
function childrenRssKiB() {
  const ps = spawnSync('ps', ['-eo', 'pid,ppid,rss'], { encoding: 'utf8' }).stdout.trim().split('\n').slice(1);
  const rows = ps.map((l) => l.trim().split(/\s+/).map(Number));
  const mine = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of rows)
      if (mine.has(ppid) && !mine.has(pid)) {
        mine.add(pid);
        grew = true;
      }
  }
  mine.delete(process.pid);
  return rows.filter(([pid]) => mine.has(pid)).reduce((s, [, , rss]) => s + rss, 0);
}

/** opens the page, chooses `file`, waits for the results; then browses the views */
async function pageRun(browser, file, { browse, timeoutMs }) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  let crashed = false;
  page.on('crash', () => {
    crashed = true;
  });
  await page.addInitScript(() => {
    window.__lt = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__lt.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    // the clock starts when the page gets the file
    document.addEventListener('change', () => (window.__t0 ??= performance.now()), true);
  });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.locator('html[data-drop-ready="true"]').waitFor({ state: 'attached' });
  let peakKiB = 0;
  const sampler = setInterval(() => {
    peakKiB = Math.max(peakKiB, childrenRssKiB());
  }, 250);
  const result = { crashed: false, error: null, parseMs: null, parsingMaxMs: null, parsingTasks: 0, browsingMaxMs: null, browsingTasks: 0 };
  try {
    await page.getByTestId('file-input').setInputFiles(file);
    // results shown, or the input's card says why not
    const done = await page.waitForFunction(
      () => {
        const kib = document.querySelector('tr[data-line="MemTotal"] td[data-kib]');
        const err = document.querySelector('[data-testid="inputs"] li.has-error [role="note"], [role="alert"]');
        if (!kib && !err) return false;
        return { at: performance.now(), t0: window.__t0, error: kib ? null : err.textContent };
      },
      null,
      { polling: 'raf', timeout: timeoutMs },
    );
    const { at, t0, error } = await done.jsonValue();
    result.parseMs = at - t0;
    result.error = error;
    const lt = await page.evaluate(() => window.__lt);
    const parsing = lt.filter((e) => e.start >= t0 && e.start <= at);
    result.parsingTasks = parsing.length;
    result.parsingMaxMs = Math.max(0, ...parsing.map((e) => e.ms));
    if (browse && !error) {
      await page.evaluate(() => {
        window.__lt = [];
      });
      // each step's long tasks, so the figure says where the time went
      const steps = [];
      const step = async (name, act) => {
        await act();
        await page.waitForTimeout(300);
        const lt = await page.evaluate(() => window.__lt.splice(0));
        steps.push({ name, lt });
      };
      const table = page.getByTestId('proc-table');
      await step('open Processes', async () => {
        await page.getByRole('link', { name: 'Processes' }).first().click();
        await table.locator('[role="row"][data-row]').first().waitFor();
      });
      await step('scroll the process table', async () => {
        for (let i = 0; i < 10; i++) await table.evaluate((el, y) => el.scrollTo(0, y), i * 2500);
      });
      await step('select a process (its mappings)', async () => {
        await table.locator('[role="row"][data-row]').first().click();
        await page.getByTestId('mappings').locator('details').first().waitFor({ timeout: 60_000 });
      });
      await step('open Files (librank)', async () => {
        await page.getByRole('link', { name: 'Files (librank)' }).click();
        await page.locator('[data-testid="files-table"] [role="row"][data-row]').first().waitFor({ timeout: 60_000 });
      });
      await step('open the Address map', () => page.getByRole('link', { name: 'Address map' }).click());
      await step('open Sources', () => page.getByRole('link', { name: 'Sources' }).click());
      await step('back to Overview', () => page.getByRole('link', { name: 'Overview' }).click());
      result.steps = steps.map((s) => ({ name: s.name, maxMs: Math.max(0, ...s.lt.map((e) => e.ms)) }));
      const browsing = steps.flatMap((s) => s.lt);
      result.browsingTasks = browsing.length;
      result.browsingMaxMs = Math.max(0, ...browsing.map((e) => e.ms));
    }
  } catch (e) {
    result.error = String(e?.message ?? e).split('\n')[0];
  } finally {
    clearInterval(sampler);
    result.crashed = crashed;
    result.peakChromiumMiB = Math.round(peakKiB / 1024);
    await page.close().catch(() => {});
  }
  return result;
}

const fmt = (ms) => (ms === null ? 'n/a' : `${(ms / 1000).toFixed(3)} s`);

mkdirSync(out, { recursive: true });
if (!existsSync(join(root, 'dist-app', 'index.html'))) execFileSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
if (!existsSync(join(root, 'dist', 'cli.mjs'))) execFileSync('node', [join(root, 'scripts', 'build-cli.mjs')]);
const capture = join(out, 'capture-bundle.txt');
const info = writeCapture(capture, Number(process.env.BENCH_MB ?? 100) * MB);
console.log(
  `capture: ${info.processes} processes (smaps of ${info.real} real ones, replicated), ${(info.bytes / MB).toFixed(1)} MB bundle`,
);

const core = await coreParseMs(capture);
const cliWhole = cliProcessMs(capture);
const server = await serve();
const browser = await chromium.launch({
  executablePath: process.env.PW_CHROMIUM_PATH || undefined,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const p = await pageRun(browser, capture, { browse: true, timeoutMs: 600_000 });
  console.log('\n~100 MB capture:');
  console.log(`  core in-process parse (parseBytes + model), median of 3   ${fmt(core.ms)}  (${core.processes} processes)`);
  console.log(`  ramledger analyze --no-mappings, whole process            ${fmt(cliWhole)}`);
  console.log(`  page: file chosen → results shown                         ${fmt(p.parseMs)}${p.error ? `  (${p.error})` : ''}`);
  console.log(
    `  page: longest main-thread task while parsing              ${p.parsingMaxMs === null ? 'n/a' : `${Math.round(p.parsingMaxMs)} ms`} (${p.parsingTasks} long tasks)`,
  );
  console.log(
    [
      `  page: longest main-thread task while browsing             ${p.browsingMaxMs === null ? 'n/a' : `${Math.round(p.browsingMaxMs)} ms`} (${p.browsingTasks} long tasks)`,
      ...(p.steps ?? []).map((s) => `      ${s.name.padEnd(52)} ${Math.round(s.maxMs)} ms`),
    ].join('\n'),
  );
  console.log(
    `  Chromium resident memory, peak (all its processes)        ${p.peakChromiumMiB} MiB${p.crashed ? '  (the tab crashed)' : ''}`,
  );
  console.log('\nratios (same run):');
  if (p.parseMs !== null) {
    console.log(`  page / core in-process parse: ${(p.parseMs / core.ms).toFixed(2)}x   (goal <= 1.5x)`);
    console.log(`  page / CLI whole process:     ${(p.parseMs / cliWhole).toFixed(2)}x`);
  }
  const worst = Math.max(p.parsingMaxMs ?? 0, p.browsingMaxMs ?? 0);
  console.log(`  longest main-thread task: ${Math.round(worst)} ms   (goal <= 200 ms)`);

  if (process.env.BENCH_PAGE_GB) {
    const gb = Number(process.env.BENCH_PAGE_GB);
    const big = join(out, 'capture-big.txt');
    const bigInfo = writeCapture(big, gb * 1000 * MB);
    console.log(`\n~${gb} GB capture: ${bigInfo.processes} processes, ${(bigInfo.bytes / MB).toFixed(0)} MiB`);
    const q = await pageRun(browser, big, { browse: false, timeoutMs: 900_000 });
    rmSync(big, { force: true });
    console.log(`  page: file chosen → results or error shown               ${fmt(q.parseMs)}`);
    console.log(`  what the page said                                        ${q.error ?? 'results shown'}`);
    console.log(
      `  longest main-thread task while parsing                    ${q.parsingMaxMs === null ? 'n/a' : `${Math.round(q.parsingMaxMs)} ms`}`,
    );
    console.log(`  Chromium resident memory, peak (all its processes)        ${q.peakChromiumMiB} MiB`);
    console.log(`  tab crashed                                               ${q.crashed ? 'yes' : 'no'}`);
  }
} finally {
  await browser.close();
  process.kill(-server.pid);
  if (!process.env.BENCH_KEEP) rmSync(out, { recursive: true, force: true });
}
