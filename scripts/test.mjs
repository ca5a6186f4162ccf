#!/usr/bin/env node
// `npm test`: install what is missing, type-check, build the web app (the e2e tests serve it),
// then the vitest projects one after another — unit (pure), workflow (real Temporal), api (real
// DB + Temporal), security (issue 14's findings, real servers), e2e (Chromium) — so the servers of one project don't compete with the next on a
// 2-core machine. With JICENG_TEST_PG_URL (set by .ci/run) the api project runs a second time
// against that real PostgreSQL. Extra arguments go to a single vitest run instead.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureInstalled, ensureWebBuilt, root, run } from './ensure.mjs';

const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const args = process.argv.slice(2);

ensureInstalled();
run(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json']);
run(process.execPath, [tsc, '--noEmit', '-p', join('designer', 'tsconfig.json')]);
ensureWebBuilt({ force: true });

if (args.length > 0) {
  run(process.execPath, [vitest, 'run', ...args]);
  process.exit(0);
}

const out = mkdtempSync(join(tmpdir(), 'jiceng-test-'));
const runs = [
  { name: 'unit', env: {} },
  { name: 'workflow', env: {} },
  { name: 'api', env: {} },
  { name: 'security', env: {} },
  { name: 'e2e', env: {} },
];
if (process.env.JICENG_TEST_PG_URL) runs.push({ name: 'api', label: 'api (PostgreSQL)', env: { DATABASE_URL: process.env.JICENG_TEST_PG_URL } });

let passed = 0;
let failed = 0;
const failedRuns = [];
for (const [i, r] of runs.entries()) {
  const label = r.label ?? r.name;
  console.log(`\n[test] ── ${label} ──`);
  const json = join(out, `${i}-${r.name}.json`);
  const res = spawnSync(
    process.execPath,
    [vitest, 'run', '--project', r.name, '--reporter=default', '--reporter=json', `--outputFile.json=${json}`],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...r.env } },
  );
  try {
    const report = JSON.parse(readFileSync(json, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  } catch {
    failed += 1; // the run died before writing its report
  }
  if (res.status !== 0) failedRuns.push(label);
}
console.log(`\n[test] ${failedRuns.length ? `failed: ${failedRuns.join(', ')}` : 'all projects green'}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedRuns.length ? 1 : 0);
