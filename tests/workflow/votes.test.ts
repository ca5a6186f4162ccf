/**
 * The vote node on a real dev server: tally entry confirmed by a different user (scrutineer),
 * individual ballots (secret ones counted in the real ballot box, named ones in the case), and
 * 另行选举 after a tie.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryDirectory, createMemoryNotifier } from '../../activities/index.js';
import * as m from '../../workflows/messages.js';
import { createTestWorker, startDevServer, uniqueTaskQueue } from '../../testkit/temporal.js';
import { ballotVote, election, tallyVote } from './fixtures/definitions.js';
import { actor, DIRECTORY, expectRejected, historyLength, startCase, state, USERS, waitFor, waitForTask } from '../../testkit/case-harness.js';
import { openTestBallotBox, type TestBallotBox } from '../../testkit/ballot-box.js';
import { castIntoBox } from '../../db/ballot-box.js';
import { projectionDb, type ProjectionDb } from '../../testkit/projection-db.js';
import { openTasksAcrossCases } from '../../cli/commands/tasks.js';

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let box: TestBallotBox;
let proj: ProjectionDb;
const taskQueue = uniqueTaskQueue('votes');

beforeAll(async () => {
  env = await startDevServer();
  proj = await projectionDb();
  box = await openTestBallotBox();
  worker = await createTestWorker(env, { taskQueue, deps: { directory: createMemoryDirectory(DIRECTORY, USERS), notifier: createMemoryNotifier(), ballotBox: box.store, projection: proj.store } });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await proj?.close();
  await box?.close();
});

describe('tally entry with scrutineer confirmation (当场计票)', () => {
  it('村民代表会议: 20 of 30 present (exactly ⅔) is a quorum; 11 yes of 20 passes once the scrutineer confirms', async () => {
    const h = await startCase(env, taskQueue, tallyVote);
    const t = await waitForTask(h, 'vote');
    const groups = [{ entitled: 30, present: 20, yes: 11, no: 8, abstain: 1 }];
    const r1 = await h.executeUpdate(m.submitTallyUpdate, { args: [{ actor: actor('teller'), taskId: t.id, groups }] });
    expect(r1.state.votes[0]?.status).toBe('awaitingConfirmation');
    await expectRejected(h.executeUpdate(m.confirmTallyUpdate, { args: [{ actor: actor('teller'), taskId: t.id, confirm: true }] }), 'SCRUTINEER_IS_TELLER');
    await expectRejected(h.executeUpdate(m.confirmTallyUpdate, { args: [{ actor: actor('li'), taskId: t.id, confirm: true }] }), 'NOT_SCRUTINEER');
    const r2 = await h.executeUpdate(m.confirmTallyUpdate, { args: [{ actor: actor('scrut'), taskId: t.id, confirm: true }] });
    expect(r2.state.votes[0]?.result).toMatchObject({ outcome: 'passed', quorumMet: true });
    expect(await h.result()).toMatchObject({ outcome: 'passed' });
  });

  it('村民代表会议: 19 of 30 present is no quorum — routed to the no_quorum end', async () => {
    const h = await startCase(env, taskQueue, tallyVote);
    const t = await waitForTask(h, 'vote');
    await h.executeUpdate(m.submitTallyUpdate, { args: [{ actor: actor('teller'), taskId: t.id, groups: [{ entitled: 30, present: 19, yes: 19 }] }] });
    await h.executeUpdate(m.confirmTallyUpdate, { args: [{ actor: actor('scrut'), taskId: t.id, confirm: true }] });
    expect(await h.result()).toMatchObject({ outcome: 'no_quorum' });
  });

  it('exactly half of those present is not a majority (过半数 is strict)', async () => {
    const h = await startCase(env, taskQueue, tallyVote);
    const t = await waitForTask(h, 'vote');
    await h.executeUpdate(m.submitTallyUpdate, { args: [{ actor: actor('teller'), taskId: t.id, groups: [{ entitled: 30, present: 20, yes: 10, no: 10 }] }] });
    await h.executeUpdate(m.confirmTallyUpdate, { args: [{ actor: actor('scrut'), taskId: t.id, confirm: true }] });
    expect(await h.result()).toMatchObject({ outcome: 'rejected' });
  });

  it('the scrutineer sends a wrong tally back; inconsistent counts are rejected without a history event', async () => {
    const h = await startCase(env, taskQueue, tallyVote);
    const t = await waitForTask(h, 'vote');
    const before = await historyLength(h);
    await expectRejected(h.executeUpdate(m.submitTallyUpdate, { args: [{ actor: actor('teller'), taskId: t.id, groups: [{ entitled: 30, present: 31, yes: 1 }] }] }), 'TALLY_INVALID');
    await expectRejected(h.executeUpdate(m.submitTallyUpdate, { args: [{ actor: actor('li'), taskId: t.id, groups: [{ entitled: 30, present: 20, yes: 12 }] }] }), 'NOT_TELLER');
    await expectRejected(h.executeUpdate(m.confirmTallyUpdate, { args: [{ actor: actor('scrut'), taskId: t.id, confirm: true }] }), 'TALLY_NOT_SUBMITTED');
    expect(await historyLength(h)).toBe(before);
    await h.executeUpdate(m.submitTallyUpdate, { args: [{ actor: actor('teller'), taskId: t.id, groups: [{ entitled: 30, present: 20, yes: 2 }] }] });
    const back = await h.executeUpdate(m.confirmTallyUpdate, { args: [{ actor: actor('scrut'), taskId: t.id, confirm: false, comment: '赞成票数与票箱不符' }] });
    expect(back.state.votes[0]?.status).toBe('collecting');
    await h.executeUpdate(m.submitTallyUpdate, { args: [{ actor: actor('teller'), taskId: t.id, groups: [{ entitled: 30, present: 20, yes: 12 }] }] });
    await h.executeUpdate(m.confirmTallyUpdate, { args: [{ actor: actor('scrut'), taskId: t.id, confirm: true }] });
    expect(await h.result()).toMatchObject({ outcome: 'passed' });
  });
});

describe('individual ballots', () => {
  it('无记名: choices go into the ballot box, the case hears only who voted; each voter votes once; 3 yes of 5 passes', async () => {
    const h = await startCase(env, taskQueue, ballotVote(true));
    const t = await waitForTask(h, 'vote');
    // Every voter finds the vote in their inbox (the read model's actors) until they have voted.
    expect((await proj.whoMayAct(h.workflowId, t.id))?.actors).toEqual(['v1', 'v2', 'v3', 'v4', 'v5']);
    // The old way in — a choice as an update argument — is refused by the validator: it never enters history.
    const before = await historyLength(h);
    await expectRejected(h.executeUpdate(m.castBallotUpdate, { args: [{ actor: actor('v1'), taskId: t.id, choice: 'yes' }] }), 'OPERATION_NOT_ALLOWED');
    expect(await historyLength(h)).toBe(before);
    const choices = { v1: 'yes', v2: 'no', v3: 'yes', v4: 'abstain', v5: 'yes' } as const;
    for (const [u, c] of Object.entries(choices)) {
      expect(await box.vote(h, t.id, actor(u), c)).toBe('cast');
      const json = JSON.stringify(await state(h));
      expect(json).not.toMatch(/"(yes|no|abstain)"/);
    }
    expect(await box.vote(h, t.id, actor('v1'), 'no')).toBe('already-voted');
    await expectRejected(h.executeUpdate(m.recordVotedUpdate, { args: [{ actor: actor('v1'), taskId: t.id, round: 1 }] }), 'ALREADY_VOTED');
    // Nobody is left to vote: the vote is in no voter's inbox any more, only the teller's role.
    expect((await proj.whoMayAct(h.workflowId, t.id))?.actors).toEqual([]);
    await expectRejected(h.executeUpdate(m.recordVotedUpdate, { args: [{ actor: actor('li'), taskId: t.id, round: 1 }] }), 'NOT_A_VOTER');
    expect((await state(h)).votes[0]).toMatchObject({ ballotsCast: 5, voted: ['v1', 'v2', 'v3', 'v4', 'v5'], ballotBox: true });
    await expectRejected(h.executeUpdate(m.closeBallotUpdate, { args: [{ actor: actor('v1'), taskId: t.id }] }), 'NOT_TELLER');
    const closed = await h.executeUpdate(m.closeBallotUpdate, { args: [{ actor: actor('teller'), taskId: t.id }] });
    expect(closed.state.votes[0]?.result?.outcome).toBe('passed');
    // After the count: totals only, still nobody's choice.
    expect(closed.state.votes[0]?.tally).toMatchObject([{ entitled: 5, present: 5, yes: 3, no: 1, abstain: 1 }]);
    // The counts are the box's, not the teller's: no person is named next to them.
    const counted = closed.state.timeline.filter((e) => e.type === 'vote.round' || e.type === 'vote.decided');
    expect(counted.map((e) => [e.actor, e.actorName])).toEqual([
      ['system', '投票箱计票'],
      ['system', '投票箱计票'],
    ]);
    // The box is shut: a late ballot is not counted.
    expect(await castIntoBox(box.db, { caseId: h.workflowId, taskId: t.id, round: 1 }, 'default', 'v9', 'no')).toBe('closed');
    const s = JSON.stringify(await state(h));
    for (const u of Object.keys(choices)) expect(s).not.toMatch(new RegExp(`"${u}"\\s*:\\s*"(yes|no|abstain)"`));
    expect(await h.result()).toMatchObject({ outcome: 'passed' });
  });

  it('无记名: the teller cannot open the box on a single ballot (the count would be that voter’s choice)', async () => {
    const h = await startCase(env, taskQueue, ballotVote(true));
    const t = await waitForTask(h, 'vote');
    await box.vote(h, t.id, actor('v3'), 'no');
    const msg = await expectRejected(h.executeUpdate(m.closeBallotUpdate, { args: [{ actor: actor('teller'), taskId: t.id }] }), 'BALLOT_NOT_CLOSABLE');
    expect(msg).toMatch(/至少须有 2 票/);
    expect((await state(h)).votes[0]?.closeProblem).toMatch(/至少须有 2 票/);
    await box.vote(h, t.id, actor('v1'), 'yes');
    expect((await state(h)).votes[0]?.closeProblem).toBeUndefined();
    const closed = await h.executeUpdate(m.closeBallotUpdate, { args: [{ actor: actor('teller'), taskId: t.id }] });
    expect(closed.state.votes[0]?.tally).toMatchObject([{ present: 2, yes: 1, no: 1 }]);
  });

  it('无记名: a ballot whose "voted" never reached the case is counted, and its voter shown as voted, at close', async () => {
    const h = await startCase(env, taskQueue, ballotVote(true));
    const t = await waitForTask(h, 'vote');
    await box.vote(h, t.id, actor('v1'), 'yes');
    await box.vote(h, t.id, actor('v2'), 'yes');
    // As if the engine had been unreachable right after the API's transaction.
    expect(await castIntoBox(box.db, { caseId: h.workflowId, taskId: t.id, round: 1 }, 'default', 'v3', 'no')).toBe('cast');
    expect((await state(h)).votes[0]?.voted).toEqual(['v1', 'v2']);
    const closed = await h.executeUpdate(m.closeBallotUpdate, { args: [{ actor: actor('teller'), taskId: t.id }] });
    expect(closed.state.votes[0]).toMatchObject({ voted: ['v1', 'v2', 'v3'], tally: [{ present: 3, yes: 2, no: 1 }] });
    expect(closed.state.timeline.find((e) => e.type === 'vote.closed')?.detail).toEqual({ round: 1, ballots: 3 });
  });

  it('`jiceng tasks --as` across cases: a voter sees the ballot until voting, the 监票人 the count waiting for confirmation', async () => {
    /** The task ids of this case in the user's CLI inbox (visibility lists the case a moment after it starts). */
    const inbox = async (h: { workflowId: string }, userId: string) =>
      (await openTasksAcrossCases(env.client, actor(userId))).filter((x) => x.caseId === h.workflowId).map((x) => x.taskId);
    const seen = async (h: { workflowId: string }, userId: string, want: boolean) => {
      for (let i = 0; i < 100 && (await inbox(h, userId)).length > 0 !== want; i++) await new Promise((r) => setTimeout(r, 200));
      return inbox(h, userId);
    };
    const b = await startCase(env, taskQueue, ballotVote(false));
    const bt = await waitForTask(b, 'vote');
    expect(await seen(b, 'v1', true)).toEqual([bt.id]);
    await b.executeUpdate(m.castBallotUpdate, { args: [{ actor: actor('v1'), taskId: bt.id, choice: 'yes' }] });
    expect(await seen(b, 'v1', false)).toEqual([]);
    expect(await inbox(b, 'v2')).toEqual([bt.id]);
    await b.executeUpdate(m.closeBallotUpdate, { args: [{ actor: actor('teller'), taskId: bt.id }] });

    const c = await startCase(env, taskQueue, tallyVote);
    const ct = await waitForTask(c, 'vote');
    expect(await seen(c, 'teller', true)).toEqual([ct.id]);
    expect(await inbox(c, 'scrut')).toEqual([]);
    await c.executeUpdate(m.submitTallyUpdate, { args: [{ actor: actor('teller'), taskId: ct.id, groups: [{ entitled: 30, present: 20, yes: 12 }] }] });
    expect(await seen(c, 'scrut', true)).toEqual([ct.id]);
    await c.executeUpdate(m.confirmTallyUpdate, { args: [{ actor: actor('scrut'), taskId: ct.id, confirm: true }] });
    expect(await c.result()).toMatchObject({ outcome: 'passed' });
  });

  it('记名: a named vote shows who voted what', async () => {
    const h = await startCase(env, taskQueue, ballotVote(false));
    const t = await waitForTask(h, 'vote');
    await h.executeUpdate(m.castBallotUpdate, { args: [{ actor: actor('v1'), taskId: t.id, choice: 'no' }] });
    const r = await h.executeUpdate(m.castBallotUpdate, { args: [{ actor: actor('v2'), taskId: t.id, choice: 'yes' }] });
    expect(r.state.votes[0]?.namedChoices).toEqual({ v1: 'no', v2: 'yes' });
    await h.executeUpdate(m.closeBallotUpdate, { args: [{ actor: actor('teller'), taskId: t.id }] });
    expect(await h.result()).toMatchObject({ outcome: 'rejected' });
  });

  it('另行选举: a 2–2 tie is re-voted among the tied in a new box; the winner is written to the result field', async () => {
    const h = await startCase(env, taskQueue, election, { data: { candidates: ['张三', '李四', '王五'] } });
    const t = await waitForTask(h, 'vote');
    const round1: Record<string, string> = { v1: '张三', v2: '张三', v3: '李四', v4: '李四', v5: '王五' };
    for (const [u, c] of Object.entries(round1)) await box.vote(h, t.id, actor(u), [c]);
    const r1 = await h.executeUpdate(m.closeBallotUpdate, { args: [{ actor: actor('teller'), taskId: t.id }] });
    const v = r1.state.votes[0];
    expect(v?.round).toBe(2);
    expect(v?.candidates?.slice().sort()).toEqual(['张三', '李四'].sort());
    expect(v?.status).toBe('collecting');
    expect(v?.voted).toEqual([]);
    const round2: Record<string, string> = { v1: '张三', v2: '张三', v3: '李四', v4: '张三', v5: '李四' };
    for (const [u, c] of Object.entries(round2)) expect(await box.vote(h, t.id, actor(u), [c])).toBe('cast');
    await waitFor(h, (s) => s.votes[0]?.voted?.length === 5);
    await h.executeUpdate(m.closeBallotUpdate, { args: [{ actor: actor('teller'), taskId: t.id }] });
    const result = await h.result();
    expect(result.outcome).toBe('passed');
    expect(result.data.elected).toEqual(['张三']);
  });
});
