/** Workers for the benchmarks: the interpreter bundle and the hand-written bundle, built once. */
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, DefaultLogger, makeTelemetryFilterString, NativeConnection, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../../activities/index.js';
import { bundleInterpreter, workflowsPath } from '../../temporal/worker-options.js';
import { slowStepInterceptors } from '../../temporal/slow-step.js';

let runtimeInstalled = false;
export function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({
      logger: new DefaultLogger('ERROR'),
      telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR', other: 'ERROR' }), forward: {} } },
    });
  } catch {
    /* installed already */
  }
}

const bundles = new Map<string, Promise<WorkflowBundleWithSourceMap>>();
function bundle(path: string): Promise<WorkflowBundleWithSourceMap> {
  let b = bundles.get(path);
  if (!b) {
    b = path === workflowsPath ? bundleInterpreter() : bundleWorkflowCode({ workflowsPath: path, logger: new DefaultLogger('ERROR') });
    bundles.set(path, b);
  }
  return b;
}

export const interpreterBundle = () => bundle(workflowsPath);
export const rawBundle = () => bundle(fileURLToPath(new URL('../raw-workflow.ts', import.meta.url)));

export interface RunningWorker {
  worker: Worker;
  stop(): Promise<void>;
}

export async function runWorker(opts: {
  connection: NativeConnection;
  taskQueue: string;
  kind: 'interpreter' | 'raw';
  dataConverter: { payloadCodecs: import('@temporalio/common').PayloadCodec[] };
  deps?: Partial<ActivityDeps>;
}): Promise<RunningWorker> {
  const worker = await Worker.create({
    connection: opts.connection,
    namespace: 'default',
    taskQueue: opts.taskQueue,
    workflowBundle: await (opts.kind === 'raw' ? rawBundle() : interpreterBundle()),
    activities: createActivities(opts.deps ?? {}),
    dataConverter: opts.dataConverter,
    // As the product's worker runs (temporal/worker-runner.ts); the hand-written workflow has none.
    ...(opts.kind === 'interpreter' ? { interceptors: { activity: [slowStepInterceptors()] } } : {}),
  });
  const running = worker.run();
  return {
    worker,
    async stop() {
      worker.shutdown();
      await running;
    },
  };
}
