// The module graph: no import cycles at run time (type-only imports aside), and the core
// imports nothing from the page or the CLI.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname, '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) && !f.endsWith('.d.ts') ? [p] : [];
  });
}

/** the modules a file loads at run time: `import type` and `export type` do not count */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gm)) {
    if (m[1] || !m[2]) continue;
    const base = resolve(dirname(file), m[2]);
    const hit = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((p) => existsSync(p) && statSync(p).isFile());
    if (hit) out.push(hit);
  }
  return out;
}

const graph = new Map(files(SRC).map((f) => [f, runtimeImports(f)]));

describe('the module graph', () => {
  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const g of graph.get(f) ?? []) {
        if (state.get(g) === 'open') cycles.push([...stack.slice(stack.indexOf(g)), g].map((p) => relative(SRC, p)).join(' → '));
        else if (!state.has(g)) visit(g);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of graph.keys()) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('keeps the core apart from the page and the CLI', () => {
    const leaks = [...graph].flatMap(([f, deps]) =>
      relative(SRC, f).startsWith('core/')
        ? deps.filter((d) => !relative(SRC, d).startsWith('core/')).map((d) => `${relative(SRC, f)} → ${relative(SRC, d)}`)
        : [],
    );
    expect(leaks).toEqual([]);
  });

  it('finds the imports it checks', () => {
    expect(graph.size).toBeGreaterThan(60);
    expect(graph.get(join(SRC, 'app', 'App.tsx'))?.map((p) => relative(SRC, p))).toContain('app/views/StartPage.tsx');
  });
});
