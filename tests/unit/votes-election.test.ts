import { describe, expect, it } from 'vitest';
import { VoteSpecSchema, type VoteSpec } from '../../dsl/schema.js';
import type { TallyGroup } from '../../workflows/messages.js';
import { evaluateVote, partyElectionPass, RULE_PRESETS } from '../../workflows/rules/votes.js';

const ELECTION = RULE_PRESETS['dangyuan-dahui-xuanju'];

function election(opts: { seats: number; maxPicks?: number; candidates?: string[]; pass?: VoteSpec['pass']; quorum?: VoteSpec['quorum'] | null; topN?: number }): VoteSpec {
  return VoteSpecSchema.parse({
    mode: 'tally',
    options: { type: 'candidates', seats: opts.seats, maxPicks: opts.maxPicks ?? opts.seats, candidates: opts.candidates },
    quorum: opts.quorum === null ? undefined : (opts.quorum ?? ELECTION.quorum),
    pass: opts.pass ?? ELECTION.pass,
    topN: opts.topN,
  });
}

function ballots(entitled: number, present: number, candidateVotes: Record<string, number>, extra: Partial<TallyGroup> = {}): TallyGroup[] {
  return [{ group: 'default', entitled, present, candidateVotes, ...extra }];
}

describe('党员大会选举 quorum: 有选举权的到会人数 超过 应到会人数的 4/5 (选举工作条例)', () => {
  it.each([
    ['exactly 40 of 50 is not over 4/5: the election may not proceed', 40, 'no_quorum'],
    ['41 of 50 is over 4/5', 41, 'passed'],
  ] as const)('%s', (_l, present, outcome) => {
    const r = evaluateVote(election({ seats: 1, candidates: ['张三'] }), ballots(50, present, { 张三: 30 }));
    expect(r.outcome).toBe(outcome);
  });

  it('the seed 三荐一审 rule “不得少于4/5” (≥) accepts exactly 40 of 50', () => {
    const seed = RULE_PRESETS['sanjian-yishen'];
    const r = evaluateVote(
      election({ seats: 1, candidates: ['张三'], quorum: seed.quorum, pass: seed.pass }),
      ballots(50, 40, { 张三: 30 }),
    );
    expect(r.outcome).toBe('passed');
    expect(r.explanation[0]).toBe('到会 40/应到 50 ≥ ⅘ — 有效（SEED:003：到会不得少于应到会党员的4/5）');
  });
});

describe('party election pass base: 应到会 (default, 2020 条例 per 旗帜网) vs 实到会 (1990 暂行条例, seed 003) — UNCERTAIN', () => {
  const groups = ballots(100, 85, { 李四: 45 });
  it('45 votes with 100 entitled and 85 present: not elected when counted on 应到会 (needs 51)', () => {
    const r = evaluateVote(election({ seats: 1, candidates: ['李四'], pass: partyElectionPass('entitled') }), groups);
    expect(r.elected).toEqual([]);
    expect(r.explanation).toContain(
      '李四：得票 45/应到 100，未超过应到会人数的一半（至少需 51）— 未达到当选票数（中国共产党基层组织选举工作条例（2020）：赞成票超过应到会有选举权人数的半数）',
    );
  });
  it('the same 45 votes elect when counted on 实到会 (needs 43)', () => {
    const r = evaluateVote(election({ seats: 1, candidates: ['李四'], pass: partyElectionPass('present') }), groups);
    expect(r.outcome).toBe('passed');
    expect(r.elected).toEqual(['李四']);
  });
  it('the preset defaults to 应到会 and offers 实到会 as an alternative', () => {
    expect(ELECTION.pass.base).toBe('entitled');
    expect(ELECTION.alternatives.实到会.base).toBe('present');
  });
});

describe('seats, ties and 另行选举 (选举工作条例: 按得票多少; 票数相等 → 在并列者中再投票; 缺额 → 另行选举)', () => {
  const five = ['甲', '乙', '丙', '丁', '戊'];

  it('over-subscription: more than the seats exceed half → taken by vote order', () => {
    const r = evaluateVote(election({ seats: 3, candidates: five }), ballots(100, 90, { 甲: 80, 乙: 70, 丙: 60, 丁: 55, 戊: 20 }));
    expect(r.outcome).toBe('passed');
    expect(r.elected).toEqual(['甲', '乙', '丙']);
    expect(r.scores).toEqual({ 甲: 80, 乙: 70, 丙: 60, 丁: 55, 戊: 20 });
  });

  it('a tie at the cut → revote among the tied, the clear winners stay elected', () => {
    const r = evaluateVote(election({ seats: 3, candidates: five }), ballots(100, 90, { 甲: 80, 乙: 70, 丙: 60, 丁: 60, 戊: 20 }));
    expect(r.outcome).toBe('revote');
    expect(r.elected).toEqual(['甲', '乙']);
    expect(r.tied).toEqual(['丙', '丁']);
    expect(r.explanation.at(-1)).toBe('丙、丁 得票相同（60 票），并列于第 3 名，剩余 1 个名额 — 在并列者中另行选举');
  });

  it('a tie above the cut is no tie: 甲 and 乙 equal, both elected for 3 seats', () => {
    const r = evaluateVote(election({ seats: 3, candidates: five }), ballots(100, 90, { 甲: 70, 乙: 70, 丙: 60, 丁: 55, 戊: 20 }));
    expect(r.outcome).toBe('passed');
    expect(r.elected).toEqual(['甲', '乙', '丙']);
  });

  it('under-subscription: only 2 of 3 seats reach more than half → 另行选举 among those not elected', () => {
    const r = evaluateVote(election({ seats: 3, candidates: five }), ballots(100, 90, { 甲: 80, 乙: 70, 丙: 50, 丁: 40, 戊: 20 }));
    expect(r.outcome).toBe('revote');
    expect(r.elected).toEqual(['甲', '乙']);
    expect(r.tied).toEqual(['丙', '丁', '戊']);
    expect(r.explanation.at(-1)).toBe('当选 2 人，少于应选 3 人 — 缺额 1 名在未当选的 丙、丁、戊 中另行选举');
  });

  it('exactly half of 应到会 (50 of 100) is not elected (过半数)', () => {
    const r = evaluateVote(election({ seats: 1, candidates: ['甲', '乙'] }), ballots(100, 90, { 甲: 50, 乙: 40 }));
    expect(r.outcome).toBe('revote');
    expect(r.elected).toEqual([]);
    expect(r.tied).toEqual(['甲', '乙']);
  });

  it('the 另行选举 round fills the remaining seat among the tied (seats and candidates of the round)', () => {
    const r = evaluateVote(election({ seats: 3, candidates: five }), ballots(100, 90, { 丙: 52, 丁: 38 }), {
      candidates: ['丙', '丁'],
      seats: 1,
      round: 2,
    });
    expect(r.outcome).toBe('passed');
    expect(r.elected).toEqual(['丙']);
    expect(r.explanation[0]).toBe('第 2 轮投票（另行选举）');
  });

  it('a 另行选举 round still needs the quorum: 40 of 50 present cannot elect', () => {
    const r = evaluateVote(election({ seats: 1, candidates: ['丙'] }), ballots(50, 40, { 丙: 40 }), { round: 2 });
    expect(r.outcome).toBe('no_quorum');
  });

  it('fewer candidates than seats, all elected: passed with the shortfall explained', () => {
    const r = evaluateVote(election({ seats: 3, candidates: ['甲', '乙'] }), ballots(100, 90, { 甲: 80, 乙: 70 }));
    expect(r.outcome).toBe('passed');
    expect(r.elected).toEqual(['甲', '乙']);
    expect(r.explanation.at(-1)).toBe('当选 2 人，少于应选 3 人，已无其他候选人可另行选举');
  });

  it('topN selects the best N (全委会票决 5 → 2) under > ½ of 应到会委员', () => {
    const q = RULE_PRESETS['quanweihui-piaojue'];
    const spec = election({ seats: 2, maxPicks: 2, candidates: five, quorum: q.quorum, pass: q.pass, topN: 2 });
    const r = evaluateVote(spec, ballots(31, 29, { 甲: 25, 乙: 18, 丙: 15, 丁: 0, 戊: 0 }));
    expect(r.outcome).toBe('passed');
    expect(r.elected).toEqual(['甲', '乙']);
  });
});

describe('ballots returned > issued voids the round (选举工作条例; §3.3)', () => {
  it('91 ballots returned of 90 issued → revote, whatever the counts say', () => {
    const r = evaluateVote(election({ seats: 1, candidates: ['甲', '乙'] }), ballots(100, 91, { 甲: 80, 乙: 10 }, { cast: 91, issued: 90 }));
    expect(r.outcome).toBe('revote');
    expect(r.elected).toBeUndefined();
    expect(r.explanation.at(-1)).toBe('收回选票 91 张，多于发出的 90 张 — 本轮投票无效，须重新投票（中国共产党基层组织选举工作条例）');
  });

  it('returned equal to issued is valid', () => {
    const r = evaluateVote(election({ seats: 1, candidates: ['甲', '乙'] }), ballots(100, 90, { 甲: 80, 乙: 10 }, { cast: 90, issued: 90 }));
    expect(r.outcome).toBe('passed');
  });

  it('fewer returned than issued is valid', () => {
    const r = evaluateVote(election({ seats: 1, candidates: ['甲', '乙'] }), ballots(100, 90, { 甲: 80, 乙: 5 }, { cast: 88, issued: 90 }));
    expect(r.outcome).toBe('passed');
  });

  it('a yes/no motion with more ballots than issued is void too', () => {
    const spec = VoteSpecSchema.parse({ mode: 'tally', options: { type: 'yesNo' }, pass: { base: 'present', op: '>', num: 1, den: 2 } });
    const r = evaluateVote(spec, [{ group: 'default', entitled: 30, present: 25, cast: 25, issued: 24, yes: 20 }]);
    expect(r.outcome).toBe('revote');
  });
});
