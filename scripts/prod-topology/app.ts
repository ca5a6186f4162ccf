/**
 * Our own processes on the native topology: N workers (worker/main.ts) and the API with the built
 * web app (server/main.ts, JICENG_RUN_WORKER=0), both on the topology's PostgreSQL (DATABASE_URL)
 * and Temporal — the `worker` and `api` services of docker-compose.yml, with the same variables.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { openPostgres } from '../../db/adapter.js';
import { migrate } from '../../db/migrate.js';
import { PROJECT_ROOT } from '../../temporal/temporal-binary.js';
import { TASK_QUEUE } from '../../workflows/search-attributes.js';
import { alive, runCommand, runningPid, startProcess, stopProcess, waitFor } from './processes.js';
import { appDatabaseUrl, paths, temporalAddress, type Secrets, type TopologySettings } from './settings.js';

const workerName = (i: number) => `worker-${i}`;

function appEnv(s: TopologySettings, secrets: Secrets): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TEMPORAL_ADDRESS: temporalAddress(s),
    TEMPORAL_NAMESPACE: s.temporal.namespace,
    DATABASE_URL: appDatabaseUrl(s, secrets),
    JICENG_CODEC_KEY: secrets.JICENG_CODEC_KEY,
    TEMPORAL_UI_URL: s.app.uiUrl,
    NODE_ENV: 'production',
    TZ: 'Asia/Shanghai',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
}

const tsx = (entry: string) => ['--import', 'tsx', join(PROJECT_ROOT, entry)];

/** The web app the API serves: built once (vite) when designer/dist is missing. */
export function ensureWebBuilt(log: (line: string) => void): void {
  if (existsSync(join(PROJECT_ROOT, 'designer', 'dist', 'index.html'))) return;
  log('  building the web app (npm run build:web) …');
  runCommand(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build:web'], { cwd: PROJECT_ROOT, what: 'npm run build:web' });
}

export async function apiReady(s: TopologySettings): Promise<boolean> {
  const r = await fetch(`http://127.0.0.1:${s.app.apiPort}/readyz`, { signal: AbortSignal.timeout(3000) });
  return r.status === 200;
}

/**
 * The app database's migrations, once, before any app process starts: the API and every worker
 * apply them at start-up too, and several processes doing so at the same moment on a fresh
 * database would run them concurrently (db/migrate.ts takes no lock).
 */
export async function migrateAppDb(s: TopologySettings, secrets: Secrets): Promise<string[]> {
  const db = await openPostgres(appDatabaseUrl(s, secrets));
  try {
    return await migrate(db);
  } finally {
    await db.close();
  }
}

/** After the workers, so the demo cases (--demo) find a worker polling. */
export async function startApi(s: TopologySettings, secrets: Secrets, opts: { detached: boolean }): Promise<'started' | 'running'> {
  const p = paths(s);
  if (runningPid(p.pid('api'))) return 'running';
  startProcess({
    name: 'api',
    command: process.execPath,
    args: tsx('server/main.ts'),
    cwd: PROJECT_ROOT,
    env: {
      ...appEnv(s, secrets),
      PORT: String(s.app.apiPort),
      HOST: s.app.apiHost,
      JICENG_RUN_WORKER: '0',
      JICENG_SEED_DEMO: s.app.seedDemo ? '1' : '0',
    },
    logFile: p.log('api'),
    pidFile: p.pid('api'),
    detached: opts.detached,
  });
  await waitFor(`API at http://127.0.0.1:${s.app.apiPort}/readyz`, () => apiReady(s), { timeoutMs: 180_000, pid: () => runningPid(p.pid('api')), logFile: p.log('api') });
  return 'started';
}

/** Worker identities polling the case task queue (the SDK's default identity is `pid@host`). */
export async function taskQueuePollers(s: TopologySettings): Promise<string[]> {
  const conn = await Connection.connect({ address: temporalAddress(s), connectTimeout: 2000 });
  try {
    const r = await conn.workflowService.describeTaskQueue({ namespace: s.temporal.namespace, taskQueue: { name: TASK_QUEUE }, taskQueueType: 1 });
    return (r.pollers ?? []).map((x) => x.identity ?? '');
  } finally {
    await conn.close();
  }
}

export async function startWorkers(s: TopologySettings, secrets: Secrets, opts: { detached: boolean }): Promise<string[]> {
  const p = paths(s);
  const started: { name: string; pid: number }[] = [];
  for (let i = 1; i <= s.app.workers; i++) {
    const name = workerName(i);
    if (runningPid(p.pid(name))) continue;
    const pid = startProcess({ name, command: process.execPath, args: tsx('worker/main.ts'), cwd: PROJECT_ROOT, env: appEnv(s, secrets), logFile: p.log(name), pidFile: p.pid(name), detached: opts.detached });
    started.push({ name, pid });
  }
  for (const w of started) {
    // Ready once Temporal lists it among the pollers of the task queue.
    await waitFor(`${w.name} (pid ${w.pid}) polling task queue ${TASK_QUEUE}`, async () => (await taskQueuePollers(s)).some((id) => id.startsWith(`${w.pid}@`)), {
      timeoutMs: 180_000,
      pid: () => (alive(w.pid) ? w.pid : undefined),
      logFile: p.log(w.name),
    });
  }
  return started.map((w) => w.name);
}

/** Stops every worker with a pid file (also those beyond the current --workers) and the API. */
export async function stopApp(s: TopologySettings): Promise<Record<string, string>> {
  const p = paths(s);
  const out: Record<string, string> = {};
  const r = await stopProcess(p.pid('api'));
  if (r !== 'not running') out.api = r;
  for (const name of workerNames(s)) {
    const w = await stopProcess(p.pid(name), 'SIGTERM', 40_000);
    if (w !== 'not running') out[name] = w;
  }
  return out;
}

/** The workers expected (--workers) and any other worker with a pid file from an earlier `up`. */
export function workerNames(s: TopologySettings): string[] {
  const run = paths(s).run;
  const found = existsSync(run) ? readdirSync(run).map((f) => /^(worker-\d+)\.pid$/.exec(f)?.[1]).filter((n): n is string => !!n) : [];
  const names = new Set([...Array.from({ length: s.app.workers }, (_, i) => workerName(i + 1)), ...found]);
  return [...names].sort((a, b) => Number(a.slice(7)) - Number(b.slice(7)));
}

/** Waits until every running worker polls the task queue again (after a Temporal restart). */
export async function waitWorkersPolling(s: TopologySettings, timeoutMs = 90_000): Promise<void> {
  const p = paths(s);
  for (const name of workerNames(s)) {
    const pid = runningPid(p.pid(name));
    if (!pid) continue;
    await waitFor(`${name} (pid ${pid}) polling task queue ${TASK_QUEUE} again`, async () => (await taskQueuePollers(s)).some((id) => id.startsWith(`${pid}@`)), { timeoutMs, pid: () => (alive(pid) ? pid : undefined), logFile: p.log(name) });
  }
}
