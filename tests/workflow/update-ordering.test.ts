/**
 * A user completes a task the moment it appears, while the case is still sending the task's
 * assignment notice: the worker then receives the update and the notice's result in one workflow
 * task. Whatever order the SDK hands the two to the interpreter — live and on replay it need not be
 * the same — the case must do the same thing: the answer to 完成 shows the next task, and the
 * history replays. (The soak found a case whose history did not replay: "Update machine does not
 * handle this event: ActivityTaskScheduled".)
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryDirectory, createMemoryNotifier, type NotifyRequest } from '../../activities/index.js';
import * as m from '../../workflows/messages.js';
import { createTestWorker, startDevServer, testDataConverter, uniqueTaskQueue, workflowBundle } from '../../testkit/temporal.js';
import { approval } from './fixtures/definitions.js';
import { actor, DIRECTORY, startCase, USERS, waitForTask, waitUntilAdmitted } from '../../testkit/case-harness.js';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await startDevServer();
});
afterAll(async () => {
  await env?.teardown();
});

/** A notifier that holds the 起草 assignment notice until `release()`; everything else goes through. */
function holdDraftNotice() {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const plain = createMemoryNotifier();
  const holding = {
    async send(req: NotifyRequest) {
      if (req.kind === 'assignment' && req.taskId?.startsWith('draft')) await held;
      await plain.send(req);
    },
  };
  return { holding, plain, release };
}

describe('an update arriving with the result of the activity the case was waiting on', () => {
  it('完成 of a task whose assignment notice is still being sent answers with the next task, and the history replays', async () => {
    const taskQueue = uniqueTaskQueue('order');
    const directory = createMemoryDirectory(DIRECTORY, USERS);
    // The first worker holds the 起草 assignment notice until the test lets it go.
    const { holding, plain, release } = holdDraftNotice();
    const w1 = await createTestWorker(env, { taskQueue, deps: { directory, notifier: holding } });
    const run1 = w1.run();
    const h = await startCase(env, taskQueue, approval);
    const draft = await waitForTask(h, 'draft');

    // The first worker stops taking workflow tasks; the notice then completes. The case now has a
    // workflow task pending with the notice's result, and no worker to run it.
    w1.shutdown();
    release();
    await run1;

    // The user's 完成 (sent after seeing 起草) waits for a worker; the second one gets both at once.
    const done = h.executeUpdate(m.completeUpdate, { updateId: 'complete-draft', args: [{ actor: actor('init'), taskId: draft.id, data: { summary: '修路', amount: 5 } }] });
    await waitUntilAdmitted(env, h.workflowId, 'complete-draft');
    const w2 = await createTestWorker(env, { taskQueue, deps: { directory, notifier: plain } });
    const r = await w2.runUntil(done);

    expect(r.state.tasks.find((t) => t.id === draft.id)?.status).toBe('done');
    const review = r.state.tasks.find((t) => t.nodeId === 'review');
    expect(review?.status).toBe('open');
    expect(review?.candidateGrants).toEqual([{ role: 'VIL_COMM', orgUnit: 'v1' }]);

    const history = await h.fetchHistory();
    await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle(), dataConverter: await testDataConverter() }, history)).resolves.toBeUndefined();
  });

  it('完成 sent while the assignment notice is still on its way answers only once the next task exists', async () => {
    const taskQueue = uniqueTaskQueue('order');
    const { holding, release } = holdDraftNotice();
    const w = await createTestWorker(env, { taskQueue, deps: { directory: createMemoryDirectory(DIRECTORY, USERS), notifier: holding } });
    await w.runUntil(async () => {
      const h = await startCase(env, taskQueue, approval);
      const draft = await waitForTask(h, 'draft');
      const done = h.executeUpdate(m.completeUpdate, { updateId: 'complete-draft', args: [{ actor: actor('init'), taskId: draft.id, data: { summary: '修路', amount: 5 } }] });
      await waitUntilAdmitted(env, h.workflowId, 'complete-draft');
      release();
      const r = await done;
      expect(r.state.tasks.find((t) => t.id === draft.id)?.status).toBe('done');
      expect(r.state.tasks.find((t) => t.nodeId === 'review')?.status).toBe('open');
      const history = await h.fetchHistory();
      await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), dataConverter: await testDataConverter() }, history);
    });
  });
});
