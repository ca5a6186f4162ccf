/**
 * The ballot box's arithmetic (workflows/rules/ballot-box.ts): counters instead of ballots give the
 * same tally; which ballots are invalid; when a secret ballot may be opened.
 */
import { describe, expect, it } from 'vitest';
import { VoteSpecSchema, type VoteSpec } from '../../dsl/schema.js';
import { addBallot, ballotProblem, closeProblem, maxPicksFor, tallyFromCounts, turnout, type BallotCounts } from '../../workflows/rules/ballot-box.js';
import { RULE_PRESETS, tallyFromBallots, type Ballot } from '../../workflows/rules/votes.js';

const motion: VoteSpec = VoteSpecSchema.parse({
  mode: 'ballots',
  options: { type: 'yesNo' },
  quorum: RULE_PRESETS['cunmin-daibiao-huiyi'].quorum,
  pass: RULE_PRESETS['cunmin-daibiao-huiyi'].pass,
});
const election: VoteSpec = VoteSpecSchema.parse({
  mode: 'ballots',
  options: { type: 'candidates', seats: 2, maxPicks: 2, candidates: ['甲', '乙', '丙'] },
  pass: { base: 'cast', op: '>', num: 1, den: 2 },
});
const noQuorum: VoteSpec = VoteSpecSchema.parse({ mode: 'ballots', options: { type: 'yesNo' }, pass: { base: 'cast', op: '>', num: 1, den: 2 } });
const joint: VoteSpec = VoteSpecSchema.parse({
  mode: 'ballots',
  options: { type: 'yesNo' },
  groups: RULE_PRESETS['liangcun-lianghui'].groups,
  quorum: RULE_PRESETS['liangcun-lianghui'].quorum,
  pass: RULE_PRESETS['liangcun-lianghui'].pass,
});

const box = (ballots: Ballot[]) => ballots.reduce<BallotCounts | undefined>((c, b) => addBallot(c, b), undefined);

describe('counters give the tally the ballots would give (§3.3)', () => {
  it.each<[string, VoteSpec, Ballot[], readonly string[] | undefined]>([
    ['赞成/反对/弃权', motion, ['yes', 'no', 'yes', 'abstain', 'yes'], undefined],
    ['no ballot at all', motion, [], undefined],
    ['候选人 with a blank ballot (弃权)', election, [['甲', '乙'], ['乙'], [], ['丙', '甲']], undefined],
    ['另行选举 among the tied', election, [['甲'], ['乙'], ['乙']], ['甲', '乙']],
  ])('%s', (_name, spec, ballots, candidates) => {
    const fromBox = tallyFromCounts(spec, box(ballots), { key: 'default', entitled: 7 }, candidates);
    const fromBallots = tallyFromBallots(spec, ballots, { entitled: 7, present: ballots.length }, 'default', { candidates });
    expect(fromBox).toEqual(fromBallots);
  });

  it('a candidate named "__proto__" is a count like any other, never an object’s prototype', () => {
    const c = addBallot(undefined, ['__proto__']);
    expect(Object.getPrototypeOf(c.candidateVotes)).toBe(Object.prototype);
    expect(Object.entries(c.candidateVotes ?? {})).toEqual([['__proto__', 1]]);
  });
});

describe('an invalid ballot is refused before it reaches the box', () => {
  const round = { candidates: ['甲', '乙', '丙'], maxPicks: 2 };
  it.each<[string, VoteSpec, Ballot, string | undefined]>([
    ['赞成 is a valid motion ballot', motion, 'yes', undefined],
    ['a list on a motion', motion, ['甲'], '请选择赞成、反对或弃权'],
    ['赞成 in an election', election, 'yes', '请选择候选人'],
    ['the same candidate twice', election, ['甲', '甲'], '同一候选人只能选一次'],
    ['more picks than seats', election, ['甲', '乙', '丙'], '最多可选 2 人'],
    ['someone not on the list', election, ['丁'], '「丁」不是本轮候选人'],
    ['a blank ballot is valid (弃权)', election, [], undefined],
  ])('%s', (_name, spec, choice, problem) => {
    expect(ballotProblem(spec.options, choice, round)).toBe(problem);
  });

  it('a 另行选举 round for one seat left allows one pick', () => {
    expect(maxPicksFor(election, 1)).toBe(1);
    expect(maxPicksFor(election, 5)).toBe(2);
    expect(maxPicksFor(motion, 1)).toBe(1);
  });
});

describe('the teller opens the box only with the quorum of ballots, never on one ballot', () => {
  const five = { default: ['r1', 'r2', 'r3', 'r4', 'r5'] };
  it('村民代表会议 (组织法 §26: ⅔ of the representatives): 3 of 5 is refused, 4 of 5 may be opened', () => {
    expect(closeProblem(motion, five, ['r1', 'r2', 'r3'])).toMatch(/^已投 3 票，未达到法定人数/);
    expect(closeProblem(motion, five, ['r1', 'r2', 'r3', 'r4'])).toBeUndefined();
  });

  it('without a quorum rule, one ballot among several voters is still refused: the count would be that voter’s choice', () => {
    expect(closeProblem(noQuorum, five, ['r3'])).toMatch(/至少须有 2 票/);
    expect(closeProblem(noQuorum, five, ['r3', 'r5'])).toBeUndefined();
    expect(closeProblem(noQuorum, five, [])).toBeUndefined();
    // A body of one: nothing to keep secret from (the definition's problem), so not a dead end.
    expect(closeProblem(noQuorum, { default: ['r1'] }, ['r1'])).toBeUndefined();
  });

  it('两村两会: each group counts on its own, and a group with one ballot is named', () => {
    const voters = { party: ['p1', 'p2', 'p3', 'p4'], reps: ['r1', 'r2', 'r3'] };
    expect(turnout(voters, ['p1', 'p2', 'p3', 'r1', 'r2', 'r3'])).toEqual([
      { group: 'party', entitled: 4, present: 3 },
      { group: 'reps', entitled: 3, present: 3 },
    ]);
    const groupKeys = joint.groups.map((g) => g.key);
    const jointVoters = Object.fromEntries(groupKeys.map((k, i) => [k, i === 0 ? ['p1', 'p2', 'p3', 'p4'] : ['r1', 'r2', 'r3']]));
    expect(closeProblem(joint, jointVoters, ['p1'])).toMatch(/未达到法定人数/);
  });
});
