/**
 * A whole running system for API tests, web e2e tests and benchmarks: a real Temporal dev server,
 * then the API with the worker in-process and a fresh database — PGlite in a temp dir, or, when
 * DATABASE_URL is set (the PostgreSQL run of .ci/run), a fresh database created on that server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startDevServer, TEST_CODEC_KEY, workflowBundle } from './temporal.js';
import { startServer, DEFAULT_DEMO_PASSWORD, type RunningServer, type ServerOptions } from '../server/main.js';
import type { DirectorySeed } from '../server/seed/directory.js';

export interface Stack {
  url: string;
  env: TestWorkflowEnvironment;
  server: RunningServer;
  /** Logs in and returns the `cookie` header value. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export interface StackOptions {
  seedDemo?: boolean;
  seedDirectory?: DirectorySeed;
  webDist?: string;
  logLevel?: 'silent' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  /** Receives the server's log lines (default: stdout). */
  logStream?: NodeJS.WritableStream;
  /** Trust X-Forwarded-For (tests that play callers from several addresses). */
  trustProxy?: boolean | string;
  cookieSecure?: boolean;
  /** Notification channels (testkit/channel-receiver.ts gives a config pointing at a local receiver). */
  channels?: ServerOptions['channels'];
  /** The web app's address in links of channel messages (default: the server's own URL). */
  publicUrl?: string;
}

/** With DATABASE_URL: a fresh database on that server for this run, dropped on close. */
async function freshPostgres(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const { default: pg } = await import('pg');
  const name = `jc_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await c.end();
    },
  };
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const env = await startDevServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'jiceng-stack-'));
  const pgdb = process.env.DATABASE_URL ? await freshPostgres(process.env.DATABASE_URL) : undefined;
  let server: RunningServer;
  try {
    server = await startServer({
      port: 0,
      temporalAddress: env.address,
      dataDir,
      databaseUrl: pgdb?.url,
      runWorker: true,
      seedDemo: opts.seedDemo ?? false,
      seedDirectory: opts.seedDirectory,
      webDist: opts.webDist,
      logLevel: opts.logLevel ?? 'warn',
      logStream: opts.logStream,
      codecKey: TEST_CODEC_KEY,
      workflowBundle: await workflowBundle(),
      trustProxy: opts.trustProxy,
      cookieSecure: opts.cookieSecure,
      channels: opts.channels,
      publicUrl: opts.publicUrl,
      dispatchPollMs: opts.channels ? 500 : undefined,
    });
  } catch (err) {
    await pgdb?.drop();
    await env.teardown();
    throw err;
  }
  const url = server.url;
  return {
    url,
    env,
    server,
    async login(username, password = process.env.JICENG_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD) {
      const res = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('jc_session='));
      if (!cookie) throw new Error('no session cookie');
      return cookie.split(';')[0]!;
    },
    async close() {
      await server.close();
      await env.teardown();
      await pgdb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
