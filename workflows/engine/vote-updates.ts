/**
 * Vote and publicity updates: submitTally (teller), confirmTally (a different user, the
 * scrutineer), castBallot (each voter once: named ballots, and secret ballots of cases recorded
 * before the ballot box), recordVoted (a secret ballot went into the ballot box: who, never what),
 * closeBallot (teller), objection (during 公示).
 */
import type { z } from 'zod';
import { engineError } from '../errors.js';
import type { CastBallotArgs, CloseBallotArgs, ConfirmTallyArgs, ObjectionArgs, RecordVotedArgs, SubmitTallyArgs } from '../messages.js';
import { ballotProblem, closeProblem, maxPicksFor, tallyFromCounts } from '../rules/ballot-box.js';
import { validateTally } from '../rules/votes.js';
import type { Actor } from '../types.js';
import { ballotBox, effects } from './activities.js';
import { nowIso } from './clock.js';
import { requireOpenTask, requireRunning } from './guards.js';
import { formProblem, missingRequired } from './form.js';
import { holdsRoleInChain, isSupervisor, isTaskActor } from './permissions.js';
import { openPublicity } from './publicity-node.js';
import type { CaseRuntime, VoteState } from './runtime.js';
import { ballotOrder, ballotTally, canonicalBallot, evaluateRound, totalSeats } from './vote-node.js';
import type { BallotBoxResult } from '../../activities/types.js';
import { notifyWords } from './notify-words.js';

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
  if (a.data) {
    // The node's own fields (商议意见, 决议文本 …), checked as a task's form is.
    const node = rt.node(vote.nodeId);
    const form = node.kind === 'vote' ? node.form : [];
    const formIssue = formProblem(rt.def.fields, form, a.data);
    if (formIssue) throw engineError('INVALID_FORM', formIssue);
    const missing = node.kind === 'vote' ? missingRequired(rt.def.fields, node.requiredFields, rt.data, a.data) : [];
    if (missing.length > 0) throw engineError('INVALID_FORM', `请填写：${missing.join('、')}`);
  }
  return vote;
}

export function applySubmitTally(rt: CaseRuntime, a: Args<typeof SubmitTallyArgs>): void {
  const vote = rt.votes.get(a.taskId) as VoteState;
  vote.pendingTally = a.groups;
  if (a.data) vote.pendingData = { ...a.data };
  vote.teller = a.actor.userId;
  vote.tellerName = a.actor.name;
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
  // The teller recounts what the scrutineer found wrong: the reason goes with the tally sent back.
  if (!a.confirm && !a.comment?.trim()) throw engineError('COMMENT_REQUIRED', '退回重计须写明理由');
  return vote;
}

export function applyConfirmTally(rt: CaseRuntime, a: Args<typeof ConfirmTallyArgs>): void {
  const vote = rt.votes.get(a.taskId) as VoteState;
  if (!a.confirm) {
    // 退回重计 keeps the numbers and the fields: the teller corrects them, the reason stays in view.
    if (vote.pendingTally) {
      vote.returned = {
        tally: vote.pendingTally,
        ...(vote.pendingData ? { data: vote.pendingData } : {}),
        by: a.actor.userId,
        byName: a.actor.name,
        at: nowIso(),
        ...(a.comment ? { reason: a.comment } : {}),
      };
    }
    vote.pendingTally = undefined;
    vote.pendingData = undefined;
    vote.status = 'collecting';
    rt.record({ type: 'vote.tallyRejected', actor: a.actor.userId, actorName: a.actor.name, nodeId: vote.nodeId, taskId: vote.taskId, comment: a.comment });
    return;
  }
  rt.record({ type: 'vote.tallyConfirmed', actor: a.actor.userId, actorName: a.actor.name, nodeId: vote.nodeId, taskId: vote.taskId, comment: a.comment });
  vote.scrutineer = a.actor.userId;
  vote.scrutineerName = a.actor.name;
  if (vote.pendingData) {
    // The meeting's own fields become case data with the confirmed tally (and show with the task as submitted).
    Object.assign(rt.data, vote.pendingData);
    const task = rt.task(vote.taskId);
    if (task) task.submitted = { ...vote.pendingData };
    vote.pendingData = undefined;
  }
  evaluateRound(rt, vote, vote.pendingTally ?? [], a.actor);
}

/** The voter group of a user (the first group listing them). */
function voterGroup(vote: VoteState, userId: string): string | undefined {
  return Object.keys(vote.voters).find((g) => vote.voters[g]?.includes(userId));
}

export function validateCastBallot(rt: CaseRuntime, a: Args<typeof CastBallotArgs>): VoteState {
  const vote = requireVote(rt, a.taskId, 'ballots');
  // A secret ballot's choice must never reach the case history: it goes into the ballot box.
  if (vote.box) throw engineError('OPERATION_NOT_ALLOWED', '无记名投票须投入投票箱，请在待办页面投票');
  if (vote.status !== 'collecting') throw engineError('OPERATION_NOT_ALLOWED');
  if (!voterGroup(vote, a.actor.userId)) throw engineError('NOT_A_VOTER');
  if (vote.voted.includes(a.actor.userId)) throw engineError('ALREADY_VOTED');
  const problem = ballotProblem(vote.spec.options, a.choice, { candidates: vote.candidates, maxPicks: maxPicksFor(vote.spec, totalSeats(vote.spec) - vote.elected.length) });
  if (problem) throw engineError('BALLOT_INVALID', problem);
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

/** Checks of recordVoted: the same as a ballot's, without the choice (the API has checked it). */
export function validateRecordVoted(rt: CaseRuntime, a: Args<typeof RecordVotedArgs>): VoteState {
  const vote = requireVote(rt, a.taskId, 'ballots');
  if (!vote.box) throw engineError('OPERATION_NOT_ALLOWED', '本次表决不使用投票箱');
  if (vote.status !== 'collecting' || vote.counting) throw engineError('OPERATION_NOT_ALLOWED', '本轮投票已结束');
  if (a.round !== vote.round) throw engineError('OPERATION_NOT_ALLOWED', `现在是第 ${vote.round} 轮投票`);
  if (!voterGroup(vote, a.actor.userId)) throw engineError('NOT_A_VOTER');
  if (vote.voted.includes(a.actor.userId)) throw engineError('ALREADY_VOTED');
  return vote;
}

export function applyRecordVoted(rt: CaseRuntime, a: Args<typeof RecordVotedArgs>): void {
  const vote = rt.votes.get(a.taskId) as VoteState;
  vote.voted = [...vote.voted, a.actor.userId].sort();
  // The sign-in sheet: who voted, never what.
  rt.record({ type: 'vote.ballotCast', actor: a.actor.userId, actorName: a.actor.name, nodeId: vote.nodeId, taskId: vote.taskId, detail: { round: vote.round } });
}

export function validateCloseBallot(rt: CaseRuntime, a: Args<typeof CloseBallotArgs>): VoteState {
  const vote = requireVote(rt, a.taskId, 'ballots');
  if (vote.status !== 'collecting') throw engineError('OPERATION_NOT_ALLOWED');
  if (vote.counting) throw engineError('OPERATION_NOT_ALLOWED', '正在开箱计票');
  if (!isTeller(rt, a.actor, vote)) throw engineError('NOT_TELLER');
  const problem = vote.box ? closeProblem(vote.spec, vote.voters, vote.voted) : undefined;
  if (problem) throw engineError('BALLOT_NOT_CLOSABLE', problem);
  return vote;
}

export async function applyCloseBallot(rt: CaseRuntime, a: Args<typeof CloseBallotArgs>): Promise<void> {
  const vote = rt.votes.get(a.taskId) as VoteState;
  if (!vote.box) {
    rt.record({ type: 'vote.closed', actor: a.actor.userId, actorName: a.actor.name, nodeId: vote.nodeId, taskId: vote.taskId, comment: a.comment, detail: { round: vote.round, ballots: vote.voted.length } });
    evaluateRound(rt, vote, ballotTally(vote), a.actor);
    return;
  }
  // The counts enter the case here, once per round, as totals; the box refuses ballots from now on.
  vote.counting = true;
  let box: BallotBoxResult;
  try {
    box = await ballotBox.closeBallotBox({ caseId: rt.caseId, taskId: vote.taskId, round: vote.round, groups: Object.keys(vote.voters) });
  } catch {
    vote.counting = false;
    throw engineError('BALLOT_BOX_UNAVAILABLE');
  }
  vote.counting = false;
  // The roll is the record of who voted: a cast whose recordVoted never arrived is counted all the same.
  vote.voted = [...new Set([...vote.voted, ...box.voted])].sort();
  const groups = Object.keys(vote.voters).map((g) => tallyFromCounts(vote.spec, box.counts[g], { key: g, entitled: vote.voters[g]?.length ?? 0 }, vote.candidates));
  const ballots = groups.reduce((n, g) => n + (g.cast ?? g.present), 0);
  rt.record({ type: 'vote.closed', actor: a.actor.userId, actorName: a.actor.name, nodeId: vote.nodeId, taskId: vote.taskId, comment: a.comment, detail: { round: vote.round, ballots } });
  evaluateRound(rt, vote, groups, a.actor);
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
    ...notifyWords(rt).extra,
  });
}
