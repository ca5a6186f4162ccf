/**
 * The native production topology (npm run prod:up) without starting it: what it would give the
 * Temporal server, where it keeps its secrets, and the mistakes it refuses before starting anything.
 * (Bringing it up needs the Temporal server built from Go — minutes — so that is the opt-in
 * `npm run prod:check`, not part of npm test.)
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecrets, settingsFromEnv } from '../../scripts/prod-topology/settings.js';
import { temporalDbEnv } from '../../scripts/prod-topology/temporal.js';
import { freePort, up } from '../../scripts/prod-topology/topology.js';

const root = new URL('../../', import.meta.url);
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'jc-prod-topology-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('native production topology', () => {
  it('gives the Temporal server exactly the database variables the compose stack gives its container', () => {
    const compose = readFileSync(new URL('docker-compose.yml', root), 'utf8');
    const block = compose.split('x-temporal-db-env: &temporal-db-env\n')[1]!.split('\n\n')[0]!;
    const composeKeys = block
      .split('\n')
      .filter((l) => /^ {2}[A-Z_]+:/.test(l))
      .map((l) => l.trim().split(':')[0])
      .sort();
    const s = settingsFromEnv({}, { JICENG_PROD_DIR: tmp(), POSTGRES_PORT: '25999' });
    const env = temporalDbEnv(s, { POSTGRES_PASSWORD: 'a', TEMPORAL_DB_PASSWORD: 'b', JICENG_DB_PASSWORD: 'c', JICENG_CODEC_KEY: 'd' });
    expect(Object.keys(env).sort()).toEqual(composeKeys);
    // Visibility on the same non-default port as persistence (the 1.32 template ignores DB_PORT there).
    expect(env.VISIBILITY_DB_PORT).toBe('25999');
    expect(env.DB_PORT).toBe('25999');
  });

  it('generates its secrets once, in the format of deploy/env.example, readable by its owner only', () => {
    const s = settingsFromEnv({}, { JICENG_PROD_DIR: tmp() });
    const first = loadOrCreateSecrets(s);
    expect(first.created).toBe(true);
    const file = join(s.dir, '.env');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(first.secrets.JICENG_CODEC_KEY, 'base64')).toHaveLength(32);
    for (const k of ['POSTGRES_PASSWORD', 'TEMPORAL_DB_PASSWORD', 'JICENG_DB_PASSWORD'] as const) expect(first.secrets[k]).toMatch(/^[A-Za-z0-9_-]{24}$/);
    // Every setting of deploy/env.example is there, so the file also serves docker compose.
    const keys = (t: string) => t.split('\n').filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split('=')[0]);
    expect(keys(readFileSync(file, 'utf8'))).toEqual(keys(readFileSync(new URL('deploy/env.example', root), 'utf8')));
    const again = loadOrCreateSecrets(s);
    expect(again.created).toBe(false);
    expect(again.secrets).toEqual(first.secrets);
  });

  it('refuses Temporal ports above 32767 before starting anything, naming the setting', async () => {
    const s = settingsFromEnv({}, { JICENG_PROD_DIR: tmp(), HISTORY_MEMBERSHIP_PORT: '40123' });
    await expect(up(s, { app: false, detached: false, log: () => undefined })).rejects.toThrow(/below 32768.*HISTORY_MEMBERSHIP_PORT=40123/s);
  });

  it('refuses to start a PostgreSQL cluster whose passwords file is gone, and says what to do', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'postgres'), { recursive: true });
    writeFileSync(join(dir, 'postgres', 'PG_VERSION'), '15\n');
    const s = settingsFromEnv({}, { JICENG_PROD_DIR: dir });
    await expect(up(s, { app: false, detached: false, log: () => undefined })).rejects.toThrow(/initialised with the passwords of .*\.env, which is gone: put that file back/);
    // No new passwords left behind that would not open the cluster either.
    expect(existsSync(join(dir, '.env'))).toBe(false);
  });

  it('picks free ports below 32768 for private instances (the benchmarks)', async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    for (const p of ports) expect(p).toBeLessThan(32768);
    expect(new Set(ports).size).toBe(20);
  });
});
