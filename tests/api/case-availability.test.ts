/**
 * What a user sees when a case cannot answer or has already ended: a stalled workflow is 503
 * CASE_UNAVAILABLE with a zh-CN message (never a 500 or a hung page); acting on a task or case that
 * has ended is 409 (TASK_NOT_OPEN / CASE_ENDED), 404 only for a task that never existed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@temporalio/client';
import { eventually, publishDefinition, startTestApi, type TestApi } from './client.js';
import type { DefinitionInput } from '../../dsl/schema.js';
import { testDataConverter } from '../../testkit/temporal.js';
import { SA, TASK_QUEUE } from '../../workflows/search-attributes.js';

/** One 村委办理 task, then the end: completing the task ends the case. */
function oneStepDefinition(): DefinitionInput {
  return {
    key: 'api-one-step',
    version: 1,
    schemaVersion: 2,
    title: '一步办结',
    roles: [{ key: 'VIL_COMM', name: '村委' }],
    fields: [],
    nodes: [
      { id: 'start', name: '开始', kind: 'start' },
      { id: 'handle', name: '村委办理', kind: 'task', assignment: { type: 'role', role: 'VIL_COMM', scope: 'case' }, deadline: { duration: { amount: 3, unit: 'calendarDays' }, timeoutAction: 'none' } },
      { id: 'done', name: '办结', kind: 'end', outcome: 'done' },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'handle' },
      { id: 'e2', from: 'handle', to: 'done' },
    ],
  };
}

let api: TestApi;
let client: Client;
const previousTimeout = process.env.JICENG_QUERY_TIMEOUT_MS;
beforeAll(async () => {
  // A stalled case is reported after 3 s instead of the production 10 s.
  process.env.JICENG_QUERY_TIMEOUT_MS = '3000';
  api = await startTestApi();
  await publishDefinition(api, oneStepDefinition());
  client = new Client({ connection: api.stack.env.connection, dataConverter: await testDataConverter() });
});
afterAll(async () => {
  if (previousTimeout === undefined) delete process.env.JICENG_QUERY_TIMEOUT_MS;
  else process.env.JICENG_QUERY_TIMEOUT_MS = previousTimeout;
  await api?.close();
});

async function startOneStep(title: string) {
  const res = await api.as('clerk1').post('/api/cases', { procedure: 'api-one-step', title, orgUnit: 'v1' });
  expect(res.status).toBe(201);
  const caseId = res.body.caseId as string;
  const taskId = await eventually(async () => (await api.as('clerk1').get(`/api/cases/${caseId}`)).body.tasks?.find((t: { status: string }) => t.status === 'open')?.id as string | undefined);
  return { caseId, taskId };
}

/** A caseWorkflow in 小河村 as the API would start it, but on `taskQueue` and with `input`. */
async function startRawCase(caseId: string, taskQueue: string, input: unknown) {
  await client.workflow.start('caseWorkflow', {
    taskQueue,
    workflowId: caseId,
    args: [input],
    typedSearchAttributes: [
      { key: SA.procedure, value: 'api-one-step' },
      { key: SA.orgUnit, value: 'v1' },
      { key: SA.orgPath, value: ['v1', 't1', 'c1'] },
      { key: SA.status, value: 'running' },
      { key: SA.health, value: 'green' },
      { key: SA.initiator, value: 'clerk1' },
    ],
    memo: { title: '停滞案件', openTasks: [] },
  });
}

describe('a case whose workflow cannot answer', () => {
  it('no worker serves the case: detail, task page and 抄送 answer 503 CASE_UNAVAILABLE "案件暂时无法读取…" within the deadline', async () => {
    const caseId = `api-one-step-stalled-${Date.now().toString(36)}`;
    await startRawCase(caseId, 'no-worker-polls-this-queue', {});
    const t0 = Date.now();
    const detail = await api.as('clerk1').get(`/api/cases/${caseId}`);
    expect(detail.status).toBe(503);
    expect(detail.body.code).toBe('CASE_UNAVAILABLE');
    expect(detail.body.message).toMatch(/^案件暂时无法读取/);
    expect(Date.now() - t0).toBeLessThan(15_000);
    const task = await api.as('clerk1').get(`/api/tasks/${caseId}/t1`);
    expect(task.status).toBe(503);
    expect(task.body.code).toBe('CASE_UNAVAILABLE');
    const cc = await api.as('clerk1').post(`/api/cases/${caseId}/cc`, { userIds: ['clerk1b'] });
    expect(cc.status).toBe(503);
    // Other users' pages go on working meanwhile.
    expect((await api.as('clerk1').get('/api/inbox')).status).toBe(200);
  });

  it('a case whose workflow task keeps failing (its input is unusable) answers 503 CASE_UNAVAILABLE, not 500', async () => {
    const caseId = `api-one-step-broken-${Date.now().toString(36)}`;
    // Served by the real worker: the interpreter throws on this input on every workflow-task attempt.
    await startRawCase(caseId, TASK_QUEUE, { title: '坏输入' });
    const detail = await api.as('clerk1').get(`/api/cases/${caseId}`);
    expect(detail.status).toBe(503);
    expect(detail.body).toMatchObject({ code: 'CASE_UNAVAILABLE' });
    expect(detail.body.message).toMatch(/案件暂时无法读取/);
  });
});

describe('acting on a task or case that has ended', () => {
  it('100 concurrent completions of the task that ends the case: exactly one 200, the other 99 are 409 with a clear message', async () => {
    const { caseId, taskId } = await startOneStep('百人并发办理');
    const sessions = [api.cookies.clerk1!, api.cookies.clerk1b!, ...(await Promise.all(Array.from({ length: 3 }, () => api.stack.login('clerk1', 'jiceng2026'))))];
    const results = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const res = await fetch(`${api.stack.url}/api/tasks/${caseId}/${taskId}/complete`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: sessions[i % sessions.length]! },
          body: JSON.stringify({}),
        });
        return { status: res.status, body: (await res.json()) as { code?: string; message?: string } };
      }),
    );
    const counts: Record<string, number> = {};
    for (const r of results) counts[`${r.status} ${r.body.code ?? ''}`.trim()] = (counts[`${r.status} ${r.body.code ?? ''}`.trim()] ?? 0) + 1;
    const ok = Object.entries(counts).filter(([k]) => k.startsWith('200')).reduce((n, [, v]) => n + v, 0);
    const conflicts = Object.entries(counts).filter(([k]) => k.startsWith('409')).reduce((n, [, v]) => n + v, 0);
    expect({ ok, conflicts, counts }).toMatchObject({ ok: 1, conflicts: 99 });
    for (const r of results.filter((x) => x.status === 409)) {
      expect(['TASK_NOT_OPEN', 'TASK_CLAIMED_BY_OTHER', 'CASE_ENDED']).toContain(r.body.code);
      expect(r.body.message).toMatch(/已办结|已被他人签收|已结束|不能再/);
    }
    const state = (await api.as('clerk1').get(`/api/cases/${caseId}`)).body;
    expect(state.status).toBe('completed');
    expect(state.timeline.filter((e: { type: string; taskId?: string }) => e.type === 'task.completed' && e.taskId === taskId)).toHaveLength(1);
  });

  it('on an ended case: completing or claiming its done task is 409 TASK_NOT_OPEN, a case action is 409 CASE_ENDED; a task or case that never existed is 404', async () => {
    const { caseId, taskId } = await startOneStep('已办结后再操作');
    const unknown = await api.as('clerk1').post(`/api/tasks/${caseId}/no-such-task/complete`, {});
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'TASK_NOT_FOUND', message: '找不到该待办任务：no-such-task' });
    expect((await api.as('clerk1').post(`/api/tasks/${caseId}/${taskId}/complete`, {})).status).toBe(200);
    await eventually(async () => (await api.as('clerk1').get(`/api/cases/${caseId}`)).body.status === 'completed');

    const again = await api.as('clerk1b').post(`/api/tasks/${caseId}/${taskId}/complete`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('TASK_NOT_OPEN');
    expect(again.body.message).toMatch(/^该任务已办结或已取消，不能再操作/);
    const claim = await api.as('clerk1b').post(`/api/tasks/${caseId}/${taskId}/claim`, {});
    expect(claim.status).toBe(409);
    expect(claim.body.code).toBe('TASK_NOT_OPEN');

    const urge = await api.as('sec').post(`/api/cases/${caseId}/urge`, { taskId, comment: '催一下' });
    expect(urge.status).toBe(409);
    const withdraw = await api.as('clerk1').post(`/api/cases/${caseId}/withdraw`, { reason: '不办了' });
    expect(withdraw.status).toBe(409);
    expect(withdraw.body).toMatchObject({ code: 'CASE_ENDED', message: '该案件已办结，不能再办理或操作' });

    const nocase = await api.as('clerk1').post(`/api/tasks/api-one-step-never-existed/${taskId}/complete`, {});
    expect(nocase.status).toBe(404);
  });
});
