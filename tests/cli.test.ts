// The CLI as a user runs it: through bin/ramledger.mjs (which rebuilds the bundle when src/ changed).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { read, SEED, SEED_FILES } from './helpers';

const BIN = join(__dirname, '..', 'bin', 'ramledger.mjs');
const cli = (args: string[], input?: string) => spawnSync('node', [BIN, 'analyze', ...args], { encoding: 'utf8', input: input ?? '' });
const SEED_PATHS = SEED_FILES.map((f) => join(SEED, f));

describe('ramledger analyze', () => {
  it('prints the seed numbers as JSON with every check holding', () => {
    const r = cli(['--format', 'json', ...SEED_PATHS]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.schemaVersion).toBe(1);
    expect([
      j.physical.spanKiB,
      j.physical.noMapKiB,
      j.physical.memblockMemoryKiB,
      j.physical.memblockReservedKiB,
      j.accounting.memTotalKiB,
      j.accounting.unaccountedKiB,
    ]).toEqual([262144, 3776, 258368, 27960, 230856, 50504]);
    expect(j.checks.length).toBe(8);
    expect(j.checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
    expect(j.sources.map((s: { format: string }) => s.format)).toEqual(['dts', 'memblock', 'memblock', 'kmsg', 'free', 'meminfo', 'smaps']);
  });

  it('reads a folder recursively and stdin', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ramledger-cli-'));
    try {
      for (const f of SEED_FILES) writeFileSync(join(dir, f), read(SEED, f));
      const a = JSON.parse(cli([dir]).stdout);
      expect(a.accounting.unaccountedKiB).toBe(50504);
      const b = JSON.parse(cli(['-'], read(SEED, 'meminfo.txt')).stdout);
      expect(b.accounting.memTotalKiB).toBe(230856);
      expect(b.sources[0].name).toBe('stdin');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints Markdown', () => {
    const r = cli(['--format', 'markdown', ...SEED_PATHS]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('## Checks: 8 hold, 0 do not');
    expect(r.stdout).toMatch(/\| 3 \| +unaccounted .*\| 50,504 \|/);
  });

  it('exits 0 with diagnostics for partly understood input', () => {
    const r = cli(['-'], 'MemTotal: 1000 kB\nMemFree: 10 kB\nwhat is this\n');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.sources[0].diagnostics).toEqual([expect.objectContaining({ line: 3, severity: 'error' })]);
  });

  it('exits 2 with a one-line reason for unreadable input', () => {
    for (const [args, input, why] of [
      [['/no/such/file'], '', /no such file/],
      [['--format', 'xml', SEED_PATHS[0] as string], '', /--format takes json or markdown/],
      [[], '', /no input given/],
      [['-'], 'nothing to see\n', /nothing readable/],
      [['-'], '\u0000\u0001binary', /binary file/],
    ] as [string[], string, RegExp][]) {
      const r = cli(args, input);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n')[0]).toMatch(why);
      expect(r.stdout).toBe('');
    }
  });
});

describe('ramledger analyze on the real corpus', () => {
  it('exits 0 on every readable dump, alone and as one folder, in JSON and Markdown', () => {
    const real = join(__dirname, '..', 'fixtures', 'real');
    const dirs = readdirSync(real).filter((d) => statSync(join(real, d)).isDirectory());
    const bad: string[] = [];
    for (const d of dirs)
      for (const format of ['json', 'markdown']) {
        const r = cli(['--format', format, join(real, d)]);
        if (r.status !== 0 || r.stdout.length === 0) bad.push(`${d} ${format}: ${r.status} ${r.stderr.slice(0, 200)}`);
      }
    expect(bad).toEqual([]);
  }, 120_000);
});

describe('ramledger analyze on hostile paths', () => {
  const meminfo = 'MemTotal: 1000 kB\nMemFree: 500 kB\n';
  it('a device, a FIFO: refused by name without reading, the other inputs still read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rl-fifo-'));
    const fifo = join(dir, 'pipe');
    spawnSync('mkfifo', [fifo]);
    writeFileSync(join(dir, 'meminfo'), meminfo);
    const r = cli(['--format', 'json', '/dev/zero', fifo, join(dir, 'meminfo')]);
    rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.meminfo.MemTotal).toBe(1000);
    const msgs = j.sources.flatMap((s: { name: string; diagnostics: { message: string }[] }) =>
      s.diagnostics.map((d) => `${s.name}: ${d.message}`),
    );
    expect(msgs.filter((x: string) => /not a regular file/.test(x))).toHaveLength(2);
  });
  it('a file over the size cap is refused from its size, before it is read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rl-big-'));
    const big = join(dir, 'big.txt');
    // a sparse 2 GiB file: reading it would take 2 GiB of memory
    spawnSync('truncate', ['-s', '2G', big]);
    writeFileSync(join(dir, 'meminfo'), meminfo);
    const r = cli(['--format', 'json', big, join(dir, 'meminfo')]);
    rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('file is 2048.0 MiB, over the 1024.0 MiB limit; not read');
  });
  it('a folder: links to files are read, links to folders and dangling links are said', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rl-links-'));
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'meminfo'), meminfo);
    mkdirSync(join(dir, 'cap'));
    symlinkSync(join(dir, 'real', 'meminfo'), join(dir, 'cap', 'meminfo'));
    symlinkSync(join(dir, 'real'), join(dir, 'cap', 'loop'));
    symlinkSync(join(dir, 'nothing'), join(dir, 'cap', 'dangling'));
    const r = cli(['--format', 'json', join(dir, 'cap')]);
    rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.meminfo.MemTotal).toBe(1000);
    const msgs = j.sources.flatMap((s: { diagnostics: { message: string }[] }) => s.diagnostics.map((d) => d.message));
    expect(msgs).toEqual(expect.arrayContaining(['skipped: a link to a folder (not followed)', 'skipped: a link to nothing readable']));
  });
  it('a tar of 125,000 members is read, not a stack overflow', () => {
    // ustar headers written directly: 125,000 tiny members, one of them a meminfo
    const block = (name: string, data: string) => {
      const h = Buffer.alloc(512);
      h.write(name, 0);
      h.write('0000644\0', 100);
      h.write('0000000\0', 108);
      h.write('0000000\0', 116);
      h.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
      h.write('00000000000\0', 136);
      h.write('0', 156);
      h.write('ustar\0', 257);
      h.write('00', 263);
      h.fill(' ', 148, 156);
      let sum = 0;
      for (const b of h) sum += b;
      h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
      const body = Buffer.alloc(Math.ceil(data.length / 512) * 512);
      body.write(data);
      return Buffer.concat([h, body]);
    };
    const parts = [block('proc/meminfo', meminfo)];
    const one = block('proc/1/comm', 'x\n');
    for (let i = 0; i < 125_000; i++) parts.push(one);
    parts.push(Buffer.alloc(1024));
    const dir = mkdtempSync(join(tmpdir(), 'rl-tar-'));
    writeFileSync(join(dir, 'c.tar'), Buffer.concat(parts));
    // 125,000 inputs make a large report: room for it on the pipe
    const r = spawnSync('node', [BIN, 'analyze', '--format', 'json', '--no-mappings', join(dir, 'c.tar')], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    rmSync(dir, { recursive: true, force: true });
    expect(r.stderr).not.toContain('Maximum call stack');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).meminfo.MemTotal).toBe(1000);
  }, 120_000);
  it('a memblock.reserved of 30,000 regions: a bounded report, in JSON and Markdown', () => {
    const lines: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      const s = 0x4000_0000 + i * 0x2000;
      lines.push(`${String(i).padStart(4)}: 0x${s.toString(16).padStart(16, '0')}..0x${(s + 0xfff).toString(16).padStart(16, '0')}`);
    }
    const dir = mkdtempSync(join(tmpdir(), 'rl-memblock-'));
    mkdirSync(join(dir, 'memblock'));
    writeFileSync(join(dir, 'memblock', 'reserved'), `${lines.join('\n')}\n`);
    const json = spawnSync('node', [BIN, 'analyze', '--format', 'json', dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const md = spawnSync('node', [BIN, 'analyze', '--format', 'markdown', dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
    rmSync(dir, { recursive: true, force: true });
    expect(json.status).toBe(0);
    const j = JSON.parse(json.stdout);
    expect(j.physical.memblockReservedKiB).toBe(30_000 * 4);
    expect(j.physical.regions).toHaveLength(10_000);
    expect(j.physical.regionsOmitted).toBe(20_000);
    // about 350 bytes a region listed: 30,000 regions listed would pass 10 MB
    expect(json.stdout.length).toBeLessThan(5_000_000);
    expect(md.status).toBe(0);
    expect(md.stdout).toContain('28000 more regions are not listed.');
  }, 120_000);
});

describe('ramledger analyze on several threads', () => {
  const real = join(__dirname, '..', 'fixtures', 'real');
  const threads = (n: number, args: string[]) =>
    spawnSync('node', [BIN, 'analyze', '--format', 'json', ...args], {
      encoding: 'utf8',
      env: { ...process.env, RAMLEDGER_THREADS: String(n) },
      maxBuffer: 1 << 28,
    });

  it('gives the same JSON from one thread and from three, for a folder and for one bundle cut at its sections', () => {
    const one = threads(1, [real]);
    const three = threads(3, [real]);
    expect(one.status).toBe(0);
    expect(three.stdout).toBe(one.stdout);
    // a bundle of every real smaps, large enough to be cut in three at ==> headers
    const dir = mkdtempSync(join(tmpdir(), 'rl-threads-'));
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d).sort()) {
        const p = join(d, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (/smaps|meminfo|status$/.test(e)) files.push(p);
      }
    };
    walk(real);
    const bundle = join(dir, 'bundle.txt');
    // and what the parts must agree on across a cut: caps on lines not understood, and a
    // path given twice in a row (its hint goes to one segment of each format)
    const junk = Array.from({ length: 700 }, (_, i) => `zzz ${i}`).join('\n');
    const sections = files.map((f, i) => `==> /proc/${i + 1}/${f.split('/').pop()} <==\n${read(f, '')}\n${i % 5 === 0 ? junk : ''}`);
    const android = read(join(__dirname, '..', 'fixtures', 'formats'), 'smaps-android-name.txt');
    for (let i = 0; i < sections.length; i += 7)
      sections.splice(i, 0, `==> /proc/77/smaps <==\n${android}`, `==> /proc/77/smaps <==\n${android}`);
    writeFileSync(bundle, sections.join('\n'));
    const b1 = threads(1, [bundle]);
    const b3 = threads(3, [bundle]);
    rmSync(dir, { recursive: true, force: true });
    expect(JSON.parse(b1.stdout).processes.length).toBeGreaterThan(5);
    expect(b3.stdout).toBe(b1.stdout);
  }, 120_000);

  it('writes all of a large output to a pipe whose reader is slow', () => {
    const r = spawnSync('bash', ['-c', `RAMLEDGER_THREADS=2 node ${BIN} analyze --format json ${real} | (sleep 1; cat) | wc -c`], {
      encoding: 'utf8',
    });
    const whole = threads(1, [real]).stdout.length;
    expect(Number(r.stdout.trim())).toBe(Buffer.byteLength(threads(1, [real]).stdout));
    expect(whole).toBeGreaterThan(100_000);
    // a reader that stops early (`| head`) ends the output quietly, not with a stack trace
    const head = spawnSync('bash', ['-c', `set -o pipefail; node ${BIN} analyze --format json ${real} | head -c 10 >/dev/null`], {
      encoding: 'utf8',
    });
    expect(head.stderr).toBe('');
    expect(head.status).toBe(0);
  }, 60_000);
});
