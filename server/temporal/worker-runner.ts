/** The Temporal worker, run inside the API process (embedded default) or by worker/main.ts. */
import { NativeConnection, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../../activities/index.js';
import type { Directory, Notifier } from '../../activities/types.js';
import type { CalloutRegistry } from '../../activities/callout.js';
import { TASK_QUEUE } from '../../workflows/search-attributes.js';
import { workflowBundlerOptions, workflowsPath } from '../../worker/worker-options.js';
import { createPayloadCodec } from '../../worker/codec.js';
import { slowStepInterceptors } from '../../worker/slow-step.js';

export interface RunningWorker {
  stop(): Promise<void>;
}

export async function startWorker(opts: {
  address: string;
  namespace: string;
  codecKey: string;
  directory: Directory;
  notifier: Notifier;
  /** Named integrations of `callout` nodes (server/integrations/callouts.ts); default: record only. */
  callouts?: CalloutRegistry;
  taskQueue?: string;
  workflowBundle?: WorkflowBundleWithSourceMap;
}): Promise<RunningWorker> {
  const connection = await NativeConnection.connect({ address: opts.address });
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue ?? TASK_QUEUE,
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath, bundlerOptions: workflowBundlerOptions }),
    activities: createActivities({ directory: opts.directory, notifier: opts.notifier, ...(opts.callouts ? { callouts: opts.callouts } : {}) }),
    dataConverter: { payloadCodecs: [await createPayloadCodec(opts.codecKey)] },
    interceptors: { activity: [slowStepInterceptors()] },
    // The SDK sizes its sticky cache from total memory (thousands of cases here). With the shared
    // modules a cached case costs ~0.25 MB of RSS (bench (c)); a bounded cache keeps a worker with
    // 10,000 open cases small, at the price of replaying a case that comes back after eviction.
    maxCachedWorkflows: Number(process.env.JICENG_MAX_CACHED_WORKFLOWS ?? 250),
  });
  const running = worker.run();
  return {
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      await connection.close();
    },
  };
}
