/**
 * Clock anchors in the interpreter (issue 17), on the time-skipping test server: a deadline counts
 * from another node's completion, is capped across the stage, an extension node writes the
 * deadline ledger in the approver's name, and the anchor instants live in the case state — carried
 * over continue-as-new, so a later migration can carry them too.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPeriod } from '../../activities/business-calendar.js';
import { createMemoryDirectory, createMemoryNotifier } from '../../activities/index.js';
import { validateDefinition } from '../../dsl/validate.js';
import * as m from '../../workflows/messages.js';
import { createTestWorker, startTimeSkipping, uniqueTaskQueue } from '../../testkit/temporal.js';
import { anchored } from './fixtures/definitions.js';
import { actor, DIRECTORY, startCase, state, USERS, waitFor, waitForTask } from '../../testkit/case-harness.js';

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueTaskQueue('clock');
const DAY = 24 * 3600_000;

beforeAll(async () => {
  env = await startTimeSkipping();
  worker = await createTestWorker(env, { taskQueue, deps: { directory: createMemoryDirectory(DIRECTORY, USERS), notifier: createMemoryNotifier() } });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

const days = (from: string, n: number) => addPeriod(from, n, 'calendarDays').end.toISOString();

describe('clock anchors', () => {
  it('the fixture\'s anchors, cap and extension pass the validator (the shared test fields aside)', () => {
    const mine = validateDefinition(anchored).issues.filter((i) => i.code !== 'FIELD_OPTIONS_MISSING');
    expect(mine).toEqual([]);
  });

  it('办理 counts 60 days from 受理 (capped at 90); the extension counts 90 days from 受理 and is in the ledger in the approver\'s name — across continue-as-new', async () => {
    const h = await startCase(env, taskQueue, anchored, { searchAttributes: false, continueAsNewAfterEvents: 30 });
    const accept = await waitForTask(h, 'accept');
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: accept.id }] });
    const s1 = await waitFor(h, (x) => x.tasks.some((t) => t.nodeId === 'handle'));
    const acceptedAt = s1.tasks.find((t) => t.id === accept.id)!.completedAt!;
    expect(s1.clockEvents).toMatchObject({ 'completed:accept': acceptedAt });
    const handle = s1.tasks.find((t) => t.nodeId === 'handle')!;
    expect(handle.dueAt).toBe(days(acceptedAt, 60));
    expect(handle.clock).toMatchObject({ from: acceptedAt, anchor: '「受理」办结', capFrom: acceptedAt, capAt: days(acceptedAt, 90) });

    // Comments grow the history past 30 events: the case continues as new while it waits at 办理.
    const firstRun = (await h.describe()).runId;
    for (let i = 1; i <= 8; i += 1) await h.executeUpdate(m.commentUpdate, { args: [{ actor: actor('li'), taskId: handle.id, comment: `进展 ${i}` }] });
    await waitFor(h, () => true);
    await expect.poll(async () => (await h.describe()).runId, { timeout: 20_000 }).not.toBe(firstRun);
    const carried = await state(h);
    expect(carried.clockEvents).toMatchObject({ 'completed:accept': acceptedAt });

    // 40 days later the 办理 asks for an extension, the 镇党委书记 approves.
    await env.sleep(40 * DAY);
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: handle.id, action: 'extend', comment: '需鉴定' }] });
    const ap = await waitForTask(h, 'approve');
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('boss'), taskId: ap.id, comment: '同意延期' }] });
    const ext = await waitForTask(h, 'extended');
    expect(ext.dueAt).toBe(days(acceptedAt, 90));
    const s2 = await state(h);
    expect(s2.ledger).toEqual([
      expect.objectContaining({ kind: 'extend', actor: 'boss', nodeId: 'extended', taskId: ext.id, from: handle.dueAt, to: ext.dueAt, reason: '需鉴定；同意延期' }),
    ]);
    expect(s2.timeline.filter((x) => x.type === 'task.extended')).toHaveLength(1);
    await h.terminate();
  });
});
