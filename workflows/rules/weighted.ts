/**
 * Weighted layered ranking (结构推荐, §3.1 row 5): per candidate
 *   total = Σ layer.weight × (votes in layer / ballots cast in layer × 100) + trust.weight × (信任票/参评 × 100)
 * after the trust gate has eliminated candidates below it; the best N by total are selected and a
 * tie at the cut is re-voted among the tied. Totals are compared as exact rationals; `scores`
 * carries them rounded to 2 decimals for display only.
 *
 * The spec's pass rule is not applied here: a weighted ranking has no per-candidate threshold
 * (the seed ranks by total and takes the best five); only the trust gate eliminates. Layers are
 * the spec's groups that carry a `weight`; a layer whose tally is missing scores 0.
 */
import type { VoteSpec } from '../../dsl/schema.js';
import type { TallyGroup } from '../messages.js';
import {
  addRatio,
  compareRatio,
  mulRatio,
  pointsOf,
  roundRatio,
  weightRatio,
  ZERO,
  type Ratio,
} from './vote-arithmetic.js';
import {
  applyTrustGate,
  candidateList,
  cutRanking,
  formatPoints,
  seatsToFill,
  type ElectionOptions,
  type ElectionResult,
} from './election.js';

function percent(weight: number): string {
  return `${Math.round(weight * 1000) / 10}%`;
}

export interface WeightedScore {
  name: string;
  total: Ratio;
  parts: string[];
}

/** Exact weighted total of one candidate, with the readable parts it is made of. */
export function weightedScore(spec: VoteSpec, groups: TallyGroup[], name: string, trust: ElectionOptions['trust']): WeightedScore {
  let total = ZERO;
  const parts: string[] = [];
  for (const def of spec.groups) {
    if (def.weight === undefined) continue;
    const g = groups.find((t) => t.group === def.key);
    const votes = g?.candidateVotes?.[name] ?? 0;
    const cast = g ? (g.cast ?? g.present) : 0;
    const points = pointsOf(votes, cast);
    total = addRatio(total, mulRatio(weightRatio(def.weight), points));
    parts.push(`${def.label} ${votes}/${cast} = ${formatPoints(roundRatio(points))} 分 × ${percent(def.weight)}`);
  }
  const gate = spec.trustGate;
  if (gate && gate.weight > 0) {
    const t = trust?.[name];
    const points = t ? pointsOf(t.yes, t.total) : ZERO;
    total = addRatio(total, mulRatio(weightRatio(gate.weight), points));
    parts.push(`信任度 ${formatPoints(roundRatio(points))} 分 × ${percent(gate.weight)}`);
  }
  return { name, total, parts };
}

export function evaluateWeighted(spec: VoteSpec, groups: TallyGroup[], opts: ElectionOptions = {}): ElectionResult {
  const explanation: string[] = [];
  const seats = seatsToFill(spec, opts);
  const gate = applyTrustGate(spec, candidateList(spec, groups, opts), opts.trust);
  explanation.push(...gate.explanation);

  const ranked = gate.eligible.map((c) => weightedScore(spec, groups, c, opts.trust));
  // Best first; equal totals keep list order — a tie at the cut is re-voted, never broken by order.
  ranked.sort((a, b) => compareRatio(b.total, a.total));
  const scores: Record<string, number> = {};
  ranked.forEach((r, i) => {
    scores[r.name] = roundRatio(r.total);
    explanation.push(`第 ${i + 1} 名 ${r.name}：${r.parts.join(' + ')} = ${formatPoints(scores[r.name] ?? 0)} 分`);
  });

  const { elected, tied } = cutRanking(ranked, seats, (a, b) => compareRatio(a.total, b.total) === 0);
  if (tied.length > 0) {
    const open = seats - elected.length;
    explanation.push(
      `${tied.join('、')} 加权总分相同（${formatPoints(scores[tied[0] ?? ''] ?? 0)} 分），并列于第 ${elected.length + 1} 名，` +
        `剩余 ${open} 个名额 — 在并列者中重新投票`,
    );
    return { outcome: 'revote', explanation, elected, tied, scores };
  }
  if (elected.length === 0) {
    explanation.push('没有候选人进入排名 — 未产生人选');
    return { outcome: 'rejected', explanation, elected, tied: [], scores };
  }
  if (elected.length < seats) {
    explanation.push(`仅 ${elected.length} 人进入排名，少于应取的 ${seats} 名：${elected.join('、')} 全部入选`);
  } else {
    explanation.push(`按加权总分取前 ${seats} 名：${elected.join('、')}`);
  }
  return { outcome: 'passed', explanation, elected, tied: [], scores };
}
