/** Display names the read-model answers carry instead of raw keys: procedure titles and user names. */
import type { AppContext } from '../context.js';

/** Procedure key → title of its newest version (a few dozen rows). */
export async function procedureTitles(ctx: Pick<AppContext, 'db'>): Promise<Map<string, string>> {
  const rows = await ctx.db.query<{ key: string; title: string }>(`SELECT DISTINCT ON (key) key, title FROM definitions ORDER BY key, version DESC`);
  return new Map(rows.map((r) => [r.key, r.title]));
}

/** User id → display name, for the ids in `ids`. */
export async function userNames(ctx: Pick<AppContext, 'db'>, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (unique.length === 0) return new Map();
  const rows = await ctx.db.query<{ id: string; name: string }>('SELECT id, name FROM users WHERE id = ANY($1)', [unique]);
  return new Map(rows.map((r) => [r.id, r.name]));
}
