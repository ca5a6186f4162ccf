/**
 * Tally consistency (a teller's slip is caught before the scrutineer confirms) and the tally of
 * individual electronic ballots. Ballots returned > issued is *not* an input error: it voids the
 * round (§3.3) and is reported by evaluateVote as a re-vote.
 */
import type { VoteSpec } from '../../dsl/schema.js';
import type { TallyGroup } from '../messages.js';
import { groupLabel } from './quorum.js';
import { writtenTotal } from './vote-arithmetic.js';

function describe(g: TallyGroup, spec: VoteSpec, many: boolean): string {
  const label = groupLabel(g.group, spec.groups);
  return many || spec.groups.length > 0 ? `「${label}」` : '';
}

/** Candidate names a tally may mention: the explicit list, else the spec's fixed list, else any. */
function knownCandidates(spec: VoteSpec, candidates?: readonly string[]): readonly string[] | undefined {
  if (candidates) return candidates;
  return spec.options.type === 'candidates' ? spec.options.candidates : undefined;
}

/**
 * A zh-CN message for the first inconsistency in the entered counts, else undefined.
 * `candidates` is the case's candidate list when it comes from a case field.
 */
export function validateTally(spec: VoteSpec, groups: TallyGroup[], candidates?: readonly string[]): string | undefined {
  if (groups.length === 0) return '请填写计票结果';
  const many = groups.length > 1;
  const seen = new Set<string>();
  for (const g of groups) {
    if (seen.has(g.group)) return `投票组「${groupLabel(g.group, spec.groups)}」重复填写`;
    seen.add(g.group);
  }
  if (spec.groups.length > 0) {
    for (const def of spec.groups) {
      if (!seen.has(def.key)) return `缺少投票组「${def.label}」的计票结果`;
    }
    for (const g of groups) {
      if (!spec.groups.some((d) => d.key === g.group)) return `未知的投票组「${g.group}」`;
    }
  }
  const ruleGroups = [...(spec.quorum?.rules ?? []), spec.pass].map((r) => r.group).filter((k): k is string => k !== undefined);
  for (const key of ruleGroups) {
    if (!seen.has(key)) return `缺少投票组「${groupLabel(key, spec.groups)}」的计票结果`;
  }

  for (const g of groups) {
    const who = describe(g, spec, many);
    if (g.present > g.entitled) return `${who}实到 ${g.present} 人，超过应到 ${g.entitled} 人，请核对`;
    if (g.all !== undefined && g.present > g.all) return `${who}实到 ${g.present} 人，超过全体 ${g.all} 人，请核对`;
    const cast = g.cast ?? g.present;
    if (cast > g.present) return `${who}投票数 ${cast} 超过实到人数 ${g.present}，请核对`;
    const counted = (g.yes ?? 0) + (g.no ?? 0) + (g.abstain ?? 0) + (g.invalid ?? 0);
    if (counted > cast) {
      const hint = spec.writtenOpinions && writtenTotal(g) === 0 ? '；未到会党员的书面意见请填在“书面意见”栏' : '';
      return `${who}赞成、反对、弃权与无效票合计 ${counted}，超过投票数 ${cast}，请核对${hint}`;
    }
    const written = writtenTotal(g);
    if (written > 0) {
      if (!spec.writtenOpinions) return `${who}本表决不计未到会人员的书面意见，请把书面意见栏清零`;
      if (spec.options.type !== 'yesNo') return `${who}候选人选举不计书面意见，请把书面意见栏清零`;
      const absent = Math.max(0, g.entitled - g.present);
      if (written > absent) {
        return `${who}书面意见 ${written} 份，超过未到会的 ${absent} 人（应到 ${g.entitled}，实到 ${g.present}）：只有因故不能到会的人才能提交书面意见，请核对`;
      }
    }
  }

  switch (spec.options.type) {
    case 'yesNo': {
      if (!groups.some((g) => g.yes !== undefined)) return '请填写赞成票数';
      return undefined;
    }
    case 'candidates': {
      const { maxPicks } = spec.options;
      const names = knownCandidates(spec, candidates);
      if (!groups.some((g) => g.candidateVotes !== undefined)) return '请填写各候选人的得票数';
      for (const g of groups) {
        if (!g.candidateVotes) continue;
        const who = describe(g, spec, many);
        const validBallots = Math.max(0, (g.cast ?? g.present) - (g.invalid ?? 0));
        let sum = 0;
        for (const [name, votes] of Object.entries(g.candidateVotes)) {
          if (names && !names.includes(name)) return `${who}「${name}」不在候选人名单中`;
          if (votes > validBallots) {
            return `${who}「${name}」得 ${votes} 票，超过有效票数 ${validBallots}（每张选票对同一人只能投一票），请核对`;
          }
          sum += votes;
        }
        if (sum > validBallots * maxPicks) {
          return `${who}候选人得票合计 ${sum}，超过有效票数 ${validBallots} × 每票最多可选 ${maxPicks} 人，请核对`;
        }
      }
      return undefined;
    }
    default: {
      const never: never = spec.options;
      return `未知的表决方式 ${String(never)}`;
    }
  }
}

export type Ballot = 'yes' | 'no' | 'abstain' | string[];

/**
 * The tally of individual ballots (electronic voting). A ballot naming more candidates than
 * `maxPicks` (or the same one twice, or someone not on the list) is invalid (§3.3); a blank
 * candidate ballot is a valid ballot counted as 弃权. `seats` narrows maxPicks in a 另行选举
 * round for fewer remaining seats; `candidates` is the list of that round.
 */
export function tallyFromBallots(
  spec: VoteSpec,
  ballots: readonly Ballot[],
  counts: { entitled: number; present: number },
  group?: string,
  opts: { candidates?: readonly string[]; seats?: number } = {},
): TallyGroup {
  const tally: TallyGroup = {
    group: group ?? 'default',
    entitled: counts.entitled,
    present: counts.present,
    cast: ballots.length,
    issued: ballots.length,
    abstain: 0,
    invalid: 0,
  };
  const options = spec.options;
  switch (options.type) {
    case 'yesNo': {
      tally.yes = 0;
      tally.no = 0;
      for (const b of ballots) {
        if (b === 'yes') tally.yes = (tally.yes ?? 0) + 1;
        else if (b === 'no') tally.no = (tally.no ?? 0) + 1;
        else if (b === 'abstain') tally.abstain = (tally.abstain ?? 0) + 1;
        else tally.invalid = (tally.invalid ?? 0) + 1;
      }
      return tally;
    }
    case 'candidates': {
      const names = opts.candidates ?? options.candidates;
      const maxPicks = opts.seats !== undefined ? Math.min(options.maxPicks, opts.seats) : options.maxPicks;
      const votes: Record<string, number> = {};
      for (const n of names ?? []) votes[n] = 0;
      for (const b of ballots) {
        if (!Array.isArray(b)) {
          tally.invalid = (tally.invalid ?? 0) + 1;
          continue;
        }
        const distinct = new Set(b);
        const unknown = names !== undefined && b.some((n) => !names.includes(n));
        if (b.length > maxPicks || distinct.size !== b.length || unknown) {
          tally.invalid = (tally.invalid ?? 0) + 1;
          continue;
        }
        if (b.length === 0) {
          tally.abstain = (tally.abstain ?? 0) + 1;
          continue;
        }
        for (const n of b) votes[n] = (votes[n] ?? 0) + 1;
      }
      tally.candidateVotes = votes;
      return tally;
    }
    default: {
      const never: never = options;
      throw new Error(`unknown vote options ${String(never)}`);
    }
  }
}
