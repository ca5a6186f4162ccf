/**
 * The worker process of the soak and the benchmarks: worker/main.ts (the production worker,
 * DB-backed directory and notifier, the same startWorker), plus — with BENCH_RECORD_SENDS=1 — an
 * outside notification channel that logs every send to the table `bench_sent` WITHOUT a unique
 * key, so the soak can prove no notification left the system twice however often this process
 * is SIGKILLed. Prints `ready` once polling. BENCH_WORKFLOW_BUNDLE: a prebuilt workflow bundle.
 */
import { readFileSync } from 'node:fs';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { openPostgres } from '../db/adapter.js';
import { migrate } from '../db/migrate.js';
import { createDbDirectory, createDbNotifier, type NotificationChannel } from '../db/notifier.js';
import { createDbBallotBox } from '../db/ballot-box.js';
import { startWorker } from '../temporal/worker-runner.js';
import { codecKey } from '../temporal/codec.js';
import { createProjectionStore } from '../db/projection/store.js';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const db = await openPostgres(url);
  await migrate(db);
  const channels: NotificationChannel[] = [];
  if (process.env.BENCH_RECORD_SENDS === '1') {
    await db.query('CREATE TABLE IF NOT EXISTS bench_sent (id bigserial PRIMARY KEY, key text NOT NULL, user_id text NOT NULL, pid int NOT NULL, at timestamptz NOT NULL DEFAULT now())');
    channels.push({
      name: 'bench-recorder',
      async send(userId, req) {
        await db.query('INSERT INTO bench_sent(key, user_id, pid) VALUES ($1, $2, $3)', [req.key, userId, process.pid]);
      },
    });
  }
  const worker = await startWorker({
    address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    codecKey: codecKey(),
    directory: createDbDirectory(db),
    notifier: createDbNotifier(db, channels),
    ballotBox: createDbBallotBox(db),
    projection: createProjectionStore(db),
    // Bundled once by the bench stack, as a production deployment bundles at build time: a worker
    // restarted after SIGKILL polls again in seconds instead of re-bundling the interpreter.
    ...(process.env.BENCH_WORKFLOW_BUNDLE ? { workflowBundle: { code: readFileSync(process.env.BENCH_WORKFLOW_BUNDLE, 'utf8') } as WorkflowBundleWithSourceMap } : {}),
  });
  console.log('ready');
  const stop = async () => {
    await worker.stop();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error('[bench worker] failed:', err);
  process.exit(1);
});
