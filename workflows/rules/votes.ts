/**
 * Vote arithmetic of the `vote` node (domain/procedures.md §0.2, §3.3): the one entry point the
 * interpreter calls. Pure and deterministic (Temporal workflow sandbox): no I/O, no clock, no
 * randomness, and thresholds decided in integers (`den·count op num·base`), never with floats.
 */
import type { VoteSpec } from '../../dsl/schema.js';
import type { TallyGroup } from '../messages.js';
import type { VoteResult } from '../types.js';
import { evaluateElection, type ElectionOptions } from './election.js';
import { evaluateQuorum } from './quorum.js';
import { baseValue, groupForRule, ruleHolds, writtenTotal, yesCount } from './vote-arithmetic.js';
import { explainRule } from './vote-explain.js';
import { evaluateWeighted } from './weighted.js';

export { baseValue, minCountFor, ruleHolds, trustScore, combineGroups, groupForRule, writtenTotal, yesCount } from './vote-arithmetic.js';
export type { Threshold, ThresholdOp } from './vote-arithmetic.js';
export { describeRule, explainRule, fractionGlyph, fractionWords } from './vote-explain.js';
export type { ExplainInput, ExplainKind } from './vote-explain.js';
export { evaluateQuorum } from './quorum.js';
export type { QuorumResult } from './quorum.js';
export { tallyFromBallots, validateTally } from './tally.js';
export type { Ballot } from './tally.js';
export { applyTrustGate, evaluateElection, marginShortfall, minCandidates } from './election.js';
export type { ElectionOptions, TrustTally } from './election.js';
export { evaluateWeighted, weightedScore } from './weighted.js';
export {
  RULE_PRESETS,
  STRUCTURED_RECOMMENDATION_GROUPS,
  TRUST_GATE_PRESET,
  isStricterOrEqual,
  floorViolation,
  partyElectionPass,
} from './rule-presets.js';
export type { RulePreset, RulePresetKey } from './rule-presets.js';
export { satisfaction, projectSatisfaction, satisfactionBelow, firstSecretaryTotal, gradeFromSatisfaction } from './satisfaction.js';
export type { SatisfactionCounts, SatisfactionResult, ProjectRating } from './satisfaction.js';

export type EvaluateVoteOptions = ElectionOptions;

const VOID_SOURCE = '中国共产党基层组织选举工作条例';

/**
 * The result of one round. `revote` means: ballots returned exceeded ballots issued (the round is
 * void, §3.3), or a tie at the cut / unfilled seats call for 另行选举 among `tied`. The caller
 * should run validateTally first; inconsistent counts are not re-checked here.
 */
export function evaluateVote(spec: VoteSpec, groups: TallyGroup[], opts: EvaluateVoteOptions = {}): VoteResult {
  const explanation: string[] = [];
  if (opts.round !== undefined && opts.round > 1) explanation.push(`第 ${opts.round} 轮投票（另行选举）`);

  const quorum = evaluateQuorum(spec.quorum, groups, spec.groups);
  explanation.push(...quorum.explanation);

  const voided = groups.filter((g) => g.issued !== undefined && (g.cast ?? g.present) > g.issued);
  if (voided.length > 0) {
    for (const g of voided) {
      const label = spec.groups.find((d) => d.key === g.group)?.label;
      const who = label ? `${label}：` : '';
      explanation.push(
        `${who}收回选票 ${g.cast ?? g.present} 张，多于发出的 ${g.issued ?? 0} 张 — 本轮投票无效，须重新投票（${VOID_SOURCE}）`,
      );
    }
    return { outcome: 'revote', quorumMet: quorum.met, explanation };
  }
  if (!quorum.met) return { outcome: 'no_quorum', quorumMet: false, explanation };

  const options = spec.options;
  switch (options.type) {
    case 'yesNo': {
      const g = groupForRule(spec.pass.group, groups);
      if (!g) {
        explanation.push('缺少计票结果 — 未通过');
        return { outcome: 'rejected', quorumMet: true, explanation };
      }
      const yes = yesCount(g);
      const base = baseValue(spec.pass.base, g);
      explanation.push(`表决结果：赞成 ${g.yes ?? 0}，反对 ${g.no ?? 0}，弃权 ${g.abstain ?? 0}${g.invalid ? `，无效 ${g.invalid}` : ''}`);
      if (writtenTotal(g) > 0) {
        explanation.push(
          `未到会党员书面意见 ${writtenTotal(g)} 份：赞成 ${g.writtenYes ?? 0}，反对 ${g.writtenNo ?? 0}，弃权 ${g.writtenAbstain ?? 0}（计入票数，不计入到会人数）— 赞成合计 ${yes}`,
        );
      }
      explanation.push(explainRule({ kind: 'pass', count: yes, base, rule: spec.pass }));
      const passed = ruleHolds(yes, spec.pass, base);
      return { outcome: passed ? 'passed' : 'rejected', quorumMet: true, explanation };
    }
    case 'candidates': {
      const result = spec.weighted ? evaluateWeighted(spec, groups, opts) : evaluateElection(spec, groups, opts);
      return { ...result, quorumMet: true, explanation: [...explanation, ...result.explanation] };
    }
    default: {
      const never: never = options;
      throw new Error(`unknown vote options ${String(never)}`);
    }
  }
}
