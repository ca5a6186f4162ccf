/**
 * Hand-off that works (issue 18): 驳回到任意节点, 拿回, 减签, 转办 naming from whom to whom,
 * out-of-office 委托 rules applied when a task opens, and 抄送 nodes — on a real dev server.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryDirectory, createMemoryNotifier } from '../../activities/index.js';
import * as m from '../../workflows/messages.js';
import { createTestWorker, startDevServer, uniqueTaskQueue } from '../../testkit/temporal.js';
import { def, edge as e } from './fixtures/definitions.js';
import { actor, DIRECTORY, expectRejected, historyLength, startCase, state, USERS, waitFor, waitForTask } from '../../testkit/case-harness.js';

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueTaskQueue('handoff');
const notifier = createMemoryNotifier();
const week = (from: number) => ({ startsAt: new Date(from - 60_000).toISOString(), endsAt: new Date(from + 7 * 86_400_000).toISOString() });

beforeAll(async () => {
  env = await startDevServer();
  // 王 (VIL_COMM) is away this week for `handoff-chain` cases: 孙 acts for him. 赵's rule is for another procedure.
  const rules = [
    { ruleId: 'r1', from: 'wang', to: 'sun', ...week(Date.now()), procedure: 'handoff-chain' },
    { ruleId: 'r2', from: 'zhao', to: 'sun', ...week(Date.now()), procedure: 'elsewhere' },
    { ruleId: 'r3', from: 'chen', to: 'boss', startsAt: new Date(Date.now() - 14 * 86_400_000).toISOString(), endsAt: new Date(Date.now() - 7 * 86_400_000).toISOString() },
  ];
  worker = await createTestWorker(env, { taskQueue, deps: { directory: createMemoryDirectory(DIRECTORY, USERS, rules), notifier } });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

const ALL_OPS = ['return', 'transfer', 'delegate', 'takeBack', 'comment'] as const;

/**
 * 登记 (initiator) → 初审 (王, a named user) → gateway → 审核 (村委 role) → 抄送 (to 村党组织书记) → 审定 (陈,
 * may 驳回到任意节点) → end. 登记 and 初审 allow 拿回.
 */
const chain = def(
  'handoff-chain',
  [
    { id: 'start', kind: 'start', name: '开始' },
    { id: 'register', kind: 'task', name: '登记', assignment: { type: 'initiator' }, form: ['summary'], operations: [...ALL_OPS] },
    { id: 'first', kind: 'task', name: '初审', assignment: { type: 'user', userIds: ['wang'] }, operations: [...ALL_OPS] },
    { id: 'gw', kind: 'gateway', name: '分流', gateway: 'exclusive' },
    { id: 'review', kind: 'task', name: '审核', assignment: { type: 'role', role: 'VIL_COMM' }, operations: [...ALL_OPS] },
    { id: 'copy', kind: 'service', name: '抄送书记', action: 'cc', params: { toRole: 'VIL_SEC', note: '审核已完成，请知悉' } },
    { id: 'decide', kind: 'task', name: '审定', assignment: { type: 'user', userIds: ['chen'] }, operations: ['return', 'comment'], returnToAny: true },
    { id: 'done', kind: 'end', name: '办结', outcome: 'done' },
  ],
  [
    e('h1', 'start', 'register'),
    e('h2', 'register', 'first'),
    e('h3', 'first', 'gw'),
    e('h4', 'gw', 'review', { default: true }),
    e('h5', 'review', 'copy'),
    e('h6', 'copy', 'decide'),
    e('h7', 'decide', 'done'),
  ],
);

const complete = (h: Awaited<ReturnType<typeof startCase>>, who: string, taskId: string, data: Record<string, unknown> = {}) =>
  h.executeUpdate(m.completeUpdate, { args: [{ actor: actor(who), taskId, data }] });

describe('拿回: the one who completed a step takes it back while the next is untouched', () => {
  it('登记 done, 初审 not yet touched: the clerk takes it back and the step reopens claimed by them', async () => {
    const h = await startCase(env, taskQueue, chain);
    const register = await waitForTask(h, 'register');
    await complete(h, 'init', register.id, { summary: '修桥' });
    const first = await waitForTask(h, 'first');
    await expectRejected(h.executeUpdate(m.takeBackUpdate, { args: [{ actor: actor('li'), taskId: register.id }] }), 'TAKE_BACK_NOT_ALLOWED');
    const r = await h.executeUpdate(m.takeBackUpdate, { args: [{ actor: actor('init'), taskId: register.id, reason: '漏填附件' }] });
    expect(r.state.tasks.find((t) => t.id === first.id)?.status).toBe('cancelled');
    const again = r.state.tasks.filter((t) => t.nodeId === 'register').at(-1);
    expect(again).toMatchObject({ status: 'claimed', claimedBy: 'init' });
    expect(again?.id).not.toBe(register.id);
    expect(r.state.timeline.find((x) => x.type === 'task.takenBack')).toMatchObject({ actor: 'init', comment: '漏填附件', detail: { from: '初审', to: '登记' } });
    // 王 was told the task is gone.
    expect(notifier.sent.some((n) => n.key === `${h.workflowId}:${first.id}:takeBack` && n.userIds.includes('wang'))).toBe(true);
  });

  it('refused once the next step is claimed, and across an automatic step (a 抄送 already sent)', async () => {
    const h = await startCase(env, taskQueue, chain);
    await complete(h, 'init', (await waitForTask(h, 'register')).id, { summary: '修桥' });
    const first = await waitForTask(h, 'first');
    await h.executeUpdate(m.claimUpdate, { args: [{ actor: actor('wang'), taskId: first.id }] });
    const before = await historyLength(h);
    const msg = await expectRejected(h.executeUpdate(m.takeBackUpdate, { args: [{ actor: actor('init'), taskId: (await state(h)).tasks[0]!.id }] }), 'TAKE_BACK_NOT_ALLOWED');
    expect(msg).toContain('已被签收');
    expect(await historyLength(h)).toBe(before);
    await complete(h, 'wang', first.id);
    const review = await waitForTask(h, 'review');
    // 初审 → gateway → 审核: only a gateway between, so 王 may still take it back.
    await complete(h, 'li', review.id);
    await waitForTask(h, 'decide');
    // 审核 → 抄送 (sent) → 审定: too late for 李.
    const late = await expectRejected(h.executeUpdate(m.takeBackUpdate, { args: [{ actor: actor('li'), taskId: review.id }] }), 'TAKE_BACK_NOT_ALLOWED');
    expect(late).toContain('自动办理');
  });
});

describe('驳回到任意节点: back to any step completed on the way', () => {
  it('审定 may send the case back to 登记 or 初审 (done on its path), never to a step not reached', async () => {
    const h = await startCase(env, taskQueue, chain);
    await complete(h, 'init', (await waitForTask(h, 'register')).id, { summary: '修桥' });
    await complete(h, 'wang', (await waitForTask(h, 'first')).id);
    await complete(h, 'li', (await waitForTask(h, 'review')).id);
    const decide = await waitForTask(h, 'decide');
    await expectRejected(h.executeUpdate(m.returnUpdate, { args: [{ actor: actor('chen'), taskId: decide.id, toNodeId: 'done', reason: '重办' }] }), 'INVALID_RETURN_TARGET');
    await expectRejected(h.executeUpdate(m.returnUpdate, { args: [{ actor: actor('chen'), taskId: decide.id, toNodeId: 'decide', reason: '重办' }] }), 'INVALID_RETURN_TARGET');
    const r = await h.executeUpdate(m.returnUpdate, { args: [{ actor: actor('chen'), taskId: decide.id, toNodeId: 'first', reason: '初审意见不全' }] });
    expect(r.state.timeline.findLast((x) => x.type === 'task.returned')?.detail).toMatchObject({ to: 'first', toName: '初审' });
    const reopened = await waitForTask(h, 'first');
    expect(reopened.assignees).toContain('wang');
  });
});

describe('转办 and 委托 say from whom to whom', () => {
  it('转办: the timeline names the holder and the receiver; the old holder can no longer act', async () => {
    const h = await startCase(env, taskQueue, chain);
    await complete(h, 'init', (await waitForTask(h, 'register')).id, { summary: '修桥' });
    await complete(h, 'wang', (await waitForTask(h, 'first')).id);
    const review = await waitForTask(h, 'review');
    await h.executeUpdate(m.claimUpdate, { args: [{ actor: actor('li'), taskId: review.id }] });
    const r = await h.executeUpdate(m.transferUpdate, { args: [{ actor: actor('li'), taskId: review.id, toUserId: 'zhao', toName: '赵六', reason: '我下周外出' }] });
    expect(r.state.timeline.findLast((x) => x.type === 'task.transferred')?.detail).toMatchObject({ from: 'li', fromName: 'li', to: 'zhao', toName: '赵六' });
    await expectRejected(h.executeUpdate(m.claimUpdate, { args: [{ actor: actor('li'), taskId: review.id }] }), 'NOT_ASSIGNEE');
    expect(notifier.sent.find((n) => n.key.startsWith(`${h.workflowId}:${review.id}:transfer:`))).toMatchObject({ userIds: ['zhao'], message: expect.stringContaining('由li转由您办理：我下周外出') });
  });
});

describe('委托规则 (out of office): a colleague acts for an assignee who is away', () => {
  it('初审 goes to 王, who is away this week: 孙 is added and acts on his behalf; a rule of another procedure or past week does nothing', async () => {
    const h = await startCase(env, taskQueue, chain);
    await complete(h, 'init', (await waitForTask(h, 'register')).id, { summary: '修桥' });
    const first = await waitForTask(h, 'first');
    expect(first.assignees).toEqual(['wang', 'sun']);
    expect(first.actingFor).toEqual({ sun: 'wang' });
    const s = await state(h);
    expect(s.timeline.find((x) => x.type === 'task.delegated' && x.taskId === first.id)?.detail).toMatchObject({ from: 'wang', to: 'sun', rule: 'r1' });
    expect(notifier.sent.find((n) => n.key === `${h.workflowId}:${first.id}:assigned`)?.userIds).toEqual(['wang', 'sun']);
    const done = await complete(h, 'sun', first.id);
    expect(done.state.timeline.find((x) => x.type === 'task.completed' && x.taskId === first.id)?.detail).toMatchObject({ onBehalfOf: 'wang' });
    // 审核 (role VIL_COMM: 李, 王, 赵): 王's rule adds 孙; 赵's rule is for another procedure.
    const review = await waitForTask(h, 'review');
    expect(review.assignees).toEqual(['sun']);
    expect(review.candidateGrants).toEqual([{ role: 'VIL_COMM', orgUnit: 'v1' }]);
    await complete(h, 'li', review.id);
    // 陈's rule ended last week: 审定 is his alone.
    const decide = await waitForTask(h, 'decide');
    expect(decide.assignees).toEqual(['chen']);
  });
});

describe('抄送 nodes send a copy and go on', () => {
  it('the 抄送 node copies the case to the 村党组织书记 and the case moves on to 审定', async () => {
    const h = await startCase(env, taskQueue, chain);
    await complete(h, 'init', (await waitForTask(h, 'register')).id, { summary: '修桥' });
    await complete(h, 'wang', (await waitForTask(h, 'first')).id);
    await complete(h, 'li', (await waitForTask(h, 'review')).id);
    await waitForTask(h, 'decide');
    const cc = notifier.sent.find((n) => n.caseId === h.workflowId && n.kind === 'cc');
    expect(cc).toMatchObject({ grants: expect.arrayContaining([{ role: 'VIL_SEC', orgUnit: 'v1' }]), message: '审核已完成，请知悉', cc: { procedure: 'handoff-chain', orgUnit: 'v1' } });
    expect((await state(h)).timeline.some((x) => x.type === 'service.cc')).toBe(true);
  });
});

describe('减签 removes signers who have not signed', () => {
  const sign = (mode: 'all' | 'ratio') =>
    def(`handoff-sign-${mode}`, [
      { id: 'start', kind: 'start', name: '开始' },
      {
        id: 'sign',
        kind: 'task',
        name: '会签',
        assignment: { type: 'role', role: 'VIL_COMM' },
        countersign: mode === 'ratio' ? { mode, ratio: 0.6 } : { mode },
        operations: ['addSigner', 'removeSigner', 'comment'],
        actions: [{ name: 'agree', label: '同意' }, { name: 'disagree', label: '不同意', approve: false }],
      },
      { id: 'yes', kind: 'end', name: '同意', outcome: 'agreed' },
      { id: 'no', kind: 'end', name: '不同意', outcome: 'disagreed' },
    ], [e('s1', 'start', 'sign'), e('s2', 'sign', 'yes', { outcome: 'agree' }), e('s3', 'sign', 'no', { outcome: 'disagree' })]);

  it('会签: 李 removes 赵; once 李 and 王 agree the task is decided without 赵', async () => {
    const h = await startCase(env, taskQueue, sign('all'));
    const t = await waitForTask(h, 'sign');
    await expectRejected(h.executeUpdate(m.removeSignerUpdate, { args: [{ actor: actor('outsider'), taskId: t.id, userIds: ['zhao'], reason: '回避' }] }), 'NOT_SUPERVISOR');
    await expectRejected(h.executeUpdate(m.removeSignerUpdate, { args: [{ actor: actor('li'), taskId: t.id, userIds: ['li'], reason: '回避' }] }), 'OPERATION_NOT_ALLOWED');
    const r = await h.executeUpdate(m.removeSignerUpdate, { args: [{ actor: actor('li'), taskId: t.id, userIds: ['zhao'], reason: '赵与本事项有利害关系，回避' }] });
    expect(r.state.tasks.find((x) => x.id === t.id)?.signers?.map((s) => s.userId)).toEqual(['li', 'wang']);
    expect(r.state.timeline.findLast((x) => x.type === 'task.signersRemoved')?.detail).toEqual({ userIds: ['zhao'] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: t.id, action: 'agree' }] });
    await expectRejected(h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('zhao'), taskId: t.id, action: 'agree' }] }), 'NOT_ASSIGNEE');
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('wang'), taskId: t.id, action: 'agree' }] });
    expect((await h.result()).outcome).toBe('agreed');
  });

  it('票签 60 %: with 2 of 3 agreed the task waits; removing the third decides it at once (2/2)', async () => {
    const h = await startCase(env, taskQueue, sign('ratio'));
    const t = await waitForTask(h, 'sign');
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: t.id, action: 'agree' }] });
    const s = await waitFor(h, (x) => x.tasks.some((y) => y.id === t.id && y.status !== 'done'), '票签 still open after one vote');
    expect(s.status).toBe('running');
    await h.executeUpdate(m.removeSignerUpdate, { args: [{ actor: actor('wang'), taskId: t.id, userIds: ['zhao'], reason: '赵出差' }] });
    // 1 agree of 2 = 50 % < 60 %, wang still pending.
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('wang'), taskId: t.id, action: 'agree' }] });
    expect((await h.result()).outcome).toBe('agreed');
  });

  it('加签 is refused on a single-person task even where the operation is listed', async () => {
    const single = def('handoff-single', [
      { id: 'start', kind: 'start', name: '开始' },
      { id: 'one', kind: 'task', name: '办理', assignment: { type: 'role', role: 'VIL_COMM' }, operations: ['addSigner', 'removeSigner'] },
      { id: 'end', kind: 'end', name: '办结', outcome: 'done' },
    ], [e('o1', 'start', 'one'), e('o2', 'one', 'end')]);
    const h = await startCase(env, taskQueue, single);
    const t = await waitForTask(h, 'one');
    const msg = await expectRejected(h.executeUpdate(m.addSignerUpdate, { args: [{ actor: actor('li'), taskId: t.id, userIds: ['sun'] }] }), 'OPERATION_NOT_ALLOWED');
    expect(msg).toContain('仅会签环节');
    await expectRejected(h.executeUpdate(m.removeSignerUpdate, { args: [{ actor: actor('li'), taskId: t.id, userIds: ['wang'], reason: 'x' }] }), 'OPERATION_NOT_ALLOWED');
  });
});
