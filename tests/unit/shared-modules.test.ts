/**
 * The worker shares the interpreter's modules between cached cases (workflows/shared-modules.ts)
 * and the SDK deep-freezes whatever those modules export. A zod schema cannot be frozen (zod
 * builds its methods on first use): a module that exports one — directly or inside an exported
 * object — must be in SCHEMA_MODULES, or every case would fail on its first update.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_MODULES } from '../../workflows/shared-modules.js';

const root = join(import.meta.dirname, '..', '..');
const files = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

/** Walks exports the way the SDK's deepFreeze does (own keys of objects, getters read) and says whether a schema is reachable. */
function reachesSchema(value: unknown, seen = new WeakSet<object>()): boolean {
  if (value === null || typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  if ('_zod' in value) return true;
  return Reflect.ownKeys(value).some((k) => reachesSchema((value as Record<PropertyKey, unknown>)[k], seen));
}

describe('modules shared between cached cases', () => {
  it('every module of the interpreter that exports a zod schema is frozen by shared-modules.ts, not by the SDK', async () => {
    // dsl/index.ts, dsl/json-schema.ts and dsl/directory.ts serve the API, the CLI and the demo; the interpreter does not import them.
    const outside = ['dsl/index.ts', 'dsl/json-schema.ts', 'dsl/directory.ts'];
    const importsOutside = files('workflows').filter((f) => /from '[./]*dsl\/(index|json-schema|directory)\.js'/.test(readFileSync(join(root, f), 'utf8')));
    expect(importsOutside).toEqual([]);
    const modules = [...files('workflows'), ...files('dsl')].filter((f) => !f.endsWith('shared-modules.ts') && !outside.includes(f));
    const unprotected: string[] = [];
    let withSchemas = 0;
    for (const f of modules) {
      const ns = (await import(join(root, f))) as object;
      if (!reachesSchema(ns)) continue;
      withSchemas++;
      if (!SCHEMA_MODULES.includes(ns)) unprotected.push(relative(root, join(root, f)));
    }
    expect(unprotected).toEqual([]);
    // The check found the modules it must find (dsl/schema.ts, workflows/messages.ts, workflows/types.ts …).
    expect(withSchemas).toBeGreaterThanOrEqual(3);
  });
});
