/**
 * 第一书记 年度考评 “双评” (procedures.md §6.2, SEED:002 胶州): ⅔ turnout, satisfaction =
 * (很满意 + 满意) ÷ 投票数, total = target score × satisfaction, grade mapping [DEFAULT].
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTimeSkipping } from '../../testkit/temporal.js';
import { complete, startCase, startHarness, taskAt, waitFor, waitForEnd, type CaseHandle, type Harness } from './harness.js';

let env: TestWorkflowEnvironment;
let h: Harness;

beforeAll(async () => {
  env = await startTimeSkipping();
  h = await startHarness(env, 'diyi');
});

afterAll(async () => {
  await h?.stop();
  await env?.teardown();
});

async function toSurvey(posting: 'part_time' | 'full_time' = 'part_time'): Promise<CaseHandle> {
  const c = await startCase(h, 'diyi-shuji', { unit: 'v-xiaogu', initiator: 'twn_org', data: { first_secretary: 'first_sec_xiaogu', year: 2026, posting }, searchAttributes: false });
  await complete(c, 'self_report', 'first_sec_xiaogu', 'done', { self_report: '自查报告' });
  if (posting === 'full_time') await complete(c, 'assess_county', 'county_org', 'done', { target_score: 92, basic_plus_discipline: 86 });
  else await complete(c, 'assess_township', 'twn_sec', 'done', { target_score: 92, basic_plus_discipline: 86 });
  await taskAt(c, 'survey');
  return c;
}

const ballots = (eligible: number, cast: number, very: number, sat: number, basic: number) => ({
  eligible_voters: eligible,
  ballots_cast: cast,
  very_satisfied: very,
  satisfied: sat,
  basically_satisfied: basic,
  unsatisfied: cast - very - sat - basic,
});

describe('第一书记 双评 (SEED:002)', () => {
  it('第一书记: turnout of exactly ⅔ (40/60) is valid; 满意度 = (很满意+满意)/投票数 = 90% (shown as a percentage, issue 17) and 总分 = 92 × 90% = 82.8 → 排名定档 → 审核 → 报区（县）委审批', async () => {
    const c = await toSurvey();
    await complete(c, 'survey', 'twn_sec', 'done', ballots(60, 40, 20, 16, 3));
    const s = await waitFor(c, (x) => x.tasks.some((t) => t.nodeId === 'ranking'), '排名定档');
    expect(s.data.satisfaction).toBeCloseTo(90, 10);
    expect(s.data.total_score).toBeCloseTo(82.8, 10);
    await complete(c, 'ranking', 'county_org', 'done', { grade: 'excellent' });
    await complete(c, 'minister_review', 'county_org', 'done', { review_opinion: '同意' });
    expect((await taskAt(c, 'committee_approval')).nodeName).toBe('报区（县）委审批');
    await complete(c, 'committee_approval', 'county_org', 'done', { review_opinion: '批准' });
    expect(await waitForEnd(c)).toMatchObject({ outcome: 'graded' });
  });

  it('第一书记: 39 of 60 voting is below ⅔ — the survey is invalid and repeated', async () => {
    const c = await toSurvey();
    await complete(c, 'survey', 'twn_sec', 'done', ballots(60, 39, 20, 16, 3));
    await waitFor(c, (x) => x.tasks.filter((t) => t.nodeId === 'survey').length === 2, 'second survey');
    await c.terminate();
  });

  it('第一书记: 满意度 below 60% is 基本称职 and below 40% 不称职 without ranking ([UNCERTAIN] mapping, §10 第11条)', async () => {
    for (const [very, sat, grade] of [
      [10, 13, 'basic'], // 23/40 = 57.5%
      [5, 10, 'incompetent'], // 15/40 = 37.5%
    ] as const) {
      const c = await toSurvey();
      await complete(c, 'survey', 'twn_sec', 'done', ballots(60, 40, very, sat, 5));
      const s = await waitFor(c, (x) => x.tasks.some((t) => t.nodeId === 'minister_review'), '审核');
      expect(s.data.grade).toBe(grade);
      expect(s.tasks.some((t) => t.nodeId === 'ranking')).toBe(false);
      await c.terminate();
    }
  });

  it('第一书记: a 脱产 first secretary is assessed by the 组织部, a 非脱产 one by the 镇党委', async () => {
    const c = await toSurvey('full_time');
    const { state } = await import('./harness.js');
    const s = await state(c);
    expect(s.tasks.find((t) => t.nodeId === 'assess_county')?.candidateGrants).toEqual([{ role: 'COUNTY_ORG', orgUnit: 'c-yuhang' }]);
    expect(s.tasks.some((t) => t.nodeId === 'assess_township')).toBe(false);
    await c.terminate();
  });
});
