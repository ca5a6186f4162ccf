/**
 * The system under measurement, as in production: a Temporal server (child process), PostgreSQL
 * (a throwaway Debian-packaged server, or DATABASE_URL), the API in this process with
 * runWorker:false, and the worker as a separate process that can be SIGKILLed and restarted.
 * Without PostgreSQL binaries it falls back to PGlite with the worker inside the API process
 * (PGlite can be opened by one process only); the soak refuses that mode.
 * `topology`: `dev` (the Temporal CLI dev server, default) or the production topology — the real
 * Temporal server on PostgreSQL, one process (`prod`) or four (`prod-split`), whose PostgreSQL
 * also holds the app database (bench/lib/prod-temporal.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type RunningServer } from '../../server/main.js';
import { PROJECT_ROOT } from '../../temporal/temporal-binary.js';
import { bundleInterpreter } from '../../temporal/worker-options.js';
import { ApiClient } from './api-client.js';
import { BENCH_PASSWORD, benchDirectory } from './directory.js';
import { postgresAvailable, startLocalPostgres, type LocalPostgres } from './postgres.js';
import { freePort, startTemporalDevServer, type DevServer } from './temporal-server.js';
import { describeTopology, startProdTemporal, type Topology } from './prod-temporal.js';

import { BENCH_CODEC_KEY } from './codec-key.js';
export { BENCH_CODEC_KEY };

export interface WorkerProcess {
  pid(): number;
  alive(): boolean;
  start(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  starts: number;
}

export interface BenchStack {
  url: string;
  temporal: DevServer;
  server: RunningServer;
  databaseUrl?: string;
  worker?: WorkerProcess;
  mode: 'postgres+separate-worker' | 'pglite+in-process-worker';
  topology: Topology;
  /** The Temporal server measured, in words (result files carry it). */
  temporalServer: string;
  login(username: string): Promise<ApiClient>;
  close(): Promise<void>;
}

function workerProcess(env: NodeJS.ProcessEnv): WorkerProcess {
  let child: ChildProcess | undefined;
  const entry = fileURLToPath(new URL('../worker-process.ts', import.meta.url));
  const w: WorkerProcess = {
    starts: 0,
    pid: () => child?.pid ?? -1,
    alive: () => !!child && child.exitCode === null && child.signalCode === null,
    async start() {
      w.starts++;
      const c = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      child = c;
      let err = '';
      c.stderr?.on('data', (d: Buffer) => {
        err = (err + d.toString()).slice(-4000);
      });
      await new Promise<void>((resolve, reject) => {
        const onData = (d: Buffer) => {
          if (d.toString().includes('ready')) {
            c.stdout?.off('data', onData);
            resolve();
          }
        };
        c.stdout?.on('data', onData);
        c.once('exit', (code) => reject(new Error(`worker exited before ready (${code}): ${err}`)));
      });
      c.removeAllListeners('exit');
      c.stdout?.resume();
    },
    async kill(signal = 'SIGKILL') {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill(signal);
      await exited;
    },
  };
  return w;
}

/**
 * A private copy of the built web app: other processes may rebuild designer/dist (vite empties
 * it first) while a benchmark runs. Built into the copy when designer/dist is missing.
 */
function webSnapshot(dir: string): string {
  const dist = join(PROJECT_ROOT, 'designer', 'dist');
  if (existsSync(join(dist, 'index.html'))) {
    try {
      cpSync(dist, dir, { recursive: true });
      if (existsSync(join(dir, 'index.html'))) return dir;
    } catch {
      /* being rebuilt right now: build our own below */
    }
  }
  console.log('  building the web app (vite build) …');
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'designer/vite.config.ts', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  return dir;
}

export async function startBenchStack(opts: { villages?: number; temporalDbFile?: boolean; requireSeparateWorker?: boolean; recordSends?: boolean; logLevel?: 'silent' | 'error' | 'warn'; topology?: Topology } = {}): Promise<BenchStack> {
  const tmp = mkdtempSync(join(tmpdir(), 'jiceng-bench-'));
  const topology = opts.topology ?? 'dev';
  const usePg = topology !== 'dev' || !!process.env.DATABASE_URL || postgresAvailable();
  if (!usePg && opts.requireSeparateWorker) throw new Error('needs PostgreSQL (set DATABASE_URL, or apt-get install postgresql): with PGlite the worker cannot run in its own process');
  let pg: LocalPostgres | undefined;
  let temporal: DevServer | undefined;
  let server: RunningServer | undefined;
  let worker: WorkerProcess | undefined;
  try {
    // BENCH_TEMPORAL_DB: a Temporal DB file kept between runs (profiling: cases started once, queried many times).
    let databaseUrl: string | undefined;
    if (topology !== 'dev') {
      const prod = await startProdTemporal(topology);
      temporal = prod.server;
      databaseUrl = prod.databaseUrl;
    } else temporal = await startTemporalDevServer({ dbFile: process.env.BENCH_TEMPORAL_DB || (opts.temporalDbFile ? join(tmp, 'temporal.db') : undefined) });
    if (usePg && !databaseUrl) {
      if (process.env.DATABASE_URL) {
        const { default: pgm } = await import('pg');
        const name = `jc_bench_${Date.now().toString(36)}`;
        const admin = new pgm.Client({ connectionString: process.env.DATABASE_URL });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${name}`);
        await admin.end();
        const u = new URL(process.env.DATABASE_URL);
        u.pathname = `/${name}`;
        databaseUrl = u.toString();
      } else {
        pg = await startLocalPostgres();
        databaseUrl = pg.url;
      }
    }
    server = await startServer({
      port: await freePort(),
      temporalAddress: temporal.address,
      dataDir: tmp,
      databaseUrl,
      runWorker: !usePg,
      seedDirectory: benchDirectory(opts.villages ?? 20),
      logLevel: opts.logLevel ?? 'error',
      codecKey: BENCH_CODEC_KEY,
      webDist: webSnapshot(join(tmp, 'web')),
    });
    if (usePg) {
      const bundlePath = join(tmp, 'workflow-bundle.js');
      writeFileSync(bundlePath, (await bundleInterpreter()).code);
      worker = workerProcess({
        BENCH_WORKFLOW_BUNDLE: bundlePath,
        DATABASE_URL: databaseUrl,
        TEMPORAL_ADDRESS: temporal.address,
        JICENG_CODEC_KEY: BENCH_CODEC_KEY,
        BENCH_RECORD_SENDS: opts.recordSends ? '1' : '0',
        LOG_LEVEL: 'error',
      });
      await worker.start();
    }
    const url = server.url;
    const s = server;
    const t = temporal;
    const w = worker;
    return {
      url,
      temporal,
      server,
      databaseUrl,
      worker,
      mode: usePg ? 'postgres+separate-worker' : 'pglite+in-process-worker',
      topology,
      temporalServer: describeTopology(topology),
      login: (username) => ApiClient.login(url, username, BENCH_PASSWORD),
      async close() {
        await w?.kill('SIGTERM').catch(() => undefined);
        await s.close().catch(() => undefined);
        await t.stop().catch(() => undefined);
        pg?.stop();
        rmSync(tmp, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await worker?.kill().catch(() => undefined);
    await server?.close().catch(() => undefined);
    await temporal?.stop().catch(() => undefined);
    pg?.stop();
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** Saves a draft and publishes it as `admin`; returns the version. */
export async function publish(admin: ApiClient, def: { key: string }): Promise<number> {
  const saved = await admin.put(`/api/definitions/${def.key}/draft`, def);
  if (saved.status !== 200) throw new Error(`draft ${def.key}: ${saved.status} ${JSON.stringify(saved.body)}`);
  const pub = await admin.post(`/api/definitions/${def.key}/publish`, { changeNote: '基准发布' });
  if (pub.status !== 200) throw new Error(`publish ${def.key}: ${pub.status} ${JSON.stringify(pub.body)}`);
  return (pub.body as { version: number }).version;
}
