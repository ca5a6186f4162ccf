/**
 * The static arithmetic behind VOTE_RULE_IMPOSSIBLE / VOTE_BELOW_FLOOR (domain/procedures.md §0.2:
 * 民法典 §1259 — 以上 includes the number, 超过 excludes it).
 */
import { describe, expect, it } from 'vitest';
import { thresholdAtLeast, thresholdCanHold, thresholdIsTrivial, type Threshold } from '../../dsl/validate-vote.js';

const t = (op: '>' | '>=', num: number, den: number): Threshold => ({ op, num, den });

describe('thresholdCanHold: a count never exceeds its base', () => {
  it.each([
    ['过半数 (> 1/2) can hold', t('>', 1, 2), true],
    ['三分之二以上 (≥ 2/3) can hold', t('>=', 2, 3), true],
    ['全体一致 (≥ 1/1) can hold: everyone votes yes', t('>=', 1, 1), true],
    ['超过全体 (> 1/1) can never hold', t('>', 1, 1), false],
    ['超过 5/5 can never hold', t('>', 5, 5), false],
    ['≥ 3/2 can never hold', t('>=', 3, 2), false],
    ['> 0 (at least one vote) can hold', t('>', 0, 1), true],
  ])('%s', (_name, rule, expected) => {
    expect(thresholdCanHold(rule)).toBe(expected);
  });

  it('≥ 0 decides nothing (trivial), > 0 does not', () => {
    expect(thresholdIsTrivial(t('>=', 0, 1))).toBe(true);
    expect(thresholdIsTrivial(t('>', 0, 1))).toBe(false);
  });
});

describe('thresholdAtLeast: a rule may be stricter than its statutory floor, never looser', () => {
  it.each([
    ['选举条例 quorum: 超过 4/5 meets floor 超过 4/5', t('>', 4, 5), t('>', 4, 5), true],
    ['选举条例 quorum: 不少于 4/5 (≥) is looser than 超过 4/5 (>)', t('>=', 4, 5), t('>', 4, 5), false],
    ['超过 4/5 is stricter than floor 不少于 4/5', t('>', 4, 5), t('>=', 4, 5), true],
    ['组织法 §26: 2/3 以上 meets floor 2/3 以上', t('>=', 2, 3), t('>=', 2, 3), true],
    ['1/2 以上 is looser than floor 2/3 以上', t('>=', 1, 2), t('>=', 2, 3), false],
    ['3/4 以上 is stricter than floor 2/3 以上', t('>=', 3, 4), t('>=', 2, 3), true],
    ['equal fractions written differently (4/6 vs 2/3) are equal', t('>=', 4, 6), t('>=', 2, 3), true],
    ['半数以上 (≥ 1/2) is looser than 过半数 (> 1/2)', t('>=', 1, 2), t('>', 1, 2), false],
  ])('%s', (_name, rule, floor, expected) => {
    expect(thresholdAtLeast(rule, floor)).toBe(expected);
  });
});
