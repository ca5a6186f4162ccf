/**
 * Where the native production topology keeps its state and which ports it uses. Every setting has
 * an environment variable (the same names as docker-compose.yml / deploy/env.example where one
 * exists) and a default that suits one machine.
 *
 * The secrets live in <dir>/.env in the format of deploy/env.example (POSTGRES_PASSWORD,
 * TEMPORAL_DB_PASSWORD, JICENG_DB_PASSWORD, JICENG_CODEC_KEY), generated on the first `up` with
 * mode 0600 and read on every later one: the databases are initialised with them once.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../temporal/temporal-binary.js';

export type TemporalLayout = 'single' | 'split';
export const TEMPORAL_SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;
export type TemporalService = (typeof TEMPORAL_SERVICES)[number];

export interface TemporalPorts {
  grpc: number;
  membership: number;
  /** Frontend only: Temporal's HTTP API. */
  http?: number;
  /** Prometheus metrics of the process running this service. */
  metrics: number;
}

export interface TopologySettings {
  /** State, logs and pid files: data/prod (JICENG_PROD_DIR). */
  dir: string;
  postgres: { host: string; port: number; maxConnections: number };
  temporal: {
    layout: TemporalLayout;
    namespace: string;
    retention: string;
    historyShards: number;
    ports: Record<TemporalService, TemporalPorts>;
  };
  app: { workers: number; apiPort: number; apiHost: string; seedDemo: boolean; uiUrl: string };
}

const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Number(v) : d);

/** The template's own port variables (config/docker.yaml), defaults as there. */
export function defaultTemporalPorts(env = process.env): Record<TemporalService, TemporalPorts> {
  const base = num(env.PROMETHEUS_PORT, 9090);
  return {
    frontend: { grpc: num(env.TEMPORAL_PORT ?? env.FRONTEND_GRPC_PORT, 7233), membership: num(env.FRONTEND_MEMBERSHIP_PORT, 6933), http: num(env.FRONTEND_HTTP_PORT, 7243), metrics: base },
    history: { grpc: num(env.HISTORY_GRPC_PORT, 7234), membership: num(env.HISTORY_MEMBERSHIP_PORT, 6934), metrics: base + 1 },
    matching: { grpc: num(env.MATCHING_GRPC_PORT, 7235), membership: num(env.MATCHING_MEMBERSHIP_PORT, 6935), metrics: base + 2 },
    worker: { grpc: num(env.WORKER_GRPC_PORT, 7239), membership: num(env.WORKER_MEMBERSHIP_PORT, 6939), metrics: base + 3 },
  };
}

export function settingsFromEnv(over: { layout?: TemporalLayout; workers?: number; seedDemo?: boolean } = {}, env = process.env): TopologySettings {
  return {
    dir: resolve(env.JICENG_PROD_DIR ?? join(PROJECT_ROOT, 'data', 'prod')),
    // 5433: beside a system PostgreSQL that Debian's package may have started on 5432.
    postgres: { host: '127.0.0.1', port: num(env.POSTGRES_PORT, 5433), maxConnections: num(env.POSTGRES_MAX_CONNECTIONS, 300) },
    temporal: {
      layout: over.layout ?? (env.TEMPORAL_LAYOUT === 'split' ? 'split' : 'single'),
      namespace: env.TEMPORAL_NAMESPACE ?? 'default',
      retention: env.TEMPORAL_NAMESPACE_RETENTION ?? '3650d',
      historyShards: num(env.TEMPORAL_HISTORY_SHARDS, 64),
      ports: defaultTemporalPorts(env),
    },
    app: {
      workers: over.workers ?? num(env.JICENG_WORKERS, 1),
      apiPort: num(env.PORT ?? env.JICENG_PORT, 3000),
      apiHost: env.JICENG_BIND ?? '127.0.0.1',
      seedDemo: over.seedDemo ?? (env.JICENG_SEED_DEMO === '1' || env.JICENG_SEED_DEMO === 'true'),
      uiUrl: env.TEMPORAL_UI_PUBLIC_URL ?? 'http://localhost:8080',
    },
  };
}

export interface Secrets {
  POSTGRES_PASSWORD: string;
  TEMPORAL_DB_PASSWORD: string;
  JICENG_DB_PASSWORD: string;
  JICENG_CODEC_KEY: string;
}

export const secretsFile = (s: TopologySettings) => join(s.dir, '.env');

function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!.trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/** Reads <dir>/.env; creates it from deploy/env.example with fresh secrets when missing. */
export function loadOrCreateSecrets(s: TopologySettings): { secrets: Secrets; created: boolean } {
  const file = secretsFile(s);
  let created = false;
  if (!existsSync(file)) {
    mkdirSync(s.dir, { recursive: true });
    // Passwords without characters that need quoting in a URL, a YAML file or a shell.
    const pw = () => randomBytes(18).toString('base64url');
    const example = readFileSync(join(PROJECT_ROOT, 'deploy', 'env.example'), 'utf8');
    const filled = example
      .replace(/^POSTGRES_PASSWORD=.*$/m, `POSTGRES_PASSWORD=${pw()}`)
      .replace(/^TEMPORAL_DB_PASSWORD=.*$/m, `TEMPORAL_DB_PASSWORD=${pw()}`)
      .replace(/^JICENG_DB_PASSWORD=.*$/m, `JICENG_DB_PASSWORD=${pw()}`)
      .replace(/^JICENG_CODEC_KEY=.*$/m, `JICENG_CODEC_KEY=${randomBytes(32).toString('base64')}`);
    writeFileSync(file, `# Generated by npm run prod:up for the native topology in ${s.dir}. Keep it; never commit it.\n${filled}`, { mode: 0o600 });
    created = true;
  }
  const env = parseEnvFile(readFileSync(file, 'utf8'));
  const missing = (['POSTGRES_PASSWORD', 'TEMPORAL_DB_PASSWORD', 'JICENG_DB_PASSWORD', 'JICENG_CODEC_KEY'] as const).filter((k) => !env[k]);
  if (missing.length) throw new Error(`${file} does not set ${missing.join(', ')}: fill them in, or delete the file (and ${join(s.dir, 'postgres')}) to start afresh`);
  return { secrets: env as unknown as Secrets, created };
}

export function appDatabaseUrl(s: TopologySettings, secrets: Secrets): string {
  return `postgres://jiceng:${encodeURIComponent(secrets.JICENG_DB_PASSWORD)}@${s.postgres.host}:${s.postgres.port}/jiceng`;
}

export function temporalAddress(s: TopologySettings): string {
  return `127.0.0.1:${s.temporal.ports.frontend.grpc}`;
}

export const paths = (s: TopologySettings) => ({
  pgData: join(s.dir, 'postgres'),
  run: join(s.dir, 'run'),
  logs: join(s.dir, 'logs'),
  log: (name: string) => join(s.dir, 'logs', `${name}.log`),
  pid: (name: string) => join(s.dir, 'run', `${name}.pid`),
});
