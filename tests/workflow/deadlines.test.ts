/**
 * Deadlines and publicity periods on the time-skipping test server (days pass in seconds):
 * reminders, the yellow warning, overdue escalation with each timeout action, 延期 moving the
 * due time, and 公示 with and without objections.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryDirectory, createMemoryNotifier } from '../../activities/index.js';
import type { Definition } from '../../dsl/schema.js';
import * as m from '../../workflows/messages.js';
import { createTestWorker, startTimeSkipping, uniqueTaskQueue } from '../../testkit/temporal.js';
import { deadline, publicity } from './fixtures/definitions.js';
import { actor, DIRECTORY, expectRejected, startCase as start, state, USERS, waitFor, waitForTask, type CaseHandle } from '../../testkit/case-harness.js';

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueTaskQueue('deadlines');
const notifier = createMemoryNotifier();
const HOUR = 3600_000;

beforeAll(async () => {
  env = await startTimeSkipping();
  worker = await createTestWorker(env, { taskQueue, deps: { directory: createMemoryDirectory(DIRECTORY, USERS), notifier } });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

/** The time-skipping server has no custom search attributes registered. */
const startCase = (d: Definition) => start(env, taskQueue, d, { searchAttributes: false });

/** Skip server time to `iso` plus a margin. */
async function skipTo(iso: string | undefined, marginMs = 5 * 60_000): Promise<void> {
  if (!iso) throw new Error('no instant');
  const ms = Date.parse(iso) - (await env.currentTimeMs()) + marginMs;
  if (ms > 0) await env.sleep(ms);
}

async function atHandle(d: Definition): Promise<{ h: CaseHandle; taskId: string }> {
  const h = await startCase(d);
  await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('init'), taskId: (await waitForTask(h, 'prep')).id }] });
  const t = await waitForTask(h, 'handle');
  expect(t.dueAt).toBeTruthy();
  return { h, taskId: t.id };
}

const sentFor = (h: CaseHandle, kind: string) => notifier.sent.filter((n) => n.caseId === h.workflowId && n.kind === kind);

describe('reminders, warning and overdue escalation', () => {
  it('a reminder 1 day before due, yellow at 80%, then overdue: red, 督办 notice to 镇党委书记, task escalated', async () => {
    const { h, taskId } = await atHandle(deadline('escalate'));
    const t = (await state(h)).tasks.find((x) => x.id === taskId);
    expect(t?.remindAt).toHaveLength(1);
    expect((await state(h)).health).toBe('green');

    await skipTo(t?.remindAt?.[0]);
    await waitFor(h, () => sentFor(h, 'reminder').length === 1);
    expect(sentFor(h, 'reminder')[0]?.key).toBe(`${h.workflowId}:${taskId}:reminder:1`);

    await skipTo(t?.warnAt);
    const yellow = await waitFor(h, (s) => s.health === 'yellow');
    expect(yellow.healthReasons[0]).toContain('临近办理时限');

    await skipTo(t?.dueAt);
    const red = await waitFor(h, (s) => s.tasks.find((x) => x.id === taskId)?.escalated === true);
    expect(red.health).toBe('red');
    expect(red.healthReasons).toContain('「办理」已超期');
    const esc = sentFor(h, 'escalation');
    expect(esc).toHaveLength(1);
    expect(esc[0]?.key).toBe(`${h.workflowId}:${taskId}:overdue`);
    expect(esc[0]?.grants).toContainEqual({ role: 'TWN_SEC', orgUnit: 't1' });
    // The overdue task can still be completed; the case then ends normally.
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId, action: 'pass' }] });
    expect(await h.result()).toMatchObject({ outcome: 'passed' });
  });

  it('timeoutAction autoPass: at the due time the system completes the task with the approving action', async () => {
    const { h, taskId } = await atHandle(deadline('autoPass'));
    const t = (await state(h)).tasks.find((x) => x.id === taskId);
    await skipTo(t?.dueAt);
    expect(await h.result()).toMatchObject({ status: 'completed', outcome: 'passed' });
    const done = (await state(h)).tasks.find((x) => x.id === taskId);
    expect(done).toMatchObject({ status: 'done', completedBy: 'system', action: 'pass' });
  });

  it('timeoutAction autoReturn: at the due time the task goes back to 准备', async () => {
    const { h, taskId } = await atHandle(deadline('autoReturn'));
    const t = (await state(h)).tasks.find((x) => x.id === taskId);
    await skipTo(t?.dueAt);
    const s = await waitFor(h, (x) => x.tasks.filter((y) => y.nodeId === 'prep').length === 2 && x.tasks.some((y) => y.nodeId === 'prep' && y.status === 'open'));
    expect(s.tasks.find((x) => x.id === taskId)?.status).toBe('cancelled');
    expect(s.timeline.find((e) => e.type === 'task.returned')?.comment).toBe('超期自动退回');
    await h.terminate();
  });

  it('延期 by 3 calendar days: nothing happens at the old due time; the ledger keeps both instants', async () => {
    const { h, taskId } = await atHandle(deadline('escalate'));
    const t = (await state(h)).tasks.find((x) => x.id === taskId);
    const r = await h.executeUpdate(m.extendUpdate, { args: [{ actor: actor('boss'), taskId, amount: 3, unit: 'calendarDays', reason: '雨季无法施工' }] });
    const extended = r.state.tasks.find((x) => x.id === taskId);
    // 3 more days after the old last day; a last day on a rest day rolls on (民法典 §203).
    expect(Date.parse(extended?.dueAt ?? '') - Date.parse(t?.dueAt ?? '')).toBeGreaterThanOrEqual(72 * HOUR);
    expect(r.state.ledger).toMatchObject([{ kind: 'extend', from: t?.dueAt, to: extended?.dueAt, reason: '雨季无法施工' }]);
    await skipTo(t?.dueAt, HOUR);
    const mid = await state(h);
    expect(mid.tasks.find((x) => x.id === taskId)?.overdue).toBeFalsy();
    expect(sentFor(h, 'escalation')).toHaveLength(0);
    await skipTo(extended?.dueAt);
    await waitFor(h, (s) => s.tasks.find((x) => x.id === taskId)?.escalated === true);
    expect(sentFor(h, 'escalation')).toHaveLength(1);
    await h.terminate();
  });
});

describe('中止 pauses the clock', () => {
  it('suspended for 5 days: no overdue at the old due time; after resume the due time has moved by the pause', async () => {
    const { h, taskId } = await atHandle(deadline('escalate'));
    const t = (await state(h)).tasks.find((x) => x.id === taskId);
    await h.executeUpdate(m.suspendUpdate, { args: [{ actor: actor('boss'), reason: '等待司法鉴定' }] });
    await env.sleep(5 * 24 * HOUR);
    const paused = await state(h);
    expect(paused.status).toBe('suspended');
    expect(paused.tasks.find((x) => x.id === taskId)?.overdue).toBeFalsy();
    expect(sentFor(h, 'escalation')).toHaveLength(0);
    const r = await h.executeUpdate(m.resumeUpdate, { args: [{ actor: actor('boss'), reason: '鉴定完成' }] });
    const moved = r.state.tasks.find((x) => x.id === taskId);
    const shift = Date.parse(moved?.dueAt ?? '') - Date.parse(t?.dueAt ?? '');
    expect(shift).toBeGreaterThanOrEqual(5 * 24 * HOUR);
    expect(shift).toBeLessThan(5 * 24 * HOUR + HOUR);
    expect(r.state.ledger.map((l) => l.kind)).toEqual(['suspend', 'resume']);
    await skipTo(moved?.dueAt);
    await waitFor(h, (s) => s.tasks.find((x) => x.id === taskId)?.escalated === true);
    expect(sentFor(h, 'escalation')).toHaveLength(1);
    await h.terminate();
  });
});

describe('公示 periods', () => {
  it('7 days without objections ends clear', async () => {
    const h = await startCase(publicity);
    const s = await waitFor(h, (x) => x.publicity.length === 1);
    await skipTo(s.publicity[0]?.endsAt);
    expect(await h.result()).toMatchObject({ outcome: 'clear' });
  });

  it('an objection during the period routes to the objections end; none accepted afterwards', async () => {
    const h = await startCase(publicity);
    const s = await waitFor(h, (x) => x.publicity.length === 1);
    await expectRejected(h.executeUpdate(m.objectionUpdate, { args: [{ actor: actor('v1'), nodeId: 'start', content: '有问题' }] }), 'NOT_IN_PUBLICITY');
    const r = await h.executeUpdate(m.objectionUpdate, { args: [{ actor: actor('v1'), nodeId: 'pub', content: '补偿标准与会议决议不一致' }] });
    expect(r.state.publicity[0]?.objections).toMatchObject([{ by: 'v1', content: '补偿标准与会议决议不一致' }]);
    await skipTo(s.publicity[0]?.endsAt);
    expect(await h.result()).toMatchObject({ outcome: 'objections' });
    expect(sentFor(h, 'objection')).toHaveLength(1);
  });
});
