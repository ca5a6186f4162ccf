/** A tiny HTTP client for the API tests. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type Stack } from '../../testkit/stack.js';
import { DIRECTORY, PASSWORD } from '../../testkit/api-fixtures.js';
import type { DefinitionInput } from '../../dsl/schema.js';

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = any>(url: string, method: string, path: string, opts: { cookie?: string; body?: unknown; raw?: string } = {}): Promise<Res<T>> {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  let body: string | undefined;
  if (opts.raw !== undefined) {
    body = opts.raw;
    headers['content-type'] = 'application/json';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(url + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export interface TestApi {
  stack: Stack;
  cookies: Record<string, string>;
  as(user: string): { get<T = any>(p: string): Promise<Res<T>>; post<T = any>(p: string, b?: unknown): Promise<Res<T>>; put<T = any>(p: string, b?: unknown): Promise<Res<T>> };
  close(): Promise<void>;
}

/** A stack seeded with the fixture directory, with every fixture user logged in. */
export async function startTestApi(): Promise<TestApi> {
  // A stand-in for the built web app, to check static serving and the SPA fallback.
  const webDist = mkdtempSync(join(tmpdir(), 'jiceng-web-'));
  mkdirSync(join(webDist, 'assets'));
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>基层流程</title><div id="root"></div>');
  writeFileSync(join(webDist, 'assets', 'app.js'), 'console.log("app")');
  const stack = await startStack({ seedDirectory: DIRECTORY, logLevel: 'error', webDist });
  const cookies: Record<string, string> = {};
  for (const u of DIRECTORY.users) cookies[u.id] = await stack.login(u.username ?? u.id, PASSWORD);
  const as = (user: string) => ({
    get: <T = any>(p: string) => call<T>(stack.url, 'GET', p, { cookie: cookies[user] }),
    post: <T = any>(p: string, b?: unknown) => call<T>(stack.url, 'POST', p, { cookie: cookies[user], body: b ?? {} }),
    put: <T = any>(p: string, b?: unknown) => call<T>(stack.url, 'PUT', p, { cookie: cookies[user], body: b ?? {} }),
  });
  return { stack, cookies, as, close: () => stack.close() };
}

/** Saves `def` as a draft and publishes it through the designer routes; returns the version. */
export async function publishDefinition(api: TestApi, def: DefinitionInput, note = '测试发布'): Promise<number> {
  const saved = await api.as('designer').put(`/api/definitions/${def.key}/draft`, def);
  if (saved.status !== 200) throw new Error(`draft ${def.key}: ${saved.status} ${JSON.stringify(saved.body)}`);
  const pub = await api.as('designer').post(`/api/definitions/${def.key}/publish`, { changeNote: note });
  if (pub.status !== 200) throw new Error(`publish ${def.key}: ${pub.status} ${JSON.stringify(pub.body)}`);
  return pub.body.version as number;
}

/** Polls until `check` returns a value (visibility is eventually consistent). */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}
