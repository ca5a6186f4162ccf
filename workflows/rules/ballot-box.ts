/**
 * Secret ballots counted in a ballot box (ARCHITECTURE "Secret ballots are unlinkable by
 * construction"). The box holds counters, never a ballot: the API adds one ballot with
 * `addBallot` in the transaction that marks the voter in the voter roll, and the interpreter
 * turns the counters into the round's tally with `tallyFromCounts` when the teller closes it.
 * Pure and deterministic: used by the API and inside the workflow sandbox alike.
 */
import type { VoteOptions, VoteSpec } from '../../dsl/schema.js';
import type { TallyGroup } from '../messages.js';
import { evaluateQuorum, groupLabel } from './quorum.js';
import type { Ballot } from './tally.js';
import type { BallotCounts } from '../../activities/types.js';

// The counters are what the ballot-box activity returns (activities/types.ts): the workflow imports the activity's types.
export type { BallotCounts };

export const EMPTY_COUNTS: BallotCounts = { cast: 0, abstain: 0, invalid: 0 };

/** How many candidates one ballot may name in this round (a 另行选举 round may have fewer seats left). */
export function maxPicksFor(spec: VoteSpec, seatsLeft: number): number {
  return spec.options.type === 'candidates' ? Math.min(spec.options.maxPicks, seatsLeft) : 1;
}

/**
 * Why a ballot is invalid (a zh-CN message), or undefined. `candidates` is the round's list
 * (另行选举 narrows it to the tied); undefined means any name is allowed.
 */
export function ballotProblem(options: VoteOptions, choice: Ballot, round: { candidates?: readonly string[]; maxPicks: number }): string | undefined {
  if (options.type === 'yesNo') return Array.isArray(choice) ? '请选择赞成、反对或弃权' : undefined;
  if (!Array.isArray(choice)) return '请选择候选人';
  if (new Set(choice).size !== choice.length) return '同一候选人只能选一次';
  if (choice.length > round.maxPicks) return `最多可选 ${round.maxPicks} 人`;
  const unknown = round.candidates ? choice.find((p) => !round.candidates?.includes(p)) : undefined;
  return unknown === undefined ? undefined : `「${unknown}」不是本轮候选人`;
}

/** The counters after one more (valid) ballot. A blank candidate ballot counts as 弃权. */
export function addBallot(counts: BallotCounts | undefined, choice: Ballot): BallotCounts {
  const c: BallotCounts = { ...EMPTY_COUNTS, ...counts, cast: (counts?.cast ?? 0) + 1 };
  if (!Array.isArray(choice)) {
    c[choice] = (c[choice] ?? 0) + 1;
    return c;
  }
  if (choice.length === 0) {
    c.abstain += 1;
    return c;
  }
  // A Map, so that no candidate name (not even "__proto__") can reach an object's prototype.
  const votes = new Map(Object.entries(c.candidateVotes ?? {}));
  for (const name of choice) votes.set(name, (votes.get(name) ?? 0) + 1);
  c.candidateVotes = Object.fromEntries(votes);
  return c;
}

/** The tally of a round from its box: the same figures `tallyFromBallots` gives for the same ballots. */
export function tallyFromCounts(
  spec: VoteSpec,
  counts: BallotCounts | undefined,
  group: { key: string; entitled: number },
  candidates?: readonly string[],
): TallyGroup {
  const c = { ...EMPTY_COUNTS, ...counts };
  const tally: TallyGroup = {
    group: group.key,
    entitled: group.entitled,
    present: c.cast,
    cast: c.cast,
    issued: c.cast,
    abstain: c.abstain,
    invalid: c.invalid,
  };
  if (spec.options.type === 'yesNo') {
    tally.yes = c.yes ?? 0;
    tally.no = c.no ?? 0;
    return tally;
  }
  const votes = new Map<string, number>((candidates ?? spec.options.candidates ?? []).map((n) => [n, 0]));
  for (const [n, v] of Object.entries(c.candidateVotes ?? {})) votes.set(n, (votes.get(n) ?? 0) + v);
  tally.candidateVotes = Object.fromEntries(votes);
  return tally;
}

/** Ballots per voter group, from who has voted (the voter roll): what the quorum is counted on. */
export function turnout(voters: Record<string, readonly string[]>, voted: readonly string[]): TallyGroup[] {
  const done = new Set(voted);
  return Object.entries(voters).map(([group, members]) => ({ group, entitled: members.length, present: members.filter((u) => done.has(u)).length }));
}

/**
 * Why the teller may not close a secret ballot yet (zh-CN), or undefined. The box is opened only
 * when the definition's quorum of ballots is in, and never with a single ballot in a group of
 * several voters: the count would be that voter's choice, next to their name on the sign-in sheet.
 */
export function closeProblem(spec: VoteSpec, voters: Record<string, readonly string[]>, voted: readonly string[]): string | undefined {
  const groups = turnout(voters, voted);
  const total = groups.reduce((n, g) => n + g.present, 0);
  const quorum = evaluateQuorum(spec.quorum, groups, spec.groups);
  if (!quorum.met) return `已投 ${total} 票，未达到法定人数，不能结束投票（${quorum.explanation.join('；')}）`;
  const lone = groups.find((g) => g.present === 1 && g.entitled > 1);
  if (lone) {
    const label = groups.length > 1 ? `「${groupLabel(lone.group, spec.groups)}」` : '';
    return `${label}只投了 1 票：无记名投票至少须有 2 票才能开箱，否则计票结果就是这位投票人的选择`;
  }
  return undefined;
}
