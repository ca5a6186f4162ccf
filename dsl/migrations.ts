/**
 * Up-migrations of stored definitions, keyed by the schemaVersion they upgrade FROM. Pure
 * functions on plain JSON: a migration never validates (that is validateDefinition's job), it
 * only reshapes, so a half-broken draft still comes out in the current shape to be validated.
 *
 * Versions:
 *   0 — pre-release drafts (before schemaVersion existed): nodes carried `type` instead of `kind`,
 *       edges used React Flow's `source`/`target` instead of `from`/`to`, and `version`, `roles`
 *       and `fields` could be missing.
 *   1 — service nodes carried a free record of parameters (`params: {xf_final: 'true'}` for a
 *       setData, `{toRole, message}` for a notify …), read by the interpreter key by key.
 *   2 — the current schema (dsl/schema.ts): a service node's `params` are typed by its action; a
 *       setData's assignments sit under `params.set`.
 */
import { CURRENT_SCHEMA_VERSION } from './schema.js';

type Json = Record<string, unknown>;
type Migration = (def: Json) => Json;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A service node's parameters in the shape of schemaVersion 2, from either shape. The interpreter
 * reads running cases' snapshots (started with a version-1 definition) through this too, so both
 * shapes run alike. Version 1 setData: every string entry is a field ← CEL expression (what the
 * interpreter ran; other values it skipped), except that an object under `set` or `fields` (which
 * the version-1 validator already read as the assignments) is taken as the assignments.
 */
export function upgradeServiceParams(action: unknown, params: unknown): Json {
  const p = isObject(params) ? params : {};
  if (action !== 'setData') return p;
  for (const k of ['set', 'fields']) {
    const v = p[k];
    if (isObject(v)) return { set: v };
  }
  return { set: Object.fromEntries(Object.entries(p).filter(([, v]) => typeof v === 'string')) };
}

/** MIGRATIONS[n] turns a version-n definition into version n+1. */
export const MIGRATIONS: Record<number, Migration> = {
  0: (def) => {
    const nodes = Array.isArray(def.nodes)
      ? def.nodes.map((n) => {
          if (!isObject(n) || 'kind' in n || !('type' in n)) return n;
          const { type, ...rest } = n;
          return { ...rest, kind: type };
        })
      : def.nodes;
    const edges = Array.isArray(def.edges)
      ? def.edges.map((e) => {
          if (!isObject(e)) return e;
          const { source, target, ...rest } = e;
          return { ...rest, from: rest.from ?? source, to: rest.to ?? target };
        })
      : def.edges;
    return {
      ...def,
      version: def.version ?? 1,
      roles: def.roles ?? [],
      fields: def.fields ?? [],
      nodes,
      edges,
      schemaVersion: 1,
    };
  },
  1: (def) => ({
    ...def,
    nodes: Array.isArray(def.nodes)
      ? def.nodes.map((n) => (isObject(n) && n.kind === 'service' ? { ...n, params: upgradeServiceParams(n.action, n.params) } : n))
      : def.nodes,
    schemaVersion: 2,
  }),
};

/** The schemaVersion a raw definition declares (0 when absent: a pre-release draft). */
export function schemaVersionOf(raw: unknown): number {
  if (!isObject(raw)) return CURRENT_SCHEMA_VERSION;
  const v = raw.schemaVersion;
  if (v === undefined) return 0;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : CURRENT_SCHEMA_VERSION;
}

/**
 * Brings a raw definition up to CURRENT_SCHEMA_VERSION. Never throws: input that is not an
 * object, or from a future version, is returned unchanged (from === to) for the validator to judge.
 */
export function migrateDefinition(raw: unknown): { definition: unknown; from: number; to: number } {
  const from = schemaVersionOf(raw);
  if (!isObject(raw) || from >= CURRENT_SCHEMA_VERSION) return { definition: raw, from, to: from };
  let def: Json = raw;
  let v = from;
  while (v < CURRENT_SCHEMA_VERSION) {
    const step = MIGRATIONS[v];
    if (!step) break;
    def = step(def);
    v += 1;
  }
  return { definition: def, from, to: v };
}
