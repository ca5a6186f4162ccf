/**
 * 五议两公开 / 四议两公开 / 四议一审两公开 (procedures.md §1) on the time-skipping server: the
 * main path, every branch of §1.4, the statutory meeting rules of 组织法 §21–22, §26–27.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as m from '../../workflows/messages.js';
import { startTimeSkipping } from '../../testkit/temporal.js';
import {
  actor,
  complete,
  isOpen,
  shanghaiDate,
  skipTo,
  startCase,
  startHarness,
  state,
  tally,
  taskAt,
  waitFor,
  waitForEnd,
  waitForNode,
  type CaseHandle,
  type Harness,
} from './harness.js';

let env: TestWorkflowEnvironment;
let h: Harness;
const DAY = 24 * 3600_000;

beforeAll(async () => {
  env = await startTimeSkipping();
  h = await startHarness(env, 'wuyi');
});

afterAll(async () => {
  await h?.stop();
  await env?.teardown();
});

const MATTER = { matter_title: '文化礼堂改扩建', matter_category: 'livelihood', matter_content: '原址改扩建，总投资210万元。' };
const P = 'vil_party_jingshan';
const C = 'vil_comm_jingshan';
const S = 'vil_superv_jingshan';

async function start(params: Record<string, unknown> = {}, data: Record<string, unknown> = {}): Promise<CaseHandle> {
  return startCase(h, 'wuyi-liangkai', { unit: 'v-jingshan', initiator: P, data: { ...MATTER, ...data }, params: { member_notice_days: 0, ...params }, searchAttributes: false });
}

const consultPasses = (c: CaseHandle) => tally(c, 'consult', C, S, [{ entitled: 9, present: 9, yes: 8, no: 1 }]);
const membersPass = (c: CaseHandle) => tally(c, 'members_meeting', P, S, [{ entitled: 45, present: 38, yes: 30, no: 8 }]);
const repsPass = (c: CaseHandle) => tally(c, 'reps_meeting', C, S, [{ entitled: 30, present: 20, yes: 11, no: 9 }]);

/** 四议 path to the 村民代表会议. */
async function toReps(params: Record<string, unknown> = {}, data: Record<string, unknown> = {}, at = 'reps_meeting'): Promise<CaseHandle> {
  const c = await start({ has_suggestion_step: false, ...params }, data);
  await complete(c, 'propose', P, 'propose', { proposal_plan: '方案' });
  await consultPasses(c);
  await membersPass(c);
  await waitForNode(c, at);
  return c;
}

async function publicityEnds(c: CaseHandle, nodeId: string): Promise<void> {
  const s = await waitFor(c, (x) => x.publicity.some((p) => p.nodeId === nodeId), `publicity ${nodeId}`);
  await skipTo(env, s.publicity.find((p) => p.nodeId === nodeId)?.endsAt);
}

describe('五议两公开 main path (SEED:000; 组织法 §24, §26, §30)', () => {
  it('五议两公开: 建议 → 提议 → 商议 → 党员大会审议 → 代表会议票决 → 决议公开 7 days → 实施与监督 → 结果公开 → adopted', async () => {
    const c = await start();
    await complete(c, 'suggest', P, 'submit', { suggestion_source: 'members_villagers', cosigner_count: 23 });
    await complete(c, 'propose', P, 'propose', { proposal_plan: '方案' });
    await consultPasses(c);
    await membersPass(c);
    await repsPass(c);
    const pub = await waitFor(c, (x) => x.publicity.length === 1, '决议公开');
    expect(pub.publicity[0]?.nodeId).toBe('publish_resolution');
    const days = (Date.parse(pub.publicity[0]!.endsAt) - Date.parse(pub.publicity[0]!.startsAt)) / DAY;
    expect(days).toBeGreaterThan(7);
    expect(days).toBeLessThanOrEqual(8 + 3); // 7 calendar days from the next day, to 24:00, rolled past rest days
    await publicityEnds(c, 'publish_resolution');
    await complete(c, 'tender', C, 'done', { tender_record: '公开招标，三家投标' });
    await complete(c, 'implement', C, 'done', { implementation_progress: '完工' });
    await complete(c, 'supervise', S, 'done', { supervision_record: '全程监督' });
    await publicityEnds(c, 'publish_result');
    const s = await waitForEnd(c);
    expect(s).toMatchObject({ status: 'completed', outcome: 'adopted' });
    expect(s.path.indexOf('suggest')).toBeLessThan(s.path.indexOf('propose'));
  });

  it('四议两公开: without the 建议 step the case opens at 村党组织提议', async () => {
    const c = await start({ has_suggestion_step: false });
    const s = await waitFor(c, (x) => x.tasks.some((t) => isOpen(t)), 'first task');
    expect(s.tasks.filter(isOpen).map((t) => t.nodeId)).toEqual(['propose']);
    await c.terminate();
  });
});

describe('meeting rules', () => {
  it('村民代表会议: exactly ⅔ of members present (20/30) is a quorum, 19/30 is not and the meeting is reconvened (组织法 §26)', async () => {
    const c = await toReps();
    await tally(c, 'reps_meeting', C, S, [{ entitled: 30, present: 19, yes: 19 }]);
    await complete(c, 'reps_no_quorum', C, 'reconvene');
    const s = await tally(c, 'reps_meeting', C, S, [{ entitled: 30, present: 20, yes: 11, no: 9 }]);
    expect(s.votes.filter((v) => v.nodeId === 'reps_meeting').map((v) => v.result?.outcome)).toEqual(['no_quorum', 'passed']);
    await waitForNode(c, 'publish_resolution');
    await c.terminate();
  });

  it('村民代表会议: exactly half of those present in favour (10/20) does not pass — 决议未通过, may be re-proposed or dropped (组织法 §26; §1.4)', async () => {
    const c = await toReps();
    await tally(c, 'reps_meeting', C, S, [{ entitled: 30, present: 20, yes: 10, no: 10 }]);
    await complete(c, 'resolution_failed', P, 'drop', { revision_note: '不再推进' }, '群众意见分歧');
    expect(await waitForEnd(c)).toMatchObject({ outcome: 'rejected' });
  });

  it('代表会议 not quorate may be escalated to the 村民会议 after 10 days’ notice (组织法 §21, §26)', async () => {
    const c = await toReps();
    await tally(c, 'reps_meeting', C, S, [{ entitled: 30, present: 15, yes: 15 }]);
    await complete(c, 'reps_no_quorum', C, 'to_villagers');
    const s = await waitFor(c, (x) => x.currentNodes.some((n) => n.nodeId === 'villagers_notice'), '通知期');
    const started = s.timeline.find((e) => e.type === 'timer.started' && e.nodeId === 'villagers_notice')!;
    const due = String((started.detail as { dueAt: string }).dueAt);
    expect(Date.parse(due) - Date.parse(started.at)).toBeGreaterThanOrEqual(10 * DAY);
    await skipTo(env, due);
    await taskAt(c, 'villagers_meeting');
    await c.terminate();
  });

  it('村规民约 (组织法 §27) is decided by the 村民会议, never the 代表会议: quorum is > ½ of villagers OR ≥ ⅔ of households (组织法 §22)', async () => {
    const c = await toReps({}, { matter_category: 'charter' }, 'villagers_notice');
    // The token went past the 代表会议.
    const s0 = await state(c);
    expect(s0.currentNodes.map((n) => n.nodeId)).toEqual(['villagers_notice']);
    await skipTo(env, (s0.timeline.find((e) => e.type === 'timer.started' && e.nodeId === 'villagers_notice')?.detail as { dueAt: string }).dueAt);
    // 400 of 1000 villagers, but 200 of 300 households (exactly ⅔): quorate; 201 of 400 present in favour passes.
    const s = await tally(c, 'villagers_meeting', C, S, [
      { group: 'villagers', entitled: 1000, present: 400, yes: 201, no: 199 },
      { group: 'households', entitled: 300, present: 200, yes: 101, no: 99 },
    ]);
    expect(s.votes.find((v) => v.nodeId === 'villagers_meeting')?.result).toMatchObject({ outcome: 'passed', quorumMet: true });
    await c.terminate();
  });

  it('村民会议 with 500/1000 villagers and 199/300 households is not quorate (> ½ and ≥ ⅔ both missed) → re-notice or 分片召开', async () => {
    const c = await toReps({}, { decision_body: 'villagers' }, 'villagers_notice');
    await skipTo(env, ((await state(c)).timeline.find((e) => e.type === 'timer.started' && e.nodeId === 'villagers_notice')?.detail as { dueAt: string }).dueAt);
    await tally(c, 'villagers_meeting', C, S, [
      { group: 'villagers', entitled: 1000, present: 500, yes: 400 },
      { group: 'households', entitled: 300, present: 199, yes: 150 },
    ]);
    await complete(c, 'villagers_no_quorum', C, 'by_section');
    await taskAt(c, 'villagers_meeting');
    await c.terminate();
  });

  it('土地承包方案 needs ≥ ⅔ of all 村民代表 (农村土地承包法 §19): 19 of 21 present is a majority but short of 20 of 30 → 决议未通过; 20 of 30 passes', async () => {
    const c = await toReps({}, { matter_category: 'land_contract' }, 'reps_meeting_land');
    const s = await tally(c, 'reps_meeting_land', C, S, [{ entitled: 30, present: 21, all: 30, yes: 19, no: 2 }]);
    const first = s.votes.find((v) => v.nodeId === 'reps_meeting_land')?.result;
    expect(first?.outcome).toBe('rejected');
    expect(first?.explanation.at(-1)).toContain('至少需 20');
    await complete(c, 'resolution_failed', P, 'repropose', { revision_note: '补充征求意见后重新提议' });
    await complete(c, 'propose', P, 'propose', { proposal_plan: '修订方案' });
    await consultPasses(c);
    await membersPass(c);
    const s2 = await tally(c, 'reps_meeting_land', C, S, [{ entitled: 30, present: 22, all: 30, yes: 20, no: 2 }]);
    expect(s2.votes.filter((v) => v.nodeId === 'reps_meeting_land').map((v) => v.result?.outcome)).toEqual(['rejected', 'passed']);
    await waitForNode(c, 'publish_resolution');
    await c.terminate();
  });

  it('土地承包方案 at a 村民会议 needs ≥ ⅔ of all members, not of those present (农村土地承包法 §19)', async () => {
    const c = await toReps({}, { matter_category: 'land_contract', decision_body: 'villagers' }, 'villagers_notice');
    await skipTo(env, ((await state(c)).timeline.find((e) => e.type === 'timer.started' && e.nodeId === 'villagers_notice')?.detail as { dueAt: string }).dueAt);
    // 520 of 900 villagers present (quorate), 500 in favour: > ½ of those present, but 500 < 600 = ⅔ of 900.
    const s = await tally(c, 'villagers_meeting_land', C, S, [
      { group: 'villagers', entitled: 900, present: 520, all: 900, yes: 500, no: 20 },
      { group: 'households', entitled: 300, present: 180, all: 300 },
    ]);
    expect(s.votes.find((v) => v.nodeId === 'villagers_meeting_land')?.result).toMatchObject({ outcome: 'rejected', quorumMet: true });
    await taskAt(c, 'resolution_failed');
    await c.terminate();
  });

  it('党员大会: below ⅔ attendance no 审议 result may be recorded — 重新召集; rejection → 两委修订 → 重新商议 (§1.4)', async () => {
    const c = await start({ has_suggestion_step: false });
    await complete(c, 'propose', P, 'propose', { proposal_plan: '方案' });
    await consultPasses(c);
    await tally(c, 'members_meeting', P, S, [{ entitled: 45, present: 29, yes: 29 }]);
    const re = await taskAt(c, 'members_reconvene');
    expect(shanghaiDate(re.dueAt!) >= shanghaiDate(re.createdAt)).toBe(true);
    await complete(c, 'members_reconvene', P, 'reconvene');
    // 30/45 = exactly ⅔ present; 22 of 45 entitled is not more than half → rejected.
    await tally(c, 'members_meeting', P, S, [{ entitled: 45, present: 30, yes: 22, no: 8 }]);
    await complete(c, 'revise', P, 'reconsult', { revision_note: '吸纳党员意见，调整资金来源' });
    await taskAt(c, 'consult');
    const s = await state(c);
    expect(s.votes.filter((v) => v.nodeId === 'members_meeting').map((v) => v.result?.outcome)).toEqual(['no_quorum', 'rejected']);
    await c.terminate();
  });

  it('党员大会 pass rule is a parameter: 半数以上 read literally (≥ ½) lets 23 of 46 pass', async () => {
    const c = await start({ has_suggestion_step: false, members_pass: { num: 1, den: 2, op: '>=' } });
    await complete(c, 'propose', P, 'propose', { proposal_plan: '方案' });
    await consultPasses(c);
    const s = await tally(c, 'members_meeting', P, S, [{ entitled: 46, present: 40, yes: 23, no: 17 }]);
    expect(s.votes.find((v) => v.nodeId === 'members_meeting')?.result?.outcome).toBe('passed');
    await c.terminate();
  });
});

describe('branches of §1.4', () => {
  it('商议 fails (4 of 9 两委成员) → back to 提议, which may withdraw the matter', async () => {
    const c = await start({ has_suggestion_step: false });
    await complete(c, 'propose', P, 'propose', { proposal_plan: '方案' });
    await tally(c, 'consult', C, S, [{ entitled: 9, present: 9, yes: 4, no: 5 }]);
    await complete(c, 'propose', P, 'withdraw', {}, '条件不成熟');
    expect(await waitForEnd(c)).toMatchObject({ outcome: 'withdrawn' });
  });

  it('监委会核议 not passed → 两委修订 (has_supervision_review)', async () => {
    const c = await start({ has_suggestion_step: false, has_supervision_review: true });
    await complete(c, 'propose', P, 'propose', { proposal_plan: '方案' });
    await consultPasses(c);
    await complete(c, 'superv_review', S, 'disagree', { superv_opinion: '资金来源不清' }, '资金来源不清');
    await taskAt(c, 'revise');
    await c.terminate();
  });

  it('四议一审两公开: the 乡镇党委 review (5 working days) rejects with reasons → 两委修订; approval → 代表会议', async () => {
    const c = await start({ has_suggestion_step: false, has_township_review: true });
    await complete(c, 'propose', P, 'propose', { proposal_plan: '方案' });
    await consultPasses(c);
    await membersPass(c);
    const t = await taskAt(c, 'township_review');
    expect(t.candidateGrants).toEqual([{ role: 'TWN_SEC', orgUnit: 't-jingshan' }]);
    await complete(c, 'township_review', 'twn_sec', 'reject', { township_opinion: '不符合用地规划' }, '不符合用地规划');
    await complete(c, 'revise', P, 'reconsult', { revision_note: '调整选址' });
    await consultPasses(c);
    await membersPass(c);
    await complete(c, 'township_review', 'twn_sec', 'approve', { township_opinion: '同意' });
    await taskAt(c, 'reps_meeting');
    await c.terminate();
  });

  it('公示 objection upheld by the 监委会 → implementation suspended, written answer, back to 两委修订 (§1.4)', async () => {
    const c = await toReps();
    await repsPass(c);
    await waitFor(c, (x) => x.publicity.length === 1, '公示');
    await c.executeUpdate(m.objectionUpdate, { args: [{ actor: actor('vil_rep_jingshan'), nodeId: 'publish_resolution', content: '自筹资金来源未公开' }] });
    await publicityEnds(c, 'publish_resolution');
    await complete(c, 'objection_review', S, 'upheld', { objection_finding: '异议成立' }, '资金来源须重新说明');
    const s = await waitFor(c, (x) => x.tasks.some((t) => t.nodeId === 'revise' && isOpen(t)), '修订');
    expect(s.nodeOutputs.reply_upheld).toBeDefined();
    expect(s.tasks.some((t) => t.nodeId === 'implement')).toBe(false);
  });

  it('公示 objection not upheld → written answer, then 招标 and implementation go ahead', async () => {
    const c = await toReps();
    await repsPass(c);
    await waitFor(c, (x) => x.publicity.length === 1, '公示');
    await c.executeUpdate(m.objectionUpdate, { args: [{ actor: actor('household_jingshan1'), nodeId: 'publish_resolution', content: '反对' }] });
    await publicityEnds(c, 'publish_resolution');
    await complete(c, 'objection_review', S, 'dismissed', { objection_finding: '已书面答复' });
    await taskAt(c, 'tender');
    expect((await state(c)).nodeOutputs.reply_dismissed).toBeDefined();
    await c.terminate();
  });

  it('a working-day publicity unit routes to the working-day 公示 node', async () => {
    const c = await toReps({ publicity_unit: 'workingDays', publicity_days: 5 });
    await repsPass(c);
    const s = await waitFor(c, (x) => x.publicity.length === 1, '公示');
    expect(s.publicity[0]?.nodeId).toBe('publish_resolution_wd');
    await c.terminate();
  });

  it('组织实施 overdue → 催办 reminders, then 督办 to the 包村干部 and a red light (SEED:000 交办→催办→督办)', async () => {
    const c = await toReps({ implementation_days: 20 });
    await repsPass(c);
    await publicityEnds(c, 'publish_resolution');
    await complete(c, 'tender', C, 'done', { tender_record: '招标完成' });
    const t = await taskAt(c, 'implement');
    expect(t.remindAt).toHaveLength(2);
    await skipTo(env, t.dueAt);
    const s = await waitFor(c, (x) => x.tasks.find((y) => y.id === t.id)?.escalated === true, '督办');
    expect(s.health).toBe('red');
    const esc = h.notifier.sent.filter((n) => n.caseId === c.workflowId && n.kind === 'escalation');
    expect(esc.flatMap((n) => n.grants)).toContainEqual({ role: 'TWN_LIAISON', orgUnit: 't-jingshan' });
    expect(h.notifier.sent.filter((n) => n.caseId === c.workflowId && n.kind === 'reminder' && n.taskId === t.id)).toHaveLength(2);
    await c.terminate();
  });
});
