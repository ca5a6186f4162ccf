/** Cases: start, list, detail (the engine's CaseState as masked for the caller), case actions. */
import { z } from 'zod';
import { RoleGrantSchema } from '../dsl/org.js';
import { IdSchema, type Definition } from '../dsl/schema.js';
import { DataSchema } from '../workflows/messages/args.js';
import type { CaseState, PublicityView, TaskRecord, TimelineEntry, VoteView } from '../workflows/types.js';
import { CaseStatusSchema, HealthSchema, openObject, typedAs, UnitId } from './common.js';
import { DefinitionOutSchema } from './definitions.js';

/** A case in a list: from the read side (search attributes), so fields the case has not set yet are null. */
export const CaseSummarySchema = z.object({
  caseId: z.string(),
  title: z.string(),
  procedure: z.string(),
  procedureTitle: z.string().optional(),
  version: z.number().nullable(),
  orgUnit: z.string(),
  orgUnitName: z.string().optional(),
  status: z.string(),
  health: z.string(),
  stage: z.string().nullable(),
  nextDueAt: z.string().nullable(),
  startedAt: z.string(),
  initiator: z.string().nullable(),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

/** The stuck list: a summary with why the case is stuck. */
export const StuckCaseSchema = CaseSummarySchema.extend({ reason: z.string() });
export type StuckCase = z.infer<typeof StuckCaseSchema>;

export const CaseListQuery = z.object({
  procedure: IdSchema.optional(),
  orgUnit: UnitId.optional(),
  status: CaseStatusSchema.optional(),
  health: HealthSchema.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  assignee: z.string().min(1).max(64).regex(/^[A-Za-z0-9_.@:-]+$/).optional(),
  q: z.string().trim().max(100).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  pageToken: z.string().max(2000).optional(),
});
export const CaseListResponse = z.object({ items: z.array(CaseSummarySchema), nextPageToken: z.string().nullable() });

/** 发起案件. */
export const StartCaseBody = z.object({
  procedure: IdSchema,
  version: z.number().int().positive().max(2_147_483_647).optional(),
  /** Omitted: derived from the start form (the definition's summary fields, dsl/start-step.ts). */
  title: z.string().trim().min(1, { message: '请填写标题' }).max(200).optional(),
  orgUnit: UnitId,
  /** The first step's form, filled in at start (checked like a completion: 422 at `data.<field>`). */
  data: DataSchema.optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  /**
   * The first step is the starter's own (assigned to the initiator): complete it with `data` at
   * once, so the case is at its second step when the case page opens.
   */
  submitStartStep: z.boolean().default(false),
});
export type StartCaseRequest = z.input<typeof StartCaseBody>;
export const StartCaseResponse = z.object({ caseId: z.string() });

const TaskRecordShape = openObject({
  id: z.string(),
  nodeId: z.string(),
  nodeName: z.string(),
  kind: z.enum(['task', 'vote', 'publicity']),
  status: z.enum(['open', 'claimed', 'done', 'cancelled']),
  assignees: z.array(z.string()),
  candidateGrants: z.array(RoleGrantSchema),
  claimedBy: z.string().optional(),
  createdAt: z.string(),
  dueAt: z.string().optional(),
  urgedCount: z.number(),
  escalated: z.boolean(),
  tokenId: z.string(),
});
export const TaskRecordSchema = typedAs<TaskRecord>()(TaskRecordShape);
export const TimelineEntrySchema = typedAs<TimelineEntry>()(openObject({ at: z.string(), actor: z.string(), type: z.string() }));
export const VoteViewSchema = typedAs<VoteView>()(openObject({ nodeId: z.string(), round: z.number(), status: z.string(), secret: z.boolean(), ballotsCast: z.number() }));
export const PublicityViewSchema = typedAs<PublicityView>()(
  openObject({ nodeId: z.string(), startsAt: z.string(), endsAt: z.string(), objections: z.array(openObject({ id: z.string() })) }),
);

const CaseStateShape = openObject({
  caseId: z.string(),
  definitionKey: z.string(),
  definitionVersion: z.number(),
  title: z.string(),
  org: openObject({ unit: z.string() }),
  initiator: z.string(),
  status: CaseStatusSchema,
  outcome: z.string().optional(),
  health: HealthSchema,
  healthReasons: z.array(z.string()),
  currentNodes: z.array(openObject({ nodeId: z.string(), name: z.string(), since: z.string(), tokenId: z.string() })),
  path: z.array(z.string()),
  tasks: z.array(TaskRecordShape),
  data: z.record(z.string(), z.unknown()),
  nodeOutputs: z.record(z.string(), z.unknown()),
  timeline: z.array(TimelineEntrySchema),
  ledger: z.array(openObject({ at: z.string(), kind: z.string() })),
  votes: z.array(VoteViewSchema),
  publicity: z.array(PublicityViewSchema),
  nextDueAt: z.string().optional(),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  warnings: z.array(z.string()),
});

/** CaseState (workflows/types.ts), as masked for the caller. */
export const CaseStateSchema = typedAs<CaseState>()(CaseStateShape.describe('CaseState (workflows/types.ts)'));

/** The answer of every case and task action: the fresh state, so the page needs no second request. */
export const StateResponse = z.object({ state: CaseStateSchema });

export type CaseDetail = CaseState & { definition: Definition; temporalUiUrl: string; procedureTitle: string; orgUnitName: string };
export const CaseDetailSchema = typedAs<CaseDetail>()(
  CaseStateShape.extend({
    definition: DefinitionOutSchema,
    temporalUiUrl: z.string(),
    procedureTitle: z.string(),
    orgUnitName: z.string(),
  }).describe('CaseDetail = CaseState + {definition, temporalUiUrl, procedureTitle, orgUnitName}'),
);

/** 抄送: send a copy of the case to people who should know. */
export const CcBody = z.object({ userIds: z.array(z.string().min(1).max(64)).min(1).max(50), note: z.string().trim().max(500).optional() });

/** 处理自动流转异常: go on as it is, or on a published version (the latest, or `version`). */
export const ResolveIncidentBody = z.object({
  reason: z.string().trim().min(1, { message: '请填写理由' }).max(2000),
  useLatestVersion: z.boolean().default(false),
  version: z.number().int().positive().max(2_147_483_647).optional(),
});
