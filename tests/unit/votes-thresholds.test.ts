import { describe, expect, it } from 'vitest';
import type { VoteRule } from '../../dsl/schema.js';
import {
  baseValue,
  describeRule,
  explainRule,
  floorViolation,
  fractionGlyph,
  isStricterOrEqual,
  minCountFor,
  ruleHolds,
  type Threshold,
} from '../../workflows/rules/votes.js';

const MAJORITY: Threshold = { op: '>', num: 1, den: 2 };
const HALF_OR_MORE: Threshold = { op: '>=', num: 1, den: 2 };
const TWO_THIRDS: Threshold = { op: '>=', num: 2, den: 3 };
const OVER_FOUR_FIFTHS: Threshold = { op: '>', num: 4, den: 5 };
const AT_LEAST_FOUR_FIFTHS: Threshold = { op: '>=', num: 4, den: 5 };

describe('threshold predicates of §0.2 (民法典 第1259条: 以上 includes, 超过 excludes)', () => {
  it.each([
    // [phrase, rule, count, base, holds]
    ['过半数: exactly half is not a majority', MAJORITY, 10, 20, false],
    ['过半数: half plus one is a majority', MAJORITY, 11, 20, true],
    ['过半数 of an odd base: 11 of 21 is a majority', MAJORITY, 11, 21, true],
    ['过半数 of an odd base: 10 of 21 is not', MAJORITY, 10, 21, false],
    ['半数以上: exactly half counts', HALF_OR_MORE, 10, 20, true],
    ['三分之二以上: exactly 20 of 30', TWO_THIRDS, 20, 30, true],
    ['三分之二以上: 19 of 30 falls short', TWO_THIRDS, 19, 30, false],
    ['三分之二以上 of 31: 21 needed (⅔·31 = 20.67)', TWO_THIRDS, 21, 31, true],
    ['三分之二以上 of 31: 20 is not enough', TWO_THIRDS, 20, 31, false],
    ['超过五分之四: exactly 40 of 50 is not over 4/5', OVER_FOUR_FIFTHS, 40, 50, false],
    ['超过五分之四: 41 of 50 is', OVER_FOUR_FIFTHS, 41, 50, true],
    ['不少于五分之四: exactly 40 of 50 is enough', AT_LEAST_FOUR_FIFTHS, 40, 50, true],
    ['不少于五分之四: 39 of 50 is not', AT_LEAST_FOUR_FIFTHS, 39, 50, false],
    ['50%以上 of a large body: 500 000 of 1 000 000', HALF_OR_MORE, 500_000, 1_000_000, true],
    ['三分之二以上 of 999 999: 666 666 exactly', TWO_THIRDS, 666_666, 999_999, true],
    ['三分之二以上 of 999 999: 666 665 short', TWO_THIRDS, 666_665, 999_999, false],
  ] as const)('%s', (_phrase, rule, count, base, holds) => {
    expect(ruleHolds(count, rule, base)).toBe(holds);
  });

  it.each([
    ['过半数 of 21 needs 11', MAJORITY, 21, 11],
    ['过半数 of 20 needs 11', MAJORITY, 20, 11],
    ['三分之二以上 of 30 needs 20', TWO_THIRDS, 30, 20],
    ['三分之二以上 of 31 needs 21', TWO_THIRDS, 31, 21],
    ['超过五分之四 of 50 needs 41', OVER_FOUR_FIFTHS, 50, 41],
    ['不少于五分之四 of 50 needs 40', AT_LEAST_FOUR_FIFTHS, 50, 40],
  ] as const)('the least passing count: %s', (_label, rule, base, need) => {
    expect(minCountFor(rule, base)).toBe(need);
    expect(ruleHolds(need, rule, base)).toBe(true);
    expect(ruleHolds(need - 1, rule, base)).toBe(false);
  });
});

describe('bases (§0.2: always record the base)', () => {
  const g = { group: 'default', entitled: 50, present: 45, all: 55, cast: 44 };
  it.each([
    ['entitled = 应到', 'entitled', 50],
    ['present = 实到', 'present', 45],
    ['cast = 投票数', 'cast', 44],
    ['all = 全体', 'all', 55],
  ] as const)('%s', (_label, base, value) => {
    expect(baseValue(base, g)).toBe(value);
  });

  it('投票数 defaults to 实到 and 全体 to 应到 when not entered', () => {
    const bare = { group: 'default', entitled: 30, present: 21 };
    expect(baseValue('cast', bare)).toBe(21);
    expect(baseValue('all', bare)).toBe(30);
  });
});

describe('explanation lines name the rule, the base and the source', () => {
  it('a met quorum reads “到会 21/全体 30 ≥ ⅔ — 有效（村民委员会组织法 第26条）”', () => {
    const rule = { base: 'all', ...TWO_THIRDS, source: '村民委员会组织法 第26条' } as const;
    expect(explainRule({ kind: 'quorum', count: 21, base: 30, rule })).toBe('到会 21/全体 30 ≥ ⅔ — 有效（村民委员会组织法 第26条）');
  });

  it('a passed motion reads “赞成 12/到会 21 > ½ — 通过”', () => {
    expect(explainRule({ kind: 'pass', count: 12, base: 21, rule: { base: 'present', ...MAJORITY } })).toBe('赞成 12/到会 21 > ½ — 通过');
  });

  it('a failed motion says it did not exceed half of those present and how many were needed', () => {
    expect(explainRule({ kind: 'pass', count: 10, base: 21, rule: { base: 'present', ...MAJORITY } })).toBe(
      '赞成 10/到会 21，未超过到会人数的一半（至少需 11）— 未通过',
    );
  });

  it('a party election quorum names 应到会 and 五分之四', () => {
    const line = explainRule({ kind: 'quorum', count: 40, base: 50, rule: { base: 'entitled', ...OVER_FOUR_FIFTHS, provenance: 'STAT' } });
    expect(line).toBe('到会 40/应到 50，未超过应到会人数的五分之四（至少需 41）— 不足法定人数');
  });

  it('a quorum the statute does not set (党员大会审议 ⅔, a local rule) is short of the 规定人数, not the 法定人数', () => {
    const line = explainRule({ kind: 'quorum', count: 20, base: 31, rule: { base: 'all', op: '>=', num: 2, den: 3, provenance: 'PUB' } });
    expect(line).toBe('到会 20/全体 31，未达到全体成员人数的三分之二（至少需 21）— 不足规定人数');
  });

  it.each([
    [1, 2, '½'],
    [2, 3, '⅔'],
    [4, 5, '⅘'],
    [2, 4, '½'],
    [3, 5, '⅗'],
    [7, 12, '7/12'],
  ])('fraction %i/%i is shown as %s', (num, den, glyph) => {
    expect(fractionGlyph(num, den)).toBe(glyph);
  });
});

describe('statutory floors: a rule may be stricter than the statute, never looser (§0.1 [STAT])', () => {
  it.each([
    ['> ½ meets the floor > ½', MAJORITY, MAJORITY, true],
    ['≥ ½ is looser than > ½ (admits exactly half)', HALF_OR_MORE, MAJORITY, false],
    ['> ½ is stricter than ≥ ½', MAJORITY, HALF_OR_MORE, true],
    ['≥ ⅔ is stricter than > ½', TWO_THIRDS, MAJORITY, true],
    ['≥ ⅘ (seed 三荐一审) is looser than > ⅘ (选举工作条例)', AT_LEAST_FOUR_FIFTHS, OVER_FOUR_FIFTHS, false],
    ['> ⅗ is looser than ≥ ⅔', { op: '>', num: 3, den: 5 }, TWO_THIRDS, false],
    ['≥ ¾ is stricter than ≥ ⅔', { op: '>=', num: 3, den: 4 }, TWO_THIRDS, true],
  ] as const)('%s', (_label, rule, floor, ok) => {
    expect(isStricterOrEqual(rule, floor)).toBe(ok);
  });

  it('the same fraction of 实到 is looser than of 应到 (实到 ≤ 应到)', () => {
    expect(isStricterOrEqual({ ...MAJORITY, base: 'present' }, { ...MAJORITY, base: 'entitled' })).toBe(false);
    expect(isStricterOrEqual({ ...MAJORITY, base: 'entitled' }, { ...MAJORITY, base: 'present' })).toBe(true);
  });

  it('村民代表会议 quorum lowered to ½ is refused with the statute named (组织法 §26)', () => {
    const rule: VoteRule = {
      base: 'all',
      op: '>=',
      num: 1,
      den: 2,
      source: '村民委员会组织法 第26条',
      floor: { op: '>=', num: 2, den: 3 },
    };
    expect(floorViolation(rule)).toBe('表决规则 ≥ ½ 低于法定要求 ≥ ⅔（村民委员会组织法 第26条），只能从严、不能放宽');
    expect(floorViolation({ ...rule, num: 3, den: 4 })).toBeUndefined();
  });
});

describe('a rule described before any count exists (designer, case page)', () => {
  it.each([
    ['quorum', { base: 'all', op: '>=', num: 2, den: 3, source: '村民委员会组织法 第26条' }, '到会人数达到全体成员人数的三分之二以上（≥ ⅔）（村民委员会组织法 第26条）'],
    ['pass', { base: 'present', op: '>', num: 1, den: 2 }, '赞成票超过到会人数的一半（> ½）'],
    ['quorum', { base: 'entitled', op: '>', num: 4, den: 5 }, '到会人数超过应到会人数的五分之四（> ⅘）'],
  ] as const)('%s %j', (kind, rule, text) => {
    expect(describeRule(kind, rule)).toBe(text);
  });
});
