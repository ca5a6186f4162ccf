/**
 * The case writes its read model (workflows/engine/projection.ts) on a real dev server into a real
 * database (PGlite with the app's migrations): after every action the model equals the case's own
 * state and holds the sequence number the answer names; a database that refuses writes never fails
 * the case and is caught up by the next write; continue-as-new keeps the sequence growing.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryDirectory, createMemoryNotifier } from '../../activities/index.js';
import type { ProjectionWrite } from '../../activities/types.js';
import * as m from '../../workflows/messages.js';
import { operatorAttributes } from '../../workflows/search-attributes.js';
import { projectionMismatches } from '../../server/projection/verify.js';
import type { CaseInput } from '../../workflows/types.js';
import { createTestWorker, startDevServer, uniqueTaskQueue } from '../../testkit/temporal.js';
import { projectionDb, type ProjectionDb } from '../../testkit/projection-db.js';
import { approval } from './fixtures/definitions.js';
import { actor, DIRECTORY, openTask, ORG, state, USERS, waitFor, waitForTask, type CaseHandle } from '../../testkit/case-harness.js';

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let proj: ProjectionDb;
/** Writes the store refuses from now on (the database is down). */
let refuse = 0;
const refused: ProjectionWrite[] = [];
const taskQueue = uniqueTaskQueue('projection');

/** A case started as the API starts one. */
async function startLikeApi(title: string, extra: Partial<CaseInput> = {}): Promise<CaseHandle> {
  return env.client.workflow.start('caseWorkflow', {
    taskQueue,
    workflowId: `proj-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`,
    args: [{ definition: approval, title, org: ORG, initiator: actor('init'), data: { summary: title, amount: 1 }, ...extra } satisfies CaseInput],
    typedSearchAttributes: operatorAttributes(approval, ORG),
    memo: { title },
  }) as Promise<CaseHandle>;
}

const storedSeq = async (caseId: string) => Number((await proj.db.query<{ seq: string }>('SELECT seq FROM proj_cases WHERE case_id = $1', [caseId]))[0]?.seq ?? -1);

beforeAll(async () => {
  env = await startDevServer();
  proj = await projectionDb();
  const store = {
    async write(w: ProjectionWrite) {
      if (refuse > 0) {
        refuse -= 1;
        refused.push(w);
        throw new Error('数据库暂时不可用');
      }
      await proj.store.write(w);
    },
  };
  worker = await createTestWorker(env, { taskQueue, deps: { directory: createMemoryDirectory(DIRECTORY, USERS), notifier: createMemoryNotifier(), projection: store } });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await proj?.close();
});

describe('the read model follows the case', () => {
  it('after each action — 起草, 审核 退回, redraft, approve — the model equals the case, and holds the write the answer names', async () => {
    const h = await startLikeApi('修路 申请');
    const draft = await waitForTask(h, 'draft');
    expect(await projectionMismatches(proj.db, await state(h))).toEqual([]);
    const steps: [m.UpdateResult, string][] = [];
    const r1 = await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('init'), taskId: draft.id }] });
    steps.push([r1, 'draft']);
    // The answer names a write that is already stored (the write precedes the answer).
    expect(r1.projectionSeq).toBeGreaterThan(0);
    expect(await storedSeq(h.workflowId)).toBeGreaterThanOrEqual(r1.projectionSeq!);
    const review = openTask(r1.state, 'review');
    const r2 = await h.executeUpdate(m.returnUpdate, { args: [{ actor: actor('li'), taskId: review.id, toNodeId: 'draft', reason: '请补充' }] });
    expect(await storedSeq(h.workflowId)).toBeGreaterThanOrEqual(r2.projectionSeq!);
    expect(r2.projectionSeq).toBeGreaterThan(r1.projectionSeq!);
    const r3 = await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('init'), taskId: openTask(r2.state, 'draft').id }] });
    const r4 = await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('wang'), taskId: openTask(r3.state, 'review').id, action: 'approve' }] });
    expect(await storedSeq(h.workflowId)).toBeGreaterThanOrEqual(r4.projectionSeq!);
    expect(await h.result()).toMatchObject({ status: 'completed', outcome: 'adopted' });
    const final = await state(h);
    expect(await projectionMismatches(proj.db, final)).toEqual([]);
    const [row] = await proj.db.query<Record<string, unknown>>('SELECT status, outcome, stage, open_tasks, closed_at, light FROM proj_cases WHERE case_id = $1', [h.workflowId]);
    expect(row).toMatchObject({ status: 'completed', outcome: 'adopted', stage: '已办结', open_tasks: 0, light: 'green' });
    const tasks = await proj.db.query<Record<string, unknown>>('SELECT node_id, status, completed_by, operation, actors FROM proj_tasks WHERE case_id = $1 ORDER BY created_at', [h.workflowId]);
    expect(tasks).toEqual([
      { node_id: 'draft', status: 'done', completed_by: 'init', operation: 'complete', actors: [] },
      { node_id: 'review', status: 'cancelled', completed_by: null, operation: null, actors: [] },
      { node_id: 'draft', status: 'done', completed_by: 'init', operation: 'complete', actors: [] },
      { node_id: 'review', status: 'done', completed_by: 'wang', operation: 'approve', actors: [] },
    ]);
    // 退回 is in the timeline, entry by entry, in order.
    const types = (await proj.db.query<{ type: string }>('SELECT type FROM proj_timeline WHERE case_id = $1 ORDER BY idx', [h.workflowId])).map((r) => r.type);
    expect(types).toEqual(final.timeline.map((e) => e.type));
    expect(types).toContain('task.returned');
    void steps;
  });

  it('a database that refuses writes never fails the case; the next write sends everything and the model catches up', async () => {
    const h = await startLikeApi('停电期间的案件');
    const r1 = await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('init'), taskId: (await waitForTask(h, 'draft')).id }] });
    const review = openTask(r1.state, 'review');
    const before = await storedSeq(h.workflowId);
    refuse = 4; // every attempt of the next write (4 in the local activity's retry policy)
    const claimed = await h.executeUpdate(m.claimUpdate, { args: [{ actor: actor('li'), taskId: review.id }] });
    expect(refused.map((w) => w.seq)).toEqual([before + 1, before + 1, before + 1, before + 1]);
    expect(claimed.state.tasks.find((t) => t.id === review.id)).toMatchObject({ status: 'claimed', claimedBy: 'li' });
    // The model missed the claim; the case did not notice.
    expect(await storedSeq(h.workflowId)).toBe(before);
    expect(await projectionMismatches(proj.db, await state(h))).toContainEqual(expect.stringContaining('claimant'));
    // Its next write carries every task and the whole timeline again.
    const r2 = await h.executeUpdate(m.commentUpdate, { args: [{ actor: actor('li'), taskId: review.id, comment: '来电后补记' }] });
    expect(r2.projectionSeq).toBe(before + 2);
    expect(await projectionMismatches(proj.db, await state(h))).toEqual([]);
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: review.id, action: 'approve' }] });
    expect(await h.result()).toMatchObject({ status: 'completed' });
  });

  it('continue-as-new: the next run writes on from the sequence number the last run reached', async () => {
    const h = await startLikeApi('长历史案件', { continueAsNewAfterEvents: 40 });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('init'), taskId: (await waitForTask(h, 'draft')).id }] });
    const review = await waitForTask(h, 'review');
    await h.executeUpdate(m.claimUpdate, { args: [{ actor: actor('li'), taskId: review.id }] });
    let last = 0;
    for (let i = 1; i <= 8; i++) {
      const r = await h.executeUpdate(m.commentUpdate, { args: [{ actor: actor('li'), taskId: review.id, comment: `意见 ${i}` }] });
      expect(r.projectionSeq).toBeGreaterThan(last);
      last = r.projectionSeq!;
    }
    const after = await waitFor(h, () => true);
    const desc = await h.describe();
    expect(desc.runId).not.toBe((h as unknown as { firstExecutionRunId: string }).firstExecutionRunId);
    const r = await h.executeUpdate(m.commentUpdate, { args: [{ actor: actor('li'), taskId: review.id, comment: '换届后的意见' }] });
    expect(r.projectionSeq).toBeGreaterThan(last);
    expect(await storedSeq(h.workflowId)).toBe(r.projectionSeq);
    expect(await projectionMismatches(proj.db, await state(h))).toEqual([]);
    void after;
  });
});
