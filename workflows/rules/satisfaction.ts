/**
 * Satisfaction surveys. §6.2 (第一书记, SEED:002): 满意度 = (很满意 + 满意) ÷ 投票数, the survey
 * valid only if 投票人数 ≥ ⅔ of 应参加人数. §6.3 row 6 (民生实事 测评, PUB 镇海区): 满意 if 满意票 ≥
 * 半数 of 全体; 基本满意 if 满意 + 基本满意 ≥ 半数; else 不满意. §6.1 (两村两会): 满意率 < 60% bars 评先.
 */
import { minCountFor, ratio, roundRatio, ruleHolds } from './vote-arithmetic.js';

export interface SatisfactionCounts {
  /** 很满意 */
  verySatisfied: number;
  /** 满意 */
  satisfied: number;
  /** 基本满意 */
  basic: number;
  /** 不满意 */
  unsatisfied: number;
  /** 无效票 (counted in 投票数). */
  invalid?: number;
  /** 应参加人数 */
  entitled: number;
}

export interface SatisfactionResult {
  /** Turnout reached ⅔ of 应参加: otherwise the survey is void. */
  valid: boolean;
  /** Ballots cast (投票数). */
  cast: number;
  /** (很满意 + 满意) / 投票数 as an exact fraction. */
  num: number;
  den: number;
  /** Percentage rounded to 2 decimals, for display. */
  percent: number;
  explanation: string[];
}

const TURNOUT = { base: 'entitled', op: '>=', num: 2, den: 3, source: 'SEED:002 第一书记群众满意度测评' } as const;

export function satisfaction(c: SatisfactionCounts): SatisfactionResult {
  const cast = c.verySatisfied + c.satisfied + c.basic + c.unsatisfied + (c.invalid ?? 0);
  const valid = ruleHolds(cast, TURNOUT, c.entitled);
  const num = c.verySatisfied + c.satisfied;
  const percent = cast > 0 ? roundRatio(ratio(num * 100, cast)) : 0;
  const explanation = [
    valid
      ? `投票 ${cast}/应参加 ${c.entitled} ≥ ⅔ — 测评有效（${TURNOUT.source}）`
      : `投票 ${cast}/应参加 ${c.entitled}，未达到应参加人数的三分之二（至少需 ${minCountFor(TURNOUT, c.entitled)}）— 测评无效（${TURNOUT.source}）`,
  ];
  explanation.push(
    valid
      ? `满意度 =（很满意 ${c.verySatisfied} + 满意 ${c.satisfied}）÷ 投票数 ${cast} = ${percent}%`
      : '满意度不予计算',
  );
  return { valid, cast, num, den: cast, percent, explanation };
}

/** True when num/den is below pct% (低于60% = `100·n < 60·N`), decided in integers. */
export function satisfactionBelow(num: number, den: number, pct: number): boolean {
  return !ruleHolds(num, { op: '>=', num: pct, den: 100 }, den);
}

export type ProjectRating = '满意' | '基本满意' | '不满意';

/** §6.3 row 6: 满意 if 满意 ≥ ½ 全体; 基本满意 if 满意 + 基本满意 ≥ ½ 全体; else 不满意. */
export function projectSatisfaction(c: { satisfied: number; basic: number; all: number }): ProjectRating {
  const half = { op: '>=', num: 1, den: 2 } as const;
  if (ruleHolds(c.satisfied, half, c.all)) return '满意';
  if (ruleHolds(c.satisfied + c.basic, half, c.all)) return '基本满意';
  return '不满意';
}

/**
 * 第一书记 考核总分 = 组织工作目标考评得分 × 群众满意度 (§6.2), rounded to 2 decimals for display.
 * A void survey (turnout below ⅔) gives no total.
 */
export function firstSecretaryTotal(score: number, survey: SatisfactionResult): number | undefined {
  if (!survey.valid || survey.den === 0) return undefined;
  const scaledScore = BigInt(Math.round(score * 100));
  return roundRatio({ n: scaledScore * BigInt(survey.num), d: 100n * BigInt(survey.den) });
}

export type SatisfactionGrade = '不称职' | '基本称职' | undefined;

/**
 * §6.2 [UNCERTAIN]: the seed does not map 满意度 to a grade; the [DEFAULT] proposal is
 * 满意度 < 60% → 基本称职, < 40% → 不称职 (both limits are tenant parameters). Undefined means the
 * survey does not decide the grade (ranking decides 优秀/良好/称职).
 */
export function gradeFromSatisfaction(
  survey: SatisfactionResult,
  limits: { basicBelow: number; unfitBelow: number } = { basicBelow: 60, unfitBelow: 40 },
): SatisfactionGrade {
  if (!survey.valid || survey.den === 0) return undefined;
  if (satisfactionBelow(survey.num, survey.den, limits.unfitBelow)) return '不称职';
  if (satisfactionBelow(survey.num, survey.den, limits.basicBelow)) return '基本称职';
  return undefined;
}
