/**
 * The API server (and, with runWorker, the Temporal worker in the same process — PGlite can be
 * opened by one process only). Run directly: `tsx server/main.ts` with env PORT (3000),
 * TEMPORAL_ADDRESS, DATABASE_URL, JICENG_RUN_WORKER, JICENG_SEED_DEMO, JICENG_DEMO_PASSWORD.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { PROJECT_ROOT } from '../temporal/temporal-binary.js';
import { codecKey as defaultCodecKey } from '../temporal/codec.js';
import { openDb } from '../db/adapter.js';
import { migrate } from '../db/migrate.js';
import { OrgTree } from './org/org-tree.js';
import { connectTemporal } from '../temporal/client.js';
import { createDbBallotBox } from '../db/ballot-box.js';
import { startWorker, type RunningWorker } from '../temporal/worker-runner.js';
import { buildApp, type RouteEntry } from './app.js';
import type { AppContext } from './context.js';
import { createDbDirectory, createDbNotifier } from '../db/notifier.js';
import { createServerCallouts } from '../db/callouts.js';
import { createDbNoticeStore } from '../db/documents.js';
import { startNotificationDispatcher, type Dispatcher } from '../db/notification-dispatcher.js';
import { ChannelsConfigSchema, createChannelSenders, loadChannelsConfig, type ChannelsConfigInput } from '../activities/channels/index.js';
import { createPdfRenderer } from './documents/pdf.js';
import { ensureCadenceSchedules } from './cadences/cadences.js';
import { loadBuiltins, demoDirectory } from './seed/builtins.js';
import { seedDirectory, type DirectorySeed } from './seed/directory.js';
import { runDemoCases } from './seed/demo-cases.js';
import { createProjectionStore } from '../db/projection/store.js';
import { Reconciler } from './projection/reconcile.js';

export interface ServerOptions {
  port?: number;
  host?: string;
  temporalAddress: string;
  namespace?: string;
  databaseUrl?: string;
  /** data/ root: PGlite lives in <dataDir>/pglite, the dev codec key in <dataDir>/codec.key. */
  dataDir?: string;
  runWorker?: boolean;
  /**
   * With runWorker: workflow tasks in a supervised child process, activities here (default true;
   * env JICENG_WORKFLOW_PROCESS=0 keeps everything in this process). See temporal/worker-runner.ts.
   */
  isolateWorkflows?: boolean;
  seedDemo?: boolean;
  webDist?: string;
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Where the server's and Fastify's log lines go (default stdout): tests read them. */
  logStream?: NodeJS.WritableStream;
  /** Base64 AES key of the payload codec (default: env JICENG_CODEC_KEY or data/codec.key). */
  codecKey?: string;
  /** A directory to load instead of (or besides) the demo one: tests use their own fixture. */
  seedDirectory?: DirectorySeed;
  /** Pre-built workflow bundle (tests reuse one per process). */
  workflowBundle?: WorkflowBundleWithSourceMap;
  temporalUiUrl?: string;
  /** State-query deadline in ms (default: env JICENG_QUERY_TIMEOUT_MS or 10 000). */
  queryTimeoutMs?: number;
  /** How often the read model's reconciler runs (ms; default env JICENG_RECONCILE_MS or 5 min; 0 = only on demand). */
  reconcileEveryMs?: number;
  /** Create the statutory cadence schedules (default: env JICENG_CADENCES, on unless '0'). */
  cadences?: boolean;
  /** Mark cookies `Secure` (HTTPS deployments; default: env JICENG_COOKIE_SECURE). */
  cookieSecure?: boolean;
  /** Trust X-Forwarded-For from a reverse proxy (default: env JICENG_TRUST_PROXY): true, or the proxies' addresses/CIDRs. */
  trustProxy?: boolean | string;
  /** Notification channels (default: the file named by env JICENG_CHANNELS; none without it). */
  channels?: ChannelsConfigInput;
  /** The web app's address in links of channel messages (default: channels.publicUrl, env JICENG_PUBLIC_URL, else this server's URL). */
  publicUrl?: string;
  /** How often the notification dispatcher looks for due messages (default 5 s; new ones are sent at once). */
  dispatchPollMs?: number;
}

const truthy = (v: string | undefined) => v === '1' || v === 'true';

/** JICENG_TRUST_PROXY: `true`/`1` (every hop), or a comma list of the proxies' addresses/CIDRs. */
export function trustProxyFromEnv(v: string | undefined): boolean | string {
  if (!v || v === '0' || v === 'false') return false;
  if (v === 'true' || v === '1') return true;
  return v;
}

export interface RunningServer {
  url: string;
  /** Every route of the app (method + pattern): the authorization test walks them. */
  routes: RouteEntry[];
  /** The live context (tests reach the database, the reconciler … through it). */
  ctx: AppContext;
  /** The in-process worker, with runWorker (tests reach the workflow host process through it). */
  worker?: RunningWorker;
  /** Sends the notification outbox, with runWorker and channels configured. */
  dispatcher?: Dispatcher;
  close(): Promise<void>;
}

export const DEFAULT_DEMO_PASSWORD = 'jiceng2026';

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const log = opts.logStream ? pino({ level: opts.logLevel ?? 'info' }, opts.logStream) : pino({ level: opts.logLevel ?? 'info' });
  const dataDir = opts.dataDir ?? join(PROJECT_ROOT, 'data');
  const key = opts.codecKey ?? defaultCodecKey(dataDir);
  const db = await openDb({ databaseUrl: opts.databaseUrl, dataDir: join(dataDir, 'pglite') });
  let worker: RunningWorker | undefined;
  let temporal: Awaited<ReturnType<typeof connectTemporal>> | undefined;
  let dispatcher: Dispatcher | undefined;
  const pdf = createPdfRenderer({ log });
  try {
    const channels = opts.channels ? ChannelsConfigSchema.parse(opts.channels) : loadChannelsConfig();
    const senders = channels ? createChannelSenders(channels) : undefined;
    const outbox = senders ? { available: senders.available, robots: senders.robots, kick: () => dispatcher?.kick() } : undefined;
    const applied = await migrate(db);
    if (applied.length) log.info({ applied }, 'database migrations applied');

    const password = process.env.JICENG_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;
    const seeded: string[] = [];
    if (opts.seedDirectory) seeded.push(...(await seedDirectory(db, opts.seedDirectory, password)));
    if (opts.seedDemo) {
      const demo = demoDirectory();
      if (demo) seeded.push(...(await seedDirectory(db, demo, password)));
      else log.warn('procedures/demo/directory.json not found: no demo users');
    }
    const builtins = await loadBuiltins(db);
    if (builtins.missing) log.warn('procedures/index.ts not found: no built-in procedures loaded');
    else if (builtins.loaded.length) log.info({ loaded: builtins.loaded }, 'built-in procedures published as version 1');

    const tree = { tree: await OrgTree.load(db), async reload() { this.tree = await OrgTree.load(db); } };
    const namespace = opts.namespace ?? 'default';
    temporal = await connectTemporal(opts.temporalAddress, namespace, key);
    const projection = createProjectionStore(db);
    const queryTimeoutMs = opts.queryTimeoutMs ?? (Number(process.env.JICENG_QUERY_TIMEOUT_MS) || 10_000);
    const ctx: AppContext = {
      db,
      org: tree,
      temporal,
      log,
      temporalUiUrl: opts.temporalUiUrl ?? process.env.TEMPORAL_UI_URL ?? 'http://localhost:8233',
      queryTimeoutMs,
      projection,
      reconciler: new Reconciler({ db, client: temporal.client, store: projection, log, queryTimeoutMs }),
      cookieSecure: opts.cookieSecure ?? truthy(process.env.JICENG_COOKIE_SECURE),
      notifyChannels: senders?.available ?? new Set(),
      pdf,
    };

    if (opts.runWorker) {
      worker = await startWorker({
        address: opts.temporalAddress,
        namespace,
        codecKey: key,
        directory: createDbDirectory(db),
        notifier: createDbNotifier(db, [], outbox),
        ballotBox: createDbBallotBox(db),
        callouts: createServerCallouts(db),
        projection: ctx.projection,
        noticeStore: createDbNoticeStore(db),
        workflowBundle: opts.workflowBundle,
        isolateWorkflows: opts.isolateWorkflows ?? !['0', 'false'].includes(process.env.JICENG_WORKFLOW_PROCESS ?? ''),
        log,
      });
    }

    // 法定频次: one Temporal Schedule per village and cadence (server/cadences), kept on the newest version.
    if (opts.cadences ?? process.env.JICENG_CADENCES !== '0') {
      await ensureCadenceSchedules(ctx).then(
        (r) => (r.created.length || r.updated.length ? log.info({ created: r.created.length, updated: r.updated.length }, 'cadence schedules') : undefined),
        (err: unknown) => log.warn({ err }, 'cadence schedules could not be created'),
      );
    }

    const { app, routes } = await buildApp(ctx, { workflowBundle: opts.workflowBundle, webDist: opts.webDist, logLevel: opts.logLevel, logStream: opts.logStream, trustProxy: opts.trustProxy ?? trustProxyFromEnv(process.env.JICENG_TRUST_PROXY) });
    const address = await app.listen({ port: opts.port ?? 3000, host: opts.host ?? '127.0.0.1' });
    const url = address.replace('[::1]', 'localhost');
    if (senders && worker) {
      const publicUrl = opts.publicUrl ?? channels?.publicUrl ?? process.env.JICENG_PUBLIC_URL ?? url;
      dispatcher = startNotificationDispatcher({ db, senders, publicUrl, pollMs: opts.dispatchPollMs, log });
      dispatcher.kick();
    }

    if (opts.seedDemo) {
      const demoUsers = (demoDirectory()?.users ?? []).map((u) => u.username ?? u.id);
      console.log(`[jiceng] 演示账号（密码 ${password}，可用 JICENG_DEMO_PASSWORD 修改）：${demoUsers.join(', ')}`);
      // Demo cases once, on the start that created the demo users.
      if (seeded.length) await runDemoCases(ctx, log).catch((err: unknown) => log.error({ err }, 'demo cases failed'));
    }

    // The reconciler: once now (after the worker is up, so cases can answer), then periodically.
    const every = opts.reconcileEveryMs ?? (process.env.JICENG_RECONCILE_MS !== undefined ? Number(process.env.JICENG_RECONCILE_MS) : 5 * 60_000);
    const stopReconciler = every > 0 ? ctx.reconciler.schedule(every) : () => undefined;
    const t = temporal;
    return {
      url,
      routes,
      ctx,
      worker,
      dispatcher,
      async close() {
        stopReconciler();
        await app.close();
        await worker?.stop();
        await dispatcher?.stop();
        await pdf.close();
        await t.connection.close();
        await db.close();
      },
    };
  } catch (err) {
    await dispatcher?.stop().catch(() => undefined);
    await pdf.close().catch(() => undefined);
    await worker?.stop().catch(() => undefined);
    await temporal?.connection.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw err;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const env = process.env;
  startServer({
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: env.TEMPORAL_NAMESPACE,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.JICENG_DATA_DIR,
    runWorker: env.JICENG_RUN_WORKER ? env.JICENG_RUN_WORKER !== '0' && env.JICENG_RUN_WORKER !== 'false' : !env.DATABASE_URL,
    seedDemo: env.JICENG_SEED_DEMO === '1' || env.JICENG_SEED_DEMO === 'true',
    webDist: join(PROJECT_ROOT, 'designer', 'dist'),
    logLevel: (env.LOG_LEVEL as 'info' | undefined) ?? 'info',
  }).then(
    (s) => {
      console.log(`[jiceng] API ${s.url}  docs ${s.url}/api/docs`);
      const stop = () => void s.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (err: unknown) => {
      console.error('[jiceng] failed to start:', err);
      process.exit(1);
    },
  );
}
