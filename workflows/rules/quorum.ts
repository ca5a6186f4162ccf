/**
 * Quorum (法定到会人数): each rule compares the number present (实到) of its group against
 * the rule's base; rules combine `all` (两村两会: ½ 党员 AND ⅔ 代表) or `any`
 * (村民会议: > ½ of 18+ villagers OR ≥ ⅔ of households, 组织法 §22).
 */
import type { Quorum, VoterGroup } from '../../dsl/schema.js';
import type { TallyGroup } from '../messages.js';
import { baseValue, groupForRule, ruleHolds } from './vote-arithmetic.js';
import { explainRule, quorumWord } from './vote-explain.js';

export interface QuorumResult {
  met: boolean;
  explanation: string[];
}

/** Display name of a tally group: its label in the vote spec, else its key. */
export function groupLabel(key: string | undefined, groupDefs: readonly VoterGroup[] = []): string | undefined {
  if (key === undefined) return undefined;
  return groupDefs.find((g) => g.key === key)?.label ?? key;
}

export function evaluateQuorum(
  quorum: Quorum | undefined,
  groups: TallyGroup[],
  groupDefs: readonly VoterGroup[] = [],
): QuorumResult {
  if (!quorum || quorum.rules.length === 0) return { met: true, explanation: ['本表决未设法定到会人数要求'] };
  const explanation: string[] = [];
  const results: boolean[] = [];
  for (const rule of quorum.rules) {
    const g = groupForRule(rule.group, groups);
    const subject = groupLabel(rule.group, groupDefs);
    if (!g) {
      explanation.push(`缺少「${subject ?? '到会'}」的到会统计 — 无法确认是否达到会议人数要求`);
      results.push(false);
      continue;
    }
    const base = baseValue(rule.base, g);
    results.push(ruleHolds(g.present, rule, base));
    explanation.push(explainRule({ kind: 'quorum', count: g.present, base, rule, subject }));
  }
  const combine = quorum.combine ?? 'all';
  const met = combine === 'any' ? results.some(Boolean) : results.every(Boolean);
  if (quorum.rules.length > 1) {
    const how = combine === 'any' ? '满足任一条件即可' : '各项条件须同时满足';
    const statutory = quorum.rules.some((r) => r.provenance === 'STAT');
    explanation.push(`${how} — ${met ? '会议有效' : `不足${quorumWord(statutory ? 'STAT' : undefined)}，会议无效`}`);
  }
  return { met, explanation };
}
