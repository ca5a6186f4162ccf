/**
 * Migration of running cases to another version (issue 19), on the time-skipping test server: a
 * case waiting on a task, on a timer, inside a parallel branch and on a vote is moved to a corrected
 * version by the `migrate` update — not restarted: its history, timeline and clock anchors stay, its
 * tokens are re-mapped, the dry run (`migrationPlan` query) says what will happen and refuses what
 * cannot be migrated safely.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPeriod } from '../../activities/business-calendar.js';
import { createMemoryDirectory, createMemoryNotifier } from '../../activities/index.js';
import type { Definition } from '../../dsl/schema.js';
import * as m from '../../workflows/messages.js';
import type { CaseState } from '../../workflows/types.js';
import { createTestWorker, startTimeSkipping, uniqueTaskQueue } from '../../testkit/temporal.js';
import { actor, DIRECTORY, expectRejected, openTask, startCase, state, USERS, waitFor, waitForTask, type CaseHandle } from '../../testkit/case-harness.js';
import {
  anchoredIntake,
  anchoredIntakeV2,
  intake,
  intakeV2,
  intakeV3,
  meeting,
  meetingV2,
  parallel,
  parallelV2,
  parallelV3,
  PROC_ADMIN,
  waiting,
  waitingV2,
  waitingV3,
} from './fixtures/migration-definitions.js';

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueTaskQueue('migrate');
const DAY = 24 * 3600_000;
const days = (from: string, n: number) => addPeriod(from, n, 'calendarDays').end.toISOString();

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

const start = (d: Definition) => startCase(env, taskQueue, d, { searchAttributes: false });
const plan = (h: CaseHandle, definition: Definition, mapping: Record<string, string> = {}) => h.query(m.migrationPlanQuery, { fromVersion: 1, definition, mapping });
const migrate = (h: CaseHandle, definition: Definition, mapping: Record<string, string> = {}, who = PROC_ADMIN) =>
  h.executeUpdate(m.migrateUpdate, { args: [{ actor: who, reason: '按新版本办理', fromVersion: 1, definition, mapping }] });
const open = (s: CaseState) => s.tasks.filter((t) => t.status === 'open' || t.status === 'claimed');

describe('migration of a case waiting on a task', () => {
  it('受理 keeps its task and its start, gets the new name, the 10-day period counted from when it opened and the new role; who, when and why are in the timeline', async () => {
    const h = await start(intake);
    const accept = await waitForTask(h, 'accept');
    await env.sleep(2 * DAY);

    const dry = await plan(h, intakeV2);
    expect(dry.ok).toBe(true);
    expect(dry.moves).toEqual([{ tokenId: 't0', from: { id: 'accept', name: '受理' }, to: { id: 'accept', name: '受理审查' }, mode: 'keep' }]);
    expect(dry.changes.map((c) => c.kind).sort()).toEqual(['assignees', 'deadline', 'renamed']);
    expect((await state(h)).definitionVersion).toBe(1); // the dry run changed nothing

    const { state: s } = await migrate(h, intakeV2);
    expect(s.definitionVersion).toBe(2);
    const task = openTask(s, 'accept');
    expect(task.id).toBe(accept.id);
    expect(task.nodeName).toBe('受理审查');
    expect(task.dueAt).toBe(days(accept.createdAt, 10));
    expect(task.candidateGrants).toEqual([{ role: 'VIL_SEC', orgUnit: 'v1' }]);
    const entry = s.timeline.find((e) => e.type === 'case.migrated');
    expect(entry).toMatchObject({ actor: 'designer', actorName: '沈雅琴', comment: '按新版本办理', detail: { from: 1, to: 2 } });
    expect(s.ledger).toContainEqual(expect.objectContaining({ kind: 'migrate', taskId: accept.id, from: accept.dueAt, to: days(accept.createdAt, 10), actor: 'designer' }));

    // The new assignment holds: the 村委委员 can no longer complete it, the 村党组织书记 can.
    await expectRejected(h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: accept.id }] }), 'NOT_ASSIGNEE');
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('chen'), taskId: accept.id }] });
    const after = await waitForTask(h, 'handle');
    expect(after.dueAt).toBe(days(after.createdAt, 30));
    // Applied once: the case is on version 2 now.
    await expectRejected(migrate(h, intakeV2), 'MIGRATION_REFUSED');
  });

  it('only a 流程管理员 of the case\'s unit or above may migrate it', async () => {
    const h = await start(intake);
    await waitForTask(h, 'accept');
    await expectRejected(migrate(h, intakeV2, {}, actor('boss')), 'NOT_PROCESS_ADMIN');
    expect((await state(h)).definitionVersion).toBe(1);
  });

  it('a removed node needs a target: refused without one; mapped, the case goes on at 办理 and 受理\'s task is cancelled', async () => {
    const h = await start(intake);
    const accept = await waitForTask(h, 'accept');
    const refused = await plan(h, intakeV3);
    expect(refused.ok).toBe(false);
    expect(refused.refusals).toContainEqual(expect.objectContaining({ code: 'NO_TARGET', message: expect.stringContaining('「受理」在新版本中已删除') }));
    await expectRejected(migrate(h, intakeV3), 'MIGRATION_REFUSED');

    const { state: s } = await migrate(h, intakeV3, { accept: 'handle' });
    expect(s.definitionVersion).toBe(3);
    expect(s.tasks.find((t) => t.id === accept.id)?.status).toBe('cancelled');
    const handle = openTask(s, 'handle');
    expect(handle.dueAt).toBe(days(handle.createdAt, 30));
    expect(s.currentNodes.map((n) => n.nodeId)).toEqual(['handle']);
  });
});

describe('migration of a case waiting on a timer', () => {
  it('the 冷静期 shortened to 3 days ends 3 days after it started, not 10', async () => {
    const h = await start(waiting);
    const s0 = await waitFor(h, (x) => x.timeline.some((e) => e.type === 'timer.started'), 'timer started');
    const startedAt = s0.timeline.find((e) => e.type === 'timer.started')!.at;
    const dry = await plan(h, waitingV2);
    expect(dry.ok).toBe(true);
    expect(dry.changes).toEqual([expect.objectContaining({ kind: 'timer', fromDue: days(startedAt, 10) })]);

    const { state: s } = await migrate(h, waitingV2);
    expect(s.timeline.find((e) => e.type === 'task.migrated')?.detail).toEqual({ dueFrom: days(startedAt, 10), dueTo: days(startedAt, 3) });
    expect(s.tasks).toEqual([]);
    await env.sleep(Date.parse(days(startedAt, 3)) - (await env.currentTimeMs()) + 60_000);
    const visit = await waitForTask(h, 'visit');
    expect(Date.parse(visit.createdAt)).toBeGreaterThanOrEqual(Date.parse(days(startedAt, 3)));
    expect(Date.parse(visit.createdAt)).toBeLessThan(Date.parse(days(startedAt, 10)));
  });

  it('a removed timer mapped to 回访: the wait stops and 回访 opens at once', async () => {
    const h = await start(waiting);
    await waitFor(h, (x) => x.timeline.some((e) => e.type === 'timer.started'), 'timer started');
    const { state: s } = await h.executeUpdate(m.migrateUpdate, { args: [{ actor: PROC_ADMIN, reason: '取消冷静期', fromVersion: 1, definition: waitingV3, mapping: { wait: 'visit' } }] });
    expect(s.definitionVersion).toBe(3);
    expect(open(s).map((t) => t.nodeId)).toEqual(['visit']);
  });
});

describe('migration of a case inside a parallel branch', () => {
  it('书记意见 → 书记审阅 within the same block: the other branch is kept, the branch v2 adds is reported and never runs', async () => {
    const h = await start(parallel);
    const s0 = await waitFor(h, (x) => open(x).length === 2, 'both branches open');
    const a0 = openTask(s0, 'a0');
    const dry = await plan(h, parallelV2, { b: 'b2' });
    expect(dry.ok).toBe(true);
    expect(dry.moves.map((mv) => [mv.from.id, mv.to.id, mv.mode]).sort()).toEqual([
      ['a0', 'a0', 'keep'],
      ['b', 'b2', 'move'],
    ]);
    expect(dry.changes).toContainEqual({ kind: 'branchNotRun', node: { id: 'c', name: '镇里备案' } });

    const { state: s } = await migrate(h, parallelV2, { b: 'b2' });
    expect(s.tasks.find((t) => t.nodeId === 'b')?.status).toBe('cancelled');
    expect(openTask(s, 'a0').id).toBe(a0.id);
    const b2 = openTask(s, 'b2');
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('chen'), taskId: b2.id, action: 'ok' }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('wang'), taskId: a0.id }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: (await waitForTask(h, 'a')).id }] });
    const end = await waitFor(h, (x) => x.status === 'completed', 'case completed');
    expect(end.outcome).toBe('done');
    expect(end.tasks.some((t) => t.nodeId === 'c')).toBe(false);
  });

  it('a version without the parallel block is refused for both branches, and nothing changes', async () => {
    const h = await start(parallel);
    await waitFor(h, (x) => open(x).length === 2, 'both branches open');
    const dry = await plan(h, parallelV3);
    expect(dry.ok).toBe(false);
    expect(dry.refusals.filter((r) => r.code === 'PARALLEL_BRANCH').map((r) => r.node?.id).sort()).toEqual(['a0', 'b']);
    expect(dry.refusals[0]?.message).toContain('新版本中没有对应的并行分支');
    const msg = await expectRejected(migrate(h, parallelV3), 'MIGRATION_REFUSED');
    expect(msg).toContain('并行分支');
    const s = await state(h);
    expect(s.definitionVersion).toBe(1);
    expect(open(s).map((t) => t.nodeId).sort()).toEqual(['a0', 'b']);
  });

  it('a branch mapped to its join ends there (a lost branch): the case finishes with the other one', async () => {
    const h = await start(parallel);
    const s0 = await waitFor(h, (x) => open(x).length === 2, 'both branches open');
    const dry = await plan(h, parallelV2, { b: 'join' });
    expect(dry.changes).toContainEqual({ kind: 'branchEnded', node: { id: 'b', name: '书记意见' }, join: { id: 'join', name: '汇总' } });
    const { state: s } = await migrate(h, parallelV2, { b: 'join' });
    expect(open(s).map((t) => t.nodeId)).toEqual(['a0']);
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('wang'), taskId: openTask(s0, 'a0').id }] });
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: (await waitForTask(h, 'a')).id }] });
    expect((await waitFor(h, (x) => x.status === 'completed', 'case completed')).outcome).toBe('done');
  });

  it('a branch moved outside its block is refused', async () => {
    const h = await start(parallel);
    await waitFor(h, (x) => open(x).length === 2, 'both branches open');
    const dry = await plan(h, parallelV2, { b: 'done' });
    expect(dry.ok).toBe(false);
    expect(dry.refusals.map((r) => r.code)).toContain('NO_TARGET'); // an end node is no target
  });
});

describe('migration of a case waiting on a vote', () => {
  it('an open vote with a tally entered is refused (the rule would change mid-count)', async () => {
    const h = await start(meeting);
    const t = await waitForTask(h, 'vote');
    await h.executeUpdate(m.submitTallyUpdate, { args: [{ actor: actor('teller'), taskId: t.id, groups: [{ entitled: 30, present: 20, yes: 12, no: 8 }] }] });
    const dry = await plan(h, meetingV2);
    expect(dry.ok).toBe(false);
    expect(dry.refusals).toEqual([expect.objectContaining({ code: 'OPEN_VOTE', node: { id: 'vote', name: '村民代表会议表决' } })]);
    expect(await expectRejected(migrate(h, meetingV2), 'MIGRATION_REFUSED')).toContain('表决正在进行');
    expect((await state(h)).definitionVersion).toBe(1);
  });

  it('a vote nobody has voted in reopens under the new rule: 12 of 20 present no longer passes (≥ ⅔)', async () => {
    const h = await start(meeting);
    const t = await waitForTask(h, 'vote');
    const dry = await plan(h, meetingV2);
    expect(dry.changes).toEqual([{ kind: 'reopened', node: { id: 'vote', name: '村民代表会议表决' } }]);
    const { state: s } = await migrate(h, meetingV2);
    expect(s.tasks.find((x) => x.id === t.id)?.status).toBe('cancelled');
    const again = openTask(s, 'vote');
    expect(again.id).not.toBe(t.id);
    await h.executeUpdate(m.submitTallyUpdate, { args: [{ actor: actor('teller'), taskId: again.id, groups: [{ entitled: 30, present: 20, yes: 12, no: 8 }] }] });
    await h.executeUpdate(m.confirmTallyUpdate, { args: [{ actor: actor('scrut'), taskId: again.id, confirm: true }] });
    const end = await waitFor(h, (x) => x.status === 'completed', 'case completed');
    expect(end.outcome).toBe('rejected');
  });
});

describe('statutory clocks keep their anchors', () => {
  it('办理 shortened to 30 days counts from 受理\'s completion recorded before the migration, with the same 90-day cap', async () => {
    const h = await start(anchoredIntake);
    const accept = await waitForTask(h, 'accept');
    await env.sleep(2 * DAY);
    await h.executeUpdate(m.completeUpdate, { args: [{ actor: actor('li'), taskId: accept.id }] });
    const s1 = await waitFor(h, (x) => x.tasks.some((t) => t.nodeId === 'handle'), 'handle open');
    const acceptedAt = s1.clockEvents!['completed:accept']!;
    expect(openTask(s1, 'handle').dueAt).toBe(days(acceptedAt, 60));
    await env.sleep(5 * DAY);

    const { state: s } = await migrate(h, anchoredIntakeV2);
    const handle = openTask(s, 'handle');
    expect(handle.dueAt).toBe(days(acceptedAt, 30));
    expect(handle.clock).toMatchObject({ from: acceptedAt, capFrom: acceptedAt, capAt: days(acceptedAt, 90) });
    expect(s.clockEvents).toMatchObject(s1.clockEvents!);
  });
});
