/**
 * The import rules of issue 16, enforced (.dependency-cruiser.cjs): no file imports itself round
 * about, and the top-level folders are layers — in particular server/ and worker/ never import
 * each other, and activities/ never imports workflows/ (the workflow imports activity types).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IModule } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const config = require(`${root}.dependency-cruiser.cjs`) as { LAYERS: string[]; forbidden: unknown[]; options: Record<string, unknown> };
const FOLDERS = config.LAYERS.map((f) => (f === 'designer' ? 'designer/src' : f)).filter((f) => existsSync(`${root}${f}`));

let result: ICruiseResult;
const folderOf = (path: string) => path.split('/')[0]!;

/** Edges between top-level folders, with one example import each. */
function folderEdges(modules: IModule[]): Map<string, string> {
  const edges = new Map<string, string>();
  for (const m of modules) {
    for (const d of m.dependencies) {
      if (d.coreModule || d.couldNotResolve || d.dependencyTypes.some((t) => t.startsWith('npm'))) continue;
      const [from, to] = [folderOf(m.source), folderOf(d.resolved)];
      if (from !== to && !edges.has(`${from} -> ${to}`)) edges.set(`${from} -> ${to}`, `${m.source} → ${d.resolved}`);
    }
  }
  return edges;
}

/** A cycle in the folder graph, if there is one. */
function folderCycle(edges: Iterable<string>): string[] | undefined {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    const [a, b] = e.split(' -> ') as [string, string];
    next.set(a, [...(next.get(a) ?? []), b]);
  }
  const state = new Map<string, 'open' | 'done'>();
  const walk = (n: string, path: string[]): string[] | undefined => {
    if (state.get(n) === 'open') return [...path.slice(path.indexOf(n)), n];
    if (state.get(n) === 'done') return undefined;
    state.set(n, 'open');
    for (const m of next.get(n) ?? []) {
      const c = walk(m, [...path, n]);
      if (c) return c;
    }
    state.set(n, 'done');
    return undefined;
  };
  for (const n of next.keys()) {
    const c = walk(n, []);
    if (c) return c;
  }
  return undefined;
}

beforeAll(async () => {
  process.chdir(root);
  const tsConfig = extractTSConfig(`${root}tsconfig.json`);
  const reported = await cruise(FOLDERS, { validate: true, ruleSet: { forbidden: config.forbidden } as never, ...config.options } as never, undefined, { tsConfig });
  result = reported.output as ICruiseResult;
}, 120_000);

describe('architecture (issue 16)', () => {
  it('the check sees the whole code base (servers, web app, tests)', () => {
    const edges = folderEdges(result.modules);
    expect(result.modules.length).toBeGreaterThan(300);
    for (const e of ['server -> temporal', 'worker -> temporal', 'designer -> dsl', 'tests -> testkit', 'workflows -> dsl']) expect(edges.has(e), e).toBe(true);
  });

  it('no file imports itself round about, and every folder imports only the layers below it', () => {
    const violations = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (${v.cycle.map((c) => c.name).join(' → ')})` : ''}`);
    expect(violations).toEqual([]);
  });

  it('no cycle between top-level folders', () => {
    expect(folderCycle(folderEdges(result.modules).keys())).toBeUndefined();
  });

  it('server/ and worker/ never import each other; activities/ never imports workflows/', () => {
    const edges = folderEdges(result.modules);
    for (const e of ['server -> worker', 'worker -> server', 'activities -> workflows']) expect(edges.get(e), e).toBeUndefined();
  });
});
