/**
 * A vote's rules in words, before or without any count: what the tally form shows above the
 * numbers and what the meeting record states. One line per quorum rule (named by its voter group
 * when there are several) and one for the pass rule.
 */
import type { VoteSpec } from '../../dsl/schema.js';
import { groupLabel } from './quorum.js';
import { describeRule } from './vote-explain.js';

export interface VoteRuleLines {
  quorum: string[];
  pass: string;
  /** 书面意见 count towards the pass rule, never towards attendance. */
  written?: string;
}

export function voteRuleLines(spec: VoteSpec): VoteRuleLines {
  const several = spec.groups.length > 1;
  const quorum = (spec.quorum?.rules ?? []).map((r) => describeRule('quorum', r, several ? groupLabel(r.group, spec.groups) : undefined));
  if (spec.quorum && spec.quorum.rules.length > 1) quorum.push(spec.quorum.combine === 'any' ? '以上条件满足任一即可' : '以上条件须同时满足');
  const pass = spec.options.type === 'candidates' ? describeRule('pass', spec.pass).replace('赞成票', '候选人得票') : describeRule('pass', spec.pass, several ? groupLabel(spec.pass.group, spec.groups) : undefined);
  return {
    quorum,
    pass,
    ...(spec.writtenOpinions ? { written: '因故不能到会者会前提交的书面意见计入票数，不计入到会人数' } : {}),
  };
}

/** 表决方式 as a meeting record states it: 当场计票 or 逐人投票, 无记名 or 记名. */
export function voteMethod(spec: VoteSpec): string {
  const how = spec.mode === 'tally' ? '当场计票' : '逐人投票';
  return `${how}（${spec.secret ? '无记名投票' : '记名投票'}）`;
}
