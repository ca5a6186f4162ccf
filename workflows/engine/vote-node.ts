/**
 * The vote node (§0.2, §3.3). A teller task is opened; in `tally` mode the teller enters the
 * counts and a different user (the scrutineer) confirms them; in `ballots` mode each voter casts
 * one ballot and the teller closes the vote. The arithmetic is in rules/votes.ts. A `revote`
 * result (tie at the cut, unfilled seats, a void round) starts another round among the tied
 * (另行选举) up to `maxRevotes`, after which the vote is `rejected`.
 * Secret ballots (patch `secrecy-ballot-box`): the case keeps only who has voted; the choices
 * are counted in the ballot box in the app database and enter the case as totals at close
 * (vote-updates.ts). Secret votes of older cases kept the anonymous choices (sorted) here.
 */
import { patched } from '@temporalio/workflow';
import type { NodeOf, VoteSpec } from '../../dsl/schema.js';
import type { TallyGroup } from '../messages.js';
import { evaluateVote, marginShortfall, tallyFromBallots } from '../rules/votes.js';
import type { VoteResult } from '../types.js';
import { lookups } from './activities.js';
import { nowIso } from './clock.js';
import { CANDIDATE_MARGIN } from './domain-patches.js';
import { voteSpecWithParams } from './params.js';
import type { BallotChoice, CaseRuntime, TokenState, VoteState } from './runtime.js';
import type { Step } from './step.js';
import type { ActingUser } from './task-node.js';
import { awaitTask, openHumanTask, resumedTask } from './tasks.js';
import { issueMeetingRecord, MEETING_RECORD_PATCH } from './meeting-record.js';

function initialCandidates(spec: VoteSpec, data: Record<string, unknown>): string[] | undefined {
  if (spec.options.type !== 'candidates') return undefined;
  const field = spec.options.candidatesField;
  const fromField = field ? data[field] : undefined;
  if (Array.isArray(fromField)) return fromField.filter((c): c is string => typeof c === 'string');
  return spec.options.candidates ? [...spec.options.candidates] : undefined;
}

/** Who the timeline names for a ballot box's count. */
const BALLOT_BOX_ACTOR = { userId: 'system', name: '投票箱计票' };

/** Cases that reach a secret ballot after this patch count it in the ballot box. */
export const BALLOT_BOX_PATCH = 'secrecy-ballot-box';

export function totalSeats(spec: VoteSpec): number {
  if (spec.topN !== undefined) return spec.topN;
  return spec.options.type === 'candidates' ? spec.options.seats : 1;
}

async function resolveVoters(rt: CaseRuntime, spec: VoteSpec): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const lookup = async (role: string) =>
    (
      await lookups.resolveAssignees({
        assignment: { type: 'role', role, scope: 'case' },
        org: rt.input.org,
        data: rt.data,
        initiator: rt.input.initiator.userId,
      })
    ).userIds;
  const withRoles = spec.groups.filter((g) => g.role);
  if (withRoles.length > 0) {
    for (const g of withRoles) out[g.key] = await lookup(g.role as string);
  } else if (spec.voterRole) {
    out[spec.groups[0]?.key ?? 'default'] = await lookup(spec.voterRole);
  }
  return out;
}

export function canonicalBallot(choice: BallotChoice): BallotChoice {
  return Array.isArray(choice) ? [...choice].sort() : choice;
}

/** Sorting anonymous ballots removes any link between the order of voting and the choices. */
export function ballotOrder(a: BallotChoice, b: BallotChoice): number {
  const ka = JSON.stringify(a);
  const kb = JSON.stringify(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function trustOf(rt: CaseRuntime, spec: VoteSpec): Record<string, { yes: number; total: number }> | undefined {
  const field = spec.trustGate?.field;
  const v = field ? rt.data[field] : undefined;
  // A table field (what a 信任度测评 form records): rows {candidate, yes, total}.
  if (Array.isArray(v)) {
    const out: Record<string, { yes: number; total: number }> = {};
    for (const row of v) {
      const r = row as Record<string, unknown> | null;
      if (r && typeof r.candidate === 'string' && typeof r.yes === 'number' && typeof r.total === 'number') out[r.candidate] = { yes: r.yes, total: r.total };
    }
    return out;
  }
  return v && typeof v === 'object' ? (v as Record<string, { yes: number; total: number }>) : undefined;
}

/** The tally of the ballots cast, one group per voter group. */
export function ballotTally(vote: VoteState): TallyGroup[] {
  const seatsLeft = totalSeats(vote.spec) - vote.elected.length;
  const keys = Object.keys(vote.voters);
  return keys.map((g) => {
    const ballots = vote.ballots[g] ?? [];
    return tallyFromBallots(
      vote.spec,
      ballots,
      { entitled: vote.voters[g]?.length ?? 0, present: ballots.length },
      g,
      { candidates: vote.candidates, seats: vote.round > 1 ? seatsLeft : undefined },
    );
  });
}

/** Evaluate a round; either decide the vote (closing the teller task) or open the next round. */
export function evaluateRound(rt: CaseRuntime, vote: VoteState, groups: TallyGroup[], by: ActingUser): void {
  const seatsLeft = totalSeats(vote.spec) - vote.elected.length;
  const r = evaluateVote(vote.spec, groups, {
    candidates: vote.candidates,
    round: vote.round,
    seats: vote.round > 1 ? seatsLeft : undefined,
    trust: trustOf(rt, vote.spec),
  });
  vote.rounds.push(r);
  vote.confirmedTally = groups;
  vote.pendingTally = undefined;
  const isElection = vote.spec.options.type === 'candidates';
  const elected = [...vote.elected, ...(r.elected ?? [])];
  // A box's counts are nobody's: the case page never shows them next to a person (the teller may be a voter).
  const counted = vote.box ? BALLOT_BOX_ACTOR : { userId: by.userId, name: by.name };
  rt.record({ type: 'vote.round', actor: counted.userId, actorName: counted.name, nodeId: vote.nodeId, taskId: vote.taskId, detail: { round: vote.round, outcome: r.outcome, explanation: r.explanation } });
  let final: VoteResult;
  if (r.outcome === 'revote') {
    if (vote.round <= vote.spec.maxRevotes) {
      vote.round += 1;
      vote.elected = elected;
      if (r.tied && r.tied.length > 0) vote.candidates = r.tied;
      vote.voted = [];
      vote.ballots = {};
      if (vote.namedChoices) vote.namedChoices = {};
      vote.status = 'collecting';
      vote.result = r;
      rt.record({ type: 'vote.revote', actor: 'system', nodeId: vote.nodeId, taskId: vote.taskId, detail: { round: vote.round, candidates: vote.candidates } });
      return;
    }
    final = {
      ...r,
      outcome: 'rejected',
      elected: isElection ? elected : undefined,
      explanation: [...r.explanation, `另行选举已达 ${vote.spec.maxRevotes} 次上限 — 未能全部选出，表决未通过`],
    };
  } else {
    final = { ...r, elected: isElection ? elected : r.elected };
  }
  vote.result = final;
  vote.status = 'decided';
  vote.decidedAt = nowIso();
  const task = rt.task(vote.taskId);
  if (task) {
    task.status = 'done';
    task.action = final.outcome;
    task.completedBy = by.userId;
    task.completedAt = nowIso();
    rt.progress();
    rt.wake(task.tokenId);
  }
  rt.record({ type: 'vote.decided', actor: counted.userId, actorName: counted.name, nodeId: vote.nodeId, taskId: vote.taskId, detail: { outcome: final.outcome, elected: final.elected } });
}

/**
 * 差额 (选举工作条例 第9、13条, or a seed's own margin): with too few candidates for the seats the
 * election is not held — the vote ends at once with `margin_short` (no teller task, no ballot).
 */
function marginShort(rt: CaseRuntime, node: NodeOf<'vote'>, spec: VoteSpec): Step | undefined {
  if (spec.options.type !== 'candidates' || !spec.options.margin) return undefined;
  if (!patched(CANDIDATE_MARGIN)) return undefined;
  const candidates = initialCandidates(spec, rt.data) ?? [];
  const reason = marginShortfall(spec, new Set(candidates).size, totalSeats(spec));
  if (!reason) return undefined;
  rt.record({ type: 'vote.marginShort', actor: 'system', nodeId: node.id, comment: reason, detail: { candidates, seats: totalSeats(spec) } });
  rt.nodeOutputs[node.id] = { outcome: 'margin_short', quorumMet: false, explanation: [reason] };
  return { outcome: 'margin_short' };
}

export async function runVoteNode(rt: CaseRuntime, token: TokenState, node: NodeOf<'vote'>, resumeTaskId?: string): Promise<Step> {
  const spec = voteSpecWithParams(node.vote, rt.params);
  const resumed = resumedTask(rt, token, resumeTaskId);
  if (!resumed) {
    const short = marginShort(rt, node, spec);
    if (short) return short;
  }
  const carried = resumed ? rt.votes.get(resumed.id) : undefined;
  // Before any await: the patch marker lands at the same point on every run and replay.
  const box = carried ? carried.box : spec.mode === 'ballots' && spec.secret && patched(BALLOT_BOX_PATCH);
  const voters = carried ? carried.voters : spec.mode === 'ballots' ? await resolveVoters(rt, spec) : {};
  const newVote = (taskId: string): VoteState => ({
    taskId,
    nodeId: node.id,
    spec,
    round: 1,
    candidates: initialCandidates(spec, rt.data),
    elected: [],
    status: 'collecting',
    voters,
    voted: [],
    ballots: {},
    namedChoices: spec.secret ? undefined : {},
    rounds: [],
    ...(box ? { box: true } : {}),
  });
  // The vote exists as soon as its task does (openHumanTask's `prepare`), never after it.
  const task = resumed ?? (await openHumanTask(rt, token, node, (t) => rt.votes.set(t.id, newVote(t.id))));
  const vote: VoteState = carried ?? rt.votes.get(task.id) ?? newVote(task.id);
  rt.votes.set(task.id, vote);
  await awaitTask(rt, token, task, node);
  if (token.jumpTo) return { jump: token.jumpTo };
  const result = vote.result;
  if (!result) return { outcome: 'rejected' };
  // Cases recorded before the meeting record go on as they did (no marker, no activity).
  if (vote.status === 'decided' && !vote.documentId && patched(MEETING_RECORD_PATCH)) await issueMeetingRecord(rt, node, vote);
  if (spec.options.type === 'candidates' && spec.options.resultField) rt.data[spec.options.resultField] = result.elected ?? [];
  rt.nodeOutputs[node.id] = { outcome: result.outcome, quorumMet: result.quorumMet, elected: result.elected, explanation: result.explanation };
  return { outcome: result.outcome, decidedAt: vote.decidedAt };
}
