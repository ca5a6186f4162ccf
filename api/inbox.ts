/** The inbox (待办 / 已办 / 抄送) and one task with its form. */
import { z } from 'zod';
import type { FieldDef, Node } from '../dsl/schema.js';
import { IdSchema } from '../dsl/schema.js';
import { CaseSummarySchema, PublicityViewSchema, TaskRecordSchema, TimelineEntrySchema, VoteViewSchema } from './cases.js';
import { openObject, typedAs, UnitId } from './common.js';
import { DUE_WINDOWS } from './routes.js';
import { PersonChoiceSchema, TaskViewerSchema } from './hand-off.js';

export const InboxQuery = z.object({
  tab: z.enum(['todo', 'done', 'cc']).default('todo'),
  procedure: IdSchema.optional(),
  orgUnit: UnitId.optional(),
  due: z.enum(DUE_WINDOWS).optional(),
});
export type InboxTab = z.infer<typeof InboxQuery>['tab'];

/** One row of the inbox: an open task of a case (todo), a task the user acted on (done), a copy (cc). */
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
export type InboxItem = z.infer<typeof InboxItemSchema>;
export const InboxResponse = z.object({ items: z.array(InboxItemSchema) });

export const TaskDetailSchema = z.object({
  task: TaskRecordSchema,
  node: typedAs<Node>()(openObject({ id: z.string(), kind: z.string(), name: z.string().optional() })),
  fields: z.array(typedAs<FieldDef>()(openObject({ key: z.string(), label: z.string(), type: z.string() }))),
  case: CaseSummarySchema,
  data: z.record(z.string(), z.unknown()),
  timeline: z.array(TimelineEntrySchema),
  vote: VoteViewSchema.optional(),
  publicity: PublicityViewSchema.optional(),
  /** What the signed-in person may do with this task now. */
  viewer: TaskViewerSchema.optional(),
});
export type TaskDetail = z.infer<typeof TaskDetailSchema>;

/** Who may take a task over (转办 / 委托 / 加签). */
export const EligibleUsersQuery = z.object({ for: z.enum(['transfer', 'delegate', 'addSigner', 'removeSigner']).default('transfer') });
export const EligibleUserSchema = PersonChoiceSchema;
export type EligibleUser = z.infer<typeof EligibleUserSchema>;
export const EligibleUsersResponse = z.object({ items: z.array(EligibleUserSchema) });

export { byDue } from './inbox-order.js';
