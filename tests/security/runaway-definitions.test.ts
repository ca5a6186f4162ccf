/**
 * Issue 14, fault isolation: the definitions that froze the worker and took the process down
 * (a loop of gateways, nine nested comprehensions, a depth-8 expression) are refused by the
 * validator, and when one reaches a running case anyway (published before the rule, or started
 * directly on Temporal, as here) it stops only that case, with an incident a supervisor can
 * resolve after fixing the definition. Real Temporal dev server, the worker in this process: if
 * a case could still spin the workflow thread, this test file would die with it.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryDirectory, createMemoryNotifier } from '../../activities/index.js';
import { validateDefinition } from '../../dsl/validate.js';
import { completeUpdate, resolveIncidentUpdate } from '../../workflows/messages.js';
import type { CaseState } from '../../workflows/types.js';
import { AUTO_STEP_BUDGET } from '../../workflows/engine/auto-budget.js';
import { createTestWorker, startDevServer, testDataConverter, uniqueTaskQueue, workflowBundle } from '../../testkit/temporal.js';
import { approval } from '../workflow/fixtures/definitions.js';
import { actor, DIRECTORY, expectRejected, openTask, startCase, state, USERS, waitFor, waitForTask } from '../../testkit/case-harness.js';
import { projectionDb, type ProjectionDb } from '../../testkit/projection-db.js';
import { assignmentBomb, celBomb, gatewayLoop, gatewayLoopFixed, nestedAll, setDataBomb } from './fixtures/runaway.js';

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let proj: ProjectionDb;
const taskQueue = uniqueTaskQueue('runaway');

beforeAll(async () => {
  env = await startDevServer();
  proj = await projectionDb();
  worker = await createTestWorker(env, { taskQueue, deps: { directory: createMemoryDirectory(DIRECTORY, USERS), notifier: createMemoryNotifier(), projection: proj.store } });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await proj?.close();
});

const openIncident = (s: CaseState) => s.incidents?.find((i) => !i.resolvedAt);

/** A normal case, run to its end while the poisoned ones sit in the same worker. */
async function approvalCompletes(): Promise<void> {
  const h = await startCase(env, taskQueue, approval, { data: { summary: '修路', amount: 500 } });
  await h.executeUpdate(completeUpdate, { args: [{ actor: actor('init'), taskId: (await waitForTask(h, 'draft')).id }] });
  await h.executeUpdate(completeUpdate, { args: [{ actor: actor('li'), taskId: (await waitForTask(h, 'review')).id, action: 'approve' }] });
  expect(await h.result()).toMatchObject({ status: 'completed', outcome: 'adopted' });
}

describe('the validator refuses what used to take the system down', () => {
  it('start → g1 → g2 → g1 (while data.amount is null): a loop with no task, vote, publicity or timer is CYCLE_WITHOUT_WAIT', () => {
    const r = validateDefinition(gatewayLoop());
    expect(r.valid).toBe(false);
    const issue = r.issues.find((i) => i.code === 'CYCLE_WITHOUT_WAIT');
    expect(issue?.message).toMatch(/只有自动环节的循环/);
    expect(issue?.message).toContain('判断一');
    // The fix — ask a person for the amount inside the loop — is accepted.
    expect(validateDefinition(gatewayLoopFixed()).issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('nine nested [0..9].all(v, …) in an edge condition is EXPRESSION_TOO_COMPLEX, on the edge', () => {
    const r = validateDefinition(celBomb());
    const issue = r.issues.find((i) => i.code === 'EXPRESSION_TOO_COMPLEX');
    expect(issue).toMatchObject({ edgeId: 'b2', path: ['edges', 1, 'condition'] });
    expect(issue?.message).toMatch(/过于复杂/);
    // Two levels are fine.
    expect(validateDefinition(celBomb(nestedAll(2))).valid).toBe(true);
  });

  it('an assignment expression and a setData of depth 8 are refused the same way', () => {
    expect(validateDefinition(assignmentBomb()).issues.find((i) => i.code === 'EXPRESSION_TOO_COMPLEX')).toMatchObject({ path: ['nodes', 1, 'assignment', 'expr'] });
    expect(validateDefinition(setDataBomb()).issues.find((i) => i.code === 'EXPRESSION_TOO_COMPLEX')).toMatchObject({ nodeId: 'calc' });
  });
});

describe('what reaches a running case anyway stops only that case', () => {
  it(`the gateway loop stops itself after ${AUTO_STEP_BUDGET} automatic steps with 自动环节循环超过上限, red; a normal case in the same worker completes meanwhile`, async () => {
    const loop = await startCase(env, taskQueue, gatewayLoop());
    const s = await waitFor(loop, (x) => !!openIncident(x));
    const incident = openIncident(s)!;
    expect(incident.code).toBe('AUTO_LOOP_LIMIT');
    expect(incident.message).toMatch(/^自动环节循环超过上限/);
    expect(['g1', 'g2']).toContain(incident.nodeId);
    expect(s.status).toBe('running');
    expect(s.health).toBe('red');
    expect(s.healthReasons[0]).toMatch(/自动环节循环超过上限/);
    expect(s.timeline.filter((t) => t.type === 'case.incident')).toHaveLength(1);
    // It went round the loop, then stopped: about the budget's worth of node entries.
    expect(s.path.length).toBeGreaterThan(AUTO_STEP_BUDGET);
    expect(s.path.length).toBeLessThan(AUTO_STEP_BUDGET + 10);
    // The read model carries the incident (the monitor's stuck list reads it from the app database).
    const stuckRow = () => proj.db.query<{ incident: string | null; light: string }>('SELECT incident, light FROM proj_cases WHERE case_id = $1', [loop.workflowId]);
    let row = await stuckRow();
    for (let i = 0; i < 50 && !row[0]?.incident; i++) row = await new Promise((r) => setTimeout(r, 100)).then(stuckRow);
    expect(row[0]?.incident).toMatch(/^自动环节循环超过上限.*（停在「.+」）$/);
    expect(row[0]?.light).toBe('red');
    await approvalCompletes();
    // Still holding, not spinning: no more steps were taken.
    expect((await state(loop)).path.length).toBe(s.path.length);
    await loop.terminate('test done');
  });

  it('resolveIncident: only a supervisor, only with an incident open, only with a definition that fits the case', async () => {
    const loop = await startCase(env, taskQueue, gatewayLoop());
    await waitFor(loop, (x) => !!openIncident(x));
    await expectRejected(loop.executeUpdate(resolveIncidentUpdate, { args: [{ actor: actor('li'), reason: '修好了' }] }), 'NOT_SUPERVISOR');
    const otherProcedure = { ...celBomb('true'), version: 2 };
    const msg = await expectRejected(loop.executeUpdate(resolveIncidentUpdate, { args: [{ actor: actor('boss'), reason: '换流程', definition: otherProcedure }] }), 'DEFINITION_MISMATCH');
    expect(msg).toContain('另一个流程');
    // Still broken: the validator's refusal comes back.
    expect(await expectRejected(loop.executeUpdate(resolveIncidentUpdate, { args: [{ actor: actor('boss'), reason: '再试', definition: gatewayLoop(2) }] }), 'DEFINITION_MISMATCH')).toMatch(/只有自动环节的循环/);
    const normal = await startCase(env, taskQueue, approval);
    await waitForTask(normal, 'draft');
    await expectRejected(normal.executeUpdate(resolveIncidentUpdate, { args: [{ actor: actor('boss'), reason: '无事' }] }), 'NO_INCIDENT');
    await loop.terminate('test done');
    await normal.terminate('test done');
  });

  it('after the definition is fixed, a supervisor resolves the incident and the case goes on on version 2 to its end', async () => {
    const loop = await startCase(env, taskQueue, gatewayLoop());
    await waitFor(loop, (x) => !!openIncident(x));
    const r = await loop.executeUpdate(resolveIncidentUpdate, { args: [{ actor: actor('boss'), reason: '流程已修正为补填金额', definition: gatewayLoopFixed() }] });
    expect(r.state.definitionVersion).toBe(2);
    expect(r.state.incidents?.[0]).toMatchObject({ resolvedBy: 'boss' });
    expect(r.state.health).toBe('green');
    const fill = openTask(r.state, 'fill');
    await loop.executeUpdate(completeUpdate, { args: [{ actor: actor('init'), taskId: fill.id, data: { amount: 300 } }] });
    expect(await loop.result()).toMatchObject({ status: 'completed', outcome: 'done' });
    const types = (await state(loop)).timeline.map((t) => t.type);
    expect(types).toEqual(expect.arrayContaining(['case.incident', 'case.definitionReplaced', 'case.incidentResolved']));
    // The incident, the patch marker and the change of definition replay deterministically.
    const history = await loop.fetchHistory();
    expect(history.events?.some((e) => e.markerRecordedEventAttributes)).toBe(true);
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), dataConverter: await testDataConverter() }, history, loop.workflowId);
  });

  it('resolved as it is (the data set right by then), the case takes a fresh budget and loops again: each stop needs a person', async () => {
    const loop = await startCase(env, taskQueue, gatewayLoop());
    await waitFor(loop, (x) => !!openIncident(x));
    await loop.executeUpdate(resolveIncidentUpdate, { args: [{ actor: actor('boss'), reason: '重试' }] });
    const s = await waitFor(loop, (x) => (x.incidents ?? []).length === 2 && !!openIncident(x));
    expect(s.path.length).toBeGreaterThan(2 * AUTO_STEP_BUDGET);
    await loop.terminate('test done');
  });

  it('nine nested comprehensions in a condition: the case stops with EXPRESSION_BUDGET (not routed as if false), then goes on with the fixed condition', async () => {
    const t0 = Date.now();
    const bomb = await startCase(env, taskQueue, celBomb(), { data: { amount: 9 } });
    const s = await waitFor(bomb, (x) => !!openIncident(x));
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(openIncident(s)).toMatchObject({ code: 'EXPRESSION_BUDGET', nodeId: 'gw' });
    expect(openIncident(s)!.message).toMatch(/表达式计算量超过上限/);
    await approvalCompletes();
    await bomb.executeUpdate(resolveIncidentUpdate, { args: [{ actor: actor('boss'), reason: '条件已简化', definition: celBomb('data.amount > 5') }] });
    expect(await bomb.result()).toMatchObject({ status: 'completed', outcome: 'special' });
  });

  it('a setData building 10^8 elements stops with EXPRESSION_BUDGET at its node', async () => {
    const h = await startCase(env, taskQueue, setDataBomb());
    const s = await waitFor(h, (x) => !!openIncident(x));
    expect(openIncident(s)).toMatchObject({ code: 'EXPRESSION_BUDGET', nodeId: 'calc' });
    await h.terminate('test done');
  });

  it('an assignment expression of depth 8 fails its own case with a message, in milliseconds instead of freezing the worker', async () => {
    const h = await startCase(env, taskQueue, assignmentBomb());
    const s = await waitFor(h, (x) => x.status === 'failed', 30_000);
    expect(s.timeline.find((t) => t.type === 'case.error')?.comment).toMatch(/表达式计算量超过上限/);
    await approvalCompletes();
  });
});
