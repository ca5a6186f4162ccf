/**
 * Shared pieces of the web e2e tests: build the web app when stale, launch Debian's Chromium
 * with a fresh profile, sign in through the login page, save screenshots.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WEB_DIST = join(ROOT, 'designer', 'dist');
export const SHOTS = join(ROOT, 'tests', 'artifacts', 'screenshots');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds designer/dist when it is missing or older than the sources it is built from. */
export function ensureWebBuilt(): void {
  const index = join(WEB_DIST, 'index.html');
  const sources = Math.max(newestMtime(join(ROOT, 'designer')), newestMtime(join(ROOT, 'dsl')), newestMtime(join(ROOT, 'workflows', 'rules')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync('npx', ['vite', 'build', '--config', 'designer/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(viewport = { width: 1440, height: 900 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'jiceng-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(20_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** Signs in through the login form (signing out first when someone else is signed in). */
export async function loginAs(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('me-name').waitFor({ state: 'attached' });
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.getByTestId('login-form').waitFor();
}

/** JSON call with a session cookie, for test fixtures only (the journeys go through the UI). */
export async function apiCall<T>(baseUrl: string, cookie: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export const DEMO_PASSWORD = process.env.JICENG_DEMO_PASSWORD ?? 'jiceng2026';

/** A demo user's session cookie, for fixtures set up through the API. */
export async function sessionCookie(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  const c = res.headers.getSetCookie().find((x) => x.startsWith('jc_session='));
  if (!c) throw new Error(`login ${username} failed: ${res.status}`);
  return c.split(';')[0]!;
}

/** Opens the inbox item of a case's task at `nodeId`, waiting for the engine to list it; returns the task page's URL. */
export async function openInboxTask(page: Page, baseUrl: string, caseId: string, nodeId: string): Promise<string> {
  const item = page.locator(`[data-testid="inbox-item"][data-node-id="${nodeId}"][data-case-id="${caseId}"]`);
  await expect
    .poll(
      async () => {
        await page.goto(`${baseUrl}/inbox`);
        await page.getByTestId('inbox-list').waitFor({ state: 'attached' });
        await page.waitForLoadState('networkidle');
        return item.count();
      },
      { timeout: 30_000, interval: 1000 },
    )
    .toBeGreaterThan(0);
  await item.first().click();
  await page.getByTestId('task-page').waitFor();
  return page.url();
}

export interface RunningStack {
  url: string;
  /** The API's live context (its database …), when the stack runs in this process. */
  ctx?: import('../../server/context.js').AppContext;
  close(): Promise<void>;
}

/**
 * The real stack (Temporal dev server, API with in-process worker, PGlite, designer/dist), or —
 * when E2E_BASE_URL is set while developing the screens — an already running one.
 */
export async function startWebStack(): Promise<RunningStack> {
  ensureWebBuilt();
  if (process.env.E2E_BASE_URL) return { url: process.env.E2E_BASE_URL, close: async () => {} };
  const { startStack } = await import('../../testkit/stack.js');
  const stack = await startStack({ seedDemo: true, webDist: WEB_DIST });
  return { url: stack.url, ctx: stack.server.ctx, close: () => stack.close() };
}

/**
 * The demo stack and a Chromium for one test file: started before its tests, closed after them.
 * Read `web.stack` and `web.browser` inside the tests (they exist once `beforeAll` has run).
 */
export function useWebStack(): { readonly stack: RunningStack; readonly browser: Browser } {
  const web = {} as { stack: RunningStack; browser: Browser };
  beforeAll(async () => {
    web.stack = await startWebStack();
    web.browser = await launchBrowser();
  });
  afterAll(async () => {
    await web.browser?.close();
    await web.stack?.close();
  });
  return web;
}
