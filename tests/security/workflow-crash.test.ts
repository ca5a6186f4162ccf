/**
 * The process boundary of the embedded default against the real failure, not a simulation: a
 * workflow that never yields aborts the workflow host's Node process ("async hook stack has
 * become corrupted") when the SDK's 5 s deadlock timeout fires. The interpreter no longer does
 * that (runaway-definitions.test.ts); this proves that whatever else might is contained: this
 * process (standing in for the API) lives on, the host is restarted, and an ordinary case
 * started meanwhile completes.
 */
import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createActivities, createMemoryDirectory, createMemoryNotifier } from '../../activities/index.js';
import { workflowBundlerOptions } from '../../temporal/worker-options.js';
import { startWorkflowProcess, type WorkflowProcess } from '../../temporal/workflow-process.js';
import { startDevServer, TEST_CODEC_KEY, testDataConverter, uniqueTaskQueue } from '../../testkit/temporal.js';
import { actor, DIRECTORY, ORG, USERS } from '../../testkit/case-harness.js';
import { gatewayLoopFixed } from './fixtures/runaway.js';

let env: TestWorkflowEnvironment;
let host: WorkflowProcess;
let activities: Worker;
let activitiesRunning: Promise<void>;
const taskQueue = uniqueTaskQueue('crash');

beforeAll(async () => {
  env = await startDevServer();
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('./fixtures/spin-workflows.ts', import.meta.url)),
    logger: new DefaultLogger('ERROR'),
    ...workflowBundlerOptions,
  });
  host = await startWorkflowProcess({ address: env.address, namespace: 'default', taskQueue, codecKey: TEST_CODEC_KEY, maxCachedWorkflows: 50, workflowBundle, logLevel: 'ERROR' });
  activities = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    activities: createActivities({ directory: createMemoryDirectory(DIRECTORY, USERS), notifier: createMemoryNotifier() }),
    dataConverter: await testDataConverter(),
  });
  activitiesRunning = activities.run();
});

afterAll(async () => {
  activities?.shutdown();
  await activitiesRunning;
  await host?.stop();
  await env?.teardown();
});

it('a workflow that never yields aborts only the workflow host process; it is restarted and other cases complete', async () => {
  const first = host.pid;
  const spinning = await env.client.workflow.start('spin', { taskQueue, workflowId: `spin-${Date.now()}` });
  // The SDK's deadlock timeout is 5 s; then Node aborts the host process.
  const until = Date.now() + 60_000;
  while (host.crashes === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
  expect(host.crashes).toBeGreaterThanOrEqual(1);
  await spinning.terminate('poisoned');
  await host.ready();
  expect(host.pid).not.toBe(first);
  // An ordinary case (its amount is filled, so the corrected loop passes straight to its end).
  const h = await env.client.workflow.start('caseWorkflow', {
    taskQueue,
    workflowId: `after-crash-${Date.now()}`,
    args: [{ definition: gatewayLoopFixed(), title: '宿主崩溃后的案件', org: ORG, initiator: actor('init'), data: { amount: 5 }, searchAttributes: false }],
  });
  expect(await h.result()).toMatchObject({ status: 'completed', outcome: 'done' });
});
