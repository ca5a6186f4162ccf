/**
 * The native production topology as a whole: PostgreSQL → Temporal schema → Temporal server (one
 * process or four) → namespace and search attributes → API (migrations) → workers. `up` is
 * idempotent (each step checks first and leaves what runs alone), `down` stops in reverse order,
 * `status` checks each component's health. The benchmarks start a private instance of the same
 * (startPrivateTopology) on free ports in a throwaway directory.
 */
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { searchAttributeFlags } from '../../workflows/search-attributes.js';
import { apiReady, ensureWebBuilt, migrateAppDb, startApi, startWorkers, stopApp, taskQueuePollers, workerNames } from './app.js';
import { ensureTemporalBinaries, type TemporalBinaries } from './binaries.js';
import { ensurePostgresInstalled, ensureRoles, postgresBinDir, postgresReady, startPostgres, stopPostgres, superuserUrl } from './postgres.js';
import { alive, readPid, runningPid } from './processes.js';
import { appDatabaseUrl, loadOrCreateSecrets, paths, settingsFromEnv, temporalAddress, TEMPORAL_SERVICES, type Secrets, type TemporalLayout, type TopologySettings } from './settings.js';
import {
  frontendServing,
  registeredSearchAttributes,
  runNamespaceJob,
  runSchemaJob,
  serverProcessNames,
  startTemporalServer,
  stopTemporalServer,
  validateDynamicConfig,
  waitTemporalServing,
  DYNAMIC_CONFIG,
} from './temporal.js';

type Log = (line: string) => void;

function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createConnection({ port, host });
    sock.setTimeout(1000);
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('timeout', () => {
      sock.destroy();
      resolve(false);
    });
    sock.once('error', () => resolve(false));
  });
}

/** Ports a component will listen on: each must be free unless that component already runs. */
async function assertPortsFree(component: string, ports: { port: number; env: string }[]): Promise<void> {
  for (const { port, env } of ports) {
    if (await portInUse(port)) throw new Error(`${component}: port ${port} is already in use by another program (set ${env} to another port, or stop that program: \`npm run up\`'s dev server uses 7233 and 3000)`);
  }
}

function temporalPorts(s: TopologySettings): { port: number; env: string }[] {
  const p = s.temporal.ports;
  return [
    { port: p.frontend.grpc, env: 'TEMPORAL_PORT' },
    { port: p.frontend.http!, env: 'FRONTEND_HTTP_PORT' },
    ...TEMPORAL_SERVICES.flatMap((svc) => [
      ...(svc === 'frontend' ? [] : [{ port: p[svc].grpc, env: `${svc.toUpperCase()}_GRPC_PORT` }]),
      { port: p[svc].membership, env: `${svc.toUpperCase()}_MEMBERSHIP_PORT` },
    ]),
    ...(s.temporal.layout === 'single' ? [{ port: p.frontend.metrics, env: 'PROMETHEUS_PORT' }] : TEMPORAL_SERVICES.map((svc) => ({ port: p[svc].metrics, env: 'PROMETHEUS_PORT' }))),
  ];
}

export interface UpOptions {
  /** false: PostgreSQL and Temporal only (the benchmarks bring their own API and worker). */
  app: boolean;
  detached: boolean;
  dynamicConfig?: string;
  log: Log;
}

export interface UpResult {
  settings: TopologySettings;
  secrets: Secrets;
  binaries: TemporalBinaries;
  buildSeconds: number;
  /** Seconds from the Temporal server's start to a namespace with its search attributes. */
  temporalColdStartSeconds?: number;
}

export async function up(s: TopologySettings, o: UpOptions): Promise<UpResult> {
  const { log } = o;
  const high = temporalPorts(s).filter((x) => x.port > 32767 && !/PROMETHEUS/.test(x.env));
  if (high.length) throw new Error(`Temporal ports must be below 32768 (the server keeps them in a PostgreSQL smallint and dies at start otherwise): ${high.map((x) => `${x.env}=${x.port}`).join(', ')}`);
  const t = (label: string) => log(`▸ ${label}`);
  const p = paths(s);

  // The secrets first: a cluster whose passwords are lost cannot be used, whatever else is there.
  const hadCluster = existsSync(join(p.pgData, 'PG_VERSION'));
  const { secrets, created } = loadOrCreateSecrets(s);
  if (created && hadCluster) {
    rmSync(join(s.dir, '.env'));
    throw new Error(`${p.pgData} holds a PostgreSQL cluster initialised with the passwords of ${join(s.dir, '.env')}, which is gone: put that file back, or remove ${s.dir} to start afresh`);
  }
  if (created) log(`  secrets generated in ${join(s.dir, '.env')} (mode 600; the format of deploy/env.example)`);

  t('Temporal server binaries');
  const { binaries, buildSeconds } = ensureTemporalBinaries(log);
  log(`  ${binaries.server} (${binaries.version}${buildSeconds ? `, built in ${buildSeconds} s` : ', cached'})`);
  validateDynamicConfig(binaries, o.dynamicConfig ?? DYNAMIC_CONFIG, p.log('temporal-schema'));

  t(`PostgreSQL on ${s.postgres.host}:${s.postgres.port}`);
  const pgBin = ensurePostgresInstalled(log);
  if (!postgresReady(pgBin, s)) await assertPortsFree('PostgreSQL', [{ port: s.postgres.port, env: 'POSTGRES_PORT' }]);
  log(`  ${startPostgres(pgBin, s, secrets, log)} (${pgBin}, data ${p.pgData}, log ${p.log('postgres')})`);
  log(`  ${await ensureRoles(pgBin, s, secrets, log)}: roles temporal, jiceng; database jiceng`);

  t('Temporal schema: temporal, temporal_visibility (deploy/temporal/temporal-schema.sh)');
  const schemaOut = runSchemaJob(s, secrets, binaries);
  for (const line of schemaOut.split('\n').filter((l) => l.startsWith('[temporal-schema]'))) log(`  ${line}`);

  const names = serverProcessNames(s);
  t(`Temporal server ${binaries.version}, ${s.temporal.layout === 'single' ? 'one process' : `${names.length} processes (${TEMPORAL_SERVICES.join(', ')})`}, frontend ${temporalAddress(s)}`);
  const running = names.filter((n) => runningPid(p.pid(n)));
  let coldStart: number | undefined;
  if (running.length < names.length) {
    if (running.length === 0) await assertPortsFree('Temporal server', temporalPorts(s));
    const t0 = Date.now();
    const started = await startTemporalServer(s, secrets, binaries, { detached: o.detached, dynamicConfig: o.dynamicConfig });
    await waitTemporalServing(s);
    log(`  started ${started.join(', ')}; logs ${p.logs}/temporal*.log`);
    t(`namespace ${s.temporal.namespace} and ${searchAttributeFlags().length} search attributes (deploy/temporal/temporal-namespace.sh)`);
    const nsOut = runNamespaceJob(s);
    coldStart = Math.round((Date.now() - t0) / 100) / 10;
    log(`  ${nsOut.split('\n').filter((l) => /created|exists|done/.test(l)).length} lines of deploy/temporal/temporal-namespace.sh; ready ${coldStart} s after the server started`);
  } else {
    log(`  running (${names.map((n) => `${n} pid ${readPid(p.pid(n))}`).join(', ')})`);
    t(`namespace ${s.temporal.namespace} and search attributes (deploy/temporal/temporal-namespace.sh)`);
    runNamespaceJob(s);
  }
  await checkSearchAttributes(s);

  if (o.app) {
    ensureWebBuilt(log);
    t('app database jiceng: migrations (db/migrations)');
    const applied = await migrateAppDb(s, secrets);
    log(`  ${applied.length ? `applied ${applied.length}: ${applied[0]} … ${applied[applied.length - 1]}` : 'up to date'}`);
    t(`${s.app.workers} worker process(es) on task queue jiceng-flow`);
    const started = await startWorkers(s, secrets, { detached: o.detached });
    log(`  ${started.length ? `started ${started.join(', ')}` : 'running'}; ${(await taskQueuePollers(s)).length} poller(s) on the task queue; logs ${p.logs}/worker-*.log`);
    t(`API + web app on http://${s.app.apiHost === '0.0.0.0' ? '127.0.0.1' : s.app.apiHost}:${s.app.apiPort}`);
    if (!runningPid(p.pid('api'))) await assertPortsFree('API', [{ port: s.app.apiPort, env: 'PORT' }]);
    log(`  ${await startApi(s, secrets, { detached: o.detached })} (log ${p.log('api')})`);
  }
  return { settings: s, secrets, binaries, buildSeconds, temporalColdStartSeconds: coldStart };
}

/** Every search attribute of workflows/search-attributes.ts is registered with its type. */
async function checkSearchAttributes(s: TopologySettings): Promise<void> {
  const have = await registeredSearchAttributes(s);
  const missing = searchAttributeFlags().map((f) => f.split('=')[0]!).filter((n) => !(n in have));
  if (missing.length) throw new Error(`namespace ${s.temporal.namespace} lacks the search attributes ${missing.join(', ')} after deploy/temporal/temporal-namespace.sh`);
}

export async function down(s: TopologySettings, log: Log): Promise<void> {
  const app = await stopApp(s);
  for (const [n, r] of Object.entries(app)) log(`  ${n}: ${r}`);
  const temporal = await stopTemporalServer(s);
  for (const [n, r] of Object.entries(temporal)) log(`  ${n}: ${r}`);
  log(`  postgres: ${stopPostgres(postgresBinDir(), s)}`);
}

export interface ComponentStatus {
  component: string;
  ok: boolean;
  detail: string;
}

/** One line per component, each with a check a person can act on. */
export async function status(s: TopologySettings, opts: { app?: boolean } = {}): Promise<ComponentStatus[]> {
  const p = paths(s);
  const rows: ComponentStatus[] = [];
  const pgBin = postgresBinDir();
  const pgOk = !!pgBin && postgresReady(pgBin, s);
  rows.push({ component: 'postgres', ok: pgOk, detail: pgOk ? `accepting connections on ${s.postgres.host}:${s.postgres.port} (data ${p.pgData})` : `not answering on ${s.postgres.host}:${s.postgres.port}${pgBin ? '' : ' (PostgreSQL is not installed)'} — log ${p.log('postgres')}` });
  const all = ['temporal', ...TEMPORAL_SERVICES.map((x) => `temporal-${x}`)];
  const procs = all.filter((n) => readPid(p.pid(n)) !== undefined);
  for (const n of procs) {
    const pid = readPid(p.pid(n));
    rows.push({ component: n, ok: alive(pid), detail: alive(pid) ? `pid ${pid}` : `pid ${pid} is gone — log ${p.log(n)}` });
  }
  if (!procs.length) rows.push({ component: 'temporal', ok: false, detail: 'not started (npm run prod:up)' });
  const serving = await frontendServing(temporalAddress(s)).catch(() => false);
  let sa = '';
  if (serving) {
    const have = await registeredSearchAttributes(s).catch(() => ({}) as Record<string, number>);
    const want = searchAttributeFlags().map((f) => f.split('=')[0]!);
    const missing = want.filter((n) => !(n in have));
    sa = missing.length ? `; MISSING search attributes ${missing.join(', ')}` : `; namespace ${s.temporal.namespace} with all ${want.length} search attributes`;
  }
  rows.push({ component: 'temporal frontend', ok: serving && !sa.includes('MISSING'), detail: serving ? `SERVING on ${temporalAddress(s)}${sa}` : `not serving on ${temporalAddress(s)}` });
  if (opts.app === false) return rows;
  const pollers = serving ? await taskQueuePollers(s).catch(() => [] as string[]) : [];
  for (const n of workerNames(s)) {
    const pid = runningPid(p.pid(n));
    const polling = pid !== undefined && pollers.some((id) => id.startsWith(`${pid}@`));
    rows.push({ component: n, ok: polling, detail: pid ? `pid ${pid}, ${polling ? 'polling jiceng-flow' : 'NOT polling jiceng-flow yet'} — log ${p.log(n)}` : `not running — log ${p.log(n)}` });
  }
  const apiOk = await apiReady(s).catch(() => false);
  const apiPid = runningPid(p.pid('api'));
  rows.push({ component: 'api', ok: apiOk, detail: apiOk ? `ready: http://127.0.0.1:${s.app.apiPort} (pid ${apiPid})` : `${apiPid ? `pid ${apiPid}, /readyz not 200` : 'not running'} — log ${p.log('api')}` });
  return rows;
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

const taken = new Set<number>();
/**
 * A free TCP port on 127.0.0.1 below 32768: Temporal stores a service's membership port in a
 * PostgreSQL `smallint` (cluster_membership.rpc_port), so a port from the kernel's ephemeral range
 * (32768–60999) makes the server die at start with "value … is out of range for type smallint".
 */
export async function freePort(): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (taken.has(port)) continue;
    if (await canListen(port)) {
      taken.add(port);
      return port;
    }
  }
  throw new Error('no free TCP port between 20000 and 32000 on 127.0.0.1');
}

export interface PrivateTopology {
  settings: TopologySettings;
  address: string;
  /** The app database (role jiceng), as the compose `api` and `worker` get it. */
  databaseUrl: string;
  superuserUrl: string;
  /** Pid of the server process (layout single) or of the history service (split). */
  serverPid(): number;
  serverPids(): number[];
  /** Stops the Temporal server process(es) with `signal` and starts them again on the same ports and databases. */
  restartTemporal(signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
  coldStartSeconds?: number;
}

/**
 * PostgreSQL + Temporal server of the production topology, private to one benchmark run: free
 * ports, a throwaway directory, processes attached to this one.
 */
export async function startPrivateTopology(opts: { layout: TemporalLayout; dynamicConfigText?: string; log?: Log }): Promise<PrivateTopology> {
  const log = opts.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'jiceng-prod-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as `postgres` (when this runs as root) and must reach its data dir
  const dynamicConfig = opts.dynamicConfigText === undefined ? undefined : join(dir, 'dynamicconfig.yaml');
  if (dynamicConfig) writeFileSync(dynamicConfig, opts.dynamicConfigText!);

  const port = freePort;
  const s = settingsFromEnv({ layout: opts.layout, workers: 0 }, { JICENG_PROD_DIR: dir, TEMPORAL_LOG_LEVEL: process.env.TEMPORAL_LOG_LEVEL });
  s.postgres.port = await port();
  for (const svc of TEMPORAL_SERVICES) s.temporal.ports[svc] = { grpc: await port(), membership: await port(), metrics: await port(), ...(svc === 'frontend' ? { http: await port() } : {}) };
  let result: UpResult | undefined;
  const stopAll = async () => {
    await stopTemporalServer(s, 'SIGTERM').catch(() => undefined);
    try {
      stopPostgres(postgresBinDir(), s);
    } catch {
      /* already down */
    }
  };
  try {
    result = await up(s, { app: false, detached: false, dynamicConfig, log });
  } catch (err) {
    await stopAll();
    throw new Error(`${(err as Error).message}\n(state kept in ${dir})`);
  }
  const secrets = result.secrets;
  const pids = () => serverProcessNames(s).map((n) => readPid(paths(s).pid(n)) ?? -1);
  return {
    settings: s,
    address: temporalAddress(s),
    databaseUrl: appDatabaseUrl(s, secrets),
    superuserUrl: superuserUrl(s, secrets),
    serverPid: () => (s.temporal.layout === 'single' ? pids()[0]! : readPid(paths(s).pid('temporal-history')) ?? -1),
    serverPids: pids,
    coldStartSeconds: result.temporalColdStartSeconds,
    async restartTemporal(signal: NodeJS.Signals = 'SIGKILL') {
      await stopTemporalServer(s, signal);
      await startTemporalServer(s, secrets, result!.binaries, { detached: false, dynamicConfig });
      await waitTemporalServing(s);
    },
    async stop() {
      await stopAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { settingsFromEnv };
