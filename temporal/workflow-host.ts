/**
 * The workflow half of the embedded worker, in its own OS process (started and restarted by
 * temporal/workflow-process.ts). It runs workflow tasks only — the interpreter in the SDK's
 * sandbox — and no activities, so it needs neither the database nor the directory: PGlite stays
 * in the API process, which runs the activities on the same task queue.
 *
 * Why a process: workflow code that never yields (an infinite microtask loop) makes Node abort
 * the whole process when the SDK's deadlock timeout fires ("async hook stack has become
 * corrupted", nodejs/node#38503; temporalio/sdk-typescript#939) — worker threads do not contain
 * it. The interpreter bounds its own loops and CEL (workflows/engine/auto-budget.ts), and this
 * process boundary contains whatever is left: the API, the database and the activities live on.
 *
 * Protocol (IPC): the parent sends {type:'config', …}; the host answers {type:'ready'} once it
 * polls; {type:'shutdown'} stops it gracefully; a lost parent (disconnect) stops it too.
 *
 * The one activity here is the read model's local activity `projectCase` (workflows/engine/projection.ts):
 * a local activity runs where the workflow task runs, so the host hands the write to the parent
 * ({type:'projectCase', id, write}) and waits for its answer ({type:'projected', id, error?}) —
 * the row is in the database before the workflow task completes, as in a single-process worker.
 */
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { ApplicationFailure } from '@temporalio/common';
import type { ProjectionWrite } from '../activities/types.js';
import { createPayloadCodec } from './codec.js';

export interface WorkflowHostConfig {
  type: 'config';
  address: string;
  namespace: string;
  taskQueue: string;
  codecKey: string;
  /** The pre-built interpreter bundle (temporal/worker-options.ts bundleInterpreter). */
  bundlePath: string;
  maxCachedWorkflows: number;
  logLevel: 'ERROR' | 'WARN' | 'INFO';
}

type ParentMessage = WorkflowHostConfig | { type: 'shutdown' } | { type: 'projected'; id: number; error?: string };

let nextWrite = 0;
const pendingWrites = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();

/** The local activity of the read model, written by the parent process (see above). */
function projectCase(write: ProjectionWrite): Promise<void> {
  if (!process.connected) return Promise.reject(ApplicationFailure.retryable('the API process is gone', 'PROJECTION_UNAVAILABLE'));
  const id = ++nextWrite;
  return new Promise<void>((resolve, reject) => {
    pendingWrites.set(id, { resolve, reject });
    process.send?.({ type: 'projectCase', id, write });
  });
}

process.on('message', (m: ParentMessage) => {
  if (m.type !== 'projected') return;
  const p = pendingWrites.get(m.id);
  pendingWrites.delete(m.id);
  if (m.error === undefined) p?.resolve();
  else p?.reject(ApplicationFailure.retryable(m.error, 'PROJECTION_WRITE_FAILED'));
});

function send(msg: Record<string, unknown>): void {
  if (process.connected) process.send?.(msg);
}

async function run(cfg: WorkflowHostConfig): Promise<void> {
  Runtime.install({ logger: new DefaultLogger(cfg.logLevel) });
  const connection = await NativeConnection.connect({ address: cfg.address });
  const worker = await Worker.create({
    connection,
    namespace: cfg.namespace,
    taskQueue: cfg.taskQueue,
    workflowBundle: { codePath: cfg.bundlePath },
    // Only the read model's local activity; activity tasks are the parent's.
    activities: { projectCase },
    enableNonLocalActivities: false,
    dataConverter: { payloadCodecs: [await createPayloadCodec(cfg.codecKey)] },
    maxCachedWorkflows: cfg.maxCachedWorkflows,
    // After a restart, the cases the dead host held move to the new one within seconds.
    stickyQueueScheduleToStartTimeout: '3s',
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  process.on('message', (m: ParentMessage) => m.type === 'shutdown' && stop());
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const running = worker.run();
  send({ type: 'ready', pid: process.pid });
  await running;
  await connection.close();
  process.exit(0);
}

process.once('message', (m: ParentMessage) => {
  if (m.type !== 'config') return;
  run(m).catch((err: unknown) => {
    console.error('[jiceng] workflow host failed:', err);
    process.exit(1);
  });
});
// Nothing to do without a parent.
process.on('disconnect', () => setTimeout(() => process.exit(0), 5000).unref());
