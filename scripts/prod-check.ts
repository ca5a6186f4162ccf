/**
 * `npm run prod:check` — opt-in proof that the production topology comes up from a fresh clone on
 * this machine kind (not part of `npm test`: the first Temporal server build takes minutes).
 *
 *  1. `git clone` of this checkout's HEAD into a temporary directory, `npm ci` there;
 *  2. `npm run prod:up -- --demo` in the clone (builds the Temporal server from the Go module proxy
 *     into the clone's .tools/, initialises PostgreSQL, …) on free ports; `prod:status` must be ok;
 *  3. as users do: log in to the API, wait for the 17 demo cases, start a case and see the worker
 *     open its first task;
 *  4. `prod:down`, `prod:up` again: the case is still there, waiting at the same task (the state
 *     in data/prod survives);
 *  5. `prod:down` and remove the clone (`--keep` keeps it).
 *
 * `--cold` also builds with an empty Go build cache and module cache (GOCACHE/GOMODCACHE in the
 * clone): the time a machine that never built Temporal needs. Prints every step's duration.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../temporal/temporal-binary.js';
import { freePort } from './prod-topology/topology.js';

const argv = process.argv.slice(2);
const cold = argv.includes('--cold');
const keep = argv.includes('--keep');
const timings: [string, number][] = [];

function step(label: string, cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): void {
  console.log(`\n▸ ${label}: ${cmd} ${args.join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: 'inherit' });
  const s = Math.round((Date.now() - t0) / 1000);
  timings.push([label, s]);
  if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status}) after ${s} s`);
  console.log(`  ✓ ${label} in ${s} s`);
}

/**
 * Logs in as a demo user. Retried on a network error: after down + up on the same port, the first
 * request may go out on a kept-alive socket of the previous API process ("other side closed").
 */
async function api(base: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await apiOnce(base);
    } catch (err) {
      if (attempt >= 3 || !(err instanceof TypeError)) throw err;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

async function apiOnce(base: string) {
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'vil_comm_jingshan', password: process.env.JICENG_DEMO_PASSWORD ?? 'jiceng2026' }) });
  if (login.status !== 200) throw new Error(`login as vil_comm_jingshan: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith('jc_session='))!.split(';')[0]!;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const r = await fetch(`${base}${path}`, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return { status: r.status, body: (await r.json().catch(() => undefined)) as T };
  };
  return call;
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function main(): Promise<void> {
  const clone = mkdtempSync(join(tmpdir(), 'jiceng-fresh-'));
  // As a checkout in /srv or /opt would be: PostgreSQL (user postgres) must reach data/prod in it.
  chmodSync(clone, 0o755);
  // Ports below 32768 (Temporal keeps membership ports in a smallint), free right now.
  const ports: Record<string, number> = {};
  for (const k of ['POSTGRES_PORT', 'TEMPORAL_PORT', 'FRONTEND_HTTP_PORT', 'FRONTEND_MEMBERSHIP_PORT', 'HISTORY_GRPC_PORT', 'HISTORY_MEMBERSHIP_PORT', 'MATCHING_GRPC_PORT', 'MATCHING_MEMBERSHIP_PORT', 'WORKER_GRPC_PORT', 'WORKER_MEMBERSHIP_PORT', 'PORT']) ports[k] = await freePort();
  const base = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])), PROMETHEUS_PORT: String(base), JICENG_PROD_DIR: join(clone, 'data', 'prod') };
  if (cold) Object.assign(env, { GOCACHE: join(clone, '.go-cache'), GOMODCACHE: join(clone, '.go-mod') });
  const url = `http://127.0.0.1:${ports.PORT}`;
  let upOnce = false;
  try {
    step('fresh clone', 'git', ['clone', '--quiet', '--no-hardlinks', PROJECT_ROOT, clone], { cwd: tmpdir() });
    console.log(`  ${clone} at ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: clone }).toString().trim()}`);
    step('npm ci', 'npm', ['ci', '--no-audit', '--no-fund'], { cwd: clone, env });
    if (!env.TEMPORAL_CLI) step('Temporal CLI (npm run setup)', 'npm', ['run', 'setup'], { cwd: clone, env });
    upOnce = true;
    step(`first prod:up --demo${cold ? ' (cold Go caches)' : ''}`, 'npm', ['run', 'prod:up', '--', '--demo'], { cwd: clone, env });
    step('prod:status', 'npm', ['run', 'prod:status'], { cwd: clone, env });

    const call = await api(url);
    const listCases = async () => (await call<{ items: { caseId: string }[] }>('GET', '/api/cases?pageSize=100')).body;
    const demo = await until('the 17 demo cases', async () => {
      const r = await call<{ items?: unknown[] }>('GET', '/api/cases?pageSize=100');
      return r.status === 200 && (r.body.items?.length ?? 0) > 0 ? r.body.items!.length : undefined;
    }, 300_000);
    console.log(`  vil_comm_jingshan sees ${demo} case(s) of the demo data`);
    const started = await call<{ caseId: string }>('POST', '/api/cases', { procedure: 'wuyi-liangkai', title: '全新克隆验证', orgUnit: 'v-jingshan' });
    if (started.status !== 201) throw new Error(`start a case: ${started.status} ${JSON.stringify(started.body)}`);
    const task = await until('the worker opening the first task of the new case', async () => {
      const d = await call<{ tasks?: { id: string; status: string; nodeName?: string }[] }>('GET', `/api/cases/${started.body.caseId}`);
      return d.body.tasks?.find((t) => t.status === 'open');
    }, 120_000);
    console.log(`  case ${started.body.caseId} started; the worker opened 「${task.nodeName ?? '?'}」`);
    const before = (await listCases()).items.length;

    step('prod:down', 'npm', ['run', 'prod:down'], { cwd: clone, env });
    step('second prod:up (existing data)', 'npm', ['run', 'prod:up'], { cwd: clone, env });
    // The state survived: the case is there with the same open task, and no case is gone (the
    // demo cases may still be starting, so there can be more).
    const call2 = await api(url);
    const again = await call2<{ tasks?: { id: string; status: string }[] }>('GET', `/api/cases/${started.body.caseId}`);
    if (again.status !== 200 || !again.body.tasks?.some((t) => t.id === task.id && t.status === 'open')) throw new Error(`after down + up, case ${started.body.caseId} answers ${again.status} without its open task ${task.id}`);
    const after = (await call2<{ items: unknown[] }>('GET', '/api/cases?pageSize=100')).body.items.length;
    if (after < before) throw new Error(`after down + up the user sees ${after} cases, before ${before}`);
    console.log(`  after down + up: case ${started.body.caseId} still waits at 「${task.nodeName ?? '?'}」; ${after} cases listed (${before} before)`);
  } finally {
    if (upOnce) spawnSync('npm', ['run', 'prod:down'], { cwd: clone, env, stdio: 'inherit' });
    // The Go module cache is read-only on purpose: `go clean -modcache` is how it is removed.
    if (!keep && cold) spawnSync('go', ['clean', '-modcache'], { cwd: clone, env, stdio: 'ignore' });
    if (!keep && existsSync(clone)) rmSync(clone, { recursive: true, force: true });
  }
  console.log('\nprod:check ok — durations:');
  for (const [label, s] of timings) console.log(`  ${label.padEnd(40)} ${s} s`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    const cause = err instanceof Error && err.cause ? ` (${String((err.cause as Error).message ?? err.cause)})` : '';
    console.error(`\n✗ prod:check: ${err instanceof Error ? err.message : String(err)}${cause}`);
    process.exit(1);
  },
);
