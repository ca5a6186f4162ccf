/**
 * Makes a fresh checkout runnable: `npm ci` (the locked versions) when node_modules is missing or older than the
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
    // `npm ci` installs exactly the lockfile and never rewrites it (`npm install` would add whatever
    // the registry serves now and leave a newcomer's tree dirty).
    console.log('[ensure] npm ci …');
    run(npm, ['ci', '--no-audit', '--no-fund']);
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
