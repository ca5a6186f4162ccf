/**
 * The Temporal worker, run inside the API process (embedded default) or by worker/main.ts.
 * With `isolateWorkflows` (the embedded default) only the activities run in this process — they
 * need the database, and PGlite admits one process — while workflow tasks run in a supervised
 * child process (temporal/workflow-process.ts), so a case that crashes the workflow sandbox cannot
 * take the API down with it (issue 14).
 */
import { NativeConnection, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../activities/index.js';
import type { BallotBoxStore, Directory, Notifier, ProjectionStore } from '../activities/types.js';
import type { CalloutRegistry } from '../activities/callout.js';
import type { NoticeStore } from '../activities/notice-store.js';
import { TASK_QUEUE } from '../workflows/search-attributes.js';
import { workflowBundlerOptions, workflowsPath } from './worker-options.js';
import { createPayloadCodec } from './codec.js';
import { slowStepInterceptors } from './slow-step.js';
import { startWorkflowProcess, type WorkflowProcess } from './workflow-process.js';

export interface RunningWorker {
  /** The child process running the workflow tasks, when isolated. */
  workflowProcess?: WorkflowProcess;
  stop(): Promise<void>;
}

export async function startWorker(opts: {
  address: string;
  namespace: string;
  codecKey: string;
  directory: Directory;
  notifier: Notifier;
  /** The ballot box of secret ballots (the app database). */
  ballotBox?: BallotBoxStore;
  /** The read model's store (db/projection/store.ts): the local activity `projectCase` writes through it. */
  projection?: ProjectionStore;
  /** Named integrations of `callout` nodes (db/callouts.ts); default: record only. */
  callouts?: CalloutRegistry;
  /** Where generated notices are kept (db/documents.ts); default: not kept. */
  noticeStore?: NoticeStore;
  taskQueue?: string;
  workflowBundle?: WorkflowBundleWithSourceMap;
  /** Workflow tasks in a child process, activities here (see above). */
  isolateWorkflows?: boolean;
  /** The activities' clock (a 试运行 sandbox runs ahead of the wall clock); default: the wall clock. */
  now?: () => Date;
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}): Promise<RunningWorker> {
  const taskQueue = opts.taskQueue ?? TASK_QUEUE;
  const maxCachedWorkflows = Number(process.env.JICENG_MAX_CACHED_WORKFLOWS ?? 250);
  const workflowProcess = opts.isolateWorkflows
    ? await startWorkflowProcess({ address: opts.address, namespace: opts.namespace, taskQueue, codecKey: opts.codecKey, maxCachedWorkflows, workflowBundle: opts.workflowBundle, log: opts.log, projection: opts.projection })
    : undefined;
  const connection = await NativeConnection.connect({ address: opts.address });
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue,
    // Isolated: no workflows here, so this worker polls activity tasks only.
    ...(workflowProcess ? {} : opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath, bundlerOptions: workflowBundlerOptions }),
    activities: createActivities({
      directory: opts.directory,
      notifier: opts.notifier,
      ballotBox: opts.ballotBox,
      projection: opts.projection,
      ...(opts.callouts ? { callouts: opts.callouts } : {}),
      ...(opts.noticeStore ? { noticeStore: opts.noticeStore } : {}),
      ...(opts.now ? { now: opts.now } : {}),
    }),
    dataConverter: { payloadCodecs: [await createPayloadCodec(opts.codecKey)] },
    interceptors: { activity: [slowStepInterceptors()] },
    // The SDK sizes its sticky cache from total memory (thousands of cases here). With the shared
    // modules a cached case costs ~0.25 MB of RSS (bench (c)); a bounded cache keeps a worker with
    // 10,000 open cases small, at the price of replaying a case that comes back after eviction.
    ...(workflowProcess ? {} : { maxCachedWorkflows }),
  });
  const running = worker.run();
  return {
    workflowProcess,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await Promise.all([running.catch(() => undefined), workflowProcess?.stop()]);
      await connection.close();
    },
  };
}
