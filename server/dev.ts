/**
 * `npm run dev`: the whole system on its embedded defaults, one command.
 *   1. Temporal dev server (official CLI) with a file DB under data/, Web UI on, search attributes registered;
 *   2. the API + web app (server/main.ts) with PGlite under data/ and the worker in the same
 *      process (PGlite can be opened by one process only), seeded with demo data on first start.
 * Ctrl-C stops everything; data/ keeps the state for the next start.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { SA } from '../workflows/search-attributes.js';
import { findTemporalCli, PROJECT_ROOT } from '../temporal/temporal-binary.js';

const dataDir = process.env.JICENG_DATA_DIR ?? join(PROJECT_ROOT, 'data');
const temporalPort = Number(process.env.TEMPORAL_PORT ?? 7233);
const uiPort = Number(process.env.TEMPORAL_UI_PORT ?? 8233);
const port = Number(process.env.PORT ?? 3000);

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const cli = findTemporalCli();
  console.log(`[jiceng] Temporal CLI: ${cli.source}${cli.executable.type === 'existing-path' ? ` (${cli.executable.path})` : ''}`);
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: cli.executable,
      dbFilename: join(dataDir, 'temporal.db'),
      ip: '127.0.0.1',
      port: temporalPort,
      ui: true,
      uiPort,
      searchAttributes: Object.values(SA),
      log: { format: 'pretty', level: 'warn' },
    },
  });
  const temporalAddress = `127.0.0.1:${temporalPort}`;
  console.log(`[jiceng] Temporal dev server: ${temporalAddress}  Web UI: http://localhost:${uiPort}`);

  const { startServer } = await import('./main.js');
  const server = await startServer({
    port,
    temporalAddress,
    dataDir,
    runWorker: true,
    seedDemo: process.env.JICENG_SEED_DEMO !== '0',
    webDist: join(PROJECT_ROOT, 'designer', 'dist'),
  });
  console.log(`[jiceng] 基层流程 ready: ${server.url}  (API docs: ${server.url}/api/docs)`);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log('\n[jiceng] stopping …');
    await server.close().catch((e: unknown) => console.error(e));
    await env.teardown().catch((e: unknown) => console.error(e));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error('[jiceng] failed to start:', err);
  process.exit(1);
});
