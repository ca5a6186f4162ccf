import { describe, expect, it } from 'vitest';
import { VoteSpecSchema, type VoteSpec } from '../../dsl/schema.js';
import type { TallyGroup } from '../../workflows/messages.js';
import {
  evaluateVote,
  STRUCTURED_RECOMMENDATION_GROUPS,
  TRUST_GATE_PRESET,
  trustScore,
  validateTally,
} from '../../workflows/rules/votes.js';

/** 结构推荐 of 三票制 (SEED:003 §3.1 rows 4–5): layers A30/B20/C20/D20, 信任度 ≥ 50% gate, weight 10%, top 5. */
function structured(topN = 5): VoteSpec {
  return VoteSpecSchema.parse({
    mode: 'tally',
    weighted: true,
    options: { type: 'candidates', seats: topN, maxPicks: topN },
    groups: STRUCTURED_RECOMMENDATION_GROUPS,
    trustGate: { field: 'trust', ...TRUST_GATE_PRESET },
    pass: { base: 'cast', op: '>=', num: 0, den: 1 },
    topN,
  });
}

const CANDIDATES = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛'];

/** Layer sizes differ (the seed's complaint): A 20, B 20, C 50 (10 villages × 5), D 10. */
function layers(votes: Record<'A' | 'B' | 'C' | 'D', Record<string, number>>): TallyGroup[] {
  const size = { A: 20, B: 20, C: 50, D: 10 } as const;
  return (['A', 'B', 'C', 'D'] as const).map((k) => ({ group: k, entitled: size[k], present: size[k], candidateVotes: votes[k] }));
}

const ROUND_ONE = layers({
  A: { 甲: 20, 乙: 18, 丙: 15, 丁: 12, 戊: 10, 己: 8, 庚: 4, 辛: 2 },
  B: { 甲: 20, 乙: 16, 丙: 14, 丁: 12, 戊: 8, 己: 11, 庚: 10, 辛: 2 },
  C: { 甲: 50, 乙: 40, 丙: 35, 丁: 30, 戊: 25, 己: 25, 庚: 20, 辛: 10 },
  D: { 甲: 10, 乙: 9, 丙: 8, 丁: 6, 戊: 5, 己: 5, 庚: 5, 辛: 1 },
});

const TRUST = {
  甲: { yes: 32, total: 33 },
  乙: { yes: 19, total: 19 },
  丙: { yes: 30, total: 33 },
  丁: { yes: 25, total: 40 },
  戊: { yes: 19, total: 19 },
  己: { yes: 19, total: 19 },
  庚: { yes: 16, total: 33 },
  辛: { yes: 10, total: 20 },
};

describe('信任度测评 (SEED:003: 32 信任票 of 33 → 96.97 分; 19/19 → 100 分)', () => {
  it.each([
    [32, 33, 96.97],
    [19, 19, 100],
    [30, 33, 90.91],
    [1, 3, 33.33],
  ])('%i of %i trust votes score %d', (yes, total, score) => {
    expect(trustScore(yes, total)).toBe(score);
  });

  it('the explanation shows the seed figure for 甲', () => {
    const r = evaluateVote(structured(), ROUND_ONE, { candidates: CANDIDATES, trust: TRUST });
    expect(r.explanation).toContain('甲：信任票 32/参评 33 ≥ ½ — 通过信任度测评；信任度得分 96.97 分');
    expect(r.explanation).toContain('乙：信任票 19/参评 19 ≥ ½ — 通过信任度测评；信任度得分 100 分');
  });
});

describe('信任度 gate “50%以上” includes 50% (民法典 §1259)', () => {
  const spec = structured(1);
  const one = layers({ A: { 张: 1 }, B: { 张: 1 }, C: { 张: 1 }, D: { 张: 1 } });
  it.each([
    ['exactly 50% (500 of 1000) passes the gate', 500, 1000, true],
    ['exactly 50% of an even unit (10 of 20) passes', 10, 20, true],
    ['49.9% (499 of 1000) is eliminated', 499, 1000, false],
    ['16 of 33 (48.5%) is eliminated', 16, 33, false],
  ])('%s', (_l, yes, total, passes) => {
    const r = evaluateVote(spec, one, { candidates: ['张'], trust: { 张: { yes, total } } });
    expect(r.elected).toEqual(passes ? ['张'] : []);
    expect(r.explanation.some((l) => l.includes(passes ? '— 通过信任度测评' : '— 未通过信任度测评，淘汰'))).toBe(true);
  });

  it('a candidate without a trust result cannot be ranked', () => {
    const r = evaluateVote(spec, one, { candidates: ['张'], trust: {} });
    expect(r.outcome).toBe('rejected');
    expect(r.explanation).toContain('张：缺少信任度测评结果 — 不能进入下一环节');
  });
});

describe('结构推荐 top 5 by weighted total (A30/B20/C20/D20 + 信任度 10%)', () => {
  const r = evaluateVote(structured(), ROUND_ONE, { candidates: CANDIDATES, trust: TRUST });

  it('the tally itself is consistent (no layer gives more votes than ballots × 5 picks)', () => {
    expect(validateTally(structured(), ROUND_ONE, CANDIDATES)).toBeUndefined();
  });

  it('weighted totals follow the seed formula, rounded for display', () => {
    expect(r.scores).toEqual({ 甲: 99.7, 乙: 87, 丙: 75.59, 丁: 60.25, 戊: 53, 己: 53, 辛: 16 });
    expect(r.explanation).toContain(
      '第 1 名 甲：A 层面（本镇的区及以上党代表） 20/20 = 100 分 × 30% + B 层面（镇机关干部） 20/20 = 100 分 × 20% + ' +
        'C 层面（村民代表，每村5名） 50/50 = 100 分 × 20% + D 层面（区委领导小组成员） 10/10 = 100 分 × 20% + 信任度 96.97 分 × 10% = 99.70 分',
    );
  });

  it('庚 (16 of 33 trust) is eliminated before ranking although its votes are higher than 辛', () => {
    expect(r.scores).not.toHaveProperty('庚');
    expect(r.elected).not.toContain('庚');
  });

  it('戊 and 己 tie at the cut with different layer votes (15+8 = 12+11 exactly) → revote among the tied', () => {
    expect(r.outcome).toBe('revote');
    expect(r.elected).toEqual(['甲', '乙', '丙', '丁']);
    expect(r.tied).toEqual(['戊', '己']);
    expect(r.explanation.at(-1)).toBe('戊、己 加权总分相同（53 分），并列于第 5 名，剩余 1 个名额 — 在并列者中重新投票');
  });

  it('the re-vote among the tied fills the fifth place', () => {
    const again = layers({ A: { 戊: 12, 己: 8 }, B: { 戊: 9, 己: 11 }, C: { 戊: 26, 己: 24 }, D: { 戊: 5, 己: 5 } });
    const r2 = evaluateVote(structured(), again, { candidates: ['戊', '己'], seats: 1, trust: TRUST, round: 2 });
    expect(r2.outcome).toBe('passed');
    expect(r2.elected).toEqual(['戊']);
  });

  it('without the tie the top 5 are selected in order', () => {
    const noTie = layers({
      A: { ...ROUND_ONE[0]!.candidateVotes, 己: 9 },
      B: ROUND_ONE[1]!.candidateVotes!,
      C: ROUND_ONE[2]!.candidateVotes!,
      D: ROUND_ONE[3]!.candidateVotes!,
    });
    const r3 = evaluateVote(structured(), noTie, { candidates: CANDIDATES, trust: TRUST });
    expect(r3.outcome).toBe('passed');
    expect(r3.elected).toEqual(['甲', '乙', '丙', '丁', '己']);
    expect(r3.scores?.['己']).toBe(54.5);
  });

  it('fewer than 5 pass the gate: all qualified go on (§3.4 [DEFAULT])', () => {
    const fewTrust = { ...TRUST, 丁: { yes: 1, total: 40 }, 戊: { yes: 1, total: 19 }, 己: { yes: 0, total: 19 }, 辛: { yes: 9, total: 20 } };
    const r4 = evaluateVote(structured(), ROUND_ONE, { candidates: CANDIDATES, trust: fewTrust });
    expect(r4.outcome).toBe('passed');
    expect(r4.elected).toEqual(['甲', '乙', '丙']);
    expect(r4.explanation.at(-1)).toBe('仅 3 人进入排名，少于应取的 5 名：甲、乙、丙 全部入选');
  });
});

describe('weighted totals are compared exactly, not as floating-point numbers', () => {
  it('P (A 5/30, B 7/7) and Q (A 25/30, B 0/7), both trusted 2 of 3, tie at 31.67 → revote (floats would rank Q first)', () => {
    const spec = VoteSpecSchema.parse({
      mode: 'tally',
      weighted: true,
      options: { type: 'candidates', seats: 1, maxPicks: 1 },
      groups: [
        { key: 'A', label: 'A 层面', weight: 0.3 },
        { key: 'B', label: 'B 层面', weight: 0.2 },
      ],
      trustGate: { field: 'trust', ...TRUST_GATE_PRESET },
      pass: { base: 'cast', op: '>=', num: 0, den: 1 },
      topN: 1,
    });
    const groups: TallyGroup[] = [
      { group: 'A', entitled: 30, present: 30, candidateVotes: { P: 5, Q: 25 } },
      { group: 'B', entitled: 7, present: 7, candidateVotes: { P: 7, Q: 0 } },
    ];
    const trust = { P: { yes: 2, total: 3 }, Q: { yes: 2, total: 3 } };
    // The float sums differ in the last bit; the exact totals are both 95/3.
    expect(0.3 * ((5 / 30) * 100) + 0.2 * ((7 / 7) * 100) + 0.1 * ((2 / 3) * 100)).not.toBe(
      0.3 * ((25 / 30) * 100) + 0.2 * ((0 / 7) * 100) + 0.1 * ((2 / 3) * 100),
    );
    const r = evaluateVote(spec, groups, { candidates: ['P', 'Q'], trust });
    expect(r.outcome).toBe('revote');
    expect(r.tied).toEqual(['P', 'Q']);
    expect(r.scores).toEqual({ P: 31.67, Q: 31.67 });
  });
});
