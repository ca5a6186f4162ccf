/**
 * New procedures of issue 17 on the time-skipping server: 民生实事项目人大代表票决 (procedures.md §6.3,
 * variable seats, candidates as a list of texts, 差额) and 罢免村民委员会成员 (组织法 §16).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTimeSkipping } from '../../testkit/temporal.js';
import { actor, complete, expectRejected, skipTo, startCase, startHarness, tally, taskAt, waitFor, waitForEnd, type CaseHandle, type Harness } from './harness.js';
import * as m from '../../workflows/messages.js';

let env: TestWorkflowEnvironment;
let h: Harness;

beforeAll(async () => {
  env = await startTimeSkipping();
  h = await startHarness(env, 'minsheng-bamian');
});

afterAll(async () => {
  await h?.stop();
  await env?.teardown();
});

const GOV = 'twn_mayor';
const NPC = 'twn_npc';
const DISC = 'twn_disc';
const PROJECTS = ['径山村文化礼堂改扩建', '小古城村机耕路硬化', '双溪村污水管网', '镇区停车场', '老年食堂', '中小学校门口护栏'];

async function toVote(projects: string[], params: Record<string, unknown>): Promise<CaseHandle> {
  const c = await startCase(h, 'minsheng-shishi', { unit: 't-jingshan', initiator: GOV, data: { year: 2027 }, params, searchAttributes: false });
  await complete(c, 'solicit', GOV, 'done', { year: 2027, solicitation: '发放征求意见表1200份，收集建议86条。' });
  await complete(c, 'shortlist', GOV, 'submit', { candidate_projects: projects });
  await complete(c, 'party_review', 'twn_sec', 'approve', { party_opinion: '同意提交人代会票决' });
  return c;
}

describe('民生实事项目人大代表票决 (procedures.md §6.3, SEED:000)', () => {
  it('民生实事: 6 candidate projects (a list of texts) for 4 seats (the seats a setting); each needs > ½ of all 40 deputies; the best 4 by votes are selected and published', async () => {
    const c = await toVote(PROJECTS, { project_count: 4 });
    const t = await taskAt(c, 'npc_vote');
    expect(t.nodeName).toBe('镇人代会票决民生实事项目');
    const s = await tally(c, 'npc_vote', NPC, DISC, [
      { entitled: 40, present: 36, all: 40, candidateVotes: { 径山村文化礼堂改扩建: 33, 小古城村机耕路硬化: 30, 双溪村污水管网: 29, 镇区停车场: 12, 老年食堂: 27, 中小学校门口护栏: 13 } },
    ]);
    const v = s.votes.find((x) => x.nodeId === 'npc_vote')!;
    expect(v.result).toMatchObject({ outcome: 'passed', elected: ['径山村文化礼堂改扩建', '小古城村机耕路硬化', '双溪村污水管网', '老年食堂'] });
    // 13 of 40 is not more than half of all deputies.
    expect(v.result?.explanation.join('\n')).toContain('中小学校门口护栏：得票 13/全体 40，未超过全体成员人数的一半');
    const after = await waitFor(c, (x) => x.publicity.some((p) => p.nodeId === 'announce'), '公布');
    expect(after.data.selected_projects).toEqual(['径山村文化礼堂改扩建', '小古城村机耕路硬化', '双溪村污水管网', '老年食堂']);
    await c.terminate();
  });

  it('民生实事: a ballot naming more projects than the seats is refused at the count (每张选票所选不得多于拟定项目数)', async () => {
    const c = await toVote(PROJECTS, { project_count: 4 });
    const t = await taskAt(c, 'npc_vote');
    const msg = await expectRejected(
      c.executeUpdate(m.submitTallyUpdate, {
        args: [{ actor: actor(NPC), taskId: t.id, groups: [{ group: 'default', entitled: 40, present: 10, all: 40, candidateVotes: { 径山村文化礼堂改扩建: 10, 小古城村机耕路硬化: 10, 双溪村污水管网: 10, 镇区停车场: 10, 老年食堂: 10 } }] }],
      }),
      'TALLY_INVALID',
    );
    expect(msg).toContain('每票最多可选 4 人');
    await c.terminate();
  });

  it('民生实事: as many candidates as seats is not a 差额 vote — the engine refuses it and the list goes back to 镇政府 初选', async () => {
    const c = await toVote(PROJECTS.slice(0, 4), { project_count: 4 });
    const s = await waitFor(c, (x) => x.tasks.filter((t) => t.nodeId === 'shortlist').length === 2, '退回初选');
    expect(s.timeline.find((e) => e.type === 'vote.marginShort')?.comment).toContain('至少需 5 名候选人');
    expect(s.tasks.some((t) => t.nodeId === 'npc_vote')).toBe(false);
    await c.terminate();
  });

  it('民生实事: after implementation and 代表监督, each project is rated 满意 / 基本满意 / 不满意 against all deputies (PUB 镇海区)', async () => {
    const c = await toVote(PROJECTS, { project_count: 2, implementation_months: 1 });
    await tally(c, 'npc_vote', NPC, DISC, [{ entitled: 40, present: 38, all: 40, candidateVotes: { 径山村文化礼堂改扩建: 35, 小古城村机耕路硬化: 30, 双溪村污水管网: 10 } }]);
    const pub = await waitFor(c, (x) => x.publicity.some((p) => p.nodeId === 'announce'), '公布');
    await skipTo(env, pub.publicity.find((p) => p.nodeId === 'announce')!.endsAt);
    await complete(c, 'implement', GOV, 'done', { implementation_plan: '两项均已完工验收' });
    await complete(c, 'supervise', NPC, 'done', { supervision_record: '代表小组视察3次' });
    await complete(c, 'rating', NPC, 'done', {
      project_ratings: [
        { project: '径山村文化礼堂改扩建', satisfied: 20, basic: 15, unsatisfied: 5, total: 40 },
        { project: '小古城村机耕路硬化', satisfied: 12, basic: 8, unsatisfied: 20, total: 40 },
      ],
    });
    const end = await waitForEnd(c);
    expect(end.outcome).toBe('rated');
    expect(end.data.rating_results).toEqual(['径山村文化礼堂改扩建：满意', '小古城村机耕路硬化：基本满意']);
  });
});

describe('罢免村民委员会成员 (村民委员会组织法 §16)', () => {
  const C = 'vil_comm_jingshan';
  const S = 'vil_superv_jingshan';
  const request = (data: Record<string, unknown>) =>
    startCase(h, 'bamian', { unit: 'v-jingshan', initiator: C, data: { member_name: '某委员', reasons: '长期不履职，侵占集体资金', ...data }, searchAttributes: false });

  async function toVote(): Promise<CaseHandle> {
    const c = await request({});
    await complete(c, 'proposal', C, 'register', { voter_signers: 240, registered_voters: 1200 });
    await complete(c, 'defense', C, 'submitted', { defense: '资金用途均经村务监督委员会审核' });
    await complete(c, 'convene', C, 'notified');
    const s = await waitFor(c, (x) => x.timeline.some((e) => e.type === 'timer.started' && e.nodeId === 'villagers_notice'), '通知期');
    await skipTo(env, (s.timeline.find((e) => e.type === 'timer.started' && e.nodeId === 'villagers_notice')!.detail as { dueAt: string }).dueAt);
    await taskAt(c, 'recall_vote');
    return c;
  }

  it.each([
    ['exactly 1/5 of the voters (240 of 1,200) may request it', { voter_signers: 240, registered_voters: 1200 }, 'defense'],
    ['239 of 1,200 voters may not', { voter_signers: 239, registered_voters: 1200 }, 'insufficient'],
    ['exactly 1/3 of the 村民代表 (10 of 30) may request it', { rep_signers: 10, reps_total: 30 }, 'defense'],
    ['9 of 30 村民代表 may not', { rep_signers: 9, reps_total: 30 }, 'insufficient'],
  ])('罢免: %s (≥1/5 voters or ≥1/3 代表 联名)', async (_l, data, expected) => {
    const c = await request({});
    await complete(c, 'proposal', C, 'register', data);
    if (expected === 'defense') {
      const t = await taskAt(c, 'defense');
      expect(t.nodeName).toBe('被罢免人申辩');
      await c.terminate();
    } else {
      expect(await waitForEnd(c)).toMatchObject({ outcome: 'insufficient' });
    }
  });

  it('罢免: valid only when more than half of the registered voters vote — 600 of 1,200 is not enough (投票无效)', async () => {
    const c = await toVote();
    const s = await tally(c, 'recall_vote', C, S, [{ entitled: 1200, present: 600, cast: 600, yes: 590, no: 10 }]);
    expect(s.votes.at(-1)?.result?.outcome).toBe('no_quorum');
    await taskAt(c, 'invalid_vote');
    await c.terminate();
  });

  it('罢免: 601 voting, 301 in favour (> ½ of the votes cast) → recalled, published and reported to the township', async () => {
    const c = await toVote();
    await tally(c, 'recall_vote', C, S, [{ entitled: 1200, present: 601, cast: 601, yes: 301, no: 290, abstain: 10 }]);
    await complete(c, 'announce', C, 'done', { announcement: '罢免通过' });
    const end = await waitForEnd(c);
    expect(end.outcome).toBe('recalled');
    expect(h.notifier.sent.some((n) => n.caseId === c.workflowId && n.grants.some((g) => g.role === 'TWN_MAYOR'))).toBe(true);
  });

  it('罢免: 601 voting, exactly 300 in favour is not more than half → not recalled', async () => {
    const c = await toVote();
    await tally(c, 'recall_vote', C, S, [{ entitled: 1200, present: 601, cast: 601, yes: 300, no: 301 }]);
    await complete(c, 'announce', C, 'done', { announcement: '罢免未通过' });
    expect(await waitForEnd(c)).toMatchObject({ outcome: 'not_recalled' });
  });
});



