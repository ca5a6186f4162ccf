/**
 * Integer arithmetic of vote thresholds (domain/procedures.md §0.2).
 *
 * Every threshold is `count op (num/den)·base` and is decided by cross-multiplication
 * (`den·count op num·base`), never by comparing floats: 20/30 is exactly ⅔, and 0.6666… is not.
 * Pure and deterministic: runs inside the Temporal workflow sandbox.
 */
import type { VoteBase } from '../../dsl/schema.js';
import type { TallyGroup } from '../messages.js';

export type ThresholdOp = '>' | '>=';

/** The arithmetic part of a rule: `count op (num/den)·base`. */
export interface Threshold {
  op: ThresholdOp;
  num: number;
  den: number;
}

/** `count op (num/den)·base`, decided as `den·count op num·base` in integers. */
export function ruleHolds(count: number, rule: Threshold, base: number): boolean {
  const lhs = BigInt(rule.den) * BigInt(Math.trunc(count));
  const rhs = BigInt(rule.num) * BigInt(Math.trunc(base));
  switch (rule.op) {
    case '>':
      return lhs > rhs;
    case '>=':
      return lhs >= rhs;
    default: {
      const never: never = rule.op;
      throw new Error(`unknown operator ${String(never)}`);
    }
  }
}

/** The smallest count satisfying the rule for this base (shown to users: “至少需 11 票”). */
export function minCountFor(rule: Threshold, base: number): number {
  const product = BigInt(rule.num) * BigInt(Math.trunc(base));
  const den = BigInt(rule.den);
  const floorQ = product / den; // non-negative operands: BigInt division floors
  switch (rule.op) {
    case '>':
      return Number(floorQ + 1n);
    case '>=':
      return Number(product % den === 0n ? floorQ : floorQ + 1n);
    default: {
      const never: never = rule.op;
      throw new Error(`unknown operator ${String(never)}`);
    }
  }
}

/** Written opinions of absent members (书面意见) entered with the tally. */
export function writtenTotal(g: TallyGroup): number {
  return (g.writtenYes ?? 0) + (g.writtenNo ?? 0) + (g.writtenAbstain ?? 0);
}

/** 赞成 counted for the pass rule: the ballots of those present plus written 赞成 (发展党员工作细则). */
export function yesCount(g: TallyGroup): number {
  return (g.yes ?? 0) + (g.writtenYes ?? 0);
}

/**
 * The number a rule is counted against: 应到 entitled, 实到 present,
 * 投票数 cast (defaults to present; written opinions count as votes), 全体 all (defaults to entitled).
 */
export function baseValue(base: VoteBase, g: TallyGroup): number {
  switch (base) {
    case 'entitled':
      return g.entitled;
    case 'present':
      return g.present;
    case 'cast':
      return (g.cast ?? g.present) + writtenTotal(g);
    case 'all':
      return g.all ?? g.entitled;
    default: {
      const never: never = base;
      throw new Error(`unknown vote base ${String(never)}`);
    }
  }
}

/** Key of the synthetic group that sums every tally group (a joint meeting such as 两村两会). */
export const COMBINED_GROUP = '合计';

function sumOptional(groups: TallyGroup[], pick: (g: TallyGroup) => number | undefined): number | undefined {
  let any = false;
  let total = 0;
  for (const g of groups) {
    const v = pick(g);
    if (v !== undefined) {
      any = true;
      total += v;
    }
  }
  return any ? total : undefined;
}

/** Sum of every group: the whole meeting, when a rule names no group. */
export function combineGroups(groups: TallyGroup[]): TallyGroup {
  const candidateVotes: Record<string, number> = {};
  let hasCandidates = false;
  for (const g of groups) {
    if (!g.candidateVotes) continue;
    hasCandidates = true;
    for (const [c, v] of Object.entries(g.candidateVotes)) candidateVotes[c] = (candidateVotes[c] ?? 0) + v;
  }
  const allIssued = groups.every((g) => g.issued !== undefined);
  const combined: TallyGroup = {
    group: COMBINED_GROUP,
    entitled: groups.reduce((s, g) => s + g.entitled, 0),
    present: groups.reduce((s, g) => s + g.present, 0),
    all: groups.reduce((s, g) => s + (g.all ?? g.entitled), 0),
    cast: groups.reduce((s, g) => s + (g.cast ?? g.present), 0),
  };
  if (allIssued) combined.issued = groups.reduce((s, g) => s + (g.issued ?? 0), 0);
  const yes = sumOptional(groups, (g) => g.yes);
  const no = sumOptional(groups, (g) => g.no);
  const abstain = sumOptional(groups, (g) => g.abstain);
  const invalid = sumOptional(groups, (g) => g.invalid);
  for (const k of ['writtenYes', 'writtenNo', 'writtenAbstain'] as const) {
    const v = sumOptional(groups, (g) => g[k]);
    if (v !== undefined) combined[k] = v;
  }
  if (yes !== undefined) combined.yes = yes;
  if (no !== undefined) combined.no = no;
  if (abstain !== undefined) combined.abstain = abstain;
  if (invalid !== undefined) combined.invalid = invalid;
  if (hasCandidates) combined.candidateVotes = candidateVotes;
  return combined;
}

/**
 * The tally a rule reads: the group it names; without a name, the only group,
 * or the sum of all groups (a joint meeting: 两村两会 “到会人员过半数” counts everyone present).
 */
export function groupForRule(ruleGroup: string | undefined, groups: TallyGroup[]): TallyGroup | undefined {
  if (ruleGroup !== undefined) return groups.find((g) => g.group === ruleGroup);
  if (groups.length === 0) return undefined;
  if (groups.length === 1) return groups[0];
  return combineGroups(groups);
}

// ───────────── exact rationals (weighted ranking) ─────────────

/** A non-negative rational n/d with d > 0, in BigInt so products never overflow or round. */
export interface Ratio {
  n: bigint;
  d: bigint;
}

export const ZERO: Ratio = { n: 0n, d: 1n };

export function ratio(n: number | bigint, d: number | bigint): Ratio {
  const dd = BigInt(d);
  if (dd === 0n) return ZERO;
  return { n: BigInt(n), d: dd };
}

export function addRatio(a: Ratio, b: Ratio): Ratio {
  return { n: a.n * b.d + b.n * a.d, d: a.d * b.d };
}

export function mulRatio(a: Ratio, b: Ratio): Ratio {
  return { n: a.n * b.n, d: a.d * b.d };
}

/** -1, 0 or 1 by exact cross-multiplication. */
export function compareRatio(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** Round half up to `decimals` places, for display only (decisions use compareRatio). */
export function roundRatio(a: Ratio, decimals = 2): number {
  const scale = 10n ** BigInt(decimals);
  const scaled = (2n * a.n * scale + a.d) / (2n * a.d);
  return Number(scaled) / Number(scale);
}

/**
 * A decimal weight (0.3, 0.2, 0.1 …) as an exact ratio: weights are written as decimals in the
 * definition; up to six decimal places are kept, which covers every percentage a person writes.
 */
export function weightRatio(weight: number): Ratio {
  return { n: BigInt(Math.round(weight * 1_000_000)), d: 1_000_000n };
}

/** Share of a count as points out of 100 (赞成率×100), exact. */
export function pointsOf(count: number, base: number): Ratio {
  if (base <= 0) return ZERO;
  return { n: BigInt(count) * 100n, d: BigInt(base) };
}

/** 信任度 score: 信任票 / 参评人数 × 100, rounded to 2 decimals (seed: 32/33 → 96.97 分). */
export function trustScore(yes: number, total: number): number {
  return roundRatio(pointsOf(yes, total), 2);
}
