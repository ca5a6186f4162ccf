/**
 * Candidate elections (§3.3): each candidate's votes must satisfy the pass rule; seats are filled
 * by votes, highest first; a tie at the cut is re-voted among the tied (另行选举); fewer winners
 * than seats → the vacancies are re-voted among those not elected. A trust gate (信任度, §3.1 row 4)
 * eliminates candidates before anything else.
 */
import type { VoteSpec } from '../../dsl/schema.js';
import type { TallyGroup } from '../messages.js';
import type { VoteResult } from '../types.js';
import { baseValue, combineGroups, groupForRule, ruleHolds, trustScore } from './vote-arithmetic.js';
import { explainRule } from './vote-explain.js';
import { marginPercent, minCandidates } from '../../dsl/margin.js';

export { minCandidates } from '../../dsl/margin.js';

export interface TrustTally {
  yes: number;
  total: number;
}

export interface ElectionOptions {
  /** The candidates of this round (a case field, or the tied of the previous round). */
  candidates?: readonly string[];
  /** 信任度 per candidate: 信任票 and 参评人数. */
  trust?: Readonly<Record<string, TrustTally>>;
  /** 1-based round number; rounds after the first are 另行选举. */
  round?: number;
  /** Seats still to fill in this round (another round for vacancies fills fewer seats). */
  seats?: number;
}

export type ElectionResult = Pick<VoteResult, 'outcome' | 'explanation' | 'elected' | 'tied' | 'scores'>;

/**
 * zh-CN reason when `candidates` names too few for `seats` under the spec's 差额 rule, else
 * undefined: the election may not be held (等额 where the rule wants 差额 elects everyone listed).
 */
export function marginShortfall(spec: VoteSpec, candidates: number, seats: number): string | undefined {
  if (spec.options.type !== 'candidates' || !spec.options.margin) return undefined;
  const margin = spec.options.margin;
  const need = minCandidates(seats, margin);
  if (candidates >= need) return undefined;
  const pct = marginPercent(margin);
  const src = margin.source ? `（${margin.source}）` : '';
  return `候选人 ${candidates} 名，应选 ${seats} 名：差额须不少于应选人数的 ${pct}%，至少需 ${need} 名候选人 — 不能进行选举，请补足候选人${src}`;
}

/** Seats to fill: the round's remaining seats, else topN, else the spec's seats. */
export function seatsToFill(spec: VoteSpec, opts: ElectionOptions): number {
  if (opts.seats !== undefined) return opts.seats;
  if (spec.topN !== undefined) return spec.topN;
  return spec.options.type === 'candidates' ? spec.options.seats : 1;
}

/** The round's candidates: given, else the spec's fixed list, else everyone named in the tally. */
export function candidateList(spec: VoteSpec, groups: TallyGroup[], opts: ElectionOptions): string[] {
  if (opts.candidates) return [...new Set(opts.candidates)];
  if (spec.options.type === 'candidates' && spec.options.candidates) return [...new Set(spec.options.candidates)];
  return Object.keys(combineGroups(groups).candidateVotes ?? {});
}

export interface GateResult {
  eligible: string[];
  eliminated: string[];
  explanation: string[];
}

/** 信任度 gate: “获信任票达50%以上” = `yes/total ≥ ½` — exactly 50% passes (民法典 §1259). */
export function applyTrustGate(spec: VoteSpec, candidates: readonly string[], trust: ElectionOptions['trust']): GateResult {
  const gate = spec.trustGate;
  if (!gate) return { eligible: [...candidates], eliminated: [], explanation: [] };
  const eligible: string[] = [];
  const eliminated: string[] = [];
  const explanation: string[] = [];
  for (const c of candidates) {
    const t = trust?.[c];
    if (!t || t.total <= 0) {
      eliminated.push(c);
      explanation.push(`${c}：缺少信任度测评结果 — 不能进入下一环节`);
      continue;
    }
    const holds = ruleHolds(t.yes, gate, t.total);
    (holds ? eligible : eliminated).push(c);
    const line = explainRule({ kind: 'trust', count: t.yes, base: t.total, rule: { ...gate, base: 'cast' }, subject: c });
    explanation.push(`${line}；信任度得分 ${formatPoints(trustScore(t.yes, t.total))} 分`);
  }
  return { eligible, eliminated, explanation };
}

export function formatPoints(points: number): string {
  return Number.isInteger(points) ? String(points) : points.toFixed(2);
}

interface Ranked {
  name: string;
}

/**
 * Cut a ranking (best first) at `seats`, `cmp` saying whether two entries are equal.
 * Returns the clear winners and, when equal entries straddle the cut, the tied.
 */
export function cutRanking<T extends Ranked>(
  ranked: readonly T[],
  seats: number,
  equal: (a: T, b: T) => boolean,
): { elected: string[]; tied: string[] } {
  if (ranked.length <= seats) return { elected: ranked.map((r) => r.name), tied: [] };
  const last = ranked[seats - 1];
  const next = ranked[seats];
  if (!last || !next || !equal(last, next)) return { elected: ranked.slice(0, seats).map((r) => r.name), tied: [] };
  return {
    elected: ranked.slice(0, seats).filter((r) => !equal(r, last)).map((r) => r.name),
    tied: ranked.filter((r) => equal(r, last)).map((r) => r.name),
  };
}

/** Plain election: the pass rule on each candidate's votes, then seats by votes. */
export function evaluateElection(spec: VoteSpec, groups: TallyGroup[], opts: ElectionOptions = {}): ElectionResult {
  const explanation: string[] = [];
  const seats = seatsToFill(spec, opts);
  const all = candidateList(spec, groups, opts);
  const gate = applyTrustGate(spec, all, opts.trust);
  explanation.push(...gate.explanation);

  const g = groupForRule(spec.pass.group, groups);
  if (!g) {
    explanation.push('缺少计票结果 — 无法计算当选');
    return { outcome: 'rejected', explanation, elected: [], tied: [] };
  }
  const base = baseValue(spec.pass.base, g);
  const votes = (c: string): number => g.candidateVotes?.[c] ?? 0;
  const scores: Record<string, number> = {};
  const passing: { name: string; votes: number }[] = [];
  for (const c of gate.eligible) {
    scores[c] = votes(c);
    if (ruleHolds(votes(c), spec.pass, base)) passing.push({ name: c, votes: votes(c) });
    explanation.push(explainRule({ kind: 'candidate', count: votes(c), base, rule: spec.pass, subject: c }));
  }
  // Highest first; equal votes keep the list order (the tie is resolved by a re-vote, not by order).
  passing.sort((a, b) => b.votes - a.votes);
  const { elected, tied } = cutRanking(passing, seats, (a, b) => a.votes === b.votes);

  if (tied.length > 0) {
    const open = seats - elected.length;
    explanation.push(
      `${tied.join('、')} 得票相同（${passing.find((p) => p.name === tied[0])?.votes ?? 0} 票），并列于第 ${elected.length + 1} 名，` +
        `剩余 ${open} 个名额 — 在并列者中另行选举`,
    );
    return { outcome: 'revote', explanation, elected, tied, scores };
  }
  if (elected.length < seats) {
    const others = gate.eligible.filter((c) => !elected.includes(c));
    const open = seats - elected.length;
    if (others.length > 0) {
      explanation.push(
        `当选 ${elected.length} 人，少于应选 ${seats} 人 — 缺额 ${open} 名在未当选的 ${others.join('、')} 中另行选举`,
      );
      return { outcome: 'revote', explanation, elected, tied: others, scores };
    }
    explanation.push(`当选 ${elected.length} 人，少于应选 ${seats} 人，已无其他候选人可另行选举`);
    return { outcome: elected.length > 0 ? 'passed' : 'rejected', explanation, elected, tied: [], scores };
  }
  explanation.push(`按得票多少取足 ${seats} 名：${elected.join('、')} 当选`);
  return { outcome: 'passed', explanation, elected, tied: [], scores };
}
