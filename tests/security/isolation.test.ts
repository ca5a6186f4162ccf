/**
 * Issue 14, fault isolation on the embedded default (`npm run up`: the API, PGlite and the worker
 * started by one command): poisoned cases — a definition published before the validator's new
 * rules, started through the API — leave /healthz answering and every other case running; they
 * show on the monitor's stuck list and a supervisor resumes one on a corrected version. And if
 * the workflow sandbox crashes anyway (simulated: SIGKILL of the workflow host process), only
 * that process dies and comes back. Real Temporal dev server, real database, real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as store from '../../server/definitions/store.js';
import type { WorkflowProcess } from '../../temporal/workflow-process.js';
import { eventually, publishDefinition, startTestApi, type TestApi } from '../api/client.js';
import { approvalDefinition } from '../../testkit/api-fixtures.js';
import { celBomb, gatewayLoop, gatewayLoopFixed } from './fixtures/runaway.js';

let api: TestApi;

/** Polls /healthz every 100 ms for the whole file: the worst answer time and every failure. */
const health = { polls: 0, failures: [] as string[], worstMs: 0, stop: false };
let poller: Promise<void>;

async function pollHealth(url: string): Promise<void> {
  while (!health.stop) {
    const t0 = performance.now();
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(3000) });
      if (res.status !== 200) health.failures.push(`status ${res.status}`);
    } catch (err) {
      health.failures.push(String(err));
    }
    health.worstMs = Math.max(health.worstMs, performance.now() - t0);
    health.polls += 1;
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  api = await startTestApi();
  poller = pollHealth(api.stack.url);
  // Published straight into the store, as versions published before the rules were.
  await store.publish(api.stack.server.ctx.db, gatewayLoop(), 'designer', '规则上线前发布');
  await store.publish(api.stack.server.ctx.db, celBomb(), 'designer', '规则上线前发布');
  await publishDefinition(api, approvalDefinition());
});

afterAll(async () => {
  health.stop = true;
  await poller;
  await api?.close();
});

async function start(procedure: string, title: string): Promise<string> {
  const res = await api.as('clerk1').post('/api/cases', { procedure, title, orgUnit: 'v1' });
  expect(res.status).toBe(201);
  return res.body.caseId as string;
}

/** 村委办理 → 镇审核 → 办结 through the API. */
async function approvalRunsToItsEnd(title: string): Promise<void> {
  const caseId = await start('api-approval', title);
  const openTask = (who: string) =>
    eventually(async () => (await api.as(who).get(`/api/cases/${caseId}`)).body.tasks?.find((t: { status: string }) => t.status === 'open' || t.status === 'claimed')?.id as string | undefined, 60_000);
  const handle = await openTask('clerk1');
  expect((await api.as('clerk1').post(`/api/tasks/${caseId}/${handle}/complete`, { action: 'approve', data: { summary: '修路' } })).status).toBe(200);
  const review = await openTask('dept');
  expect((await api.as('dept').post(`/api/tasks/${caseId}/${review}/complete`, {})).status).toBe(200);
  await eventually(async () => (await api.as('clerk1').get(`/api/cases/${caseId}`)).body.status === 'completed', 60_000);
}

describe('a poisoned case hurts only itself', () => {
  it('the workflow tasks run in their own process, not in the API process', () => {
    const wp = api.stack.server.worker?.workflowProcess as WorkflowProcess;
    expect(wp?.pid).toBeGreaterThan(0);
    expect(wp.pid).not.toBe(process.pid);
  });

  it('a gateway loop and a CEL bomb started through the API: /healthz keeps answering, another case completes, both are on the stuck list', async () => {
    const loop = await start('gateway-loop', '空转的案件');
    const bomb = await start('cel-bomb', '表达式过大的案件');
    await approvalRunsToItsEnd('同时办理的正常案件');
    const stuck = await eventually(async () => {
      const items = (await api.as('sec').get('/api/monitor/stuck')).body.items as { caseId: string; reason: string; health: string }[];
      const l = items.find((i) => i.caseId === loop);
      const b = items.find((i) => i.caseId === bomb);
      return l && b ? { l, b } : undefined;
    }, 60_000);
    expect(stuck.l.reason).toMatch(/^自动环节循环超过上限/);
    expect(stuck.l.health).toBe('red');
    expect(stuck.b.reason).toMatch(/表达式计算量超过上限/);
    const detail = (await api.as('sec').get(`/api/cases/${loop}`)).body;
    expect(detail.healthReasons[0]).toMatch(/自动环节循环超过上限/);
    expect(detail.timeline.some((t: { type: string }) => t.type === 'case.incident')).toBe(true);
    expect(health.failures).toEqual([]);
    expect(health.worstMs).toBeLessThan(2000);
  });

  it('after the procedure is fixed and published as version 2, a supervisor resumes the case on it: it asks for the amount, then ends', async () => {
    const loop = await start('gateway-loop', '待修正的案件');
    await eventually(async () => ((await api.as('sec').get(`/api/cases/${loop}`)).body.incidents ?? []).some((i: { resolvedAt?: string }) => !i.resolvedAt), 60_000);
    // A clerk may not; the supervisor may.
    const clerk = await api.as('clerk1').post(`/api/cases/${loop}/resolve-incident`, { reason: '我来', useLatestVersion: true });
    expect(clerk.status).toBe(403);
    const version = await publishDefinition(api, gatewayLoopFixed(), '循环中加入补填金额');
    expect(version).toBe(2);
    const res = await api.as('sec').post(`/api/cases/${loop}/resolve-incident`, { reason: '流程已修正', useLatestVersion: true });
    expect(res.status).toBe(200);
    expect(res.body.state.definitionVersion).toBe(2);
    const fill = res.body.state.tasks.find((t: { nodeId: string; status: string }) => t.nodeId === 'fill' && t.status === 'open');
    expect(fill).toBeDefined();
    expect((await api.as('clerk1').post(`/api/tasks/${loop}/${fill.id}/complete`, { data: { amount: 120 } })).status).toBe(200);
    await eventually(async () => (await api.as('clerk1').get(`/api/cases/${loop}`)).body.outcome === 'done', 60_000);
    const again = await api.as('sec').post(`/api/cases/${loop}/resolve-incident`, { reason: '再来' });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('the workflow host process dies (as a crash in the sandbox would make it): /healthz keeps answering, the host comes back, cases go on', async () => {
    const wp = api.stack.server.worker?.workflowProcess as WorkflowProcess;
    const before = wp.pid!;
    const polls = health.polls;
    process.kill(before, 'SIGKILL');
    await eventually(async () => wp.crashes === 1 && wp.pid !== undefined && wp.pid !== before, 60_000);
    await wp.ready();
    await approvalRunsToItsEnd('宿主进程重启后的案件');
    expect(health.polls).toBeGreaterThan(polls);
    expect(health.failures).toEqual([]);
    expect(health.worstMs).toBeLessThan(2000);
  });
});
