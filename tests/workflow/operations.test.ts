/**
 * Task and case operations as Temporal Updates with validators, on a real dev server. A rejected
 * update must leave no trace in the workflow history.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryDirectory, createMemoryNotifier } from '../../activities/index.js';
import * as m from '../../workflows/messages.js';
import { createTestWorker, startDevServer, uniqueTaskQueue } from '../../testkit/temporal.js';
import { approval, countersign } from './fixtures/definitions.js';
import { actor, DIRECTORY, expectRejected, historyLength, openTask, startCase, state, USERS, waitForTask } from '../../testkit/case-harness.js';

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueTaskQueue('ops');
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

/** A case waiting at 审核 (role VIL_COMM), 起草 done. */
async function atReview() {
  const h = await startCase(env, taskQueue, approval, { data: { summary: '修路', amount: 1 } });
  await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('init'), taskId: (await waitForTask(h, 'draft')).id }] });
  return { h, review: await waitForTask(h, 'review') };
}

describe('validators reject without touching history', () => {
  it('a rejected complete (outsider) adds no event to the history; an accepted one does', async () => {
    const { h, review } = await atReview();
    const before = await historyLength(h);
    await expectRejected(h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('outsider'), taskId: review.id, action: 'approve' }] }), 'NOT_ASSIGNEE');
    await expectRejected(h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: review.id, action: 'nonsense' }] }), 'INVALID_ACTION');
    await expectRejected(h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: review.id, action: 'reject' }] }), 'COMMENT_REQUIRED');
    await expectRejected(h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: 'nope' }] }), 'TASK_NOT_FOUND');
    await expectRejected(h.executeUpdate(m.returnUpdate, { args: [{ actor: actor('li'), taskId: review.id, toNodeId: 'gw', reason: '试试' }] }), 'INVALID_RETURN_TARGET');
    await expectRejected(h.executeUpdate(m.returnUpdate, { args: [{ actor: actor('li'), taskId: review.id, toNodeId: 'draft', reason: '  ' }] }), 'INVALID_FORM');
    expect(await historyLength(h)).toBe(before);
    await h.executeUpdate(m.commentUpdate, { args: [{ actor: actor('li'), taskId: review.id, comment: '已阅' }] });
    expect(await historyLength(h)).toBeGreaterThan(before);
  });

  it('form data is checked against the field definitions: wrong type, unknown field, missing required field', async () => {
    const h = await startCase(env, taskQueue, approval);
    const draft = await waitForTask(h, 'draft');
    const before = await historyLength(h);
    const msg = await expectRejected(h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('init'), taskId: draft.id, data: { summary: '修路', amount: '很多' } }] }), 'INVALID_FORM');
    expect(msg).toContain('金额');
    await expectRejected(h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('init'), taskId: draft.id, data: { summary: '修路', amount: 1, hack: true } }] }), 'INVALID_FORM');
    await expectRejected(h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('init'), taskId: draft.id, data: { summary: '修路', amount: 1, kind: 'moon' } }] }), 'INVALID_FORM');
    const missing = await expectRejected(h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('init'), taskId: draft.id, data: { summary: '修路' } }] }), 'INVALID_FORM');
    expect(missing).toContain('请填写：金额');
    expect(await historyLength(h)).toBe(before);
  });
});

describe('task operations', () => {
  it('claim makes the task theirs: another candidate cannot complete it until unclaimed', async () => {
    const { h, review } = await atReview();
    const r = await h.executeUpdate(m.claimUpdate, { args: [{ actor: actor('li'), taskId: review.id }] });
    expect(r.state.tasks.find((t) => t.id === review.id)).toMatchObject({ status: 'claimed', claimedBy: 'li' });
    await expectRejected(h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('wang'), taskId: review.id, action: 'approve' }] }), 'TASK_CLAIMED_BY_OTHER');
    await expectRejected(h.executeUpdate(m.unclaimUpdate, { args: [{ actor: actor('wang'), taskId: review.id }] }), 'TASK_CLAIMED_BY_OTHER');
    await h.executeUpdate(m.unclaimUpdate, { args: [{ actor: actor('li'), taskId: review.id }] });
    const done = await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('wang'), taskId: review.id, action: 'approve' }] });
    expect(done.state.tasks.find((t) => t.id === review.id)).toMatchObject({ status: 'done', completedBy: 'wang', action: 'approve' });
  });

  it('转办 hands the task to another person; the original candidates can no longer act', async () => {
    const { h, review } = await atReview();
    const r = await h.executeUpdate(m.transferUpdate, { args: [{ actor: actor('li'), taskId: review.id, toUserId: 'sun', reason: '分管调整' }] });
    expect(r.state.tasks.find((t) => t.id === review.id)).toMatchObject({ assignees: ['sun'], candidateGrants: [] });
    await expectRejected(h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('wang'), taskId: review.id, action: 'approve' }] }), 'NOT_ASSIGNEE');
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('sun'), taskId: review.id, action: 'approve' }] });
    expect((await h.result()).outcome).toBe('adopted');
    expect(notifier.sent.some((n) => n.caseId === h.workflowId && n.userIds.includes('sun'))).toBe(true);
  });

  it('委托 lets the delegate act on behalf of the delegator, recorded as such', async () => {
    const { h, review } = await atReview();
    const r = await h.executeUpdate(m.delegateUpdate, { args: [{ actor: actor('li'), taskId: review.id, toUserId: 'sun' }] });
    expect(r.state.tasks.find((t) => t.id === review.id)).toMatchObject({ delegatedFrom: 'li', claimedBy: 'sun' });
    await expectRejected(h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('wang'), taskId: review.id, action: 'approve' }] }), 'TASK_CLAIMED_BY_OTHER');
    const done = await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('sun'), taskId: review.id, action: 'approve' }] });
    expect(done.state.timeline.find((e) => e.type === 'task.completed' && e.taskId === review.id)?.detail).toMatchObject({ onBehalfOf: 'li' });
  });

  it('催办 by the initiator counts and notifies; a clerk who is not a supervisor may not urge', async () => {
    const { h, review } = await atReview();
    await expectRejected(h.executeUpdate(m.urgeUpdate, { args: [{ actor: actor('zhao'), taskId: review.id }] }), 'NOT_SUPERVISOR');
    await h.executeUpdate(m.urgeUpdate, { args: [{ actor: actor('init'), taskId: review.id, comment: '群众在等' }] });
    const r = await h.executeUpdate(m.urgeUpdate, { args: [{ actor: actor('boss'), taskId: review.id }] });
    expect(r.state.tasks.find((t) => t.id === review.id)?.urgedCount).toBe(2);
    const urges = notifier.sent.filter((n) => n.caseId === h.workflowId && n.kind === 'urge');
    expect(urges.map((u) => u.key)).toEqual([`${h.workflowId}:${review.id}:urge:1`, `${h.workflowId}:${review.id}:urge:2`]);
    expect(urges[0]?.grants).toEqual([{ role: 'VIL_COMM', orgUnit: 'v1' }]);
  });

  it('an operation the node does not allow is rejected (加签 on a single-assignee task)', async () => {
    const { h, review } = await atReview();
    await expectRejected(h.executeUpdate(m.addSignerUpdate, { args: [{ actor: actor('li'), taskId: review.id, userIds: ['sun'] }] }), 'OPERATION_NOT_ALLOWED');
  });
});

describe('countersign modes', () => {
  it('会签 (all): every signer must agree; the case waits until the last one', async () => {
    const h = await startCase(env, taskQueue, countersign('all'));
    const t = await waitForTask(h, 'sign');
    expect(t.signers?.map((s) => s.userId)).toEqual(['li', 'wang', 'zhao']);
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: t.id, action: 'agree' }] });
    await expectRejected(h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: t.id, action: 'agree' }] }), 'ALREADY_SIGNED');
    const r = await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('wang'), taskId: t.id, action: 'agree' }] });
    expect(r.state.status).toBe('running');
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('zhao'), taskId: t.id, action: 'agree' }] });
    expect((await h.result()).outcome).toBe('agreed');
  });

  it('会签 (all): one disagreement decides at once', async () => {
    const h = await startCase(env, taskQueue, countersign('all'));
    const t = await waitForTask(h, 'sign');
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('wang'), taskId: t.id, action: 'disagree' }] });
    expect((await h.result()).outcome).toBe('disagreed');
  });

  it('加签 adds a signer whose agreement is then also needed', async () => {
    const h = await startCase(env, taskQueue, countersign('all'));
    const t = await waitForTask(h, 'sign');
    await h.executeUpdate(m.addSignerUpdate, { args: [{ actor: actor('li'), taskId: t.id, userIds: ['sun'], reason: '涉及财务' }] });
    for (const u of ['li', 'wang', 'zhao']) await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor(u), taskId: t.id, action: 'agree' }] });
    expect((await state(h)).status).toBe('running');
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('sun'), taskId: t.id, action: 'agree' }] });
    expect((await h.result()).outcome).toBe('agreed');
  });

  it('或签 (any): the first signer decides', async () => {
    const h = await startCase(env, taskQueue, countersign('any'));
    const t = await waitForTask(h, 'sign');
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('zhao'), taskId: t.id, action: 'agree' }] });
    expect((await h.result()).outcome).toBe('agreed');
  });

  it('依次 (sequential): signers act in order; acting out of turn is rejected', async () => {
    const h = await startCase(env, taskQueue, countersign('sequential'));
    const t = await waitForTask(h, 'sign');
    await expectRejected(h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('wang'), taskId: t.id, action: 'agree' }] }), 'NOT_YOUR_TURN');
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: t.id, action: 'agree' }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('wang'), taskId: t.id, action: 'agree' }] });
    await expectRejected(h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: t.id, action: 'agree' }] }), 'ALREADY_SIGNED');
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('zhao'), taskId: t.id, action: 'agree' }] });
    expect((await h.result()).outcome).toBe('agreed');
  });

  it('票签 (ratio 0.6): 2 of 3 agreeing passes once reached', async () => {
    const h = await startCase(env, taskQueue, countersign('ratio', 0.6));
    const t = await waitForTask(h, 'sign');
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: t.id, action: 'disagree' }] });
    const r = await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('wang'), taskId: t.id, action: 'agree' }] });
    expect(r.state.status).toBe('running');
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('zhao'), taskId: t.id, action: 'agree' }] });
    expect((await h.result()).outcome).toBe('agreed');
  });

  it('票签 (ratio 0.6): fails as soon as the ratio can no longer be reached', async () => {
    const h = await startCase(env, taskQueue, countersign('ratio', 0.6));
    const t = await waitForTask(h, 'sign');
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: t.id, action: 'disagree' }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('wang'), taskId: t.id, action: 'disagree' }] });
    expect((await h.result()).outcome).toBe('disagreed');
  });
});

describe('case operations', () => {
  it('撤回: only the initiator, and only while the first task is untouched', async () => {
    const h = await startCase(env, taskQueue, approval);
    const draft = await waitForTask(h, 'draft');
    await expectRejected(h.executeUpdate(m.withdrawUpdate, { args: [{ actor: actor('li'), reason: '不办了' }] }), 'NOT_INITIATOR');
    const r = await h.executeUpdate(m.withdrawUpdate, { args: [{ actor: actor('init'), reason: '材料有误，撤回重报' }] });
    expect(r.state.status).toBe('withdrawn');
    expect(await h.result()).toMatchObject({ status: 'withdrawn', outcome: 'withdrawn' });
    expect((await state(h)).tasks.find((t) => t.id === draft.id)?.status).toBe('cancelled');
  });

  it('撤回 is too late once the first task has been completed', async () => {
    const { h } = await atReview();
    await expectRejected(h.executeUpdate(m.withdrawUpdate, { args: [{ actor: actor('init'), reason: '不办了' }] }), 'WITHDRAW_TOO_LATE');
  });

  it('中止/恢复: a supervisor suspends (tasks frozen) and resumes; the due time moves by the suspended time', async () => {
    const { h, review } = await atReview();
    await expectRejected(h.executeUpdate(m.suspendUpdate, { args: [{ actor: actor('li'), reason: '等待' }] }), 'NOT_SUPERVISOR');
    await h.executeUpdate(m.suspendUpdate, { args: [{ actor: actor('boss'), reason: '等待上级批复' }] });
    await expectRejected(h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: review.id, action: 'approve' }] }), 'CASE_SUSPENDED');
    await new Promise((r) => setTimeout(r, 1200));
    const r = await h.executeUpdate(m.resumeUpdate, { args: [{ actor: actor('boss'), reason: '已批复' }] });
    const after = r.state.tasks.find((t) => t.id === review.id);
    expect(Date.parse(after?.dueAt ?? '') - Date.parse(review.dueAt ?? '')).toBeGreaterThanOrEqual(1000);
    expect(r.state.ledger.map((l) => l.kind)).toEqual(['suspend', 'resume']);
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: review.id, action: 'approve' }] });
    expect((await h.result()).outcome).toBe('adopted');
  });

  it('延期: a supervisor extends the due time by 2 working days, kept in the ledger with the reason', async () => {
    const { h, review } = await atReview();
    await expectRejected(h.executeUpdate(m.extendUpdate, { args: [{ actor: actor('li'), taskId: review.id, amount: 2, unit: 'workingDays', reason: '需现场勘察' }] }), 'NOT_SUPERVISOR');
    const r = await h.executeUpdate(m.extendUpdate, { args: [{ actor: actor('boss'), taskId: review.id, amount: 2, unit: 'workingDays', reason: '需现场勘察' }] });
    const t = r.state.tasks.find((x) => x.id === review.id);
    expect(Date.parse(t?.dueAt ?? '')).toBeGreaterThan(Date.parse(review.dueAt ?? '') + 24 * 3600_000);
    expect(r.state.ledger).toMatchObject([{ kind: 'extend', from: review.dueAt, to: t?.dueAt, reason: '需现场勘察', actor: 'boss' }]);
  });

  it('督办: a supervisor escalates a task — light red, escalation notice', async () => {
    const { h, review } = await atReview();
    const r = await h.executeUpdate(m.escalateUpdate, { args: [{ actor: actor('boss'), taskId: review.id, reason: '群众反映强烈' }] });
    expect(r.state.health).toBe('red');
    expect(r.state.tasks.find((t) => t.id === review.id)?.escalated).toBe(true);
    expect(notifier.sent.some((n) => n.caseId === h.workflowId && n.kind === 'escalation' && n.grants.some((g) => g.role === 'TWN_SEC'))).toBe(true);
  });

  it('终止: the initiator or a supervisor terminates with a reason; nobody can act afterwards', async () => {
    const { h, review } = await atReview();
    await expectRejected(h.executeUpdate(m.terminateUpdate, { args: [{ actor: actor('zhao'), reason: '不办' }] }), 'NOT_SUPERVISOR');
    await h.executeUpdate(m.terminateUpdate, { args: [{ actor: actor('boss'), reason: '事项已由县里统一办理' }] });
    expect(await h.result()).toMatchObject({ status: 'terminated' });
    const s = await state(h);
    expect(s.timeline.find((e) => e.type === 'case.terminated')?.comment).toBe('事项已由县里统一办理');
    expect(openTaskOrNone(s, review.id)).toBe(false);
  });
});

function openTaskOrNone(s: Awaited<ReturnType<typeof state>>, id: string): boolean {
  const t = s.tasks.find((x) => x.id === id);
  return !!t && (t.status === 'open' || t.status === 'claimed');
}
void openTask;

describe('long histories', () => {
  it('continue-as-new at a safe point: the case keeps its task, timeline and data and finishes normally', async () => {
    const h = await startCase(env, taskQueue, approval, { data: { summary: '修路', amount: 1 }, continueAsNewAfterEvents: 40 });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('init'), taskId: (await waitForTask(h, 'draft')).id }] });
    const review = await waitForTask(h, 'review');
    await h.executeUpdate(m.claimUpdate, { args: [{ actor: actor('li'), taskId: review.id }] });
    for (let i = 1; i <= 8; i++) await h.executeUpdate(m.commentUpdate, { args: [{ actor: actor('li'), taskId: review.id, comment: `意见 ${i}` }] });
    let runId = h.firstExecutionRunId;
    for (let i = 0; i < 40 && runId === h.firstExecutionRunId; i++) {
      runId = (await h.describe()).runId;
      if (runId === h.firstExecutionRunId) await new Promise((r) => setTimeout(r, 250));
    }
    expect(runId).not.toBe(h.firstExecutionRunId);
    const s = await state(h);
    expect(s.tasks.find((t) => t.id === review.id)).toMatchObject({ status: 'claimed', claimedBy: 'li' });
    expect(s.timeline.filter((e) => e.type === 'comment')).toHaveLength(8);
    expect(s.timeline[0]?.type).toBe('case.started');
    expect(s.data).toMatchObject({ summary: '修路', amount: 1 });
    await expectRejected(h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('wang'), taskId: review.id, action: 'approve' }] }), 'TASK_CLAIMED_BY_OTHER');
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: review.id, action: 'approve' }] });
    const result = await h.result();
    expect(result).toMatchObject({ status: 'completed', outcome: 'adopted' });
    expect(result.data.total).toBe(2);
    expect((await state(h)).path).toEqual(['start', 'draft', 'review', 'gw', 'calc', 'adopted']);
  });
});
