/**
 * The statutory cadences as cases (组织法 §21, §26, §30) on the time-skipping server: what one
 * scheduled case does in its period. The schedules themselves (one per village, pausable) are
 * tested against the API (tests/api/cadences.test.ts).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPeriod } from '../../activities/business-calendar.js';
import { startTimeSkipping } from '../../testkit/temporal.js';
import { complete, skipTo, startCase, startHarness, tally, taskAt, waitFor, waitForEnd, type Harness } from './harness.js';

let env: TestWorkflowEnvironment;
let h: Harness;

beforeAll(async () => {
  env = await startTimeSkipping();
  h = await startHarness(env, 'cadences');
});

afterAll(async () => {
  await h?.stop();
  await env?.teardown();
});

const C = 'vil_comm_jingshan';
const S = 'vil_superv_jingshan';

describe('村民代表会议 at least once a quarter (组织法 §26)', () => {
  it('村民代表会议: the quarter’s meeting is due 3 months after the period starts; not held by then → overdue, 督办 to the 包村干部 (the missed cadence)', async () => {
    const c = await startCase(h, 'daibiao-huiyi', { unit: 'v-jingshan', initiator: 'twn_liaison', data: { period_label: '本季度' }, searchAttributes: false });
    const t = await taskAt(c, 'meeting');
    expect(t.dueAt).toBe(addPeriod(t.createdAt, 3, 'months').end.toISOString());
    await skipTo(env, t.dueAt);
    const s = await waitFor(c, (x) => x.tasks.some((y) => y.id === t.id && y.escalated), '督办');
    expect(s.health).toBe('red');
    expect(h.notifier.sent.some((n) => n.caseId === c.workflowId && n.kind === 'escalation' && n.grants.some((g) => g.role === 'TWN_LIAISON'))).toBe(true);
    // Held late, it still counts as held.
    await tally(c, 'meeting', C, S, [{ entitled: 30, present: 21, all: 30, yes: 15, no: 6 }]);
    expect(await waitForEnd(c)).toMatchObject({ outcome: 'held' });
  });

  it('村民代表会议: 19 of 30 members is no meeting (组织法 §26 ⅔) — reconvened within the quarter', async () => {
    const c = await startCase(h, 'daibiao-huiyi', { unit: 'v-xiaogu', initiator: 'twn_liaison2', searchAttributes: false });
    await tally(c, 'meeting', 'vil_comm_xiaogu', 'vil_superv_xiaogu', [{ entitled: 30, present: 19, all: 30, yes: 19 }]);
    await complete(c, 'reconvene', 'vil_comm_xiaogu', 'reconvene');
    await tally(c, 'meeting', 'vil_comm_xiaogu', 'vil_superv_xiaogu', [{ entitled: 30, present: 20, all: 30, yes: 11, no: 9 }]);
    expect(await waitForEnd(c)).toMatchObject({ outcome: 'held' });
  });
});

describe('村务公开: at least quarterly, finance monthly (组织法 §30)', () => {
  it('村务公开: general affairs are due within 3 months, reviewed by the 监委会, posted for 7 days', async () => {
    const c = await startCase(h, 'cunwu-gongkai', { unit: 'v-jingshan', initiator: 'twn_liaison', searchAttributes: false });
    const t = await taskAt(c, 'prepare');
    expect(t.dueAt).toBe(addPeriod(t.createdAt, 3, 'months').end.toISOString());
    await complete(c, 'prepare', C, 'submit', { content: '第四季度村务：低保评定、宅基地安排、工程进度' });
    await complete(c, 'superv_review', S, 'approve', { review_opinion: '内容真实完整' });
    const s = await waitFor(c, (x) => x.publicity.some((p) => p.nodeId === 'publish'), '公布');
    await skipTo(env, s.publicity.find((p) => p.nodeId === 'publish')!.endsAt);
    expect(await waitForEnd(c)).toMatchObject({ outcome: 'published' });
  });

  it('村务公开: finance (集体财务往来较多) is due within 1 month; not published → overdue and 督办 to the 乡镇政府 (组织法 §30–31)', async () => {
    const c = await startCase(h, 'cunwu-gongkai', { unit: 'v-xiaogu', initiator: 'twn_liaison2', params: { kind: 'finance' }, searchAttributes: false });
    const t = await taskAt(c, 'prepare_finance');
    expect(t.nodeName).toBe('编制本月财务收支公开内容');
    expect(t.dueAt).toBe(addPeriod(t.createdAt, 1, 'months').end.toISOString());
    await skipTo(env, t.dueAt);
    await waitFor(c, (x) => x.tasks.some((y) => y.id === t.id && y.overdue), 'overdue');
    expect(h.notifier.sent.some((n) => n.caseId === c.workflowId && n.kind === 'escalation' && n.grants.some((g) => g.role === 'TWN_MAYOR'))).toBe(true);
    await c.terminate();
  });
});

describe('convening on request (组织法 §21, §26: 以上 includes the number)', () => {
  const request = async (data: Record<string, unknown>) => {
    const c = await startCase(h, 'zhaoji-tiyi', { unit: 'v-jingshan', initiator: C, searchAttributes: false });
    await complete(c, 'register', C, 'register', { subject: '讨论村集体资产处置', ...data });
    return c;
  };

  it.each([
    ['村民会议: 90 of 900 villagers (exactly 1/10) must be convened', { body: 'villagers', villager_signers: 90, villagers_total: 900 }, 'convene_villagers'],
    ['村民会议: 89 of 900 villagers is not enough', { body: 'villagers', villager_signers: 89, villagers_total: 900 }, 'insufficient'],
    ['村民会议: 10 of 30 村民代表 (exactly 1/3) must be convened', { body: 'villagers', rep_signers: 10, reps_total: 30 }, 'convene_villagers'],
    ['村民代表会议: 6 of 30 代表 (exactly 1/5) must be convened', { body: 'reps', rep_signers: 6, reps_total: 30 }, 'convene_reps'],
    ['村民代表会议: 5 of 30 代表 is not enough', { body: 'reps', rep_signers: 5, reps_total: 30 }, 'insufficient'],
  ])('提议召开 %s', async (_l, data, expected) => {
    const c = await request(data);
    if (expected === 'insufficient') {
      const end = await waitForEnd(c);
      expect(end.outcome).toBe('insufficient');
      expect(end.nodeOutputs.insufficient_notice).toMatchObject({ documentId: expect.stringMatching(/^DOC-/) });
      return;
    }
    await taskAt(c, expected);
    await c.terminate();
  });

  it('提议召开: the 村民会议 is held only after 10 days’ notice (组织法 §21)', async () => {
    const c = await request({ body: 'villagers', villager_signers: 120, villagers_total: 900 });
    await complete(c, 'convene_villagers', C, 'notified');
    const s = await waitFor(c, (x) => x.timeline.some((e) => e.type === 'timer.started' && e.nodeId === 'villagers_notice'), '通知期');
    const started = s.timeline.find((e) => e.type === 'timer.started' && e.nodeId === 'villagers_notice')!;
    const due = String((started.detail as { dueAt: string }).dueAt);
    expect(Date.parse(due) - Date.parse(started.at)).toBeGreaterThanOrEqual(10 * 86_400_000);
    await skipTo(env, due);
    await taskAt(c, 'villagers_meeting');
    await c.terminate();
  });
});
