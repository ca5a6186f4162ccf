import { describe, expect, it } from 'vitest';
import { VoteSpecSchema, type VoteSpec } from '../../dsl/schema.js';
import type { TallyGroup } from '../../workflows/messages.js';
import { evaluateVote, RULE_PRESETS, tallyFromBallots, validateTally } from '../../workflows/rules/votes.js';

const motion: VoteSpec = VoteSpecSchema.parse({
  mode: 'tally',
  options: { type: 'yesNo' },
  quorum: RULE_PRESETS['cunmin-daibiao-huiyi'].quorum,
  pass: RULE_PRESETS['cunmin-daibiao-huiyi'].pass,
});

const election: VoteSpec = VoteSpecSchema.parse({
  mode: 'ballots',
  options: { type: 'candidates', seats: 2, maxPicks: 2, candidates: ['甲', '乙', '丙'] },
  quorum: RULE_PRESETS['dangyuan-dahui-xuanju'].quorum,
  pass: RULE_PRESETS['dangyuan-dahui-xuanju'].pass,
});

const joint: VoteSpec = VoteSpecSchema.parse({
  mode: 'tally',
  options: { type: 'yesNo' },
  groups: RULE_PRESETS['liangcun-lianghui'].groups,
  quorum: RULE_PRESETS['liangcun-lianghui'].quorum,
  pass: RULE_PRESETS['liangcun-lianghui'].pass,
});

const g = (x: Partial<TallyGroup>): TallyGroup => ({ group: 'default', entitled: 30, present: 21, ...x });

describe('a teller’s inconsistent counts are refused with a zh-CN reason before confirmation', () => {
  it.each([
    ['no tally at all', motion, [], '请填写计票结果'],
    ['实到 more than 应到', motion, [g({ present: 31, yes: 20 })], '实到 31 人，超过应到 30 人，请核对'],
    ['投票数 more than 实到', motion, [g({ cast: 22, yes: 12 })], '投票数 22 超过实到人数 21，请核对'],
    [
      '赞成+反对+弃权+无效 more than 投票数',
      motion,
      [g({ cast: 20, yes: 12, no: 6, abstain: 2, invalid: 1 })],
      '赞成、反对、弃权与无效票合计 21，超过投票数 20，请核对',
    ],
    ['赞成 not entered', motion, [g({ no: 3 })], '请填写赞成票数'],
    [
      'a candidate not on the list',
      election,
      [{ group: 'default', entitled: 50, present: 45, candidateVotes: { 甲: 30, 丁: 5 } }],
      '「丁」不在候选人名单中',
    ],
    [
      'one candidate with more votes than valid ballots',
      election,
      [{ group: 'default', entitled: 50, present: 45, invalid: 2, candidateVotes: { 甲: 44 } }],
      '「甲」得 44 票，超过有效票数 43（每张选票对同一人只能投一票），请核对',
    ],
    [
      'candidate votes exceeding ballots × maxPicks',
      election,
      [{ group: 'default', entitled: 50, present: 45, candidateVotes: { 甲: 45, 乙: 40, 丙: 6 } }],
      '候选人得票合计 91，超过有效票数 45 × 每票最多可选 2 人，请核对',
    ],
    ['no candidate votes', election, [{ group: 'default', entitled: 50, present: 45 }], '请填写各候选人的得票数'],
    [
      'a group of a joint meeting missing (两村两会 needs 党员 and 村民代表)',
      joint,
      [{ group: 'dangyuan', entitled: 40, present: 30, yes: 20 }],
      '缺少投票组「村民代表」的计票结果',
    ],
    [
      'a group the vote does not have',
      joint,
      [
        { group: 'dangyuan', entitled: 40, present: 30, yes: 20 },
        { group: 'daibiao', entitled: 30, present: 25, yes: 20 },
        { group: 'ganbu', entitled: 5, present: 5 },
      ],
      '未知的投票组「ganbu」',
    ],
    [
      'a group entered twice',
      joint,
      [
        { group: 'dangyuan', entitled: 40, present: 30, yes: 20 },
        { group: 'dangyuan', entitled: 40, present: 30, yes: 20 },
      ],
      '投票组「党员」重复填写',
    ],
    [
      'the group label is named in a joint meeting',
      joint,
      [
        { group: 'dangyuan', entitled: 40, present: 41, yes: 20 },
        { group: 'daibiao', entitled: 30, present: 25, yes: 20 },
      ],
      '「党员」实到 41 人，超过应到 40 人，请核对',
    ],
  ] as const)('%s', (_label, spec, groups, message) => {
    expect(validateTally(spec, [...groups])).toBe(message);
  });

  it.each([
    ['a consistent motion', motion, [g({ yes: 12, no: 7, abstain: 2 })]],
    ['a consistent election', election, [{ group: 'default', entitled: 50, present: 45, invalid: 1, candidateVotes: { 甲: 40, 乙: 30, 丙: 10 } }]],
    [
      'ballots returned > issued is not an input error (the round is voided instead)',
      election,
      [{ group: 'default', entitled: 50, present: 46, cast: 46, issued: 45, candidateVotes: { 甲: 40 } }],
    ],
  ] as const)('accepts %s', (_label, spec, groups) => {
    expect(validateTally(spec, [...groups])).toBeUndefined();
  });

  it('a candidate list from a case field is checked when given', () => {
    const open = VoteSpecSchema.parse({ ...election, options: { type: 'candidates', seats: 1, maxPicks: 1 } });
    const groups = [{ group: 'default', entitled: 50, present: 45, candidateVotes: { 王五: 30 } }];
    expect(validateTally(open, groups)).toBeUndefined();
    expect(validateTally(open, groups, ['赵六'])).toBe('「王五」不在候选人名单中');
  });
});

describe('individual ballots (选举工作条例: 多于应选人数的选票无效)', () => {
  it('a ballot naming more candidates than maxPicks is invalid and counts for nobody', () => {
    const t = tallyFromBallots(election, [['甲', '乙'], ['甲', '乙', '丙'], ['甲'], []], { entitled: 50, present: 45 });
    expect(t.invalid).toBe(1);
    expect(t.abstain).toBe(1);
    expect(t.cast).toBe(4);
    expect(t.candidateVotes).toEqual({ 甲: 2, 乙: 1, 丙: 0 });
  });

  it('a ballot naming someone twice or someone not on the list is invalid', () => {
    const t = tallyFromBallots(election, [['甲', '甲'], ['丁'], ['乙']], { entitled: 50, present: 45 });
    expect(t.invalid).toBe(2);
    expect(t.candidateVotes).toEqual({ 甲: 0, 乙: 1, 丙: 0 });
  });

  it('in a 另行选举 round for one remaining seat, a ballot with two names is invalid', () => {
    const t = tallyFromBallots(election, [['甲', '乙'], ['乙']], { entitled: 50, present: 45 }, 'default', { candidates: ['甲', '乙'], seats: 1 });
    expect(t.invalid).toBe(1);
    expect(t.candidateVotes).toEqual({ 甲: 0, 乙: 1 });
  });

  it('yes/no ballots are counted and a candidate list on a motion is invalid', () => {
    const t = tallyFromBallots(motion, ['yes', 'yes', 'no', 'abstain', ['甲']], { entitled: 30, present: 21 }, 'reps');
    expect(t).toMatchObject({ group: 'reps', entitled: 30, present: 21, cast: 5, yes: 2, no: 1, abstain: 1, invalid: 1 });
  });

  it('electronic ballots feed the same rules: 11 of 20 present pass a 村民代表会议 motion', () => {
    const ballots = [...Array<'yes'>(11).fill('yes'), ...Array<'no'>(9).fill('no')];
    const t = tallyFromBallots(motion, ballots, { entitled: 30, present: 20 });
    expect(validateTally(motion, [t])).toBeUndefined();
    expect(evaluateVote(motion, [t]).outcome).toBe('passed');
  });

  it('electronic ballots, exactly half yes (10 of 20) is rejected', () => {
    const ballots = [...Array<'yes'>(10).fill('yes'), ...Array<'no'>(10).fill('no')];
    expect(evaluateVote(motion, [tallyFromBallots(motion, ballots, { entitled: 30, present: 20 })]).outcome).toBe('rejected');
  });
});
