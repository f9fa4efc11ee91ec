/** `ramledger link`, and snapshot files read by `ramledger analyze` (the built CLI, as users run it) */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBytes } from '../../src/core/formats/bytes';
import { writeJson } from '../../src/core/report/json';
import { emptyAnnotations } from '../../src/core/share/annotations';
import { snapshotFilePieces } from '../../src/core/share/file';
import { decodeLink, payloadOf } from '../../src/core/share/link';
import { makeDoc } from '../../src/core/share/make';
import { SEED, SEED_FILES } from '../helpers';

const BIN = join(__dirname, '..', '..', 'bin', 'ramledger.mjs');
const run = (args: string[]) => spawnSync('node', [BIN, ...args], { encoding: 'utf8' });
const SEED_PATHS = SEED_FILES.map((f) => join(SEED, f));
const analyze = (paths: string[]) => {
  const r = run(['analyze', '--format', 'json', ...paths]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

function seedFile(title: string): string {
  const inputs = SEED_FILES.map((f) => {
    const b = readFileSync(join(SEED, f));
    return { name: f, bytes: b.length, parsed: parseBytes(b, f, { maxBytes: 1 << 30, keepText: true }) };
  });
  const notes = emptyAnnotations();
  notes.title = title;
  notes.notes = 'a note';
  notes.labels['line:Slab'] = { label: 'slab <b>x</b>' };
  const pieces: string[] = [];
  snapshotFilePieces(makeDoc(inputs, notes, '/map'), { schemaVersion: 1 }, (p) => pieces.push(p), writeJson);
  const path = join(mkdtempSync(join(tmpdir(), 'rl-snap-')), 'seed.ramledger.json');
  writeFileSync(path, pieces.join(''));
  return path;
}

describe('ramledger link', () => {
  it('prints a link whose snapshot is the seed, in the view asked for', () => {
    const r = run(['link', '--base', 'file:///tmp/ramledger.html', '--view', 'processes?p=0', '--title', 'seed', ...SEED_PATHS]);
    expect(r.status, r.stderr).toBe(0);
    const url = r.stdout.trim();
    expect(url.startsWith('file:///tmp/ramledger.html#/processes?p=0&snapshot=v1.')).toBe(true);
    const o = decodeLink(payloadOf(url) ?? '');
    if ('problem' in o) throw new Error(JSON.stringify(o.problem));
    expect(o.doc.title).toBe('seed');
    expect(o.doc.inputs.map((i) => i.name)).toEqual(SEED_FILES);
  });

  it('says what it needs', () => {
    expect(run(['link']).status).toBe(2);
    expect(run(['link', '--view', 'javascript:alert(1)', SEED_PATHS[0] as string]).stderr).toContain('--view takes a view');
    expect(run(['link', '/no/such/file']).stderr).toContain('no such file');
    const bare = run(['link', ...SEED_PATHS]);
    expect(bare.stdout.startsWith('#/overview?snapshot=v1.')).toBe(true);
    expect(bare.stderr).toContain('--base');
  });
});

describe('a snapshot file is an input', () => {
  it('analyze reads it as the inputs it carries, with its annotations', () => {
    // the same inputs, named as the file names them
    const direct = JSON.parse(JSON.stringify(analyze(SEED_PATHS)).replaceAll(`${SEED}/`, ''));
    const viaFile = analyze([seedFile('router <script>')]);
    expect(viaFile.accounting).toEqual(direct.accounting);
    expect(viaFile.checks).toEqual(direct.checks);
    expect(viaFile.processes).toEqual(direct.processes);
    expect(viaFile.annotations).toEqual({
      title: 'router <script>',
      notes: 'a note',
      labels: [{ on: 'line:Slab', label: 'slab <b>x</b>' }],
    });
    const md = run(['analyze', '--format', 'markdown', seedFile('router <script>')]).stdout;
    expect(md).toContain('# router &lt;script&gt; — ramledger report');
    expect(md).toContain('«slab &lt;b&gt;x&lt;/b&gt;»');
  });

  it('a damaged or altered file is said, not read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rl-bad-'));
    const bad = join(dir, 'bad.ramledger.json');
    writeFileSync(bad, '{"ramledger":"snapshot","version":1,"created":"x","inputs":[{"name":"a","bytes":"lots","sources":[]}]}');
    const r = run(['analyze', bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('damaged or was altered');
    const later = join(dir, 'later.ramledger.json');
    writeFileSync(later, '{"ramledger":"snapshot","version":9}');
    expect(run(['analyze', later]).stderr).toContain('version 9');
  });
});
