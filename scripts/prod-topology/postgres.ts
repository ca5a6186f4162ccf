/**
 * PostgreSQL from Debian's packages, as .ci/run starts it: `initdb` into <dir>/postgres and
 * `pg_ctl start`, run as the `postgres` system user when this runs as root (PostgreSQL refuses
 * root). Password authentication (scram) on 127.0.0.1 only. The roles and the app database are
 * created by deploy/postgres/10-roles.sh — the same script the compose stack's postgres runs on its
 * first start.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import pg from 'pg';
import { PROJECT_ROOT } from '../../temporal/temporal-binary.js';
import { runCommand, tail } from './processes.js';
import { paths, type Secrets, type TopologySettings } from './settings.js';

export function postgresBinDir(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(base, v, 'bin', 'initdb'))) return join(base, v, 'bin');
  return undefined;
}

const asRoot = () => process.getuid?.() === 0;

/** Finds Debian's PostgreSQL server; installs it with apt-get when running as root. */
export function ensurePostgresInstalled(log: (line: string) => void): string {
  let bin = postgresBinDir();
  if (bin) return bin;
  if (!asRoot()) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql: sudo apt-get install postgresql (then run this again)');
  log('  PostgreSQL is not installed: apt-get install postgresql …');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  runCommand('apt-get', ['update', '-qq'], { env, what: 'apt-get update' });
  runCommand('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'], { env, what: 'apt-get install postgresql' });
  bin = postgresBinDir();
  if (!bin) throw new Error('apt-get install postgresql finished, but no initdb under /usr/lib/postgresql');
  return bin;
}

function postgresUser(): { uid: number; gid: number } | undefined {
  if (!asRoot()) return undefined;
  try {
    return { uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()) };
  } catch {
    throw new Error('running as root, but there is no `postgres` system user to run PostgreSQL as (it comes with Debian\'s postgresql package)');
  }
}

/** Runs a PostgreSQL program as the user PostgreSQL runs as. */
function pgRun(bin: string, program: string, args: string[], what: string, logFile?: string): string {
  const [cmd, argv] = asRoot() ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args];
  return runCommand(cmd, argv, { what, logFile });
}

function ownedByPostgres(path: string): void {
  const u = postgresUser();
  if (u) chownSync(path, u.uid, u.gid);
}

/**
 * Run as root, PostgreSQL runs as `postgres`, which must be able to reach its data directory: a
 * checkout under /root (mode 700) is not reachable. Says which directory stops it.
 */
function assertReachableByPostgres(dir: string): void {
  if (!asRoot()) return;
  if (spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', dir]).status === 0) return;
  let blocking = dir;
  for (let d = dirname(dir); d !== dirname(d); d = dirname(d)) {
    if (spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', d]).status !== 0) blocking = d;
  }
  throw new Error(`PostgreSQL runs as the \`postgres\` system user, which cannot reach ${dir}: ${blocking} is closed to other users (mode ${(statSync(blocking).mode & 0o777).toString(8)}). Set JICENG_PROD_DIR to a directory it can reach (e.g. /var/lib/jiceng), or chmod o+x ${blocking}.`);
}

export function postgresReady(bin: string, s: TopologySettings): boolean {
  return spawnSync(join(bin, 'pg_isready'), ['-q', '-h', s.postgres.host, '-p', String(s.postgres.port)]).status === 0;
}

/** initdb on the first run (with the superuser password of <dir>/.env), then pg_ctl start. */
export function startPostgres(bin: string, s: TopologySettings, secrets: Secrets, log: (line: string) => void): 'started' | 'running' {
  const p = paths(s);
  const socketDir = join(p.run, 'postgres');
  for (const d of [p.run, p.logs]) mkdirSync(d, { recursive: true });
  assertReachableByPostgres(p.run);
  mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  ownedByPostgres(socketDir);
  if (!existsSync(join(p.pgData, 'PG_VERSION'))) {
    if (existsSync(p.pgData) && readdirSync(p.pgData).length > 0) throw new Error(`${p.pgData} exists but holds no PostgreSQL cluster: remove it to initialise a new one`);
    mkdirSync(p.pgData, { recursive: true, mode: 0o700 });
    ownedByPostgres(p.pgData);
    const pwfile = join(tmpdir(), `jiceng-pw-${process.pid}`);
    writeFileSync(pwfile, `${secrets.POSTGRES_PASSWORD}\n`, { mode: 0o600 });
    ownedByPostgres(pwfile);
    try {
      log(`  initdb ${p.pgData}`);
      pgRun(bin, 'initdb', ['-D', p.pgData, '-U', 'postgres', `--pwfile=${pwfile}`, '--auth-local=scram-sha-256', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8'], 'initdb', p.log('postgres-init'));
    } finally {
      rmSync(pwfile, { force: true });
    }
  }
  if (postgresReady(bin, s)) return 'running';
  const logFile = p.log('postgres');
  if (!existsSync(logFile)) writeFileSync(logFile, '');
  ownedByPostgres(logFile);
  const opts = [
    `-c port=${s.postgres.port}`,
    `-c listen_addresses=${s.postgres.host}`,
    `-c unix_socket_directories=${socketDir}`,
    // Temporal's pools (per service: persistence + visibility) and the app's pools add up: the
    // default 100 is too few as soon as Temporal runs as four processes (ARCHITECTURE.md).
    `-c max_connections=${s.postgres.maxConnections}`,
    '-c shared_buffers=256MB',
    '-c timezone=UTC',
  ].join(' ');
  try {
    pgRun(bin, 'pg_ctl', ['-D', p.pgData, '-o', opts, '-l', logFile, '-w', '-t', '90', 'start'], 'pg_ctl start');
  } catch (err) {
    throw new Error(`${(err as Error).message}\n── last lines of ${logFile}:\n${tail(logFile)}`);
  }
  return 'started';
}

export function stopPostgres(bin: string | undefined, s: TopologySettings): 'stopped' | 'not running' {
  const p = paths(s);
  if (!bin || !existsSync(join(p.pgData, 'postmaster.pid'))) return 'not running';
  pgRun(bin, 'pg_ctl', ['-D', p.pgData, '-m', 'fast', '-w', 'stop'], 'pg_ctl stop');
  return 'stopped';
}

export function superuserUrl(s: TopologySettings, secrets: Secrets, db = 'postgres'): string {
  return `postgres://postgres:${encodeURIComponent(secrets.POSTGRES_PASSWORD)}@${s.postgres.host}:${s.postgres.port}/${db}`;
}

/**
 * The `temporal` and `jiceng` roles and the `jiceng` database, by deploy/postgres/10-roles.sh
 * (run once; a later run finds them and leaves them alone).
 */
export async function ensureRoles(bin: string, s: TopologySettings, secrets: Secrets, log: (line: string) => void): Promise<'created' | 'present'> {
  const c = new pg.Client({ connectionString: superuserUrl(s, secrets) });
  await c.connect();
  let roles: number;
  let db: boolean;
  try {
    roles = Number((await c.query<{ n: string }>("SELECT count(*) AS n FROM pg_roles WHERE rolname IN ('temporal', 'jiceng')")).rows[0]!.n);
    db = (await c.query("SELECT 1 FROM pg_database WHERE datname = 'jiceng'")).rowCount === 1;
  } finally {
    await c.end();
  }
  if (roles === 2 && db) return 'present';
  if (roles !== 0 || db) throw new Error(`PostgreSQL at ${s.postgres.host}:${s.postgres.port} has only part of the roles/database of deploy/postgres/10-roles.sh (roles temporal+jiceng: ${roles}/2, database jiceng: ${db ? 'yes' : 'no'}): finish or undo it by hand`);
  log('  roles temporal, jiceng and database jiceng (deploy/postgres/10-roles.sh)');
  runCommand('sh', [join(PROJECT_ROOT, 'deploy', 'postgres', '10-roles.sh')], {
    what: 'deploy/postgres/10-roles.sh',
    logFile: paths(s).log('postgres-roles'),
    env: {
      ...process.env,
      PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
      PGHOST: s.postgres.host,
      PGPORT: String(s.postgres.port),
      PGPASSWORD: secrets.POSTGRES_PASSWORD,
      POSTGRES_USER: 'postgres',
      TEMPORAL_DB_PASSWORD: secrets.TEMPORAL_DB_PASSWORD,
      JICENG_DB_PASSWORD: secrets.JICENG_DB_PASSWORD,
    },
  });
  return 'created';
}
