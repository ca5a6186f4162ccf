/**
 * “三票制”公推直选 (§3.1) and 三荐一审两会两票决 (§3.2) with the statutory election rules of §3.3
 * and the branches of §3.4, on the time-skipping server.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTimeSkipping } from '../../testkit/temporal.js';
import { civilLastDay, complete, isOpen, shanghaiDate, skipTo, startCase, startHarness, state, tally, taskAt, waitFor, waitForEnd, waitForNode, type CaseHandle, type Harness } from './harness.js';

let env: TestWorkflowEnvironment;
let h: Harness;

beforeAll(async () => {
  env = await startTimeSkipping();
  h = await startHarness(env, 'elections');
});

afterAll(async () => {
  await h?.stop();
  await env?.teardown();
});

const ORG = 'county_org';
const DISC = 'twn_disc';

/** 信任度: 信任票 / 参评人数 per candidate. 甲 reproduces the seed's 32/33 → 96.97; 丙 is exactly 50%. */
const TRUST = [
  { candidate: '甲', yes: 32, total: 33 },
  { candidate: '乙', yes: 19, total: 19 },
  { candidate: '丙', yes: 10, total: 20 },
  { candidate: '丁', yes: 9, total: 20 },
  { candidate: '戊', yes: 15, total: 20 },
  { candidate: '己', yes: 18, total: 20 },
  { candidate: '庚', yes: 16, total: 20 },
];
const NAMES = TRUST.map((t) => t.candidate);

/** Layer tallies (A 30%, B 20%, C 20%, D 20%): 甲 = 0.1·96.97 + 0.3·80 + 0.2·75 + 0.2·80 + 0.2·80 = 80.70. */
const LAYERS = [
  { group: 'A', entitled: 25, present: 25, candidateVotes: { 甲: 20, 乙: 18, 丙: 15, 丁: 25, 戊: 12, 己: 10, 庚: 5 } },
  { group: 'B', entitled: 40, present: 40, candidateVotes: { 甲: 30, 乙: 28, 丙: 26, 丁: 40, 戊: 20, 己: 18, 庚: 10 } },
  { group: 'C', entitled: 15, present: 15, candidateVotes: { 甲: 12, 乙: 11, 丙: 10, 丁: 15, 戊: 9, 己: 8, 庚: 3 } },
  { group: 'D', entitled: 10, present: 10, candidateVotes: { 甲: 8, 乙: 7, 丙: 6, 丁: 10, 戊: 5, 己: 5, 庚: 2 } },
];

async function toTrust(names = NAMES): Promise<CaseHandle> {
  const c = await startCase(h, 'sanpiao-xuanju', { unit: 't-jingshan', initiator: ORG, data: { election_title: '径山镇党委书记公推直选' }, searchAttributes: false });
  await complete(c, 'plan', ORG, 'done', { plan: '实施方案' });
  await complete(c, 'registration', ORG, 'done', { applicants: names });
  await complete(c, 'eligibility', ORG, 'done', { preliminary_candidates: names });
  const s = await waitFor(c, (x) => x.publicity.length === 1, '公报');
  const days = (Date.parse(s.publicity[0]!.endsAt) - Date.parse(s.publicity[0]!.startsAt)) / 86_400_000;
  expect(days).toBeGreaterThanOrEqual(5); // 5 working days
  await skipTo(env, s.publicity[0]!.endsAt);
  await taskAt(c, 'trust_rating');
  return c;
}

async function toCommittee(): Promise<CaseHandle> {
  const c = await toTrust();
  await complete(c, 'trust_rating', ORG, 'done', { trust_results: TRUST });
  await tally(c, 'structured_recommendation', ORG, DISC, LAYERS);
  await complete(c, 'field_research', ORG, 'done', { research_reports: '5份报告按时提交' });
  await complete(c, 'expert_research', ORG, 'done', { expert_plan: '发展目标规划' });
  await complete(c, 'vetting', ORG, 'done', { vetting_record: '考察材料' });
  await taskAt(c, 'committee_vote');
  return c;
}


describe('三票制 结构推荐 (SEED:003)', () => {
  it('三票制: 信任度 of exactly 50% passes the gate, below 50% is eliminated; weighted totals reproduce the seed (32/33 → 96.97) and the best 5 become 预备人选', async () => {
    const c = await toTrust();
    await complete(c, 'trust_rating', ORG, 'done', { trust_results: TRUST });
    const s = await tally(c, 'structured_recommendation', ORG, DISC, LAYERS);
    const v = s.votes.find((x) => x.nodeId === 'structured_recommendation')!;
    const text = v.result!.explanation.join('\n');
    expect(text).toContain('96.97');
    expect(v.result?.scores?.['甲']).toBe(80.7);
    // 丁 (9/20 < 50%) is out although it has every layer's votes; 丙 (10/20 = 50%) stays in.
    expect(v.result?.scores?.['丁']).toBeUndefined();
    expect(v.result?.scores?.['丙']).toBeDefined();
    expect(v.result?.elected).toHaveLength(5);
    expect(v.result?.elected).not.toContain('丁');
    expect(v.result?.elected).not.toContain('庚'); // lowest of the six eligible
    const after = await waitForNode(c, 'field_research');
    expect(after.data.shortlist).toEqual(v.result?.elected);
    // 实地调研: the report is due 2 days later (SEED:003).
    const t = after.tasks.find((x) => x.nodeId === 'field_research' && isOpen(x))!;
    expect(shanghaiDate(new Date(Date.parse(t.dueAt!) - 1).toISOString())).toBe(civilLastDay(shanghaiDate(t.createdAt), 2));
    await c.terminate();
  });

  it('三票制: fewer than 3 candidates past the 信任度 gate → registration is reopened (§3.4)', async () => {
    const c = await toTrust(['甲', '丁', '子']);
    await complete(c, 'trust_rating', ORG, 'done', {
      trust_results: [
        { candidate: '甲', yes: 30, total: 33 },
        { candidate: '丁', yes: 5, total: 20 },
        { candidate: '子', yes: 9, total: 20 },
      ],
    });
    await tally(c, 'structured_recommendation', ORG, DISC, [
      { group: 'A', entitled: 10, present: 10, candidateVotes: { 甲: 8, 丁: 2, 子: 1 } },
      { group: 'B', entitled: 10, present: 10, candidateVotes: { 甲: 8, 丁: 2, 子: 1 } },
      { group: 'C', entitled: 10, present: 10, candidateVotes: { 甲: 8, 丁: 2, 子: 1 } },
      { group: 'D', entitled: 10, present: 10, candidateVotes: { 甲: 8, 丁: 2, 子: 1 } },
    ]);
    const s = await waitFor(c, (x) => x.tasks.filter((t) => t.nodeId === 'registration').length === 2, '重新报名');
    expect(s.data.shortlist).toEqual(['甲']);
    await c.terminate();
  });

  it('三票制: a candidate who misses the 2-day report deadline is disqualified before the 全委会 (§3.4 [DEFAULT])', async () => {
    const c = await toTrust();
    await complete(c, 'trust_rating', ORG, 'done', { trust_results: TRUST });
    await tally(c, 'structured_recommendation', ORG, DISC, LAYERS);
    await complete(c, 'field_research', ORG, 'done', { research_reports: '戊逾期未交', disqualified: ['戊'] });
    await complete(c, 'expert_research', ORG, 'done', { expert_plan: '规划' });
    const s = await waitForNode(c, 'vetting');
    expect(s.data.shortlist).toEqual(['甲', '乙', '丙', '己']);
    await c.terminate();
  });
});

describe('全委会 and 党员大会直选 (§3.1 rows 8–9; 选举条例 §3.3)', () => {
  it('全委会: two 正式候选人 each with more than half of the members entitled; then the 党员大会 elects one with > 4/5 present and > ½ of 应到会 → 报批 → elected', async () => {
    const c = await toCommittee();
    const s1 = await tally(c, 'committee_vote', ORG, DISC, [{ entitled: 31, present: 27, candidateVotes: { 甲: 20, 乙: 17, 丙: 10, 己: 4 } }]);
    expect(s1.votes.find((v) => v.nodeId === 'committee_vote')?.result?.elected).toEqual(['甲', '乙']);
    const s2 = await tally(c, 'direct_election', ORG, DISC, [{ entitled: 500, present: 497, issued: 497, candidateVotes: { 甲: 301, 乙: 190 } }]);
    expect(s2.votes.find((v) => v.nodeId === 'direct_election')?.result).toMatchObject({ outcome: 'passed', elected: ['甲'] });
    await complete(c, 'approval', ORG, 'approve', { approval_opinion: '同意' });
    const end = await waitForEnd(c);
    expect(end).toMatchObject({ outcome: 'elected' });
    expect(end.data.elected).toEqual(['甲']);
  });

  it('全委会: when only one candidate has more than half, the 领导小组 reconsiders (另行票决 or restart at 结构推荐) (§3.4)', async () => {
    const c = await toCommittee();
    // Round 1: only 甲 passes; 另行选举 among the rest fails again → rejected.
    await tally(c, 'committee_vote', ORG, DISC, [{ entitled: 31, present: 27, candidateVotes: { 甲: 20, 乙: 12, 丙: 10, 己: 9 } }]);
    await tally(c, 'committee_vote', ORG, DISC, [{ entitled: 31, present: 27, candidateVotes: { 乙: 14, 丙: 10, 己: 3 } }]);
    await complete(c, 'committee_reconsider', ORG, 'restart');
    await taskAt(c, 'structured_recommendation');
    await c.terminate();
  });

  it('党员大会: exactly 4/5 present (400/500) is not a quorum — “超过五分之四” — and the election is rescheduled (选举条例)', async () => {
    const c = await toCommittee();
    await tally(c, 'committee_vote', ORG, DISC, [{ entitled: 31, present: 27, candidateVotes: { 甲: 20, 乙: 17 } }]);
    await tally(c, 'direct_election', ORG, DISC, [{ entitled: 500, present: 400, candidateVotes: { 甲: 300, 乙: 100 } }]);
    await complete(c, 'reschedule', ORG, 'reschedule');
    const s = await tally(c, 'direct_election', ORG, DISC, [{ entitled: 500, present: 401, candidateVotes: { 甲: 300, 乙: 100 } }]);
    expect(s.votes.filter((v) => v.nodeId === 'direct_election').map((v) => v.result?.outcome)).toEqual(['no_quorum', 'passed']);
    await c.terminate();
  });

  it('党员大会: 240 of 500 entitled (450 present) is not elected on the default 应到会 base; 另行选举 fails too → 报告上级党委 (§10 第1条)', async () => {
    const c = await toCommittee();
    await tally(c, 'committee_vote', ORG, DISC, [{ entitled: 31, present: 27, candidateVotes: { 甲: 20, 乙: 17 } }]);
    await tally(c, 'direct_election', ORG, DISC, [{ entitled: 500, present: 450, candidateVotes: { 甲: 240, 乙: 200 } }]);
    const s = await tally(c, 'direct_election', ORG, DISC, [{ entitled: 500, present: 450, candidateVotes: { 甲: 245, 乙: 200 } }]);
    const v = s.votes.filter((x) => x.nodeId === 'direct_election');
    expect(v.at(-1)?.result?.outcome).toBe('rejected');
    await complete(c, 'report_failure', ORG, 'reported', { approval_opinion: '已报区委' });
    expect(await waitForEnd(c)).toMatchObject({ outcome: 'failed' });
  });

  it('党员大会直选 is one node whose base is a setting: with 实到会, the same 240 of 450 present is elected (1990 暂行条例 / seed 003)', async () => {
    const c = await startCase(h, 'sanpiao-xuanju', {
      unit: 't-jingshan',
      initiator: ORG,
      data: { election_title: '直选' },
      params: { election_pass_base: 'present' },
      searchAttributes: false,
    });
    await complete(c, 'plan', ORG, 'done', { plan: '方案' });
    await complete(c, 'registration', ORG, 'done', { applicants: NAMES });
    await complete(c, 'eligibility', ORG, 'done', { preliminary_candidates: NAMES });
    const pub = await waitFor(c, (x) => x.publicity.length === 1, '公报');
    await skipTo(env, pub.publicity[0]!.endsAt);
    await complete(c, 'trust_rating', ORG, 'done', { trust_results: TRUST });
    await tally(c, 'structured_recommendation', ORG, DISC, LAYERS);
    await complete(c, 'field_research', ORG, 'done', { research_reports: '按时' });
    await complete(c, 'expert_research', ORG, 'done', { expert_plan: '规划' });
    await complete(c, 'vetting', ORG, 'done', { vetting_record: '考察' });
    await tally(c, 'committee_vote', ORG, DISC, [{ entitled: 31, present: 27, candidateVotes: { 甲: 20, 乙: 17 } }]);
    const t = await taskAt(c, 'direct_election');
    expect(t.nodeName).toBe('党员大会直选');
    const s = await tally(c, 'direct_election', ORG, DISC, [{ entitled: 500, present: 450, candidateVotes: { 甲: 240, 乙: 200 } }]);
    expect(s.votes.find((v) => v.nodeId === 'direct_election')?.result).toMatchObject({ outcome: 'passed', elected: ['甲'] });
    await c.terminate();
  });

  it('党员大会: more ballots returned than issued voids the round and it is voted again (选举条例)', async () => {
    const c = await toCommittee();
    await tally(c, 'committee_vote', ORG, DISC, [{ entitled: 31, present: 27, candidateVotes: { 甲: 20, 乙: 17 } }]);
    const s = await tally(c, 'direct_election', ORG, DISC, [{ entitled: 500, present: 480, issued: 470, cast: 475, candidateVotes: { 甲: 300, 乙: 170 } }]);
    const v = s.votes.find((x) => x.nodeId === 'direct_election')!;
    expect(v.status).toBe('collecting');
    expect(v.round).toBe(2);
    await c.terminate();
  });

  it('报批: the higher party committee may refuse approval → not_approved', async () => {
    const c = await toCommittee();
    await tally(c, 'committee_vote', ORG, DISC, [{ entitled: 31, present: 27, candidateVotes: { 甲: 20, 乙: 17 } }]);
    await tally(c, 'direct_election', ORG, DISC, [{ entitled: 500, present: 497, candidateVotes: { 甲: 301, 乙: 190 } }]);
    await complete(c, 'approval', ORG, 'reject', { approval_opinion: '不予批准' }, '考察发现问题');
    expect(await waitForEnd(c)).toMatchObject({ outcome: 'not_approved' });
  });
});

describe('三荐一审两会两票决 (SEED:003 §3.2)', () => {
  const LEADER = 'twn_org';
  async function toElection(nomineeVotes: Record<string, number>): Promise<CaseHandle> {
    const names = Object.keys(nomineeVotes);
    const c = await startCase(h, 'sanjian-yishen', { unit: 'v-shuangxi', initiator: LEADER, data: { election_title: '换届' }, searchAttributes: false });
    await complete(c, 'nomination', LEADER, 'done', { nominations: names.map((n) => ({ nominee: n, channel: 'self' })) });
    await complete(c, 'review', LEADER, 'done', { nominees: names });
    await tally(c, 'nomination_meeting', LEADER, DISC, [{ entitled: 60, present: 55, candidateVotes: nomineeVotes }]);
    return c;
  }

  it('三荐一审: 6 正式候选人 for 5 seats (差额 20%), 委员 elected 差额, 书记 等额, 报批 → elected', async () => {
    const c = await toElection({ 林: 50, 梁: 48, 宋: 45, 郭: 40, 谢: 38, 韦: 30, 徐: 12 });
    const s = await waitForNode(c, 'committee_election');
    expect(s.data.formal_candidates).toEqual(['林', '梁', '宋', '郭', '谢', '韦']);
    await tally(c, 'committee_election', LEADER, DISC, [{ entitled: 60, present: 55, candidateVotes: { 林: 50, 梁: 48, 宋: 45, 郭: 40, 谢: 38, 韦: 20 } }]);
    await complete(c, 'secretary_nomination', LEADER, 'done', { secretary_candidate: ['林'] });
    const s2 = await tally(c, 'secretary_election', LEADER, DISC, [{ entitled: 60, present: 55, candidateVotes: { 林: 52 } }]);
    expect(s2.data.committee_elected).toEqual(['林', '梁', '宋', '郭', '谢']);
    expect(s2.votes.find((v) => v.nodeId === 'secretary_election')?.result).toMatchObject({ outcome: 'passed', elected: ['林'] });
    await complete(c, 'approval', 'county_org', 'approve', { approval_opinion: '同意' });
    expect(await waitForEnd(c)).toMatchObject({ outcome: 'elected' });
  });

  it('三荐一审: fewer than 6 正式候选人 (差额 below 20%) → the engine refuses the election and sends it to 补充推荐 (选举条例 第13条)', async () => {
    const c = await toElection({ 林: 50, 梁: 48, 宋: 45, 郭: 40, 谢: 38 });
    const s = await waitFor(c, (x) => x.tasks.some((t) => t.nodeId === 'margin_short' && isOpen(t)), '补充推荐');
    expect(s.tasks.some((t) => t.nodeId === 'committee_election')).toBe(false);
    const refused = s.timeline.find((e) => e.type === 'vote.marginShort');
    expect(refused?.comment).toBe('候选人 5 名，应选 5 名：差额须不少于应选人数的 20%，至少需 6 名候选人 — 不能进行选举，请补足候选人（中国共产党基层组织选举工作条例 第13条：委员候选人差额不少于应选人数的20%）');
    await c.terminate();
  });

  it('差额 in any election, seats as a setting: 3 委员 with 3 正式候选人 is refused (等额 where the rule wants 差额); 4 candidates are enough (选举条例 第9、13条)', async () => {
    const start = (candidates: number) =>
      startCase(h, 'sanjian-yishen', { unit: 'v-shuangxi', initiator: LEADER, data: { election_title: '换届（3名委员）' }, params: { committee_seats: 3, candidate_count: candidates }, searchAttributes: false });
    const run = async (c: CaseHandle, votes: Record<string, number>) => {
      const names = Object.keys(votes);
      await complete(c, 'nomination', LEADER, 'done', { nominations: names.map((n) => ({ nominee: n, channel: 'self' })) });
      await complete(c, 'review', LEADER, 'done', { nominees: names });
      await tally(c, 'nomination_meeting', LEADER, DISC, [{ entitled: 40, present: 38, candidateVotes: votes }]);
    };
    // The case parameters themselves are held to the rule: 3 candidates for 3 seats cannot even start.
    const refused = await start(3);
    const err = await refused.result().then(
      () => undefined,
      (e: unknown) => e as { cause?: { type?: string; message?: string } },
    );
    expect(err?.cause?.type).toBe('PARAMS_INVALID');
    expect(err?.cause?.message).toContain('至少需 4 名候选人');
    // 4 candidates named, but the meeting produces only 3 (a tie-free cut of 3 names): the engine refuses the election.
    const c = await start(4);
    await run(c, { 林: 30, 梁: 28, 宋: 25 });
    await taskAt(c, 'margin_short');
    expect((await state(c)).tasks.some((t) => t.nodeId === 'committee_election')).toBe(false);
    await c.terminate();
    const ok = await start(4);
    await run(ok, { 林: 30, 梁: 28, 宋: 25, 郭: 20 });
    const s = await taskAt(ok, 'committee_election');
    expect(s.nodeName).toBe('二会：党员选举大会选举委员');
    const elected = await tally(ok, 'committee_election', LEADER, DISC, [{ entitled: 40, present: 38, candidateVotes: { 林: 30, 梁: 28, 宋: 25, 郭: 9 } }]);
    expect(elected.votes.find((v) => v.nodeId === 'committee_election')?.result).toMatchObject({ outcome: 'passed', elected: ['林', '梁', '宋'] });
    await ok.terminate();
  });
});
