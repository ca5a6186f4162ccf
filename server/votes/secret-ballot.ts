/**
 * Casting a ballot through the API. A secret ballot of a case with the ballot box goes into the
 * box in the app database (voter roll + counters, one transaction), and the case is told only that
 * this voter has voted (`recordVoted`, no choice): no Temporal history, log, metric or response
 * ever holds a voter next to a choice. Named ballots, and secret ballots of cases started before
 * the box, still go to the case as `castBallot`.
 */
import type { AppContext } from '../context.js';
import type { Principal } from '../auth/principal.js';
import { actorOf } from '../auth/principal.js';
import { ApiError, caseEnded, fromTemporalError, notFound, statusOfEngineCode } from '../errors.js';
import { ENGINE_ERRORS, engineMessage, type EngineErrorCode } from '../../workflows/errors.js';
import * as M from '../../workflows/messages.js';
import type { CaseState, VoteView } from '../../workflows/types.js';
import { ballotProblem } from '../../workflows/rules/ballot-box.js';
import type { Ballot } from '../../workflows/rules/tally.js';
import { definitionOf, rawState, runUpdate } from '../cases/case-service.js';
import { castIntoBox, onVoterRoll, type BallotRound } from '../../db/ballot-box.js';

const refused = (code: EngineErrorCode, detail?: string) =>
  new ApiError(ENGINE_ERRORS[code].status, code, engineMessage(code, detail));

/** The checks recordVoted's validator makes, plus the ballot itself (which never reaches the case). */
async function checkBallot(ctx: AppContext, p: Principal, state: CaseState, vote: VoteView, choice: Ballot): Promise<string> {
  if (state.status === 'suspended') throw refused('CASE_SUSPENDED');
  if (state.status !== 'running') throw caseEnded(state.status);
  const task = state.tasks.find((t) => t.id === vote.taskId);
  if (!task) throw notFound('该任务');
  if (task.status !== 'open' && task.status !== 'claimed') throw refused('TASK_NOT_OPEN');
  if (vote.status !== 'collecting') throw refused('OPERATION_NOT_ALLOWED', '本轮投票已结束');
  const group = Object.entries(vote.voters ?? {}).find(([, users]) => users.includes(p.id))?.[0];
  if (!group) throw refused('NOT_A_VOTER');
  if (vote.voted?.includes(p.id)) throw refused('ALREADY_VOTED');
  const def = await definitionOf(ctx, state);
  const node = def.nodes.find((n) => n.id === vote.nodeId);
  if (node?.kind !== 'vote') throw refused('NOT_A_VOTE');
  const problem = ballotProblem(node.vote.options, choice, { candidates: vote.candidates, maxPicks: vote.maxPicks ?? 1 });
  if (problem) throw refused('BALLOT_INVALID', problem);
  return group;
}

export async function castBallot(ctx: AppContext, p: Principal, caseId: string, taskId: string, choice: Ballot): Promise<CaseState> {
  const state = await rawState(ctx, caseId);
  const vote = state.votes.findLast((v) => v.taskId === taskId);
  const history = { operation: 'ballot', taskId };
  if (!vote?.ballotBox) return runUpdate(ctx, p, caseId, M.castBallotUpdate, { actor: actorOf(p), taskId, choice }, history, taskId);

  const group = await checkBallot(ctx, p, state, vote, choice);
  const round: BallotRound = { caseId, taskId, round: vote.round };
  const recordVoted = () => runUpdate(ctx, p, caseId, M.recordVotedUpdate, { actor: actorOf(p), taskId, round: vote.round }, history, taskId);
  const outcome = await castIntoBox(ctx.db, round, group, p.id, choice);
  if (outcome === 'closed') throw refused('OPERATION_NOT_ALLOWED', '本轮投票已结束');
  if (outcome === 'already-voted') {
    // Counted before, but the case never heard of it (the engine was down): tell it now.
    if (await onVoterRoll(ctx.db, round, p.id)) await recordVoted().catch(() => undefined);
    throw refused('ALREADY_VOTED');
  }
  try {
    return await recordVoted();
  } catch (err) {
    const api = fromTemporalError(err);
    // The ballot is in the box and will be counted; the round closed (or the case moved on) meanwhile.
    if (api && (api.status === 409 || api.status === 403)) return rawState(ctx, caseId);
    ctx.log.warn({ caseId, taskId, code: api?.code }, 'secret ballot counted, but the case was not told who voted');
    throw new ApiError(503, 'ENGINE_UNAVAILABLE', '您的选票已投入票箱并会计入结果；流程引擎暂时不可用，投票签到将在结束投票时补记');
  }
}
