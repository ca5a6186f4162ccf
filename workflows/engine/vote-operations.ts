/**
 * Vote and publicity updates: submitTally (teller), confirmTally (a different user, the
 * scrutineer), castBallot (each voter once), closeBallot (teller), objection (during 公示).
 */
import type { z } from 'zod';
import { engineError } from '../errors.js';
import type { CastBallotArgs, CloseBallotArgs, ConfirmTallyArgs, ObjectionArgs, SubmitTallyArgs } from '../messages.js';
import { validateTally } from '../rules/votes.js';
import type { Actor } from '../types.js';
import { effects } from './activities.js';
import { nowIso } from './clock.js';
import { requireOpenTask, requireRunning } from './guards.js';
import { holdsRoleInChain, isSupervisor, isTaskActor } from './permissions.js';
import { openPublicity } from './publicity-node.js';
import type { CaseRuntime, VoteState } from './runtime.js';
import { ballotOrder, ballotTally, canonicalBallot, evaluateRound, totalSeats } from './vote-node.js';

type Args<S extends z.ZodType> = z.output<S>;

function requireVote(rt: CaseRuntime, taskId: string, mode: 'tally' | 'ballots'): VoteState {
  requireRunning(rt);
  const task = requireOpenTask(rt, taskId);
  const vote = rt.votes.get(task.id);
  if (!vote) throw engineError('NOT_A_VOTE');
  if (vote.spec.mode !== mode) throw engineError('OPERATION_NOT_ALLOWED', mode === 'tally' ? '本次表决为逐人投票' : '本次表决为当场计票');
  return vote;
}

function isTeller(rt: CaseRuntime, actor: Actor, vote: VoteState): boolean {
  const task = rt.task(vote.taskId);
  if (vote.spec.tellerRole && holdsRoleInChain(actor, vote.spec.tellerRole, rt.input.org)) return true;
  return !!task && isTaskActor(actor, task);
}

export function validateSubmitTally(rt: CaseRuntime, a: Args<typeof SubmitTallyArgs>): VoteState {
  const vote = requireVote(rt, a.taskId, 'tally');
  if (vote.status !== 'collecting') throw engineError('OPERATION_NOT_ALLOWED', '计票结果已提交，等待监票人确认');
  if (!isTeller(rt, a.actor, vote)) throw engineError('NOT_TELLER');
  const problem = validateTally(vote.spec, a.groups, vote.candidates);
  if (problem) throw engineError('TALLY_INVALID', problem);
  return vote;
}

export function applySubmitTally(rt: CaseRuntime, a: Args<typeof SubmitTallyArgs>): void {
  const vote = rt.votes.get(a.taskId) as VoteState;
  vote.pendingTally = a.groups;
  vote.teller = a.actor.userId;
  vote.status = 'awaitingConfirmation';
  rt.record({ type: 'vote.tallySubmitted', actor: a.actor.userId, actorName: a.actor.name, nodeId: vote.nodeId, taskId: vote.taskId, comment: a.comment, detail: { round: vote.round, groups: a.groups } });
}

export function validateConfirmTally(rt: CaseRuntime, a: Args<typeof ConfirmTallyArgs>): VoteState {
  const vote = requireVote(rt, a.taskId, 'tally');
  if (vote.status !== 'awaitingConfirmation' || !vote.pendingTally) throw engineError('TALLY_NOT_SUBMITTED');
  if (vote.teller === a.actor.userId) throw engineError('SCRUTINEER_IS_TELLER');
  const role = vote.spec.scrutineerRole;
  const allowed = role ? holdsRoleInChain(a.actor, role, rt.input.org) : isTeller(rt, a.actor, vote) || isSupervisor(a.actor, rt.input.org);
  if (!allowed) throw engineError('NOT_SCRUTINEER');
  return vote;
}

export function applyConfirmTally(rt: CaseRuntime, a: Args<typeof ConfirmTallyArgs>): void {
  const vote = rt.votes.get(a.taskId) as VoteState;
  if (!a.confirm) {
    vote.pendingTally = undefined;
    vote.status = 'collecting';
    rt.record({ type: 'vote.tallyRejected', actor: a.actor.userId, actorName: a.actor.name, nodeId: vote.nodeId, taskId: vote.taskId, comment: a.comment });
    return;
  }
  rt.record({ type: 'vote.tallyConfirmed', actor: a.actor.userId, actorName: a.actor.name, nodeId: vote.nodeId, taskId: vote.taskId, comment: a.comment });
  evaluateRound(rt, vote, vote.pendingTally ?? [], a.actor);
}

/** The voter group of a user (the first group listing them). */
function voterGroup(vote: VoteState, userId: string): string | undefined {
  return Object.keys(vote.voters).find((g) => vote.voters[g]?.includes(userId));
}

export function validateCastBallot(rt: CaseRuntime, a: Args<typeof CastBallotArgs>): VoteState {
  const vote = requireVote(rt, a.taskId, 'ballots');
  if (vote.status !== 'collecting') throw engineError('OPERATION_NOT_ALLOWED');
  if (!voterGroup(vote, a.actor.userId)) throw engineError('NOT_A_VOTER');
  if (vote.voted.includes(a.actor.userId)) throw engineError('ALREADY_VOTED');
  const options = vote.spec.options;
  if (options.type === 'yesNo') {
    if (Array.isArray(a.choice)) throw engineError('BALLOT_INVALID', '请选择赞成、反对或弃权');
  } else {
    if (!Array.isArray(a.choice)) throw engineError('BALLOT_INVALID', '请选择候选人');
    const picks = a.choice;
    const maxPicks = Math.min(options.maxPicks, totalSeats(vote.spec) - vote.elected.length);
    if (new Set(picks).size !== picks.length) throw engineError('BALLOT_INVALID', '同一候选人只能选一次');
    if (picks.length > maxPicks) throw engineError('BALLOT_INVALID', `最多可选 ${maxPicks} 人`);
    const unknown = vote.candidates ? picks.find((p) => !vote.candidates?.includes(p)) : undefined;
    if (unknown) throw engineError('BALLOT_INVALID', `「${unknown}」不是本轮候选人`);
  }
  return vote;
}

export function applyCastBallot(rt: CaseRuntime, a: Args<typeof CastBallotArgs>): void {
  const vote = rt.votes.get(a.taskId) as VoteState;
  const group = voterGroup(vote, a.actor.userId) as string;
  const choice = canonicalBallot(a.choice);
  vote.voted = [...vote.voted, a.actor.userId].sort();
  vote.ballots[group] = [...(vote.ballots[group] ?? []), choice].sort(ballotOrder);
  if (vote.namedChoices) vote.namedChoices[a.actor.userId] = choice;
  // The timeline says who voted (the sign-in sheet), never what.
  rt.record({ type: 'vote.ballotCast', actor: a.actor.userId, actorName: a.actor.name, nodeId: vote.nodeId, taskId: vote.taskId, detail: { round: vote.round } });
}

export function validateCloseBallot(rt: CaseRuntime, a: Args<typeof CloseBallotArgs>): VoteState {
  const vote = requireVote(rt, a.taskId, 'ballots');
  if (vote.status !== 'collecting') throw engineError('OPERATION_NOT_ALLOWED');
  if (!isTeller(rt, a.actor, vote)) throw engineError('NOT_TELLER');
  return vote;
}

export function applyCloseBallot(rt: CaseRuntime, a: Args<typeof CloseBallotArgs>): void {
  const vote = rt.votes.get(a.taskId) as VoteState;
  rt.record({ type: 'vote.closed', actor: a.actor.userId, actorName: a.actor.name, nodeId: vote.nodeId, taskId: vote.taskId, comment: a.comment, detail: { round: vote.round, ballots: vote.voted.length } });
  evaluateRound(rt, vote, ballotTally(vote), a.actor);
}

export function validateObjection(rt: CaseRuntime, a: Args<typeof ObjectionArgs>): void {
  requireRunning(rt);
  const view = openPublicity(rt, a.nodeId);
  if (!view) throw engineError('NOT_IN_PUBLICITY');
  const node = rt.node(a.nodeId);
  if (node.kind === 'publicity' && node.objectorRole && !holdsRoleInChain(a.actor, node.objectorRole, rt.input.org)) {
    throw engineError('OPERATION_NOT_ALLOWED', '您不在可提出异议的范围内');
  }
}

export async function applyObjection(rt: CaseRuntime, a: Args<typeof ObjectionArgs>): Promise<void> {
  const view = openPublicity(rt, a.nodeId);
  if (!view) return;
  const objection = { id: rt.nextId(`${a.nodeId}-obj`), at: nowIso(), by: a.actor.userId, content: a.content };
  view.objections.push(objection);
  rt.record({ type: 'publicity.objection', actor: a.actor.userId, actorName: a.actor.name, nodeId: a.nodeId, comment: a.content, detail: { objectionId: objection.id } });
  rt.changed();
  await effects.notify({
    key: `${rt.caseId}:${objection.id}`,
    kind: 'objection',
    caseId: rt.caseId,
    userIds: [rt.input.initiator.userId],
    grants: [],
    title: `公示异议：${rt.input.title}`,
    message: a.content,
  });
}
