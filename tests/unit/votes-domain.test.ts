/**
 * Vote rules corrected by issue 17: the 土地承包方案 base (农村土地承包法 §19), written opinions of
 * absent party members (发展党员工作细则), 差额 in any election (选举工作条例 §9, §13), 罢免
 * (组织法 §16), and a rule whose base or seats are a setting.
 */
import { describe, expect, it } from 'vitest';
import { VoteSpecSchema, type VoteSpec } from '../../dsl/schema.js';
import type { TallyGroup } from '../../workflows/messages.js';
import { evaluateVote, marginShortfall, minCandidates, RULE_PRESETS, validateTally, type RulePresetKey } from '../../workflows/rules/votes.js';
import { voteSpecWithParams } from '../../workflows/engine/params.js';

function motion(key: RulePresetKey, extra: Partial<VoteSpec> = {}): VoteSpec {
  const p = RULE_PRESETS[key];
  return VoteSpecSchema.parse({
    mode: 'tally',
    options: { type: 'yesNo' },
    groups: 'groups' in p ? p.groups : [],
    quorum: 'quorum' in p ? p.quorum : undefined,
    pass: 'pass' in p ? p.pass : { base: 'present', op: '>', num: 1, den: 2 },
    ...extra,
  });
}

describe('土地承包方案 (农村土地承包法 §19: ≥ ⅔ of all 村民代表, or ≥ ⅔ of all 村民会议 members)', () => {
  const reps = motion('tudi-chengbao-daibiao');
  const general = motion('cunmin-daibiao-huiyi');

  it('19 of 30 representatives agreeing is a majority of the 21 present — enough for another matter, not for 土地承包方案', () => {
    const counts: TallyGroup[] = [{ group: 'default', entitled: 30, present: 21, all: 30, yes: 19 }];
    expect(evaluateVote(general, counts).outcome).toBe('passed');
    const r = evaluateVote(reps, counts);
    expect(r.outcome).toBe('rejected');
    expect(r.explanation.at(-1)).toBe('赞成 19/全体 30，未达到全体成员人数的三分之二（至少需 20）— 未通过（农村土地承包法 第19条：三分之二以上村民代表同意）');
  });

  it('20 of 30 (exactly ⅔ of all representatives) passes, whoever else attended', () => {
    expect(evaluateVote(reps, [{ group: 'default', entitled: 30, present: 20, all: 30, yes: 20 }]).outcome).toBe('passed');
  });

  it('at a 村民会议 the base is every villager aged 18+: 400 of 900 present, 390 agreeing, is short of 600', () => {
    const spec = motion('tudi-chengbao-cunmin');
    const counts: TallyGroup[] = [
      { group: 'villagers', entitled: 900, present: 460, all: 900, yes: 390 },
      { group: 'households', entitled: 300, present: 210, all: 300 },
    ];
    expect(evaluateVote(motion('cunmin-huiyi'), counts).outcome).toBe('passed');
    expect(evaluateVote(spec, counts).outcome).toBe('rejected');
    expect(evaluateVote(spec, [{ ...counts[0]!, present: 700, yes: 600 }, counts[1]!]).outcome).toBe('passed');
  });
});

describe('发展党员 支部大会: written opinions of absent members count in the votes (发展党员工作细则)', () => {
  const spec = motion('jieshou-yubei-dangyuan', { writtenOpinions: true });

  it('10 entitled, 6 present: 4 yes at the meeting + 2 written yes = 6 > 5 — passed; without the written ones, rejected', () => {
    const withWritten: TallyGroup[] = [{ group: 'default', entitled: 10, present: 6, yes: 4, no: 2, writtenYes: 2 }];
    expect(validateTally(spec, withWritten)).toBeUndefined();
    const r = evaluateVote(spec, withWritten);
    expect(r.outcome).toBe('passed');
    expect(r.explanation).toContain('未到会党员书面意见 2 份：赞成 2，反对 0，弃权 0（计入票数，不计入到会人数）— 赞成合计 6');
    expect(evaluateVote(spec, [{ group: 'default', entitled: 10, present: 6, yes: 4, no: 2 }]).outcome).toBe('rejected');
  });

  it('written opinions are votes, not attendance: 5 present of 10 is still no quorum, whatever was written', () => {
    expect(evaluateVote(spec, [{ group: 'default', entitled: 10, present: 5, yes: 5, writtenYes: 4 }]).outcome).toBe('no_quorum');
  });

  it('only the absent can write: 3 written opinions with 8 of 10 present is refused with the count of absent members', () => {
    expect(validateTally(spec, [{ group: 'default', entitled: 10, present: 8, yes: 6, writtenYes: 3 }])).toBe(
      '书面意见 3 份，超过未到会的 2 人（应到 10，实到 8）：只有因故不能到会的人才能提交书面意见，请核对',
    );
  });

  it('a yes count above the ballots cast points the teller at the written-opinion box', () => {
    expect(validateTally(spec, [{ group: 'default', entitled: 10, present: 6, yes: 8 }])).toContain('未到会党员的书面意见请填在“书面意见”栏');
  });

  it('a vote that does not take written opinions refuses them', () => {
    const reps = motion('cunmin-daibiao-huiyi');
    expect(validateTally(reps, [{ group: 'default', entitled: 30, present: 20, yes: 12, writtenYes: 3 }])).toBe('本表决不计未到会人员的书面意见，请把书面意见栏清零');
  });
});

describe('差额 in any election (选举工作条例 §9, §13: 差额不少于应选人数的20%)', () => {
  it.each([
    [1, 2],
    [3, 4],
    [5, 6],
    [7, 9],
    [10, 12],
    [11, 14],
  ])('%i seats need at least %i candidates', (seats, need) => {
    expect(minCandidates(seats, { num: 1, den: 5 })).toBe(need);
  });

  const election = (seats: number): VoteSpec =>
    VoteSpecSchema.parse({
      mode: 'tally',
      options: { type: 'candidates', candidatesField: 'c', seats, maxPicks: seats, margin: { num: 1, den: 5, source: '选举工作条例 第13条' } },
      pass: { base: 'entitled', op: '>', num: 1, den: 2 },
    });

  it('3 seats with 3 candidates is 等额 where the rule wants 差额: refused with the number needed', () => {
    expect(marginShortfall(election(3), 3, 3)).toBe('候选人 3 名，应选 3 名：差额须不少于应选人数的 20%，至少需 4 名候选人 — 不能进行选举，请补足候选人（选举工作条例 第13条）');
    expect(marginShortfall(election(3), 4, 3)).toBeUndefined();
  });

  it('a vote without a 差额 rule (书记 等额) is never refused', () => {
    const spec = VoteSpecSchema.parse({ mode: 'tally', options: { type: 'candidates', candidatesField: 'c', seats: 1, maxPicks: 1 }, pass: { base: 'entitled', op: '>', num: 1, den: 2 } });
    expect(marginShortfall(spec, 1, 1)).toBeUndefined();
  });

  it('seats as a setting: a seats parameter of 7 makes the election 7 seats, 7 picks per ballot', () => {
    const spec = VoteSpecSchema.parse({
      mode: 'tally',
      options: { type: 'candidates', candidatesField: 'c', seats: 5, seatsParam: 'seats', maxPicks: 5, margin: { num: 1, den: 5 } },
      pass: { base: 'entitled', op: '>', num: 1, den: 2 },
    });
    const tuned = voteSpecWithParams(spec, { seats: 7 });
    expect(tuned.options).toMatchObject({ seats: 7, maxPicks: 7 });
    expect(marginShortfall(tuned, 8, 7)).toContain('至少需 9 名候选人');
  });
});

describe('罢免村委会成员 (组织法 §16: > ½ of registered voters vote; > ½ of the votes cast agree)', () => {
  const spec = motion('bamian-cunweihui');

  it.each([
    ['600 of 1,200 registered voters voting is not enough (needs > ½)', 1200, 600, 590, 'no_quorum'],
    ['601 voting, 301 in favour passes (> ½ of 601)', 1200, 601, 301, 'passed'],
    ['601 voting, 300 in favour fails (exactly ½ is not > ½)', 1200, 601, 300, 'rejected'],
  ])('%s', (_l, registered, voted, yes, outcome) => {
    expect(evaluateVote(spec, [{ group: 'default', entitled: registered, present: voted, cast: voted, yes }]).outcome).toBe(outcome);
  });
});

describe('a rule whose base is a setting (党员大会直选: 应到会 / 实到会 as one node)', () => {
  it('the pass base follows the parameter: 45 of 100 entitled, 80 present → passed on 实到会, rejected on 应到会', () => {
    const spec = VoteSpecSchema.parse({
      mode: 'tally',
      options: { type: 'yesNo' },
      pass: { base: 'entitled', op: '>', num: 1, den: 2, baseParam: 'pass_base' },
    });
    const counts: TallyGroup[] = [{ group: 'default', entitled: 100, present: 80, yes: 45 }];
    expect(evaluateVote(voteSpecWithParams(spec, { pass_base: 'entitled' }), counts).outcome).toBe('rejected');
    expect(evaluateVote(voteSpecWithParams(spec, { pass_base: 'present' }), counts).outcome).toBe('passed');
    expect(evaluateVote(voteSpecWithParams(spec, { pass_base: 'nonsense' }), counts).outcome).toBe('rejected');
  });
});
