/**
 * First start: built-in procedures (procedures/index.ts) become published version 1, and with
 * seedDemo the demo directory and demo cases are loaded. The procedure modules are written by
 * another part of the project; a missing module is reported, not fatal.
 */
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL, fileURLToPath } from 'node:url';
import type { Definition } from '../../dsl/schema.js';
import type { Db } from '../../db/adapter.js';
import { ensureBuiltin } from '../definitions/store.js';
import type { DirectorySeed } from './directory.js';

const PROCEDURES = fileURLToPath(new URL('../../procedures/', import.meta.url));

async function importOptional<T>(file: string): Promise<T | undefined> {
  const path = PROCEDURES + file;
  if (!existsSync(path)) return undefined;
  return (await import(pathToFileURL(path).href)) as T;
}

export async function loadBuiltins(db: Db): Promise<{ loaded: string[]; missing: boolean }> {
  const mod = await importOptional<{ loadBuiltinProcedures: () => Definition[] | Promise<Definition[]> }>('index.ts');
  if (!mod) return { loaded: [], missing: true };
  const loaded: string[] = [];
  for (const def of await mod.loadBuiltinProcedures()) if (await ensureBuiltin(db, def)) loaded.push(def.key);
  return { loaded, missing: false };
}

export function demoDirectory(): DirectorySeed | undefined {
  const path = PROCEDURES + 'demo/directory.json';
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as DirectorySeed) : undefined;
}

export async function demoCasesModule(): Promise<unknown[] | undefined> {
  const mod = await importOptional<{ demoCases: unknown[] }>('demo/cases.ts');
  return mod?.demoCases;
}
