/**
 * A paper-ballot meeting as the teller and the 监票人 work it (issue 18): the meeting's own fields
 * go with the tally, 退回重计 keeps the numbers and says why, and the decided meeting leaves a
 * 会议记录 among the case's documents (patch votes-ui-meeting-record). Real dev server.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryDirectory, createMemoryNoticeStore, createMemoryNotifier, type MemoryNoticeStore } from '../../activities/index.js';
import * as m from '../../workflows/messages.js';
import { createTestWorker, startDevServer, uniqueTaskQueue } from '../../testkit/temporal.js';
import { tallyMeeting } from './fixtures/definitions.js';
import { actor, DIRECTORY, expectRejected, historyLength, startCase, USERS, waitFor, waitForTask } from '../../testkit/case-harness.js';

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let notices: MemoryNoticeStore;
const taskQueue = uniqueTaskQueue('vote-record');

beforeAll(async () => {
  env = await startDevServer();
  notices = createMemoryNoticeStore();
  worker = await createTestWorker(env, { taskQueue, deps: { directory: createMemoryDirectory(DIRECTORY, USERS), notifier: createMemoryNotifier(), noticeStore: notices } });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

const named = (userId: string, name: string) => ({ ...actor(userId), name });

describe('a 村民代表会议 entered by the teller and checked by the 监票人', () => {
  it('the meeting\'s fields go with the tally: a missing required field is refused before anything is recorded', async () => {
    const h = await startCase(env, taskQueue, tallyMeeting);
    const t = await waitForTask(h, 'vote');
    const before = await historyLength(h);
    const groups = [{ entitled: 30, present: 21, yes: 12, no: 7, abstain: 2 }];
    await expectRejected(h.executeUpdate(m.submitTallyUpdate, { args: [{ actor: actor('teller'), taskId: t.id, groups, data: { kind: 'road' } }] }), 'INVALID_FORM');
    await expectRejected(h.executeUpdate(m.submitTallyUpdate, { args: [{ actor: actor('teller'), taskId: t.id, groups, data: { summary: '拓宽村道', nope: 1 } }] }), 'INVALID_FORM');
    expect(await historyLength(h)).toBe(before);
    await h.terminate('test done');
  });

  it('退回重计 keeps the numbers and the fields and says why; the corrected tally decides; the fields become case data', async () => {
    const h = await startCase(env, taskQueue, tallyMeeting);
    const t = await waitForTask(h, 'vote');
    const wrong = [{ entitled: 30, present: 21, yes: 21 }];
    const data = { summary: '村道拓宽 1.2 公里', kind: 'road' };
    const r1 = await h.executeUpdate(m.submitTallyUpdate, { args: [{ actor: named('teller', '沈建华'), taskId: t.id, groups: wrong, data }] });
    expect(r1.state.votes[0]).toMatchObject({ status: 'awaitingConfirmation', teller: 'teller', tellerName: '沈建华', pendingData: data });
    // Sending it back needs a reason; the teller cannot check their own count.
    await expectRejected(h.executeUpdate(m.confirmTallyUpdate, { args: [{ actor: actor('scrut'), taskId: t.id, confirm: false }] }), 'COMMENT_REQUIRED');
    await expectRejected(h.executeUpdate(m.confirmTallyUpdate, { args: [{ actor: actor('teller'), taskId: t.id, confirm: true }] }), 'SCRUTINEER_IS_TELLER');
    const back = await h.executeUpdate(m.confirmTallyUpdate, { args: [{ actor: named('scrut', '方丽娟'), taskId: t.id, confirm: false, comment: '反对 7 票、弃权 2 票漏记' }] });
    const returned = back.state.votes[0];
    expect(returned?.status).toBe('collecting');
    expect(returned?.returned).toMatchObject({ tally: [{ entitled: 30, present: 21, yes: 21 }], data, byName: '方丽娟', reason: '反对 7 票、弃权 2 票漏记' });
    // Nothing of the sent-back tally reached the case data.
    expect(back.state.data.summary).toBeUndefined();

    const right = [{ entitled: 30, present: 21, yes: 12, no: 7, abstain: 2 }];
    await h.executeUpdate(m.submitTallyUpdate, { args: [{ actor: named('teller', '沈建华'), taskId: t.id, groups: right, data }] });
    await h.executeUpdate(m.confirmTallyUpdate, { args: [{ actor: named('scrut', '方丽娟'), taskId: t.id, confirm: true }] });
    expect(await h.result()).toMatchObject({ outcome: 'passed', data: { summary: '村道拓宽 1.2 公里', kind: 'road' } });
    const s = await waitFor(h, (x) => !!x.votes[0]?.documentId, 'the meeting record');
    const vote = s.votes[0]!;
    expect(vote).toMatchObject({ status: 'decided', scrutineerName: '方丽娟' });
    expect(vote.decidedAt).toBeDefined();
    expect(s.tasks.find((x) => x.id === t.id)?.submitted).toEqual(data);
    expect(s.timeline.some((e) => e.type === 'service.notice' && e.detail?.documentId === vote.documentId && e.detail?.template === 'meeting-record')).toBe(true);
  });

  it('the 会议记录 states the meeting, 应到/实到 and the ratio, the method, the votes, the rule that decided, the people and a line to sign', async () => {
    const h = await startCase(env, taskQueue, tallyMeeting, { title: '村道拓宽工程' });
    const t = await waitForTask(h, 'vote');
    await h.executeUpdate(m.submitTallyUpdate, { args: [{ actor: named('teller', '沈建华'), taskId: t.id, groups: [{ entitled: 30, present: 21, yes: 12, no: 7, abstain: 2 }], data: { summary: '拓宽村道', kind: 'road' } }] });
    await h.executeUpdate(m.confirmTallyUpdate, { args: [{ actor: named('scrut', '方丽娟'), taskId: t.id, confirm: true }] });
    const s = await waitFor(h, (x) => !!x.votes[0]?.documentId, 'the meeting record');
    const doc = notices.notices.get(s.votes[0]!.documentId!);
    expect(doc).toMatchObject({ caseId: h.workflowId, nodeId: 'vote', template: 'meeting-record' });
    const text = doc!.text;
    expect(text).toContain('会议记录');
    expect(text).toContain('会议名称：村民代表会议票决（村民代表会议）');
    expect(text).toContain('议题：村道拓宽工程');
    expect(text).toContain('表决方式：当场计票（无记名投票）');
    expect(text).toContain('应到 30 人，实到 21 人，到会比例 21/30（70.0%）');
    expect(text).toContain('到会人数达到应到会人数的三分之二以上（≥ ⅔）（村民委员会组织法 第26条）');
    expect(text).toContain('赞成 12 票，反对 7 票，弃权 2 票');
    expect(text).toContain('表决结果：通过');
    expect(text).toMatch(/到会 21\/应到 30 ≥ ⅔ — 有效/);
    expect(text).toContain('事项：拓宽村道');
    expect(text).toContain('类别：道路');
    expect(text).toContain('计票人：沈建华　监票人：方丽娟');
    expect(text).toContain('参会人员（签名）');
  });

  it('a meeting short of its quorum is recorded too, as void', async () => {
    const h = await startCase(env, taskQueue, tallyMeeting);
    const t = await waitForTask(h, 'vote');
    await h.executeUpdate(m.submitTallyUpdate, { args: [{ actor: actor('teller'), taskId: t.id, groups: [{ entitled: 30, present: 19, yes: 15, no: 4 }], data: { summary: '拓宽村道' } }] });
    await h.executeUpdate(m.confirmTallyUpdate, { args: [{ actor: actor('scrut'), taskId: t.id, confirm: true }] });
    expect(await h.result()).toMatchObject({ outcome: 'no_quorum' });
    const s = await waitFor(h, (x) => !!x.votes[0]?.documentId, 'the meeting record');
    const text = notices.notices.get(s.votes[0]!.documentId!)!.text;
    expect(text).toContain('应到 30 人，实到 19 人，到会比例 19/30（63.3%）');
    expect(text).toContain('表决结果：未达到会议人数要求，会议无效');
  });
});
