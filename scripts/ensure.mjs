/**
 * Makes a fresh checkout runnable: `npm install` (locked versions) when node_modules is missing or older than the
 * lockfile, the Temporal binaries (scripts/setup.mjs), and the built web app when missing.
 * Used by `npm run up` and `npm test` so each is one command on a new machine.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export function run(cmd, args, opts = {}) {
  execFileSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
}

function mtime(p) {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}

export function ensureInstalled() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(marker) || mtime(marker) < mtime(join(root, 'package-lock.json'))) {
    // `npm install` follows the lockfile exactly; `npm ci` rejects a lockfile made where the
    // registry mirror lacks foreign-platform optional packages (see .ci/run).
    console.log('[ensure] npm install …');
    run(npm, ['install', '--no-audit', '--no-fund']);
  }
  run(process.execPath, [join(root, 'scripts', 'setup.mjs')]);
}

export function ensureWebBuilt({ force = false } = {}) {
  const dist = join(root, 'designer', 'dist', 'index.html');
  if (!existsSync(join(root, 'designer', 'vite.config.ts'))) return;
  if (force || !existsSync(dist)) {
    console.log('[ensure] building the web app …');
    run(npm, ['run', 'build:web']);
  }
}
