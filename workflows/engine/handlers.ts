/**
 * Registers every update (with its validator) and the state query. A validator parses the
 * arguments with the shared zod schema and re-checks actor, task state and form; if it throws,
 * the update is rejected and never enters history. Handlers apply, republish search attributes,
 * wait until the engine has reacted (next task created …) and return the fresh state.
 */
import { setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import { engineError } from '../errors.js';
import * as m from '../messages.js';
import type { CaseRuntime } from './runtime.js';
import * as caseOps from './case-operations.js';
import * as taskOps from './task-operations.js';
import * as voteOps from './vote-operations.js';
import { caseState } from './view.js';

function parseArgs<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}：` : '';
  throw engineError('INVALID_FORM', `${where}${issue?.message ?? '参数无效'}`);
}

function register<S extends z.ZodType>(
  rt: CaseRuntime,
  def: UpdateDefinition<m.UpdateResult, [z.input<S>]>,
  schema: S,
  validate: (rt: CaseRuntime, a: z.output<S>) => unknown,
  apply: (rt: CaseRuntime, a: z.output<S>) => void | Promise<void>,
): void {
  setHandler(
    def,
    async (raw: z.input<S>) => {
      const a = parseArgs(schema, raw);
      await apply(rt, a);
      rt.changed();
      await rt.settle();
      rt.changed();
      return { ok: true as const, state: caseState(rt) };
    },
    {
      validator: (raw: z.input<S>) => {
        validate(rt, parseArgs(schema, raw));
      },
    },
  );
}

export function registerHandlers(rt: CaseRuntime): void {
  setHandler(m.stateQuery, () => caseState(rt));
  // Outside events (e.g. a county system's receipt) are recorded; they never move a token.
  setHandler(m.externalEventSignal, (e) => {
    rt.record({ type: 'external', actor: 'system', comment: e.name, detail: e.data });
    rt.changed();
  });
  // The step in flight runs long: publish it even if it is automated (engine/search-state.ts).
  setHandler(m.stepSlowSignal, () => {
    rt.slowStep = true;
    rt.changed();
  });

  register(rt, m.claimUpdate, m.ClaimArgs, taskOps.validateClaim, taskOps.applyClaim);
  register(rt, m.unclaimUpdate, m.UnclaimArgs, taskOps.validateUnclaim, taskOps.applyUnclaim);
  register(rt, m.completeUpdate, m.CompleteArgs, taskOps.validateComplete, taskOps.applyComplete);
  register(rt, m.returnUpdate, m.ReturnArgs, taskOps.validateReturn, taskOps.applyReturnOp);
  register(rt, m.transferUpdate, m.TransferArgs, taskOps.validateTransfer, taskOps.applyTransfer);
  register(rt, m.delegateUpdate, m.DelegateArgs, taskOps.validateDelegate, taskOps.applyDelegate);
  register(rt, m.addSignerUpdate, m.AddSignerArgs, taskOps.validateAddSigner, taskOps.applyAddSigner);
  register(rt, m.commentUpdate, m.CommentArgs, taskOps.validateComment, taskOps.applyComment);
  register(rt, m.urgeUpdate, m.UrgeArgs, taskOps.validateUrge, taskOps.applyUrge);

  register(rt, m.submitTallyUpdate, m.SubmitTallyArgs, voteOps.validateSubmitTally, voteOps.applySubmitTally);
  register(rt, m.confirmTallyUpdate, m.ConfirmTallyArgs, voteOps.validateConfirmTally, voteOps.applyConfirmTally);
  register(rt, m.castBallotUpdate, m.CastBallotArgs, voteOps.validateCastBallot, voteOps.applyCastBallot);
  register(rt, m.recordVotedUpdate, m.RecordVotedArgs, voteOps.validateRecordVoted, voteOps.applyRecordVoted);
  register(rt, m.closeBallotUpdate, m.CloseBallotArgs, voteOps.validateCloseBallot, voteOps.applyCloseBallot);
  register(rt, m.objectionUpdate, m.ObjectionArgs, voteOps.validateObjection, voteOps.applyObjection);

  register(rt, m.withdrawUpdate, m.WithdrawArgs, caseOps.validateWithdraw, caseOps.applyWithdraw);
  register(rt, m.suspendUpdate, m.SuspendArgs, caseOps.validateSuspend, caseOps.applySuspend);
  register(rt, m.resumeUpdate, m.ResumeArgs, caseOps.validateResume, caseOps.applyResume);
  register(rt, m.terminateUpdate, m.TerminateArgs, caseOps.validateTerminate, caseOps.applyTerminate);
  register(rt, m.extendUpdate, m.ExtendArgs, caseOps.validateExtend, caseOps.applyExtend);
  register(rt, m.escalateUpdate, m.EscalateArgs, caseOps.validateEscalate, caseOps.applyEscalate);
  register(rt, m.resolveIncidentUpdate, m.ResolveIncidentArgs, caseOps.validateResolveIncident, caseOps.applyResolveIncident);
}
