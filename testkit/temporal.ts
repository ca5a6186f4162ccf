/**
 * Real Temporal servers for tests. `startDevServer` starts the official CLI dev server
 * (fresh in-memory DB, project search attributes registered); `startTimeSkipping` starts the
 * time-skipping test server for long timers. Workers share one pre-built workflow bundle.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, Runtime, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { SA } from '../workflows/search-attributes.js';
import { findTemporalCli, findTestServer } from '../temporal/temporal-binary.js';
import { createActivities, type ActivityDeps } from '../activities/index.js';
import { createPayloadCodec } from '../temporal/codec.js';
import { bundleInterpreter } from '../temporal/worker-options.js';
import { slowStepInterceptors } from '../temporal/slow-step.js';

let runtimeInstalled = false;
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    /* already installed by another helper in this process */
  }
}

export async function startDevServer(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: findTemporalCli().executable,
      searchAttributes: Object.values(SA),
      log: { format: 'pretty', level: 'error' },
    },
    client: { dataConverter: await testDataConverter() },
  });
}

export async function startTimeSkipping(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: findTestServer().executable },
    client: { dataConverter: await testDataConverter() },
  });
  await skipToEpoch(env);
  return env;
}

/**
 * `JICENG_TEST_EPOCH=<ISO instant>` moves the time-skipping server's clock forward to that instant
 * before any test runs, so the long-timer suites can be tried as if started on a Saturday, on
 * 春节 or across New Year (the server can only move forward: an instant in the past is ignored
 * with a warning). Tests must hold whatever the epoch; this is how that is checked.
 */
export async function skipToEpoch(env: TestWorkflowEnvironment, epoch = process.env.JICENG_TEST_EPOCH): Promise<void> {
  if (!epoch) return;
  const target = Date.parse(epoch);
  if (!Number.isFinite(target)) throw new Error(`JICENG_TEST_EPOCH is not an instant: ${epoch}`);
  const ahead = target - (await env.currentTimeMs());
  if (ahead > 0) await env.sleep(ahead);
  else console.warn(`JICENG_TEST_EPOCH ${epoch} is in the past: the time-skipping server starts at the real time`);
}

/** Tests use a fixed key so recorded histories in tests/histories replay. */
export const TEST_CODEC_KEY = Buffer.alloc(32, 7).toString('base64');

export async function testDataConverter() {
  return { payloadCodecs: [await createPayloadCodec(TEST_CODEC_KEY)] };
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** Bundling takes seconds: do it once per test process. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleInterpreter('WARN');
  return bundle;
}

let queueSeq = 0;
export function uniqueTaskQueue(prefix = 'test'): string {
  queueSeq += 1;
  return `${prefix}-${process.pid}-${queueSeq}-${Date.now().toString(36)}`;
}

export async function createTestWorker(
  env: TestWorkflowEnvironment,
  opts: { taskQueue: string; deps?: Partial<ActivityDeps>; slowStepMs?: number },
): Promise<Worker> {
  return Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue: opts.taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities(opts.deps ?? {}),
    dataConverter: await testDataConverter(),
    // A short slow-step threshold: the tests wait for a held-up step to show (1 s, not 5).
    interceptors: { activity: [slowStepInterceptors(opts.slowStepMs ?? 1000)] },
  });
}
