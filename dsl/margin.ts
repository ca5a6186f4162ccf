/**
 * 差额 (选举工作条例 第9、13条: 候选人数应多于应选人数，差额不少于应选人数的20%): candidates − seats ≥
 * (num/den)·seats. Pure integer arithmetic, shared by the validator and the engine.
 */

/** The fewest candidates an election for `seats` may have: seats + ⌈num·seats/den⌉ (20 %: 5 → 6, 3 → 4, 1 → 2). */
export function minCandidates(seats: number, margin: { num: number; den: number }): number {
  return seats + Math.floor((margin.num * seats + margin.den - 1) / margin.den);
}

/** 1/5 → 20 (%), for messages. */
export function marginPercent(margin: { num: number; den: number }): number {
  return Math.round((margin.num * 100) / margin.den);
}
