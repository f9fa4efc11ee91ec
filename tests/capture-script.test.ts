// public/ramledger-capture.sh run on this machine: under dash and busybox ash, as root and
// as nobody, and its parts one by one (RAMLEDGER_CAPTURE_LIB=1 defines the functions only).
// Each bundle is read by the core: every section recognised, every applicable check holding.
// Root runs go in a mount namespace of their own (unshare -m), so mounting debugfs there
// changes nothing outside the test.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_HEADER } from '../src/core/formats/detect';
import { analyze, buildSnapshot, type ParsedText, parseBytes, toJson } from '../src/core/index';
import { en } from './helpers';

const ROOT = join(__dirname, '..');
const SCRIPT = join(ROOT, 'public', 'ramledger-capture.sh');
/** the kernel's files a root capture of this machine holds, each read by a format of its own */
const KERNEL_FILES = ['/proc/zoneinfo', '/proc/buddyinfo', '/proc/pagetypeinfo', '/proc/slabinfo', '/proc/vmallocinfo', '/proc/iomem'];

let tmp = '';
/** a folder of busybox applet links: a PATH with nothing but busybox, as on a small device */
let bbPath = '';
const busybox = execFileSync('sh', ['-c', 'command -v busybox'], { encoding: 'utf8' }).trim();
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ramledger-capture-'));
  bbPath = join(tmp, 'busybox-bin');
  execFileSync('mkdir', [bbPath]);
  for (const applet of execFileSync(busybox, ['--list'], { encoding: 'utf8' }).split('\n').filter(Boolean))
    symlinkSync(busybox, join(bbPath, applet));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  stdout: Buffer;
  stderr: string;
  status: number | null;
}
/** runs `argv` (a shell and its arguments), in a mount namespace of its own when asked */
function run(argv: string[], opts: { ns?: boolean; env?: Record<string, string>; input?: string } = {}): Run {
  const full = opts.ns ? ['unshare', '-m', '--propagation', 'private', ...argv] : argv;
  const r = spawnSync(full[0] as string, full.slice(1), {
    env: { ...process.env, ...opts.env },
    maxBuffer: 1 << 30,
    input: opts.input,
    timeout: 120_000,
  });
  return { stdout: r.stdout, stderr: r.stderr.toString(), status: r.status };
}
/** the script's functions, then `body`, under `shell` */
const lib = (shell: string[], body: string, args: string[] = [], env: Record<string, string> = {}) =>
  run([...shell, '-c', `. "${SCRIPT}"; ${body}`, 'sh', ...args], { env: { RAMLEDGER_CAPTURE_LIB: '1', ...env } });

/** the section each line is in, by the bundle's `==> path <==` headers */
function sectionOf(text: string): (line: number) => string {
  const starts: { line: number; path: string }[] = [];
  text.split('\n').forEach((l, i) => {
    const h = BUNDLE_HEADER.exec(l);
    if (h?.[1]) starts.push({ line: i + 1, path: h[1] });
  });
  return (line) => starts.filter((s) => s.line <= line).pop()?.path ?? '';
}

/** reads a bundle with the core; what is not recognised, with its section */
function analyse(bytes: Uint8Array, name = 'bundle.txt') {
  const parsed: ParsedText[] = parseBytes(bytes, name);
  const text = new TextDecoder().decode(parsed.length === 1 && parsed[0]?.name === name ? bytes : gunzipSync(bytes));
  const section = sectionOf(text);
  const diagnostics = parsed.flatMap((p) => p.diagnostics);
  const notUnderstood = diagnostics
    .filter((d) => d.severity === 'error' || d.severity === 'unread')
    .map((d) => `${d.line} ${section(d.line)}: ${d.message}`);
  const snap = buildSnapshot(parsed);
  const a = analyze(snap);
  const failed = a.checks.filter((c) => !c.ok).map((c) => `${en(c.label)}: ${c.left} vs ${c.right} (±${c.tolerance})`);
  return { text, parsed, diagnostics, notUnderstood, snap, a, failed, checks: a.checks.map((c) => c.id) };
}

/**
 * A live machine's memory moves between the script's reads (meminfo first, each process
 * after): under a loaded test run the sums of processes or caches can drift past a
 * check's tolerance for that moment. A capture is taken again, up to three times, until
 * its checks hold; three captures in a row that break a check are a failure.
 */
function settled<B extends { failed: string[] }>(capture: () => B): B {
  let b = capture();
  for (let i = 1; i < 3 && b.failed.length > 0; i++) b = capture();
  return b;
}

const notes = (text: string) => text.split('\n').filter((l) => l.startsWith('# ramledger-capture: '));
const headersOf = (text: string) => text.split('\n').filter((l) => BUNDLE_HEADER.test(l));

describe('the capture script', () => {
  it('is POSIX sh that dash and busybox ash parse, and prints its usage on -h', () => {
    for (const sh of [['dash'], ['busybox', 'ash']]) {
      expect(run([...sh, '-n', SCRIPT]).status).toBe(0);
      const h = run([...sh, SCRIPT, '-h']);
      expect([h.status, h.stdout.toString()]).toEqual([0, expect.stringMatching(/^usage: sh ramledger-capture\.sh/)]);
    }
    const bad = run(['dash', SCRIPT, '-x']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/usage:/);
  });

  it('captures this machine under dash as root: every section recognised, every check holding, debugfs left as found', () => {
    // debugfs unmounted first, so the script must mount it (root may) and unmount it
    const once = () => {
      const r = run(['dash', '-c', `umount /sys/kernel/debug 2>/dev/null; dash "${SCRIPT}" && grep -c debugfs /proc/mounts || true`], {
        ns: true,
      });
      const out = r.stdout.toString();
      const mounts = out.slice(out.lastIndexOf('\n', out.length - 2) + 1).trim();
      return { r, mounts, ...analyse(r.stdout.subarray(0, out.lastIndexOf('\n', out.length - 2) + 1)) };
    };
    const b = settled(once);
    const { r, mounts } = b;
    expect(mounts).toBe('0');
    expect(b.notUnderstood).toEqual([]);
    expect(b.failed).toEqual([]);
    expect(b.checks).toEqual(expect.arrayContaining(['lru', 'slab', 'free-total', 'smaps-rss', 'pss']));
    expect(b.snap.processes.length).toBeGreaterThan(1);
    expect(b.snap.kernelRelease).toBe(readFileSync('/proc/version', 'utf8').split(' ')[2]);
    // what root reads here: every /proc file, the kernel log, every process it may trace
    const paths = headersOf(b.text).map((h) => BUNDLE_HEADER.exec(h)?.[1]);
    for (const p of ['/proc/version', '/proc/meminfo', 'free', 'dmesg', ...KERNEL_FILES]) expect(paths).toContain(p);
    // and each is read by its own format
    const formats = new Set(b.parsed.flatMap((p) => p.segments.map((g) => g.format)));
    for (const f of [
      'version',
      'meminfo',
      'free',
      'kmsg',
      'zoneinfo',
      'buddyinfo',
      'pagetypeinfo',
      'slabinfo',
      'vmallocinfo',
      'iomem',
      'status',
      'smaps',
      'capture',
    ])
      expect(formats.has(f as never), f).toBe(true);
    // debugfs was mounted by the script (else it would say it could not be)
    expect(b.text).not.toMatch(/debugfs not mounted/);
    expect(b.text).toMatch(/^# ramledger-capture: mounted debugfs on \/sys\/kernel\/debug/m);
    // the closing note, also on stderr
    expect(notes(b.text).at(-1)).toMatch(/^# ramledger-capture: took \d+ s, \d+ bytes$/);
    expect(r.stderr).toMatch(/^ramledger-capture: took \d+ s, \d+ bytes\n$/);
    const said = Number(/(\d+) bytes$/.exec(notes(b.text).at(-1) ?? '')?.[1]);
    expect(said).toBe(Buffer.byteLength(b.text) - Buffer.byteLength(`${notes(b.text).at(-1)}\n`));
    // the notes are information, never "not understood"
    const info = b.diagnostics.filter((d) => d.msg.key.startsWith('capture.'));
    expect(info.length).toBe(notes(b.text).length);
    expect(info.every((d) => d.severity === 'info')).toBe(true);
  });

  it('captures this machine under busybox ash with nothing but busybox on the PATH (smaps_rollup, gzip)', () => {
    const b = settled(() => {
      const r = run(['env', `PATH=${bbPath}`, 'ash', SCRIPT, '-r', '-z'], { ns: true });
      return { r, ...analyse(r.stdout, 'bundle.txt.gz') };
    });
    const { r } = b;
    expect(r.status).toBe(0);
    expect([...r.stdout.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect(b.notUnderstood).toEqual([]);
    expect(b.failed).toEqual([]);
    expect(headersOf(b.text).some((h) => /\/smaps_rollup <==$/.test(h))).toBe(true);
    expect(headersOf(b.text).some((h) => /\/smaps <==$/.test(h))).toBe(false);
    // the rollups are the PSS of every process: the check runs on them
    expect(b.checks).toContain('pss');
    expect(b.snap.processes.length).toBeGreaterThan(1);
  });

  it('makes a usable bundle as a user who is not root, and says what it could not read', () => {
    const b = settled(() => {
      const r = run(['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', 'dash', SCRIPT, '-r']);
      return { r, ...analyse(r.stdout) };
    });
    const { r } = b;
    expect(r.status).toBe(0);
    expect(b.notUnderstood).toEqual([]);
    expect(b.failed).toEqual([]);
    expect(b.checks).toEqual(expect.arrayContaining(['lru', 'slab', 'free-total']));
    expect(notes(b.text)[0]).toMatch(/^# ramledger-capture: version 1, as uid 65534, /);
    // root-only files are skipped with the reason (which of them is the kernel's choice)
    const skipped = notes(b.text).filter((n) => n.includes(' skipped '));
    expect(skipped).toContain('# ramledger-capture: skipped /proc/slabinfo: permission denied');
    expect(skipped).toContain('# ramledger-capture: skipped /sys/kernel/debug/memblock: debugfs not mounted and not mountable');
    expect(b.diagnostics.filter((d) => d.msg.key === 'capture.skipped').length).toBe(skipped.length);
    expect(notes(b.text).find((n) => n.includes('processes:'))).toMatch(/\d+ read, [1-9]\d* not readable/);
  });

  it('skips a process that is gone, or exits, without a section or a word on stderr', () => {
    // a pid past pid_max is never there; a process that existed at the listing and exits
    // before its files are read is the same case
    const gone = lib(['dash'], 'process_sections 99999999 smaps; echo "gone=$procs_gone read=$procs_read"');
    expect([gone.stdout.toString(), gone.stderr]).toEqual(['gone=1 read=0\n', '']);
    const live = lib(
      ['busybox', 'ash'],
      'sleep 30 & p=$!; process_sections $p smaps_rollup; kill $p; wait $p 2>/dev/null; process_sections $p smaps_rollup; echo "gone=$procs_gone read=$procs_read"',
    );
    const text = live.stdout.toString();
    expect(live.stderr).toBe('');
    expect(text).toMatch(/gone=1 read=1\n$/);
    expect(headersOf(text)).toHaveLength(2);
  });

  it('is printed by `ramledger capture-script`, ready for `| ssh root@dev sh -s`', () => {
    const cli = run(['node', join(ROOT, 'bin', 'ramledger.mjs'), 'capture-script']);
    expect(cli.status).toBe(0);
    expect(cli.stdout.toString()).toBe(readFileSync(SCRIPT, 'utf8'));
    const piped = run(['dash', '-s', '--', '-h'], { input: cli.stdout.toString() });
    expect(piped.stdout.toString()).toMatch(/^usage: /);
  });

  it('unmounts the debugfs it mounted when it is interrupted', () => {
    // the collection made slow, the script's process group stopped as Ctrl-C would stop it
    const body = [
      'umount /sys/kernel/debug 2>/dev/null',
      // the script's shell leads a process group of its own, as a terminal's foreground job does
      `setsid -w dash -c 'echo $$ > "${tmp}/pgid"; . "${SCRIPT}"; collect() { sleep 100; }; main -o /dev/null' &`,
      'p=$!',
      // generous for a loaded machine: this waits for the mount, it measures nothing
      'n=0; until grep -q debugfs /proc/mounts || [ $n -ge 3000 ]; do sleep 0.02; n=$((n + 1)); done',
      'echo "during=$(grep -c debugfs /proc/mounts)"',
      `kill -TERM -$(cat "${tmp}/pgid"); wait $p; echo "status=$?"`,
      'echo "after=$(grep -c debugfs /proc/mounts)"',
    ].join('\n');
    const r = run(['dash', '-c', body], { ns: true, env: { RAMLEDGER_CAPTURE_LIB: '1' } });
    expect(r.stdout.toString()).toBe('during=1\nstatus=143\nafter=0\n');
  });

  it('leaves a debugfs it did not mount mounted', () => {
    const r = run(
      [
        'dash',
        '-c',
        `mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null; dash "${SCRIPT}" -r -o /dev/null 2>/dev/null; grep -c debugfs /proc/mounts`,
      ],
      {
        ns: true,
      },
    );
    expect(r.stdout.toString()).toBe('1\n');
  });

  it('never opens a cmdline or environ', () => {
    const trace = join(tmp, 'trace');
    const r = run(['strace', '-f', '-qq', '-e', 'trace=openat,open', '-o', trace, 'dash', SCRIPT, '-r', '-o', join(tmp, 'b.txt')]);
    expect(r.status).toBe(0);
    const opened = readFileSync(trace, 'utf8');
    expect(opened).toMatch(/\/proc\/\d+\/smaps_rollup"/);
    expect(opened).not.toMatch(/cmdline|environ/);
    expect(readFileSync(join(tmp, 'b.txt'), 'utf8')).not.toMatch(/^==> .*(cmdline|environ) <==$/m);
  });

  it('writes a device tree blob as text the reader decodes: base64, or od where there is no base64', () => {
    const dtb = join(ROOT, 'fixtures', 'dt', 'memory-rules.dtb');
    const binary = buildSnapshot(parseBytes(readFileSync(dtb), 'bundle.txt')).deviceTree?.value;
    expect(binary).toBeDefined();
    const odOnly = join(tmp, 'od-only');
    execFileSync('mkdir', ['-p', odOnly]);
    for (const a of ['od', 'cat']) symlinkSync(join(bbPath, a), join(odOnly, a));
    for (const [env, enc] of [
      [{}, 'base64'],
      [{ PATH: odOnly }, 'od'],
    ] as const) {
      const r = lib([busybox, 'ash'], 'blob_section "$1"', [dtb], env);
      expect(r.stderr).toBe('');
      const parsed = parseBytes(r.stdout, 'bundle.txt');
      expect(parsed.flatMap((p) => p.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'unread'))).toEqual([]);
      expect(parsed.flatMap((p) => p.diagnostics.map((d) => d.message))).toContainEqual(expect.stringContaining(`decoded`));
      expect(parsed.flatMap((p) => p.diagnostics.map((d) => d.message)).join()).toContain(enc === 'od' ? 'od' : 'base64');
      expect(buildSnapshot(parsed).deviceTree?.value).toEqual(binary);
    }
  });

  it('keeps every kernel log line ramledger reads: each real log, filtered, gives the model the whole log gives', () => {
    const logs = findLogs(join(ROOT, 'fixtures'));
    expect(logs.length).toBeGreaterThan(10);
    for (const log of logs) {
      const r = lib(['dash'], 'f=$1; dmesg() { cat "$f"; }; kernel_log memory', [log]);
      const whole = modelOfLog(readFileSync(log));
      const filtered = modelOfLog(r.stdout);
      expect(filtered, log).toEqual(whole);
    }
  });
});

const snapOf = (parsed: ParsedText[]) => {
  const snap = buildSnapshot(parsed);
  return [snap, analyze(snap)] as const;
};

function findLogs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return findLogs(p);
    return /dmesg|kern\.log|bootlog/.test(e.name) ? [p] : [];
  });
}

/** what the model takes from a log: its JSON without line numbers and counts of lines */
function modelOfLog(bytes: Uint8Array) {
  const j = toJson(...snapOf(parseBytes(bytes, 'log')));
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v)
          .filter(([k]) => !/line|source|notes|refs/i.test(k))
          .map(([k, x]) => [k, strip(x)]),
      );
    return v;
  };
  return strip({ boot: j.boot, physical: j.physical, checks: j.checks, kernelRelease: j.kernelRelease });
}
