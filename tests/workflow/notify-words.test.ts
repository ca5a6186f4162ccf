/**
 * The words of notifications (issue 18, patch notify-plain-words): a case's end is told by what
 * happened — 已办结 with the end node's name, 已终止 / 已撤回 with the reason — never 办结 for every end
 * or an outcome code like (rejected); each carries the case title so the bell groups by case.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryDirectory, createMemoryNotifier } from '../../activities/index.js';
import * as m from '../../workflows/messages.js';
import { createTestWorker, startDevServer, uniqueTaskQueue } from '../../testkit/temporal.js';
import { approval } from './fixtures/definitions.js';
import { actor, DIRECTORY, startCase, USERS, waitForTask } from '../../testkit/case-harness.js';

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueTaskQueue('words');
const notifier = createMemoryNotifier();

beforeAll(async () => {
  env = await startDevServer();
  worker = await createTestWorker(env, { taskQueue, deps: { directory: createMemoryDirectory(DIRECTORY, USERS), notifier } });
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

async function endNotice(caseId: string) {
  const until = Date.now() + 15_000;
  for (;;) {
    const n = notifier.sent.find((x) => x.caseId === caseId && x.kind === 'outcome');
    if (n) return n;
    if (Date.now() > until) throw new Error('no end notification');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a case end is told in plain Chinese', () => {
  it('撤回 says 已撤回 with the reason', async () => {
    const h = await startCase(env, taskQueue, approval, { title: '修缮村道' });
    await waitForTask(h, 'draft');
    await h.executeUpdate(m.withdrawUpdate, { args: [{ actor: actor('init'), reason: '材料有误，撤回重报' }] });
    const n = await endNotice(h.workflowId);
    expect(n).toMatchObject({ title: '已撤回：修缮村道', message: '案件已撤回。理由：材料有误，撤回重报。', caseTitle: '修缮村道' });
  });

  it('终止 says 已终止, not 办结', async () => {
    const h = await startCase(env, taskQueue, approval, { title: '修缮村道', data: { summary: '修路', amount: 1 } });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('init'), taskId: (await waitForTask(h, 'draft')).id }] });
    await waitForTask(h, 'review');
    await h.executeUpdate(m.terminateUpdate, { args: [{ actor: actor('boss'), reason: '事项已由县里统一办理' }] });
    const n = await endNotice(h.workflowId);
    expect(n.title).toBe('已终止：修缮村道');
    expect(n.message).toBe('案件已终止。理由：事项已由县里统一办理。');
  });

  it('办结 names the end reached (不通过), never its outcome code', async () => {
    const h = await startCase(env, taskQueue, approval, { title: '修缮村道', data: { summary: '修路', amount: 1 } });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('init'), taskId: (await waitForTask(h, 'draft')).id }] });
    const review = await waitForTask(h, 'review');
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: review.id, action: 'reject', comment: '预算不足' }] });
    const n = await endNotice(h.workflowId);
    expect(n.title).toBe('已办结：修缮村道');
    expect(n.message).toBe('案件已办结：不通过。');
    expect(`${n.title}${n.message}`).not.toMatch(/[a-z]/);
  });
});
