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
import * as caseOps from './case-updates.js';
import * as taskOps from './task-updates.js';
import * as handOff from './hand-off-updates.js';
import * as voteOps from './vote-updates.js';
import * as migration from './migration.js';
import { caseState } from './view.js';

function parseArgs<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}：` : '';
  throw engineError('INVALID_FORM', `${where}${issue?.message ?? '参数无效'}`);
}

/** How the engine checks and applies one update (validate throws to reject; apply mutates the case). */
interface UpdateHandler<N extends m.UpdateName> {
  validate: (rt: CaseRuntime, a: z.output<(typeof m.UPDATES)[N]['args']>) => unknown;
  apply: (rt: CaseRuntime, a: z.output<(typeof m.UPDATES)[N]['args']>) => void | Promise<void>;
}

/** Every row of the update table has its handler: a new update without one is a type error. */
const HANDLERS: { [N in m.UpdateName]: UpdateHandler<N> } = {
  claim: { validate: taskOps.validateClaim, apply: taskOps.applyClaim },
  unclaim: { validate: taskOps.validateUnclaim, apply: taskOps.applyUnclaim },
  complete: { validate: taskOps.validateComplete, apply: taskOps.applyComplete },
  return: { validate: taskOps.validateReturn, apply: taskOps.applyReturnOp },
  transfer: { validate: taskOps.validateTransfer, apply: taskOps.applyTransfer },
  delegate: { validate: taskOps.validateDelegate, apply: taskOps.applyDelegate },
  addSigner: { validate: taskOps.validateAddSigner, apply: taskOps.applyAddSigner },
  removeSigner: { validate: handOff.validateRemoveSigner, apply: handOff.applyRemoveSigner },
  takeBack: { validate: handOff.validateTakeBack, apply: handOff.applyTakeBack },
  comment: { validate: taskOps.validateComment, apply: taskOps.applyComment },
  urge: { validate: taskOps.validateUrge, apply: taskOps.applyUrge },
  submitTally: { validate: voteOps.validateSubmitTally, apply: voteOps.applySubmitTally },
  confirmTally: { validate: voteOps.validateConfirmTally, apply: voteOps.applyConfirmTally },
  castBallot: { validate: voteOps.validateCastBallot, apply: voteOps.applyCastBallot },
  recordVoted: { validate: voteOps.validateRecordVoted, apply: voteOps.applyRecordVoted },
  closeBallot: { validate: voteOps.validateCloseBallot, apply: voteOps.applyCloseBallot },
  objection: { validate: voteOps.validateObjection, apply: voteOps.applyObjection },
  withdraw: { validate: caseOps.validateWithdraw, apply: caseOps.applyWithdraw },
  suspend: { validate: caseOps.validateSuspend, apply: caseOps.applySuspend },
  resume: { validate: caseOps.validateResume, apply: caseOps.applyResume },
  terminate: { validate: caseOps.validateTerminate, apply: caseOps.applyTerminate },
  extend: { validate: caseOps.validateExtend, apply: caseOps.applyExtend },
  escalate: { validate: caseOps.validateEscalate, apply: caseOps.applyEscalate },
  resolveIncident: { validate: caseOps.validateResolveIncident, apply: caseOps.applyResolveIncident },
  migrate: { validate: migration.validateMigrate, apply: migration.applyMigrate },
};

function register<N extends m.UpdateName>(rt: CaseRuntime, name: N): void {
  const schema = m.UPDATES[name].args as z.ZodType;
  // The table and HANDLERS are typed row by row above; here the row's schema has parsed the arguments.
  const { validate, apply } = HANDLERS[name] as unknown as { validate: (rt: CaseRuntime, a: unknown) => unknown; apply: (rt: CaseRuntime, a: unknown) => void | Promise<void> };
  setHandler(
    m.UPDATE_DEFS[name] as UpdateDefinition<m.UpdateResult, [unknown]>,
    async (raw: unknown) => {
      const a = parseArgs(schema, raw);
      await apply(rt, a);
      rt.changed();
      await rt.settle();
      rt.changed();
      return { ok: true as const, state: caseState(rt) };
    },
    {
      validator: (raw: unknown) => {
        validate(rt, parseArgs(schema, raw));
      },
    },
  );
}

export function registerHandlers(rt: CaseRuntime): void {
  setHandler(m.stateQuery, () => caseState(rt));
  // The dry run of a migration: what `migrate` would do here (changes nothing).
  setHandler(m.migrationPlanQuery, (raw) => migration.migrationPlan(rt, parseArgs(m.MigrationTargetArgs, raw)));
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

  for (const name of m.UPDATE_NAMES) register(rt, name);
}
