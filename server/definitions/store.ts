/**
 * Definition store: one draft per key (stored as version 0) and immutable published versions.
 * Publishing copies the draft into the next version number and removes the draft.
 */
import type { Db, Queryable } from '../../db/adapter.js';
import type { Definition } from '../../dsl/schema.js';
import { migrateDefinition } from '../../dsl/migrations.js';

export interface DefinitionListItem {
  key: string;
  title: string;
  category: string | null;
  latestVersion: number | null;
  hasDraft: boolean;
  updatedAt: string;
  draftAuthor: string | null;
  publishedBy: string | null;
}

export interface VersionInfo {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
  changeNote: string | null;
}

const DRAFT = 0;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
/**
 * A stored body in the current schema: versions published before a schema change (a service
 * node's free parameters of schemaVersion 1) are read through dsl/migrations.ts, so a case started
 * on them, the designer and the diff all see one shape. The row itself is never rewritten.
 */
const body = (v: unknown): Definition => migrateDefinition(typeof v === 'string' ? JSON.parse(v) : v).definition as Definition;

export async function listDefinitions(db: Queryable): Promise<DefinitionListItem[]> {
  const rows = await db.query<{ key: string; title: string; category: string | null; latest: number | null; has_draft: boolean; updated_at: unknown; draft_author: string | null; published_by: string | null }>(`
    SELECT key,
           (array_agg(title ORDER BY version DESC))[1] AS title,
           (array_agg(category ORDER BY version DESC))[1] AS category,
           max(version) FILTER (WHERE status = 'published') AS latest,
           bool_or(status = 'draft') AS has_draft,
           max(updated_at) AS updated_at,
           max(author) FILTER (WHERE status = 'draft') AS draft_author,
           (array_agg(author ORDER BY version DESC) FILTER (WHERE status = 'published'))[1] AS published_by
    FROM definitions GROUP BY key ORDER BY key`);
  return rows.map((r) => ({
    draftAuthor: r.draft_author ?? null,
    publishedBy: r.published_by ?? null,
    key: r.key,
    title: r.title,
    category: r.category,
    latestVersion: r.latest === null ? null : Number(r.latest),
    hasDraft: Boolean(r.has_draft),
    updatedAt: iso(r.updated_at),
  }));
}

export async function listVersions(db: Queryable, key: string): Promise<VersionInfo[]> {
  const rows = await db.query<{ version: number; published_at: unknown; author: string | null; change_note: string | null }>(
    `SELECT version, published_at, author, change_note FROM definitions WHERE key = $1 AND status = 'published' ORDER BY version DESC`,
    [key],
  );
  return rows.map((r) => ({ version: r.version, publishedAt: iso(r.published_at), publishedBy: r.author, changeNote: r.change_note }));
}

export async function getPublished(db: Queryable, key: string, version?: number): Promise<Definition | undefined> {
  const rows = version
    ? await db.query<{ body: unknown }>(`SELECT body FROM definitions WHERE key = $1 AND version = $2 AND status = 'published'`, [key, version])
    : await db.query<{ body: unknown }>(`SELECT body FROM definitions WHERE key = $1 AND status = 'published' ORDER BY version DESC LIMIT 1`, [key]);
  return rows[0] ? body(rows[0].body) : undefined;
}

/**
 * Published versions never change: they are kept in memory after the first read (bounded), so the
 * hot paths (task completion, case detail) do not fetch and parse the definition every time.
 */
const publishedCaches = new WeakMap<Queryable, Map<string, Definition>>();
const CACHE_MAX = 500;

export async function getPublishedCached(db: Queryable, key: string, version: number): Promise<Definition | undefined> {
  let publishedCache = publishedCaches.get(db);
  if (!publishedCache) publishedCaches.set(db, (publishedCache = new Map()));
  const k = `${key}@${version}`;
  const hit = publishedCache.get(k);
  if (hit) return hit;
  const def = await getPublished(db, key, version);
  if (def) {
    if (publishedCache.size >= CACHE_MAX) publishedCache.delete(publishedCache.keys().next().value!);
    publishedCache.set(k, def);
  }
  return def;
}

export async function getDraft(db: Queryable, key: string): Promise<Definition | undefined> {
  const rows = await db.query<{ body: unknown }>(`SELECT body FROM definitions WHERE key = $1 AND version = ${DRAFT}`, [key]);
  return rows[0] ? body(rows[0].body) : undefined;
}

export async function saveDraft(db: Queryable, def: Definition, author: string): Promise<void> {
  await db.query(
    `INSERT INTO definitions(key, version, status, title, category, body, author, updated_at)
     VALUES ($1, ${DRAFT}, 'draft', $2, $3, $4, $5, now())
     ON CONFLICT (key, version) DO UPDATE SET title = EXCLUDED.title, category = EXCLUDED.category, body = EXCLUDED.body,
       author = EXCLUDED.author, updated_at = now()`,
    [def.key, def.title, def.category ?? null, JSON.stringify(def), author],
  );
}

/** Publishes `def` as the next version of its key; returns the version number. */
export async function publish(db: Db, def: Definition, author: string, changeNote: string): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ v: number | null }>(`SELECT max(version) AS v FROM definitions WHERE key = $1 AND status = 'published'`, [def.key]);
    const version = Number(rows[0]?.v ?? 0) + 1;
    const snapshot: Definition = { ...def, version };
    await tx.query(
      `INSERT INTO definitions(key, version, status, title, category, body, author, published_at, change_note, updated_at)
       VALUES ($1, $2, 'published', $3, $4, $5, $6, now(), $7, now())`,
      [def.key, version, def.title, def.category ?? null, JSON.stringify(snapshot), author, changeNote],
    );
    await tx.query(`DELETE FROM definitions WHERE key = $1 AND version = ${DRAFT}`, [def.key]);
    return version;
  });
}

/** First start: a built-in procedure becomes published version 1 unless the key already exists. */
export async function ensureBuiltin(db: Queryable, def: Definition): Promise<boolean> {
  const exists = await db.query('SELECT 1 FROM definitions WHERE key = $1 LIMIT 1', [def.key]);
  if (exists.length > 0) return false;
  const snapshot: Definition = { ...def, version: 1 };
  await db.query(
    `INSERT INTO definitions(key, version, status, title, category, body, author, published_at, change_note)
     VALUES ($1, 1, 'published', $2, $3, $4, 'system', now(), '内置流程')`,
    [def.key, def.title, def.category ?? null, JSON.stringify(snapshot)],
  );
  return true;
}

/** Whether any version or draft of `key` exists (a new procedure needs a free key). */
export async function keyExists(db: Queryable, key: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM definitions WHERE key = $1 LIMIT 1', [key])).length > 0;
}
