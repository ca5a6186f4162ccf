/**
 * 两村两会 (procedures.md §6.1, SEED:003): a village year on the time-skipping server — the
 * joint meeting's double quorum, quarterly progress, the 60% satisfaction sanction.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTimeSkipping } from '../../testkit/temporal.js';
import { complete, skipTo, startCase, startHarness, state, tally, taskAt, waitFor, waitForEnd, type CaseHandle, type Harness } from './harness.js';

let env: TestWorkflowEnvironment;
let h: Harness;

beforeAll(async () => {
  env = await startTimeSkipping();
  h = await startHarness(env, 'liangcun');
});

afterAll(async () => {
  await h?.stop();
  await env?.teardown();
});

const P = 'vil_party_jingshan';
const C = 'vil_comm_jingshan';
const S = 'vil_superv_jingshan';

async function toFirstMeeting(): Promise<CaseHandle> {
  const c = await startCase(h, 'liangcun-lianghui', { unit: 'v-jingshan', initiator: 'twn_liaison', data: { year: 2027 }, searchAttributes: false });
  await complete(c, 'survey', 'twn_liaison', 'done', { survey_record: '户主会议6场' });
  await complete(c, 'classify', P, 'done', { key_issues: [{ issue: '礼堂改扩建', kind: 'hotspot', owner: '俞国平', due: '2027-10-31' }] });
  await taskAt(c, 'first_meeting');
  return c;
}

/** Joint meeting: 党员 and 村民代表 tallied separately. */
const joint = (party: [number, number, number], reps: [number, number, number]) => [
  { group: 'dangyuan', entitled: party[0], present: party[1], yes: party[2], no: party[1] - party[2] },
  { group: 'daibiao', entitled: reps[0], present: reps[1], yes: reps[2], no: reps[1] - reps[2] },
];

async function nextTimer(c: CaseHandle, count: number): Promise<void> {
  const s = await waitFor(c, (x) => x.timeline.filter((e) => e.type === 'timer.started' && e.nodeId === 'quarter_wait').length === count, `quarter timer ${count}`);
  const started = s.timeline.filter((e) => e.type === 'timer.started' && e.nodeId === 'quarter_wait').at(-1)!;
  await skipTo(env, (started.detail as { dueAt: string }).dueAt);
}

describe('两村两会 (SEED:003)', () => {
  it('两村两会: exactly ½ of 党员 and exactly ⅔ of 村民代表 is a quorum; commitments published, progress every quarter, second meeting, 满意率 59% → 书记、主任 barred from next year’s 评先评优', async () => {
    const c = await toFirstMeeting();
    // 20/40 党员 (exactly ½) and 20/30 代表 (exactly ⅔); 21 of the 40 present agree (> ½ of all present).
    const s1 = await tally(c, 'first_meeting', C, S, joint([40, 20, 11], [30, 20, 10]));
    expect(s1.votes.find((v) => v.nodeId === 'first_meeting')?.result).toMatchObject({ outcome: 'passed', quorumMet: true });
    const pub = await waitFor(c, (x) => x.publicity.length === 1, '承诺公开');
    await skipTo(env, pub.publicity[0]!.endsAt);
    await nextTimer(c, 1);
    const q1 = await taskAt(c, 'quarter_report');
    const s = await state(c);
    const timerStart = s.timeline.find((e) => e.type === 'timer.started' && e.nodeId === 'quarter_wait')!;
    const elapsedDays = (Date.parse(q1.createdAt) - Date.parse(timerStart.at)) / (24 * 3600_000);
    expect(elapsedDays).toBeGreaterThanOrEqual(89); // three calendar months
    expect(elapsedDays).toBeLessThanOrEqual(93);
    await complete(c, 'quarter_report', C, 'next_quarter', { quarter_progress: '一季度进展' });
    await nextTimer(c, 2);
    await complete(c, 'quarter_report', C, 'year_end', { quarter_progress: '二季度进展' });
    await complete(c, 'year_summary', P, 'done', { year_summary: '履诺情况' });
    await tally(c, 'second_meeting', C, S, joint([40, 30, 25], [30, 25, 20]));
    await complete(c, 'satisfaction', 'twn_liaison', 'done', { satisfaction_rate: 59 });
    const end = await waitForEnd(c);
    expect(end.outcome).toBe('unsatisfied');
    const sanction = h.notifier.sent.find((n) => n.caseId === c.workflowId && n.grants.some((g) => g.role === 'TWN_SEC'));
    expect(sanction?.message).toContain('评先评优');
  });

  it('两村两会: 19 of 40 党员 (below ½) is not a quorum even with every 代表 present → reconvene', async () => {
    const c = await toFirstMeeting();
    await tally(c, 'first_meeting', C, S, joint([40, 19, 19], [30, 30, 30]));
    await complete(c, 'no_quorum_1', P, 'reconvene');
    await taskAt(c, 'first_meeting');
    await c.terminate();
  });

  it('两村两会: a 满意率 of exactly 60% is not “低于60%” — no sanction', async () => {
    const c = await toFirstMeeting();
    await tally(c, 'first_meeting', C, S, joint([40, 30, 25], [30, 25, 20]));
    const pub = await waitFor(c, (x) => x.publicity.length === 1, '承诺公开');
    await skipTo(env, pub.publicity[0]!.endsAt);
    await nextTimer(c, 1);
    await complete(c, 'quarter_report', C, 'year_end', { quarter_progress: '进展' });
    await complete(c, 'year_summary', P, 'done', { year_summary: '总结' });
    await tally(c, 'second_meeting', C, S, joint([40, 30, 25], [30, 25, 20]));
    await complete(c, 'satisfaction', 'twn_liaison', 'done', { satisfaction_rate: 60 });
    expect(await waitForEnd(c)).toMatchObject({ outcome: 'satisfied' });
  });
});
