/**
 * Every update, query and signal of the interpreter, defined once and shared by the
 * workflow, the server, the CLI and the tests. Arguments are zod schemas so the server and
 * the update validators check the same thing.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { z } from 'zod';
import type { CaseState } from './types.js';
import type { MigrationPlan } from './engine/migration-plan.js';
import type { MigrationTargetArgs } from './messages/args.js';

export * from './messages/args.js';
import type { UpdateDefinition } from '@temporalio/common';
import { UPDATES, UPDATE_NAMES, type UpdateName } from './messages/updates.js';

/** Result of any task/case update: the fresh state, so callers need no second round-trip. */
export type UpdateResult = { ok: true; state: CaseState };

/** The Temporal handle of every update of the table (workflows/messages/updates.ts), by name. */
export type UpdateDefs = { [N in UpdateName]: UpdateDefinition<UpdateResult, [z.input<(typeof UPDATES)[N]['args']>], N> };
export const UPDATE_DEFS = Object.fromEntries(UPDATE_NAMES.map((n) => [n, defineUpdate(n)])) as UpdateDefs;

// The same handles by name, for callers that use one update (tests, the CLI, the demo seed).
export const claimUpdate = UPDATE_DEFS.claim;
export const unclaimUpdate = UPDATE_DEFS.unclaim;
export const completeUpdate = UPDATE_DEFS.complete;
export const returnUpdate = UPDATE_DEFS.return;
export const transferUpdate = UPDATE_DEFS.transfer;
export const delegateUpdate = UPDATE_DEFS.delegate;
export const addSignerUpdate = UPDATE_DEFS.addSigner;
export const removeSignerUpdate = UPDATE_DEFS.removeSigner;
export const takeBackUpdate = UPDATE_DEFS.takeBack;
export const commentUpdate = UPDATE_DEFS.comment;
export const urgeUpdate = UPDATE_DEFS.urge;
export const submitTallyUpdate = UPDATE_DEFS.submitTally;
export const confirmTallyUpdate = UPDATE_DEFS.confirmTally;
export const castBallotUpdate = UPDATE_DEFS.castBallot;
export const recordVotedUpdate = UPDATE_DEFS.recordVoted;
export const closeBallotUpdate = UPDATE_DEFS.closeBallot;
export const objectionUpdate = UPDATE_DEFS.objection;
export const withdrawUpdate = UPDATE_DEFS.withdraw;
export const suspendUpdate = UPDATE_DEFS.suspend;
export const resumeUpdate = UPDATE_DEFS.resume;
export const terminateUpdate = UPDATE_DEFS.terminate;
export const extendUpdate = UPDATE_DEFS.extend;
export const escalateUpdate = UPDATE_DEFS.escalate;
export const resolveIncidentUpdate = UPDATE_DEFS.resolveIncident;
export const migrateUpdate = UPDATE_DEFS.migrate;

export const stateQuery = defineQuery<CaseState>('state');

/**
 * The dry run of a migration: what `migrate` with these arguments would do to this case, or why it
 * would be refused (engine/migration-plan.ts). Changes nothing.
 */
export const migrationPlanQuery = defineQuery<MigrationPlan, [z.input<typeof MigrationTargetArgs>]>('migrationPlan');

/** Fire-and-forget: a child case reporting its end to the parent is done by the SDK; this is for outside events. */
export const externalEventSignal = defineSignal<[{ name: string; data?: Record<string, unknown> }]>('externalEvent');

/**
 * From the worker (temporal/slow-step.ts): an activity of the case has run longer than the slow-step
 * threshold. The case then publishes the step it is held up at.
 */
export const stepSlowSignal = defineSignal<[{ activityType: string; attempt: number }]>('stepSlow');

export { UPDATES, UPDATE_NAMES, type UpdateName } from './messages/updates.js';
