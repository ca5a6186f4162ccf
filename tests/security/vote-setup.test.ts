/**
 * A vote task must never be visible without its vote (issue 14: "a vote task is visible and
 * tallied → 409 NOT_A_VOTE before its vote is set up"). The assignment notice of a new task is an
 * activity; while it runs, the task is already in the case state (and the inbox). Here the notice
 * is held back until the teller has entered the count: the count must be taken.
 * Real Temporal dev server and worker.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMemoryDirectory, createMemoryNotifier } from '../../activities/index.js';
import * as m from '../../workflows/messages.js';
import { createTestWorker, startDevServer, uniqueTaskQueue } from '../../testkit/temporal.js';
import { tallyVote } from '../workflow/fixtures/definitions.js';
import { actor, DIRECTORY, startCase, USERS, waitForTask } from '../../testkit/case-harness.js';

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueTaskQueue('vote-setup');
let releaseNotices: () => void = () => undefined;
const noticesHeld = new Promise<void>((r) => (releaseNotices = r));

beforeAll(async () => {
  env = await startDevServer();
  const memory = createMemoryNotifier();
  const notifier = {
    async send(req: Parameters<typeof memory.send>[0]) {
      if (req.kind === 'assignment') await noticesHeld;
      return memory.send(req);
    },
  };
  worker = await createTestWorker(env, { taskQueue, deps: { directory: createMemoryDirectory(DIRECTORY, USERS), notifier } });
  running = worker.run();
});

afterAll(async () => {
  releaseNotices();
  worker?.shutdown();
  await running;
  await env?.teardown();
});

it('a tally entered while the new vote task’s notice is still being sent is taken, not refused as NOT_A_VOTE', async () => {
  const h = await startCase(env, taskQueue, tallyVote);
  const task = await waitForTask(h, 'vote'); // visible: the notice activity has not finished
  // The validator decides at once; the answer comes once the case has settled (after the notice).
  const tally = h.executeUpdate(m.submitTallyUpdate, { args: [{ actor: actor('teller'), taskId: task.id, groups: [{ entitled: 30, present: 20, yes: 11, no: 9 }] }] });
  const early = await Promise.race([tally.then(() => 'answered', (err: Error & { cause?: { message?: string } }) => `refused: ${err.cause?.message ?? err.message}`), new Promise((r) => setTimeout(r, 1500, 'waiting'))]);
  expect(early).toBe('waiting');
  releaseNotices();
  const r = await tally;
  expect(r.state.votes[0]?.status).toBe('awaitingConfirmation');
  await h.executeUpdate(m.confirmTallyUpdate, { args: [{ actor: actor('scrut'), taskId: task.id, confirm: true }] });
  expect(await h.result()).toMatchObject({ outcome: 'passed' });
});
