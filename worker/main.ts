/**
 * The standalone production worker: `npm run worker` (tsx worker/main.ts). Needs DATABASE_URL
 * (PostgreSQL — an embedded PGlite can be opened by one process only, so with PGlite run the worker
 * inside the API process instead: JICENG_RUN_WORKER=1, the default without DATABASE_URL).
 * Env: TEMPORAL_ADDRESS (127.0.0.1:7233), TEMPORAL_NAMESPACE (default), JICENG_CODEC_KEY.
 */
import pino from 'pino';
import { openPostgres } from '../db/adapter.js';
import { migrate } from '../db/migrate.js';
import { createDbDirectory, createDbNotifier } from '../db/notifier.js';
import { createDbBallotBox } from '../db/ballot-box.js';
import { createServerCallouts } from '../db/callouts.js';
import { startWorker } from '../temporal/worker-runner.js';
import { codecKey } from '../temporal/codec.js';
import { createProjectionStore } from '../db/projection/store.js';

async function main(): Promise<void> {
  const log = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const url = process.env.DATABASE_URL;
  if (!url) {
    log.error('DATABASE_URL is not set: the standalone worker needs PostgreSQL (with PGlite, start the API with JICENG_RUN_WORKER=1)');
    process.exit(2);
  }
  const db = await openPostgres(url);
  await migrate(db);
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  const worker = await startWorker({
    address,
    namespace,
    codecKey: codecKey(process.env.JICENG_DATA_DIR),
    directory: createDbDirectory(db),
    notifier: createDbNotifier(db),
    ballotBox: createDbBallotBox(db),
    callouts: createServerCallouts(db),
    projection: createProjectionStore(db),
  });
  log.info({ address, namespace }, 'worker running');
  const stop = async () => {
    log.info('worker stopping');
    await worker.stop();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error('[jiceng] worker failed:', err);
  process.exit(1);
});
