#!/usr/bin/env node
// `npm test`: install what is missing, type-check, build the web app (the e2e tests serve it),
// then every vitest project: unit, workflow (real Temporal), api (real DB + Temporal), e2e (Chromium).
import { join } from 'node:path';
import { ensureInstalled, ensureWebBuilt, root, run } from './ensure.mjs';

ensureInstalled();
run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json']);
ensureWebBuilt({ force: true });
run(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)]);
