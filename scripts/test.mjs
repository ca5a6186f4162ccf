#!/usr/bin/env node
// `npm test`: install what is missing, type-check, build the web app (the e2e tests serve it),
// then every vitest project: unit, workflow (real Temporal), api (real DB + Temporal), e2e (Chromium).
// With JICENG_TEST_PG_URL (set by .ci/run) the api project runs a second time against that real
// PostgreSQL (each test file creates and drops its own database there).
import { join } from 'node:path';
import { ensureInstalled, ensureWebBuilt, root, run } from './ensure.mjs';

const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const args = process.argv.slice(2);

ensureInstalled();
run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json']);
run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', join('designer', 'tsconfig.json')]);
ensureWebBuilt({ force: true });
run(process.execPath, [vitest, 'run', ...args]);

const pg = process.env.JICENG_TEST_PG_URL;
if (pg && args.length === 0) {
  console.log(`\n[test] API suite again against PostgreSQL (${pg.replace(/\/\/[^@]*@/, '//')})`);
  run(process.execPath, [vitest, 'run', '--project', 'api'], { env: { ...process.env, DATABASE_URL: pg } });
}
