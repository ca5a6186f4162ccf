/**
 * The standalone production worker: `npm run worker` (tsx worker/main.ts). Needs DATABASE_URL
 * (PostgreSQL — an embedded PGlite can be opened by one process only, so with PGlite run the worker
 * inside the API process instead: JICENG_RUN_WORKER=1, the default without DATABASE_URL).
 * Env: TEMPORAL_ADDRESS (127.0.0.1:7233), TEMPORAL_NAMESPACE (default), JICENG_CODEC_KEY, JICENG_CHANNELS
 * (notification channels, a JSON file: activities/channels/config.ts) with JICENG_PUBLIC_URL.
 */
import pino from 'pino';
import { openPostgres } from '../db/adapter.js';
import { migrate } from '../db/migrate.js';
import { createDbDirectory, createDbNotifier } from '../db/notifier.js';
import { createDbBallotBox } from '../db/ballot-box.js';
import { createServerCallouts } from '../db/callouts.js';
import { createDbNoticeStore } from '../db/documents.js';
import { startWorker } from '../temporal/worker-runner.js';
import { createChannelSenders, loadChannelsConfig } from '../activities/channels/index.js';
import { startNotificationDispatcher, type Dispatcher } from '../db/notification-dispatcher.js';
import { codecKey } from '../temporal/codec.js';

async function main(): Promise<void> {
  const log = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const url = process.env.DATABASE_URL;
  if (!url) {
    log.error('DATABASE_URL is not set: the standalone worker needs PostgreSQL (with PGlite, start the API with JICENG_RUN_WORKER=1)');
    process.exit(2);
  }
  const db = await openPostgres(url);
  await migrate(db);
  // Notification channels (env JICENG_CHANNELS): this worker's notify activity fills the outbox and its dispatcher sends it.
  const channels = loadChannelsConfig();
  const senders = channels ? createChannelSenders(channels) : undefined;
  let dispatcher: Dispatcher | undefined;
  const outbox = senders ? { available: senders.available, robots: senders.robots, kick: () => dispatcher?.kick() } : undefined;
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  const worker = await startWorker({
    address,
    namespace,
    codecKey: codecKey(process.env.JICENG_DATA_DIR),
    directory: createDbDirectory(db),
    notifier: createDbNotifier(db, [], outbox),
    ballotBox: createDbBallotBox(db),
    callouts: createServerCallouts(db),
    noticeStore: createDbNoticeStore(db),
  });
  if (senders) {
    const publicUrl = channels?.publicUrl ?? process.env.JICENG_PUBLIC_URL;
    if (!publicUrl) {
      log.error('JICENG_CHANNELS is set but not the web app\'s address for links in messages: set publicUrl in the file or JICENG_PUBLIC_URL');
      process.exit(2);
    }
    dispatcher = startNotificationDispatcher({ db, senders, publicUrl, log });
    dispatcher.kick();
  }
  log.info({ address, namespace, channels: [...(senders?.available ?? [])] }, 'worker running');
  const stop = async () => {
    log.info('worker stopping');
    await worker.stop();
    await dispatcher?.stop();
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
