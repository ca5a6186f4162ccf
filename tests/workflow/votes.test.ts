/**
 * The vote node on a real dev server: tally entry confirmed by a different user (scrutineer),
 * individual ballots (secret and named), and 另行选举 after a tie.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryDirectory, createMemoryNotifier } from '../../activities/index.js';
import * as m from '../../workflows/messages.js';
import { createTestWorker, startDevServer, uniqueTaskQueue } from '../../testkit/temporal.js';
import { ballotVote, election, tallyVote } from './fixtures/definitions.js';
import { actor, DIRECTORY, expectRejected, historyLength, startCase, state, USERS, waitForTask } from '../../testkit/case-harness.js';

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueTaskQueue('votes');

beforeAll(async () => {
  env = await startDevServer();
  worker = await createTestWorker(env, { taskQueue, deps: { directory: createMemoryDirectory(DIRECTORY, USERS), notifier: createMemoryNotifier() } });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
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
  it('无记名: the state never links a voter to a choice; each voter votes once; 3 yes of 5 passes', async () => {
    const h = await startCase(env, taskQueue, ballotVote(true));
    const t = await waitForTask(h, 'vote');
    // Every voter finds the vote in their inbox (JcAssignees) until they have voted.
    const inbox = (await h.describe()).typedSearchAttributes.getAll().find((p) => p.key.name === 'JcAssignees')?.value;
    expect(inbox).toEqual(['v1', 'v2', 'v3', 'v4', 'v5']);
    const choices = { v1: 'yes', v2: 'no', v3: 'yes', v4: 'abstain', v5: 'yes' } as const;
    for (const [u, c] of Object.entries(choices)) {
      const r = await h.executeUpdate(m.castBallotUpdate, { args: [{ actor: actor(u), taskId: t.id, choice: c }] });
      const json = JSON.stringify(r.state);
      expect(json).not.toMatch(/"(yes|no|abstain)"/);
      expect(r.state.votes[0]?.namedChoices).toBeUndefined();
    }
    await expectRejected(h.executeUpdate(m.castBallotUpdate, { args: [{ actor: actor('v1'), taskId: t.id, choice: 'no' }] }), 'ALREADY_VOTED');
    // Nobody is left to vote: the vote is in no voter's inbox any more, only the teller's role.
    const sa = (await h.describe()).typedSearchAttributes.getAll();
    expect(sa.find((p) => p.key.name === 'JcAssignees')?.value ?? []).toEqual([]);
    await expectRejected(h.executeUpdate(m.castBallotUpdate, { args: [{ actor: actor('li'), taskId: t.id, choice: 'no' }] }), 'NOT_A_VOTER');
    expect((await state(h)).votes[0]?.ballotsCast).toBe(5);
    await expectRejected(h.executeUpdate(m.closeBallotUpdate, { args: [{ actor: actor('v1'), taskId: t.id }] }), 'NOT_TELLER');
    const closed = await h.executeUpdate(m.closeBallotUpdate, { args: [{ actor: actor('teller'), taskId: t.id }] });
    expect(closed.state.votes[0]?.result?.outcome).toBe('passed');
    // After the count: totals only, still nobody's choice.
    expect(closed.state.votes[0]?.tally).toMatchObject([{ yes: 3, no: 1, abstain: 1 }]);
    const s = JSON.stringify(await state(h));
    for (const u of Object.keys(choices)) expect(s).not.toMatch(new RegExp(`"${u}"\\s*:\\s*"(yes|no|abstain)"`));
    expect(await h.result()).toMatchObject({ outcome: 'passed' });
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

  it('另行选举: a 2–2 tie is re-voted among the tied; the winner is written to the result field', async () => {
    const h = await startCase(env, taskQueue, election, { data: { candidates: ['张三', '李四', '王五'] } });
    const t = await waitForTask(h, 'vote');
    await expectRejected(h.executeUpdate(m.castBallotUpdate, { args: [{ actor: actor('v1'), taskId: t.id, choice: ['张三', '李四'] }] }), 'BALLOT_INVALID');
    await expectRejected(h.executeUpdate(m.castBallotUpdate, { args: [{ actor: actor('v1'), taskId: t.id, choice: ['赵六'] }] }), 'BALLOT_INVALID');
    const round1: Record<string, string> = { v1: '张三', v2: '张三', v3: '李四', v4: '李四', v5: '王五' };
    for (const [u, c] of Object.entries(round1)) await h.executeUpdate(m.castBallotUpdate, { args: [{ actor: actor(u), taskId: t.id, choice: [c] }] });
    const r1 = await h.executeUpdate(m.closeBallotUpdate, { args: [{ actor: actor('teller'), taskId: t.id }] });
    const v = r1.state.votes[0];
    expect(v?.round).toBe(2);
    expect(v?.candidates?.slice().sort()).toEqual(['张三', '李四'].sort());
    expect(v?.status).toBe('collecting');
    const round2: Record<string, string> = { v1: '张三', v2: '张三', v3: '李四', v4: '张三', v5: '李四' };
    for (const [u, c] of Object.entries(round2)) await h.executeUpdate(m.castBallotUpdate, { args: [{ actor: actor(u), taskId: t.id, choice: [c] }] });
    await h.executeUpdate(m.closeBallotUpdate, { args: [{ actor: actor('teller'), taskId: t.id }] });
    const result = await h.result();
    expect(result.outcome).toBe('passed');
    expect(result.data.elected).toEqual(['张三']);
  });
});
