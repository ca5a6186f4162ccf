/**
 * The interpreter walks definitions on a real Temporal dev server: sequence, exclusive gateway,
 * parallel split/join, 退回 loops, service/timer/subprocess nodes, end outcomes, search attributes.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities, createMemoryDirectory, createMemoryNotifier } from '../../activities/index.js';
import { createCalloutRegistry } from '../../activities/callout.js';
import { completeUpdate, externalEventSignal, returnUpdate } from '../../workflows/messages.js';
import { createTestWorker, startDevServer, uniqueTaskQueue } from '../../testkit/temporal.js';
import { approval, automatedSlow, automatedThenReview, child, deadEnd, machinery, parallel } from './fixtures/definitions.js';
import { loadBuiltinProcedure } from '../../procedures/index.js';
import { actor, DIRECTORY, openTask, ORG, startCase, state, USERS, waitFor, waitForTask } from '../../testkit/case-harness.js';
import type { CaseInput } from '../../workflows/types.js';
import { operatorAttributes } from '../../workflows/search-attributes.js';
import { projectionDb, type ProjectionDb } from '../../testkit/projection-db.js';

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
/** The read model the worker writes (an in-memory PGlite with the app's migrations). */
let proj: ProjectionDb;
const taskQueue = uniqueTaskQueue('graph');
const notifier = createMemoryNotifier();
void createActivities;
/** The county platform answers only when the test lets it (a slow integration). */
let releaseCounty: () => void = () => undefined;
const countyAnswered = new Promise<void>((resolve) => (releaseCounty = resolve));
const callouts = createCalloutRegistry({
  'slow-county': async () => {
    await countyAnswered;
    return { receipt: 'C-1' };
  },
});

/** Started as server/cases/case-service.ts starts a case: search attributes and memo set at start. */
function startLikeApi(definition: CaseInput['definition'], title: string, data: Record<string, unknown>) {
  return env.client.workflow.start('caseWorkflow', {
    taskQueue,
    workflowId: `api-start-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`,
    args: [{ definition, title, org: ORG, initiator: actor('init'), data } satisfies CaseInput],
    typedSearchAttributes: operatorAttributes(definition, ORG),
    memo: { title },
  });
}

type HistoryEvents = NonNullable<Awaited<ReturnType<Awaited<ReturnType<typeof startLikeApi>>['fetchHistory']>>['events']>;

/** Every JcStage value the case wrote, in order. */
const stagesWritten = (events: HistoryEvents) =>
  events
    .map((e) => e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.JcStage?.data)
    .filter((d): d is Uint8Array => !!d)
    .map((d) => JSON.parse(Buffer.from(d).toString('utf8')) as string);

/** Upserts of the case's own attributes (not the SDK's TemporalChangeVersion), per workflow task. */
function jcUpsertsPerTask(events: HistoryEvents): number[] {
  const perTask: number[] = [];
  for (const e of events) {
    if (e.workflowTaskCompletedEventAttributes) perTask.push(0);
    const fields = Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {});
    if (fields.some((f) => f.startsWith('Jc'))) perTask[perTask.length - 1]! += 1;
  }
  return perTask;
}

beforeAll(async () => {
  env = await startDevServer();
  proj = await projectionDb();
  worker = await createTestWorker(env, { taskQueue, deps: { directory: createMemoryDirectory(DIRECTORY, USERS), notifier, callouts, projection: proj.store } });
  running = worker.run();
});

afterAll(async () => {
  releaseCounty();
  worker?.shutdown();
  await running;
  await env?.teardown();
  await proj?.close();
});

describe('sequence and exclusive gateway', () => {
  it('a small amount skips 镇审核 and the case ends adopted with the computed total', async () => {
    const h = await startCase(env, taskQueue, approval);
    const draft = await waitForTask(h, 'draft');
    const r1 = await h.executeUpdate(completeUpdate, { args: [{ actor: actor('init'), taskId: draft.id, data: { summary: '修路', amount: 500, kind: 'road' } }] });
    const review = openTask(r1.state, 'review');
    expect(review.candidateGrants).toEqual([{ role: 'VIL_COMM', orgUnit: 'v1' }]);
    await h.executeUpdate(completeUpdate, { args: [{ actor: actor('li'), taskId: review.id, action: 'approve' }] });
    const result = await h.result();
    expect(result).toMatchObject({ status: 'completed', outcome: 'adopted' });
    expect(result.data.total).toBe(1000);
    const s = await state(h);
    expect(s.path).toEqual(['start', 'draft', 'review', 'gw', 'calc', 'adopted']);
    expect(s.timeline.map((t) => t.type)).toContain('task.completed');
  });

  it('an amount of 10000 or more goes through 镇审核 (condition on the edge)', async () => {
    const h = await startCase(env, taskQueue, approval, { data: { summary: '修桥', amount: 20000 } });
    const draft = await waitForTask(h, 'draft');
    await h.executeUpdate(completeUpdate, { args: [{ actor: actor('init'), taskId: draft.id }] });
    const review = await waitForTask(h, 'review');
    const r = await h.executeUpdate(completeUpdate, { args: [{ actor: actor('wang'), taskId: review.id, action: 'approve' }] });
    const town = openTask(r.state, 'township');
    await h.executeUpdate(completeUpdate, { args: [{ actor: actor('boss'), taskId: town.id }] });
    expect(await h.result()).toMatchObject({ status: 'completed', outcome: 'adopted' });
    expect((await state(h)).path).toContain('township');
  });

  it('不同意 routes by the action to the rejected end', async () => {
    const h = await startCase(env, taskQueue, approval, { data: { summary: '修路', amount: 1 } });
    await h.executeUpdate(completeUpdate, { args: [{ actor: actor('init'), taskId: (await waitForTask(h, 'draft')).id }] });
    const review = await waitForTask(h, 'review');
    await h.executeUpdate(completeUpdate, { args: [{ actor: actor('li'), taskId: review.id, action: 'reject', comment: '预算不清' }] });
    expect(await h.result()).toMatchObject({ status: 'completed', outcome: 'rejected' });
  });
  it('a case started on a schemaVersion-1 snapshot (setData\'s free record, as published before typed service nodes) computes the same total', async () => {
    const v1 = {
      ...approval,
      schemaVersion: 1,
      nodes: approval.nodes.map((n) => (n.id === 'calc' ? { ...n, params: { total: 'data.amount * 2.0' } } : n)),
    } as unknown as typeof approval;
    const h = await startCase(env, taskQueue, v1, { data: { summary: '修路', amount: 700 } });
    await h.executeUpdate(completeUpdate, { args: [{ actor: actor('init'), taskId: (await waitForTask(h, 'draft')).id }] });
    await h.executeUpdate(completeUpdate, { args: [{ actor: actor('li'), taskId: (await waitForTask(h, 'review')).id, action: 'approve' }] });
    const result = await h.result();
    expect(result).toMatchObject({ status: 'completed', outcome: 'adopted' });
    expect(result.data.total).toBe(1400);
  });
});

describe('退回 loops back', () => {
  it('审核 returns the case to 起草 with a reason; the redraft goes through review again', async () => {
    const h = await startCase(env, taskQueue, approval, { data: { summary: '修路', amount: 1 } });
    await h.executeUpdate(completeUpdate, { args: [{ actor: actor('init'), taskId: (await waitForTask(h, 'draft')).id }] });
    const review = await waitForTask(h, 'review');
    const r = await h.executeUpdate(returnUpdate, { args: [{ actor: actor('li'), taskId: review.id, toNodeId: 'draft', reason: '金额有误，请重新核算' }] });
    expect(r.state.tasks.find((t) => t.id === review.id)?.status).toBe('cancelled');
    const redraft = openTask(r.state, 'draft');
    expect(redraft.id).not.toBe(review.id);
    expect(r.state.timeline.find((t) => t.type === 'task.returned')?.comment).toBe('金额有误，请重新核算');
    await h.executeUpdate(completeUpdate, { args: [{ actor: actor('init'), taskId: redraft.id, data: { amount: 2 } }] });
    const review2 = await waitForTask(h, 'review');
    await h.executeUpdate(completeUpdate, { args: [{ actor: actor('li'), taskId: review2.id, action: 'approve' }] });
    const result = await h.result();
    expect(result.outcome).toBe('adopted');
    expect((await state(h)).path.filter((n) => n === 'review')).toHaveLength(2);
  });
});

describe('parallel split and join', () => {
  it('the join waits for both branches', async () => {
    const h = await startCase(env, taskQueue, parallel);
    const s0 = await waitFor(h, (s) => s.tasks.filter((t) => t.status === 'open').length === 2);
    expect(s0.currentNodes.map((n) => n.nodeId).sort()).toEqual(['a0', 'b']);
    const r1 = await h.executeUpdate(completeUpdate, { args: [{ actor: actor('chen'), taskId: openTask(s0, 'b').id, action: 'ok' }] });
    expect(r1.state.status).toBe('running');
    expect(r1.state.currentNodes.map((n) => n.nodeId)).toEqual(['a0']);
    await h.executeUpdate(completeUpdate, { args: [{ actor: actor('wang'), taskId: openTask(s0, 'a0').id }] });
    const a = await waitForTask(h, 'a');
    const r3 = await h.executeUpdate(completeUpdate, { args: [{ actor: actor('li'), taskId: a.id }] });
    expect(r3.state.status).toBe('completed');
    expect(r3.state.outcome).toBe('done');
    expect(r3.state.path.indexOf('join')).toBeGreaterThan(r3.state.path.indexOf('a'));
  });

  it('an end reached in one branch ends the case and cancels the other branch', async () => {
    const h = await startCase(env, taskQueue, parallel);
    const s0 = await waitFor(h, (s) => s.tasks.filter((t) => t.status === 'open').length === 2);
    await h.executeUpdate(completeUpdate, { args: [{ actor: actor('chen'), taskId: openTask(s0, 'b').id, action: 'veto' }] });
    expect(await h.result()).toMatchObject({ status: 'completed', outcome: 'vetoed' });
    const s = await state(h);
    expect(s.tasks.find((t) => t.nodeId === 'a0')?.status).toBe('cancelled');
  });

  it('退回 within a branch stays in the branch; the sibling keeps its work', async () => {
    const h = await startCase(env, taskQueue, parallel);
    const s0 = await waitFor(h, (s) => s.tasks.filter((t) => t.status === 'open').length === 2);
    await h.executeUpdate(completeUpdate, { args: [{ actor: actor('wang'), taskId: openTask(s0, 'a0').id }] });
    const a = await waitForTask(h, 'a');
    const r = await h.executeUpdate(returnUpdate, { args: [{ actor: actor('li'), taskId: a.id, toNodeId: 'a0', reason: '请补充材料' }] });
    expect(openTask(r.state, 'a0')).toBeTruthy();
    expect(openTask(r.state, 'b').id).toBe(openTask(s0, 'b').id);
  });

  it('退回 from a branch to before the split cancels the sibling branch and restarts both', async () => {
    const h = await startCase(env, taskQueue, parallel);
    const s0 = await waitFor(h, (s) => s.tasks.filter((t) => t.status === 'open').length === 2);
    await h.executeUpdate(completeUpdate, { args: [{ actor: actor('wang'), taskId: openTask(s0, 'a0').id }] });
    const a = await waitForTask(h, 'a');
    const r = await h.executeUpdate(returnUpdate, { args: [{ actor: actor('li'), taskId: a.id, toNodeId: 'start', reason: '重新启动' }] });
    expect(r.state.tasks.find((t) => t.id === openTask(s0, 'b').id)?.status).toBe('cancelled');
    const open = r.state.tasks.filter((t) => t.status === 'open').map((t) => t.nodeId).sort();
    expect(open).toEqual(['a0', 'b']);
  });
});

describe('service, timer and subprocess nodes', () => {
  it('notify, notice, callout, light, a timer and a child case whose outcome routes the parent', async () => {
    const h = await startCase(env, taskQueue, machinery, { data: { summary: '修路' }, subdefinitions: { child } });
    const s = await waitFor(h, (x) => x.nodeOutputs.sub !== undefined || x.currentNodes.some((n) => n.nodeId === 'sub'));
    // A light node sets the village's warning light, apart from the case's deadline health (issue 17).
    expect(s.warningLight).toEqual({ level: 'yellow', reason: '动态管理：迟报' });
    expect(s.health).toBe('green');
    expect(typeof s.data.noticeId).toBe('string');
    expect(notifier.sent.some((n) => n.caseId === h.workflowId && n.kind === 'info' && n.grants.some((g) => g.role === 'VIL_SEC' && g.orgUnit === 'v1'))).toBe(true);
    const childId = `${h.workflowId}.sub.${s.path.length}`;
    const childHandle = env.client.workflow.getHandle(childId) as typeof h;
    const childTask = await waitForTask(childHandle, 'check');
    expect((await state(childHandle)).data.childNote).toBe('来自父流程：修路');
    await childHandle.executeUpdate(completeUpdate, { args: [{ actor: actor('wang'), taskId: childTask.id, action: 'bad', data: { childNote: '数据有误' } }] });
    const result = await h.result();
    expect(result).toMatchObject({ status: 'completed', outcome: 'childBad' });
    expect(result.data.childNote).toBe('数据有误');
  });

  it('no matching edge fails the case with the reason in the timeline', async () => {
    const h = await startCase(env, taskQueue, deadEnd);
    const t = await waitForTask(h, 't');
    await h.executeUpdate(completeUpdate, { args: [{ actor: actor('init'), taskId: t.id, action: 'other' }] });
    await expect(h.result()).rejects.toThrow();
    const s = await state(h);
    expect(s.status).toBe('failed');
    expect(s.timeline.find((e) => e.type === 'case.error')?.comment).toContain('没有可走的出口');
  });
});

describe('search attributes and memo', () => {
  it('visibility keeps what operators need (ids, codes, status) and nothing about people; who may act is in the read model', async () => {
    const h = await startCase(env, taskQueue, approval, { data: { summary: '修路', amount: 1 } });
    const r = await h.executeUpdate(completeUpdate, { args: [{ actor: actor('init'), taskId: (await waitForTask(h, 'draft')).id }] });
    const review = openTask(r.state, 'review');
    const desc = await h.describe();
    const sa = desc.typedSearchAttributes;
    const get = (name: string) => sa.getAll().find((p) => p.key.name === name)?.value;
    expect(get('JcProcedure')).toBe('approval');
    expect(get('JcOrgPath')).toEqual(['v1', 't1', 'c1']);
    expect(get('JcHealth')).toBe('green');
    expect(get('JcStage')).toBe('审议');
    expect(get('JcStatus')).toBe('running');
    for (const gone of ['JcAssignees', 'JcCandidateRoles', 'JcInitiator', 'JcNextDue', 'JcLastProgress', 'JcOverdueCount']) expect(get(gone)).toBeUndefined();
    expect(desc.memo?.openTasks).toBeUndefined();
    // The 村委委员's inbox finds it in the read model, written before the update answered.
    const rows = await proj.db.query<{ task_id: string; roles: string[]; status: string }>(
      `SELECT task_id, roles, status FROM proj_tasks WHERE case_id = $1 AND roles && $2::text[] AND status IN ('open', 'claimed')`,
      [h.workflowId, ['VIL_COMM@v1']],
    );
    expect(rows).toEqual([{ task_id: review.id, roles: ['VIL_COMM@v1'], status: 'open' }]);
  });

  it('a case held up by a slow call-out shows that step on the monitor (the worker reports it slow); quick automated steps and a gateway it only passed are never published, and each workflow task publishes once', async () => {
    const h = await startLikeApi(automatedSlow, '报送 测试', { amount: 1000 });
    const stageNow = async () => (await h.describe()).typedSearchAttributes.getAll().find((p) => p.key.name === 'JcStage')?.value;
    let stage: unknown;
    for (let i = 0; i < 80 && stage !== '报送'; i++) {
      stage = await stageNow();
      if (stage !== '报送') await new Promise((r) => setTimeout(r, 250));
    }
    expect(stage).toBe('报送');
    releaseCounty();
    expect(await h.result()).toMatchObject({ status: 'completed', outcome: 'done' });
    const events = (await h.fetchHistory()).events ?? [];
    // Published because the worker signalled the call slow (threshold 1 s in tests), not before.
    expect(events.filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'stepSlow').length).toBeGreaterThanOrEqual(1);
    // 等待 (0-minute timer) and 登记 (a quick call-out) passed while automated work was in flight.
    expect(stagesWritten(events)).toEqual(['报送', '已办结']);
    expect(Math.max(...jcUpsertsPerTask(events))).toBe(1);
  });

  it('a case started as the API starts it writes nothing while quick automated steps run, and publishes where it comes to rest', async () => {
    const h = await startLikeApi(automatedThenReview, '自动步骤后审议', {});
    const t = await waitForTask(h, 'review');
    let stage: unknown;
    for (let i = 0; i < 40 && stage !== '审议'; i++) {
      stage = (await h.describe()).typedSearchAttributes.getAll().find((p) => p.key.name === 'JcStage')?.value;
      if (stage !== '审议') await new Promise((r) => setTimeout(r, 250));
    }
    expect(stage).toBe('审议');
    await h.executeUpdate(completeUpdate, { args: [{ actor: actor('li'), taskId: t.id }] });
    expect(await h.result()).toMatchObject({ status: 'completed', outcome: 'done' });
    const events = (await h.fetchHistory()).events ?? [];
    expect(stagesWritten(events)).toEqual(['审议', '已办结']);
    // Three activities ran (two call-outs, the timer's calendar lookup) before the first write.
    const firstWrite = events.findIndex((e) => Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}).some((f) => f.startsWith('Jc')));
    expect(events.slice(0, firstWrite).filter((e) => e.activityTaskCompletedEventAttributes).length).toBeGreaterThanOrEqual(3);
    expect(events.filter((e) => e.workflowExecutionSignaledEventAttributes)).toHaveLength(0);
  });

  it('a case started as the API starts it (search attributes and memo set) rewrites only what changed: an automated case never rewrites its memo', async () => {
    const title = '自动办结 测试';
    const h = await startLikeApi(automatedSlow, title, { amount: 50 });
    expect(await h.result()).toMatchObject({ status: 'completed', outcome: 'rejected' });
    const events = (await h.fetchHistory()).events ?? [];
    expect(events.filter((e) => e.workflowPropertiesModifiedEventAttributes)).toHaveLength(0);
    const written = events.flatMap((e) => Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}));
    // Set at start and unchanged: never written again. The title is personal data: never in visibility.
    for (const name of ['JcProcedure', 'JcOrgUnit', 'JcOrgPath', 'JcHealth', 'JcTitle', 'JcOverdueCount']) expect(written).not.toContain(name);
    const desc = await h.describe();
    expect(desc.memo).toEqual({ title });
    expect(desc.typedSearchAttributes.getAll().map((p) => p.key.name)).not.toContain('JcTitle');
    const get = (name: string) => desc.typedSearchAttributes.getAll().find((p) => p.key.name === name)?.value;
    expect(get('JcStatus')).toBe('completed');
    expect(get('JcOutcome')).toBe('rejected');
  });

  it('an outside event (signal) is written to the timeline without moving the case', async () => {
    const h = await startCase(env, taskQueue, approval);
    await waitForTask(h, 'draft');
    await h.signal(externalEventSignal, { name: '县平台回执', data: { receipt: 'R-1' } });
    const s = await waitFor(h, (x) => x.timeline.some((e) => e.type === 'external'));
    expect(s.timeline.find((e) => e.type === 'external')).toMatchObject({ comment: '县平台回执', detail: { receipt: 'R-1' } });
    expect(s.currentNodes.map((n) => n.nodeId)).toEqual(['draft']);
  });
});

describe('parameters at case start', () => {
  it('a case asking for a 3-day 村民会议 notice does not start: the statute says 10 days (组织法 第21条)', async () => {
    const h = await startCase(env, taskQueue, loadBuiltinProcedure('wuyi-liangkai'), { params: { villagers_notice_days: 3 } });
    const err = await h.result().then(
      () => undefined,
      (e: unknown) => e as { cause?: { type?: string; message?: string } },
    );
    expect(err?.cause?.type).toBe('PARAMS_INVALID');
    expect(err?.cause?.message).toMatch(/本案参数不合法/);
  });
});
