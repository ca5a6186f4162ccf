/**
 * Modules every case in a worker shares instead of evaluating them again for each case it holds
 * in memory (the SDK's `bundlerOptions.preloadModules`, see temporal/worker-options.ts).
 *
 * Why: in the reusable V8 context each workflow gets its own module cache, so zod, cel-js, the DSL
 * schemas and the interpreter were evaluated once per cached case — about 1.9 MB of heap each.
 * Preloaded, a cached case costs about 0.15 MB (`node --expose-gc --import tsx bench/cache-memory.ts`).
 *
 * Why it is safe: these modules keep no per-case state at module level — everything a case owns
 * lives in objects created inside `caseWorkflow` (engine/runtime.ts); the CEL compile cache in
 * dsl/expressions.ts memoises a pure function; `Date` and `Math.random` are the SDK's per-workflow
 * deterministic globals, installed before this module runs. Commands are unchanged, so recorded
 * histories replay as before (tests/workflow/replay.test.ts).
 *
 * The SDK deep-freezes what shared modules export, so that a stray mutation throws instead of
 * leaking from one case into the next. zod schemas cannot be frozen (zod builds their methods and
 * internals on first use), so the modules that export schemas are frozen here instead: their
 * exports object (which the SDK then leaves alone) and every exported value except the schemas.
 * tests/unit/shared-modules.test.ts fails if another module starts exporting a schema.
 */
import { z } from 'zod';
import * as org from '../dsl/org.js';
import * as schema from '../dsl/schema.js';
import * as carried from './engine/carried-state.js';
import * as messages from './messages.js';
import * as messageArgs from './messages/args.js';
import * as updateTable from './messages/updates.js';
import * as types from './types.js';

// zod records its default locale and memoizer in a global the first time a schema is built; the
// SDK freezes globals after preloading, so that first use must happen now.
z.object({ warm: z.string() }).safeParse({});

/** The modules whose exports reach zod schemas. */
export const SCHEMA_MODULES: readonly object[] = [org, schema, carried, messages, messageArgs, updateTable, types];

const isSchema = (v: object) => '_zod' in v;

function freezeExceptSchemas(value: unknown, seen: WeakSet<object>): void {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return;
  if (seen.has(value) || Object.isFrozen(value)) return;
  seen.add(value);
  if (typeof value === 'object') {
    if (isSchema(value)) return;
    for (const key of Reflect.ownKeys(value)) freezeExceptSchemas((value as Record<PropertyKey, unknown>)[key], seen);
  }
  try {
    Object.freeze(value);
  } catch {
    // An ES module namespace outside the bundle (unit tests run these files in Node) cannot be frozen.
  }
}

const seen = new WeakSet<object>();
for (const ns of SCHEMA_MODULES) freezeExceptSchemas(ns, seen);

export { z };
export * as cel from '@marcbachmann/cel-js';
export * as interpreter from './interpreter.js';
