/**
 * Migration of running cases to another published version (issue 19): the dry run lists every
 * case of the source version in the caller's units with where it will land and what changes for
 * it, or why it is refused; applying it migrates the chosen cases (all, or one by one) and records
 * who, when and why. The engine's plan is workflows/engine/migration-plan.ts; here it is as the web
 * app sees it, due dates computed.
 */
import { z } from 'zod';
import { AssignmentSchema, IdSchema } from '../dsl/schema.js';
import { MIGRATION_REFUSALS } from '../workflows/engine/migration-plan.js';
import { CaseIdParam, VersionNumber } from './common.js';

/** Source node id → target node id; nodes not named map to the node with the same id. */
export const NodeMappingBody = z.record(IdSchema, IdSchema).refine((m) => Object.keys(m).length <= 500, { message: '映射过多' });

export const MigrationPreviewBody = z.object({
  fromVersion: VersionNumber,
  toVersion: VersionNumber,
  mapping: NodeMappingBody.default({}),
});

export const MigrationApplyBody = MigrationPreviewBody.extend({
  /** The cases to migrate: every case the dry run found migratable, or one. */
  caseIds: z.array(CaseIdParam).min(1, { message: '请选择要迁移的案件' }).max(500),
  reason: z.string().trim().min(1, { message: '请填写迁移原因' }).max(2000),
});

const NodeRef = z.object({ id: z.string(), name: z.string() });
const Instant = z.string().nullable();

export const MigrationChangeSchema = z.discriminatedUnion('kind', [
  /** The token's wait is cancelled and it goes on at `to`. */
  z.object({ kind: z.literal('moved'), from: NodeRef, to: NodeRef }),
  z.object({ kind: z.literal('renamed'), from: NodeRef, to: NodeRef }),
  /** A vote nobody has voted in yet opens again under the new rules. */
  z.object({ kind: z.literal('reopened'), node: NodeRef }),
  /** A parallel branch ends at its join: its open task is cancelled. */
  z.object({ kind: z.literal('branchEnded'), node: NodeRef, join: NodeRef }),
  /** A branch the new version adds to a parallel block the case is already inside: it will not run. */
  z.object({ kind: z.literal('branchNotRun'), node: NodeRef }),
  z.object({ kind: z.literal('deadline'), node: NodeRef, fromDue: Instant, toDue: Instant, anchor: z.string(), anchorMissing: z.string().optional() }),
  /** Extended (延期) by a supervisor: the due time stays. */
  z.object({ kind: z.literal('deadlineKept'), node: NodeRef, due: Instant }),
  z.object({ kind: z.literal('timer'), node: NodeRef, fromDue: Instant, toDue: Instant }),
  z.object({ kind: z.literal('publicity'), node: NodeRef, fromDue: Instant, toDue: Instant }),
  z.object({ kind: z.literal('assignees'), node: NodeRef, before: AssignmentSchema, after: AssignmentSchema }),
]);
export type MigrationChangeView = z.infer<typeof MigrationChangeSchema>;

export const MigrationRefusalSchema = z.object({ code: z.enum(MIGRATION_REFUSALS), message: z.string(), node: NodeRef.optional() });

export const MigrationCaseSchema = z.object({
  caseId: z.string(),
  title: z.string(),
  orgUnitName: z.string().nullable(),
  /** Where the case waits now. */
  at: z.array(NodeRef),
  ok: z.boolean(),
  refusals: z.array(MigrationRefusalSchema),
  moves: z.array(z.object({ from: NodeRef, to: NodeRef, mode: z.enum(['keep', 'move', 'reopen', 'endBranch']) })),
  changes: z.array(MigrationChangeSchema),
});
export type MigrationCase = z.infer<typeof MigrationCaseSchema>;

export const MigrationPreviewResponse = z.object({
  key: z.string(),
  fromVersion: z.number(),
  toVersion: z.number(),
  cases: z.array(MigrationCaseSchema),
});
export type MigrationPreview = z.infer<typeof MigrationPreviewResponse>;

export const MigrationApplyResponse = z.object({
  /** The record of this migration (GET /api/definitions/:key/migrations). */
  migrationId: z.number(),
  migrated: z.number(),
  results: z.array(z.object({ caseId: z.string(), ok: z.boolean(), message: z.string().optional() })),
});
export type MigrationApplyResult = z.infer<typeof MigrationApplyResponse>;

/** One migration run: who moved which cases from which version to which, when and why. */
export const MigrationRunSchema = z.object({
  id: z.number(),
  fromVersion: z.number(),
  toVersion: z.number(),
  reason: z.string(),
  userName: z.string(),
  at: z.string(),
  migrated: z.number(),
  failed: z.number(),
});
export const MigrationRunsResponse = z.array(MigrationRunSchema);
export type MigrationRun = z.infer<typeof MigrationRunSchema>;
