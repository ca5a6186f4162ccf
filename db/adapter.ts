/**
 * One small database interface over PostgreSQL: PGlite (embedded, under data/pglite) by
 * default, `pg` when DATABASE_URL is set. The same SQL and migrations run on both.
 */
import { mkdirSync } from 'node:fs';

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
}

export interface Db extends Queryable {
  /** Runs `fn` in one transaction; rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Multi-statement SQL without parameters (migrations). */
  exec(sql: string): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/** `dataDir` '' or 'memory://': an in-memory database (tests). */
export async function openPglite(dataDir: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  // The read model's org paths (server/db/migrations/020_projection.sql).
  const { ltree } = await import('@electric-sql/pglite/contrib/ltree');
  const memory = dataDir === '' || dataDir.startsWith('memory://');
  if (!memory) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create({ dataDir: memory ? undefined : dataDir, extensions: { ltree } });
  // PGlite runs one statement at a time; serialise transactions so concurrent requests don't interleave.
  let chain: Promise<unknown> = Promise.resolve();
  const wrap = (q: { query: typeof pg.query }): Queryable => ({
    async query<R>(sql: string, params: unknown[] = []) {
      const res = await q.query<R>(sql, params as never);
      return res.rows;
    },
  });
  return {
    kind: 'pglite',
    query: (sql, params) => wrap(pg).query(sql, params),
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const run = chain.then(() => pg.transaction((tx) => fn(wrap(tx as unknown as { query: typeof pg.query }))));
      chain = run.catch(() => undefined);
      return run as Promise<T>;
    },
    async exec(sql) {
      await pg.exec(sql);
    },
    async close() {
      await pg.close();
    },
  };
}

export async function openPostgres(url: string): Promise<Db> {
  const { default: pgModule } = await import('pg');
  const pool = new pgModule.Pool({ connectionString: url, max: 10 });
  const q = async <R>(client: { query: (s: string, p: unknown[]) => Promise<{ rows: unknown[] }> }, sql: string, params: unknown[] = []) =>
    (await client.query(sql, params)).rows as R[];
  return {
    kind: 'postgres',
    query: (sql, params) => q(pool, sql, params),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn({ query: (sql, params) => q(client, sql, params) });
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async close() {
      await pool.end();
    },
  };
}

export function openDb(opts: { databaseUrl?: string; dataDir: string }): Promise<Db> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}
