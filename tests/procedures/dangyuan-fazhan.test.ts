/**
 * 发展党员 (procedures.md §6.4; 发展党员工作细则 2014) on the time-skipping server: years of
 * cultivation and probation pass in seconds.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPeriod, endOfShanghaiDay } from '../../activities/business-calendar.js';
import * as m from '../../workflows/messages.js';
import { startTimeSkipping } from '../../testkit/temporal.js';
import { actor, complete, expectRejected, shanghaiDate, skipTo, startCase, startHarness, state, tally, taskAt, waitFor, waitForEnd, type CaseHandle, type Harness } from './harness.js';

let env: TestWorkflowEnvironment;
let h: Harness;
const DAY = 24 * 3600_000;

beforeAll(async () => {
  env = await startTimeSkipping();
  h = await startHarness(env, 'dangyuan');
});

afterAll(async () => {
  await h?.stop();
  await env?.teardown();
});

const P = 'vil_party_jingshan';
const S = 'vil_superv_jingshan';
const ORG = 'twn_org';

/** Today in Asia/Shanghai on the test server's clock. */
const today = async () => shanghaiDate(new Date(await env.currentTimeMs()).toISOString());

/** The application as the branch registers it: received today unless said otherwise. */
const application = async (name: string, age: number, receivedOn?: string) => ({
  applicant_name: name,
  applicant_age: age,
  application_date: '2026-11-01',
  application_received_on: receivedOn ?? (await today()),
});

/** When a period of `months` counted from `iso` ends (民法典 §201–203). */
const monthsFrom = (iso: string, months: number) => addPeriod(iso, months, 'months').end.toISOString();

async function start(): Promise<CaseHandle> {
  return startCase(h, 'dangyuan-fazhan', { unit: 'v-jingshan', initiator: P, searchAttributes: false });
}

/** Skip the timer a token is waiting on at `nodeId`. */
async function passTimer(c: CaseHandle, nodeId: string, nth = 1): Promise<void> {
  const s = await waitFor(c, (x) => x.timeline.filter((e) => e.type === 'timer.started' && e.nodeId === nodeId).length >= nth, `timer ${nodeId}`);
  const t = s.timeline.filter((e) => e.type === 'timer.started' && e.nodeId === nodeId)[nth - 1]!;
  await skipTo(env, (t.detail as { dueAt: string }).dueAt);
}

async function passPublicity(c: CaseHandle, nodeId: string): Promise<void> {
  const s = await waitFor(c, (x) => x.publicity.some((p) => p.nodeId === nodeId), `publicity ${nodeId}`);
  await skipTo(env, s.publicity.filter((p) => p.nodeId === nodeId).at(-1)!.endsAt);
}

/** From the application to the 支部大会 that receives the 预备党员. */
async function toAdmission(): Promise<CaseHandle> {
  const c = await start();
  await complete(c, 'application', P, 'register', await application('章晓燕', 18));
  await complete(c, 'talk', P, 'done', { talk_record: '谈话' });
  await complete(c, 'activist', P, 'confirm', { activist_record: '支委会研究确定', mentors: ['party_member_jingshan'] });
  await passTimer(c, 'half_year_1');
  await complete(c, 'review_1', P, 'done', { half_year_review: '表现良好' });
  await passTimer(c, 'half_year_2');
  await complete(c, 'review_2', P, 'done', { half_year_review: '表现良好' });
  await complete(c, 'candidate', P, 'confirm', { candidate_record: '群众意见好', introducers: ['vil_party_jingshan', 'vil_comm_jingshan'] });
  await passPublicity(c, 'candidate_publicity');
  await complete(c, 'political_review', P, 'pass', { political_review: '合格' });
  await complete(c, 'training', ORG, 'done', { training_days: 3 });
  await complete(c, 'pre_review', ORG, 'pass', { pre_review_opinion: '合格' });
  await taskAt(c, 'admission_vote');
  return c;
}

describe('发展党员 (发展党员工作细则 2014)', () => {
  it('发展党员: 谈话 within 1 month, ≥ 1 year of cultivation with a review every half year, 公示 ≥ 5 working days, 预备期 1 year counted from the 支部大会 while 审批 (≤ 3 months) runs → full member', async () => {
    const c = await start();
    const app = await application('章晓燕', 18);
    await complete(c, 'application', P, 'register', app);
    const talk = await taskAt(c, 'talk');
    // 1 month from the day the application was received: the same day of the next month (or its
    // last day), rolled off a rest day (民法典 §202–203).
    expect(talk.dueAt).toBe(monthsFrom(`${app.application_received_on}T00:00:00+08:00`, 1));
    await complete(c, 'talk', P, 'done', { talk_record: '谈话' });
    await complete(c, 'activist', P, 'confirm', { activist_record: '确定', mentors: ['party_member_jingshan'] });
    await passTimer(c, 'half_year_1');
    await complete(c, 'review_1', P, 'done', { half_year_review: '良好' });
    await passTimer(c, 'half_year_2');
    await complete(c, 'review_2', P, 'done', { half_year_review: '良好' });
    const s1 = await state(c);
    const filed = s1.timeline.find((e) => e.nodeId === 'activist_filing')!;
    const cand = await taskAt(c, 'candidate');
    expect((Date.parse(cand.createdAt) - Date.parse(filed.at)) / DAY).toBeGreaterThanOrEqual(365);
    await complete(c, 'candidate', P, 'confirm', { candidate_record: '同意', introducers: ['vil_party_jingshan', 'vil_comm_jingshan'] });
    const pub = await waitFor(c, (x) => x.publicity.length === 1, '公示');
    expect((Date.parse(pub.publicity[0]!.endsAt) - Date.parse(pub.publicity[0]!.startsAt)) / DAY).toBeGreaterThanOrEqual(5);
    await passPublicity(c, 'candidate_publicity');
    await complete(c, 'political_review', P, 'pass', { political_review: '合格' });
    await complete(c, 'training', ORG, 'done', { training_hours: 24 });
    await complete(c, 'pre_review', ORG, 'pass', { pre_review_opinion: '合格' });
    // 16 of 30 entitled present (> ½) and 16 in favour (> ½ of 应到会).
    const voted = await tally(c, 'admission_vote', P, S, [{ entitled: 30, present: 16, yes: 16 }]);
    const decidedAt = Date.parse(voted.timeline.filter((e) => e.type === 'vote.decided').at(-1)!.at);
    await complete(c, 'superior_talk', ORG, 'done', { superior_talk: '谈话' });
    const approval = await taskAt(c, 'approval');
    expect(approval.dueAt).toBe(monthsFrom(new Date(decidedAt).toISOString(), 3));
    await complete(c, 'approval', ORG, 'approve', { approval_opinion: '批准，预备期一年' });
    await passTimer(c, 'probation');
    const reg = await taskAt(c, 'regular_application');
    const probationDays = (Date.parse(reg.createdAt) - decidedAt) / DAY;
    expect(probationDays).toBeGreaterThanOrEqual(365);
    const probation = (await state(c)).timeline.find((e) => e.type === 'timer.started' && e.nodeId === 'probation')!;
    expect(Date.parse(probation.at) - decidedAt).toBeLessThan(60_000); // counted from the 支部大会
    expect((probation.detail as { dueAt: string }).dueAt).toBe(addPeriod(probation.at, 1, 'years').end.toISOString());
    await complete(c, 'regular_application', P, 'done', { probation_summary: '申请转正' });
    await passPublicity(c, 'regular_publicity');
    await tally(c, 'regular_vote', P, S, [{ entitled: 31, present: 25, yes: 24, no: 1 }]);
    await complete(c, 'regular_approval', ORG, 'approve', { approval_opinion: '批准转正' });
    expect(await waitForEnd(c)).toMatchObject({ outcome: 'full_member' });
  });

  it('发展党员: an applicant under 18 cannot be registered (党章)', async () => {
    const c = await start();
    const t = await taskAt(c, 'application');
    await expectRejected(
      c.executeUpdate(m.completeUpdate, { args: [{ actor: actor(P), taskId: t.id, action: 'register', data: { ...(await application('少年', 17)) } }] }),
      'INVALID_FORM',
    );
    await c.terminate();
  });

  it('接收预备党员: exactly half of the 应到会 present (15/30) is not a quorum — the meeting decided nothing and is reconvened at once, not after 6 months (SEED deviation, issue 17)', async () => {
    const c = await toAdmission();
    const s1 = await tally(c, 'admission_vote', P, S, [{ entitled: 30, present: 15, yes: 15 }]);
    expect(s1.votes.at(-1)?.result?.outcome).toBe('no_quorum');
    await complete(c, 'admission_vote_reconvene', P, 'reconvene');
    expect((await state(c)).timeline.some((e) => e.type === 'timer.started' && e.nodeId === 'reeval_wait')).toBe(false);
    const s2 = await tally(c, 'admission_vote', P, S, [{ entitled: 30, present: 16, yes: 15, no: 1 }]);
    expect(s2.votes.at(-1)?.result?.outcome).toBe('rejected');
    // Not passed (a decision): the branch discusses it again after ≥ 6 months.
    await waitFor(c, (x) => x.timeline.filter((e) => e.type === 'timer.started' && e.nodeId === 'reeval_wait').length === 1, 'wait after rejection');
    await c.terminate();
  });

  it('接收预备党员: written opinions of absent members count (发展党员工作细则): 16 of 30 present, 13 in favour + 3 written 赞成 = 16 > 15 → passed', async () => {
    const c = await toAdmission();
    const t = await taskAt(c, 'admission_vote');
    // The teller who puts the written 赞成 into the meeting's count is refused and pointed at the written-opinion box.
    const msg = await expectRejected(
      c.executeUpdate(m.submitTallyUpdate, { args: [{ actor: actor(P), taskId: t.id, groups: [{ group: 'default', entitled: 30, present: 16, yes: 16, no: 3 }] }] }),
      'TALLY_INVALID',
    );
    expect(msg).toContain('书面意见');
    const s = await tally(c, 'admission_vote', P, S, [{ entitled: 30, present: 16, yes: 13, no: 3, writtenYes: 3, writtenNo: 1 }]);
    const result = s.votes.at(-1)?.result;
    expect(result?.outcome).toBe('passed');
    expect(result?.explanation).toContain('未到会党员书面意见 4 份：赞成 3，反对 1，弃权 0（计入票数，不计入到会人数）— 赞成合计 16');
    await taskAt(c, 'superior_talk');
    await c.terminate();
  });

  it('短期集中培训: 2 days / 20 学时 is not enough — 补训; ≥ 3 days or ≥ 24 学时 passes (发展党员工作细则)', async () => {
    const c = await start();
    await complete(c, 'application', P, 'register', await application('甲', 30));
    await complete(c, 'talk', P, 'done', { talk_record: '谈话' });
    await complete(c, 'activist', P, 'confirm', { activist_record: '确定', mentors: ['party_member_jingshan'] });
    await passTimer(c, 'half_year_1');
    await complete(c, 'review_1', P, 'done', { half_year_review: '良好' });
    await passTimer(c, 'half_year_2');
    await complete(c, 'review_2', P, 'done', { half_year_review: '良好' });
    await complete(c, 'candidate', P, 'confirm', { candidate_record: '同意', introducers: ['vil_party_jingshan', 'vil_comm_jingshan'] });
    await passPublicity(c, 'candidate_publicity');
    await complete(c, 'political_review', P, 'pass', { political_review: '合格' });
    await complete(c, 'training', ORG, 'done', { training_days: 2, training_hours: 20 });
    await waitFor(c, (x) => x.tasks.filter((t) => t.nodeId === 'training').length === 2, '补训');
    await complete(c, 'training', ORG, 'done', { training_days: 3 });
    await taskAt(c, 'pre_review');
    await c.terminate();
  });

  it('公示 reports needing verification → 暂缓 and another half year of 考察; 政审不合格 → 不予发展', async () => {
    const c = await start();
    await complete(c, 'application', P, 'register', await application('乙', 25));
    await complete(c, 'talk', P, 'done', { talk_record: '谈话' });
    await complete(c, 'activist', P, 'confirm', { activist_record: '确定', mentors: ['party_member_jingshan'] });
    await passTimer(c, 'half_year_1');
    await complete(c, 'review_1', P, 'done', { half_year_review: '良好' });
    await passTimer(c, 'half_year_2');
    await complete(c, 'review_2', P, 'done', { half_year_review: '良好' });
    await complete(c, 'candidate', P, 'confirm', { candidate_record: '同意', introducers: ['vil_party_jingshan', 'vil_comm_jingshan'] });
    await waitFor(c, (x) => x.publicity.length === 1, '公示');
    await c.executeUpdate(m.objectionUpdate, { args: [{ actor: actor('vil_rep_jingshan'), nodeId: 'candidate_publicity', content: '反映其承包地纠纷未了结' }] });
    await passPublicity(c, 'candidate_publicity');
    await complete(c, 'candidate_objection', ORG, 'postpone', { objection_finding: '需进一步核实' }, '需进一步核实');
    await passTimer(c, 'half_year_1', 2);
    await complete(c, 'review_1', P, 'done', { half_year_review: '纠纷已了结' });
    await passTimer(c, 'half_year_2', 2);
    await complete(c, 'review_2', P, 'done', { half_year_review: '良好' });
    await complete(c, 'candidate', P, 'confirm', { candidate_record: '同意', introducers: ['vil_party_jingshan', 'vil_comm_jingshan'] });
    await passPublicity(c, 'candidate_publicity');
    await complete(c, 'political_review', P, 'fail', { political_review: '不合格' }, '政审不合格');
    expect(await waitForEnd(c)).toMatchObject({ outcome: 'not_admitted' });
  });

  it('转正: not passed → 预备期 extended (6–12 months) once; failing again cancels the 预备党员 status (发展党员工作细则)', async () => {
    const c = await toAdmission();
    await tally(c, 'admission_vote', P, S, [{ entitled: 30, present: 20, yes: 18, no: 2 }]);
    await complete(c, 'superior_talk', ORG, 'done', { superior_talk: '谈话' });
    await complete(c, 'approval', ORG, 'approve', { approval_opinion: '批准' });
    await passTimer(c, 'probation');
    await complete(c, 'regular_application', P, 'done', { probation_summary: '申请转正' });
    await passPublicity(c, 'regular_publicity');
    await tally(c, 'regular_vote', P, S, [{ entitled: 30, present: 20, yes: 10, no: 10 }]);
    await complete(c, 'probation_decision', P, 'extend');
    const s = await waitFor(c, (x) => x.currentNodes.some((n) => n.nodeId === 'extended_probation'), '延长预备期');
    const t = s.timeline.find((e) => e.type === 'timer.started' && e.nodeId === 'extended_probation')!;
    expect((t.detail as { dueAt: string }).dueAt).toBe(addPeriod(t.at, 6, 'months').end.toISOString());
    await passTimer(c, 'extended_probation');
    await tally(c, 'regular_vote', P, S, [{ entitled: 30, present: 20, yes: 12, no: 8 }]);
    const end = await waitForEnd(c);
    expect(end.outcome).toBe('cancelled');
    expect(end.tasks.filter((x) => x.nodeId === 'probation_decision')).toHaveLength(1);
  });

  it('谈话 within 1 month of receiving the application, not of the registration: received 2026-11-01 and registered later, the 谈话 is due 24:00 2026-12-01 and already 督办 (发展党员工作细则)', async () => {
    const c = await start();
    await complete(c, 'application', P, 'register', await application('丙', 22, '2026-11-01'));
    const talk = await taskAt(c, 'talk');
    expect(talk.dueAt).toBe(endOfShanghaiDay('2026-12-01').toISOString());
    expect(talk.clock).toMatchObject({ from: '2026-10-31T16:00:00.000Z', anchor: '「党组织收到入党申请书日期」所填日期' });
    await waitFor(c, (x) => x.tasks.find((t) => t.id === talk.id)?.escalated === true, '督办');
    await complete(c, 'talk', P, 'done', { talk_record: '谈话' });
    await c.terminate();
  });

  it('审批 within 3 months of the 支部大会 resolution, even when the 上级党委 谈话 took 40 days (the clock does not restart when the approval task opens)', async () => {
    const c = await toAdmission();
    const voted = await tally(c, 'admission_vote', P, S, [{ entitled: 30, present: 20, yes: 18, no: 2 }]);
    const decidedAt = voted.timeline.filter((e) => e.type === 'vote.decided').at(-1)!.at;
    const talk = await taskAt(c, 'superior_talk');
    await skipTo(env, talk.createdAt, 40 * DAY);
    await complete(c, 'superior_talk', ORG, 'done', { superior_talk: '谈话' });
    const approval = await taskAt(c, 'approval');
    expect(approval.dueAt).toBe(monthsFrom(decidedAt, 3));
    expect(Date.parse(approval.dueAt!)).toBeLessThan(Date.parse(monthsFrom(approval.createdAt, 3)));
    expect(approval.clock).toMatchObject({ from: decidedAt, anchor: '「支部大会讨论接收预备党员」办结', capAt: monthsFrom(decidedAt, 6) });
    await c.terminate();
  });

  it('特殊情况 审批 may be extended (延期, in the ledger) to at most 6 months after the resolution — a longer extension is cut there, a further one refused (发展党员工作细则)', async () => {
    const c = await toAdmission();
    const voted = await tally(c, 'admission_vote', P, S, [{ entitled: 30, present: 20, yes: 18, no: 2 }]);
    const decidedAt = voted.timeline.filter((e) => e.type === 'vote.decided').at(-1)!.at;
    await complete(c, 'superior_talk', ORG, 'done', { superior_talk: '谈话' });
    const approval = await taskAt(c, 'approval');
    const r = await c.executeUpdate(m.extendUpdate, { args: [{ actor: actor('twn_sec'), taskId: approval.id, amount: 120, unit: 'calendarDays', reason: '政审材料需补充外调' }] });
    expect(r.state.tasks.find((t) => t.id === approval.id)?.dueAt).toBe(monthsFrom(decidedAt, 6));
    expect(r.state.ledger).toEqual([expect.objectContaining({ kind: 'extend', actor: 'twn_sec', from: approval.dueAt, to: monthsFrom(decidedAt, 6), capped: true })]);
    await expectRejected(c.executeUpdate(m.extendUpdate, { args: [{ actor: actor('twn_sec'), taskId: approval.id, amount: 1, unit: 'calendarDays', reason: '再延' }] }), 'DEADLINE_AT_CAP');
    await c.terminate();
  });
});
