#!/usr/bin/env node
// `npm run up`: install what is missing, build the web app, then start everything (server/dev.ts).
import { join } from 'node:path';
import { ensureInstalled, ensureWebBuilt, root, run } from './ensure.mjs';

ensureInstalled();
ensureWebBuilt();
run(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'server', 'dev.ts')]);
