/**
 * 组级四步协商法 一提、二议、三决、四做 (procedures.md §2, SEED:000) with the 户主会议 rule of
 * 组织法 §28 and the branches of §2.3, on the time-skipping server.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTimeSkipping } from '../../testkit/temporal.js';
import { complete, isOpen, skipTo, startCase, startHarness, state, tally, taskAt, waitFor, waitForEnd, type CaseHandle, type Harness } from './harness.js';

let env: TestWorkflowEnvironment;
let h: Harness;

beforeAll(async () => {
  env = await startTimeSkipping();
  h = await startHarness(env, 'sibu');
});

afterAll(async () => {
  await h?.stop();
  await env?.teardown();
});

const LEADER = 'group_leader_jingshan1';
const SMALL = 'grid_small_jingshan1'; // also 二级支部书记 (scrutineer)
const TOPIC = { topic_title: '机耕路硬化', channel: 'grid_visits', grid: 'grid-jingshan-1', topic_content: '硬化420米', households_involved: 36 };

async function toMeeting(extra: Record<string, unknown> = {}): Promise<CaseHandle> {
  const c = await startCase(h, 'sibu-xieshang', { unit: 'g-jingshan-1', initiator: 'grid_1l3y_jingshan1', data: { ...TOPIC, ...extra }, searchAttributes: false });
  await complete(c, 'raise', 'grid_1l3y_jingshan1', 'submit');
  await complete(c, 'first_deliberation', SMALL, 'done', { first_plan: '初步方案' });
  const second = await taskAt(c, 'second_deliberation');
  expect(second.candidateGrants).toEqual([{ role: 'GRID_MID', orgUnit: 'v-jingshan' }]);
  await complete(c, 'second_deliberation', 'grid_mid_jingshan', 'done', { final_plan: '定稿' });
  await complete(c, 'legal_review', 'legal_jingshan', 'pass', { legal_opinion: '合法' });
  await taskAt(c, 'household_meeting');
  return c;
}

/** 户主会议 tally: 18+ villagers of the group and household representatives. */
const meeting = (villagers: [number, number, number], households: [number, number, number]) => [
  { group: 'villagers', entitled: villagers[0], present: villagers[1], yes: villagers[2], no: villagers[1] - villagers[2] },
  { group: 'households', entitled: households[0], present: households[1], yes: households[2], no: households[1] - households[2] },
];

describe('四步协商 (SEED:000; 组织法 §28)', () => {
  it('四步协商: 一提 → 初议 → 再议 → 合法性审查 → 户主会议 (exactly ⅔ of households present) → 村审核 → 四做 with 一长三员 supervision → 公布 → done', async () => {
    const c = await toMeeting();
    // 40/90 villagers is short of ⅔, but 24/36 households is exactly ⅔ — either suffices; 21 of 40 present agree.
    await tally(c, 'household_meeting', LEADER, SMALL, meeting([90, 40, 21], [36, 24, 20]));
    const review = await taskAt(c, 'village_review');
    expect(review.candidateGrants).toEqual([{ role: 'VIL_COMM', orgUnit: 'v-jingshan' }]);
    await complete(c, 'village_review', 'vil_comm_jingshan', 'approve', { village_opinion: '踏看同意，纳入计划' });
    const s = await waitFor(c, (x) => x.tasks.some((t) => t.nodeId === 'supervise' && isOpen(t)), '监督');
    expect(s.tasks.find((t) => t.nodeId === 'supervise')?.candidateGrants).toEqual([{ role: 'GRID_1L3Y', orgUnit: 'grid-jingshan-1' }]);
    await complete(c, 'implement', LEADER, 'done', { implementation_record: '完工' });
    await complete(c, 'supervise', 'grid_1l3y_jingshan1', 'done', { supervision_record: '全程监督' });
    const pub = await waitFor(c, (x) => x.publicity.length === 1, '公布');
    await skipTo(env, pub.publicity[0]!.endsAt);
    expect(await waitForEnd(c)).toMatchObject({ status: 'completed', outcome: 'done' });
  });

  it('合法性审查 fails → back to 初议 with written reasons (§2.3)', async () => {
    const c = await startCase(h, 'sibu-xieshang', { unit: 'g-jingshan-1', initiator: 'grid_1l3y_jingshan1', data: TOPIC, searchAttributes: false });
    await complete(c, 'raise', 'grid_1l3y_jingshan1', 'submit');
    await complete(c, 'first_deliberation', SMALL, 'done', { first_plan: '初步方案' });
    await complete(c, 'second_deliberation', 'grid_mid_jingshan', 'done', { final_plan: '定稿' });
    await complete(c, 'legal_review', 'legal_jingshan', 'fail', { legal_opinion: '占用基本农田' }, '占用基本农田');
    await waitFor(c, (x) => x.tasks.filter((t) => t.nodeId === 'first_deliberation').length === 2, '初议 again');
    await c.terminate();
  });

  it('户主会议 below ⅔ (59/90 villagers, 23/36 households) is not quorate → 入户签字: 24 of 36 households sign, 13 agree → passes (§2.3 [DEFAULT]; 组织法 §28)', async () => {
    const c = await toMeeting();
    await tally(c, 'household_meeting', LEADER, SMALL, meeting([90, 59, 59], [36, 23, 23]));
    await complete(c, 'no_quorum_choice', LEADER, 'door_to_door');
    const s = await tally(c, 'door_to_door', LEADER, SMALL, [{ entitled: 36, present: 24, yes: 13, no: 11 }]);
    expect(s.votes.find((v) => v.nodeId === 'door_to_door')?.result).toMatchObject({ outcome: 'passed', quorumMet: true });
    await taskAt(c, 'village_review');
    await c.terminate();
  });

  it('户主会议: exactly half of those present agreeing (20 of 40) is not passed → not reported to the village; revise from 二议 (SEED:000)', async () => {
    const c = await toMeeting();
    await tally(c, 'household_meeting', LEADER, SMALL, meeting([90, 40, 20], [36, 30, 15]));
    await complete(c, 'not_passed', SMALL, 'revise', { revision_note: '调整筹资比例' });
    await waitFor(c, (x) => x.tasks.filter((t) => t.nodeId === 'first_deliberation').length === 2, '初议 again');
    expect((await state(c)).tasks.some((t) => t.nodeId === 'village_review')).toBe(false);
    await c.terminate();
  });

  it('户主签字制: a 组级民生工程 needs ⅔ of households to sign 同意 — 23/36 fails, 24/36 passes ([UNCERTAIN] SEED:000 garbled, §10 第4条)', async () => {
    for (const [yes, reaches] of [
      [23, 'not_passed'],
      [24, 'village_review'],
    ] as const) {
      const c = await toMeeting({ is_livelihood_project: true });
      await tally(c, 'household_meeting', LEADER, SMALL, meeting([90, 70, 60], [36, 30, 28]));
      await tally(c, 'signatures', LEADER, SMALL, [{ entitled: 36, present: 36, yes, no: 36 - yes }]);
      await taskAt(c, reaches);
      await c.terminate();
    }
  });

  it('户主签字制 threshold is a parameter: at 4/5, 28 of 36 signatures fail and 29 pass', async () => {
    for (const [yes, reaches] of [
      [28, 'not_passed'],
      [29, 'village_review'],
    ] as const) {
      const c = await startCase(h, 'sibu-xieshang', {
        unit: 'g-jingshan-1',
        initiator: 'grid_1l3y_jingshan1',
        data: { ...TOPIC, is_livelihood_project: true },
        params: { signature_threshold: { num: 4, den: 5, op: '>=' } },
        searchAttributes: false,
      });
      await complete(c, 'raise', 'grid_1l3y_jingshan1', 'submit');
      await complete(c, 'first_deliberation', SMALL, 'done', { first_plan: '初步方案' });
      await complete(c, 'second_deliberation', 'grid_mid_jingshan', 'done', { final_plan: '定稿' });
      await complete(c, 'legal_review', 'legal_jingshan', 'pass', { legal_opinion: '合法' });
      await tally(c, 'household_meeting', LEADER, SMALL, meeting([90, 70, 60], [36, 30, 28]));
      await tally(c, 'signatures', LEADER, SMALL, [{ entitled: 36, present: 36, yes, no: 36 - yes }]);
      await taskAt(c, reaches);
      await c.terminate();
    }
  });

  it('村 审核 rejects → back to 再议; a 村级重大事项 is referred to the village party branch for 五议两公开 (§2.2 3c)', async () => {
    const c = await toMeeting();
    await tally(c, 'household_meeting', LEADER, SMALL, meeting([90, 70, 60], [36, 30, 28]));
    await complete(c, 'village_review', 'vil_comm_jingshan', 'reject', { village_opinion: '资金来源不明' }, '资金来源不明');
    await complete(c, 'second_deliberation', 'grid_mid_jingshan', 'done', { final_plan: '补充资金来源' });
    await complete(c, 'legal_review', 'legal_jingshan', 'pass', { legal_opinion: '合法' });
    await tally(c, 'household_meeting', LEADER, SMALL, meeting([90, 70, 60], [36, 30, 28]));
    await complete(c, 'village_review', 'vil_comm_jingshan', 'major', { village_opinion: '涉及集体资产处置，属村级重大事项' });
    const s = await waitForEnd(c);
    expect(s.outcome).toBe('referred');
    const note = h.notifier.sent.find((n) => n.caseId === c.workflowId && n.grants.some((g) => g.role === 'VIL_PARTY' && g.orgUnit === 'v-jingshan'));
    expect(note?.message).toContain('五议两公开');
  });
});
