/** Response shapes shared by several routes (documented in the OpenAPI document). */
import { z } from 'zod';
import { OrgLevelSchema, RoleGrantSchema } from '../../dsl/org.js';
import { CAPABILITIES } from '../auth/roles.js';

export const MeSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  grants: z.array(RoleGrantSchema),
  capabilities: z.array(z.enum(CAPABILITIES)),
});

export const UserSchema = z.object({ id: z.string(), username: z.string(), name: z.string(), grants: z.array(RoleGrantSchema), disabled: z.boolean() });

export const OrgUnitSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: OrgLevelSchema,
  parentId: z.string().nullable(),
});

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

/** Case-id path parameter: workflow ids we issue are ASCII. */
export const CaseIdParam = z.string().min(1).max(200);
export const TaskIdParam = z.string().min(1).max(64);
export const UnitId = z.string().min(1).max(64);

// ── Response shapes (OpenAPI `response:`; the serializer checks every answer against them) ──────

/**
 * An object that documents the fields callers rely on and lets the rest through (typed without an
 * index signature, so the engine's interfaces — CaseState, TaskRecord … — satisfy it).
 */
export const openObject = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape) as unknown as z.ZodObject<T>;

/** The one error body of the API. */
export const ErrorSchema = z
  .object({
    code: z.string().describe('稳定的错误代码，如 NOT_FOUND、TASK_NOT_OPEN、VALIDATION'),
    message: z.string().describe('中文说明'),
    issues: z.array(openObject({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
  })
  .describe('错误 {code, message, issues?}');

/** 204 No Content. */
export const NoContent = z.null().describe('无内容');

/** A definition as stored (dsl/schema.ts Definition); nodes and edges keep every field of their kind. */
export const DefinitionOutSchema = openObject({
    key: z.string(),
    version: z.number(),
    title: z.string(),
    nodes: z.array(openObject({ id: z.string(), kind: z.string(), name: z.string().optional() })),
    edges: z.array(openObject({ id: z.string(), from: z.string(), to: z.string() })),
  })
  .describe('Definition (dsl/schema.ts)');

export const TaskRecordSchema = openObject({
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

const TimelineEntrySchema = openObject({ at: z.string(), actor: z.string(), type: z.string() });
const VoteViewSchema = openObject({ nodeId: z.string(), round: z.number(), status: z.string(), secret: z.boolean(), ballotsCast: z.number() });
const PublicityViewSchema = openObject({ nodeId: z.string(), startsAt: z.string(), endsAt: z.string(), objections: z.array(openObject({ id: z.string() })) });

/** CaseState (workflows/types.ts), as masked for the caller. */
export const CaseStateSchema = openObject({
    caseId: z.string(),
    definitionKey: z.string(),
    definitionVersion: z.number(),
    title: z.string(),
    org: openObject({ unit: z.string() }),
    initiator: z.string(),
    status: z.enum(['running', 'suspended', 'completed', 'withdrawn', 'terminated', 'failed']),
    outcome: z.string().optional(),
    health: z.enum(['green', 'yellow', 'red']),
    healthReasons: z.array(z.string()),
    currentNodes: z.array(openObject({ nodeId: z.string(), name: z.string(), since: z.string(), tokenId: z.string() })),
    path: z.array(z.string()),
    tasks: z.array(TaskRecordSchema),
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
  })
  .describe('CaseState (workflows/types.ts)');

export const StateResponse = z.object({ state: CaseStateSchema });

export const CaseDetailSchema = CaseStateSchema.extend({
  definition: DefinitionOutSchema,
  temporalUiUrl: z.string(),
  procedureTitle: z.string(),
  orgUnitName: z.string(),
}).describe('CaseDetail = CaseState + {definition, temporalUiUrl, procedureTitle, orgUnitName}');

export const InboxItemSchema = z.object({
  caseId: z.string(),
  taskId: z.string(),
  caseTitle: z.string(),
  procedure: z.string(),
  procedureTitle: z.string().optional(),
  nodeId: z.string(),
  nodeName: z.string(),
  kind: z.string(),
  status: z.string(),
  dueAt: z.string().nullable(),
  health: z.string(),
  orgUnit: z.string(),
  orgUnitName: z.string().optional(),
  claimedBy: z.string().nullable(),
  createdAt: z.string(),
  /** tab=done */
  operation: z.string().optional(),
  completedAt: z.string().nullable().optional(),
  /** tab=cc */
  fromUser: z.string().nullable().optional(),
  note: z.string().nullable().optional(),
});

export const ValidationIssueSchema = openObject({
  code: z.string(),
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  field: z.string().optional(),
  severity: z.enum(['error', 'warning']),
});

/** The monitor board: open cases by org unit × procedure × light. */
export const BoardSchema = z.object({
  cells: z.array(z.object({ orgUnit: z.string(), orgUnitName: z.string(), procedure: z.string(), procedureTitle: z.string(), green: z.number(), yellow: z.number(), red: z.number() })),
  totals: z.object({ green: z.number(), yellow: z.number(), red: z.number() }),
  /** More open cases than the board counts (JICENG_BOARD_LIMIT): the counts are of the first `limit`. */
  truncated: z.boolean(),
  limit: z.number(),
});
