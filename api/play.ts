/**
 * 试运行 (issue 19): a draft played as a sandbox case on its own time-skipping Temporal test
 * server — nothing of it reaches real cases, the read model or anyone's inbox. The designer starts
 * a play, acts on its steps as whoever holds them, and moves the sandbox clock forward to see
 * timers fire and deadlines turn yellow and red.
 */
import { z } from 'zod';
import { IdSchema } from '../dsl/schema.js';
import { DataSchema, TallyGroupSchema } from '../workflows/messages/args.js';
import { CaseStateSchema } from './cases.js';
import { UnitId } from './common.js';
import { DefinitionBody } from './definitions.js';

export const PlayStartBody = z.object({
  /** The draft as it stands in the designer (saved or not); validated like a publish. */
  definition: DefinitionBody,
  /** The unit the sandbox case runs in (its roles are played in this unit and above). */
  orgUnit: UnitId,
  /** Sample data of the case (the start step's form). */
  data: DataSchema.optional(),
  /** Start the sandbox clock here (Asia/Shanghai with offset); a past instant starts it now. */
  startAt: z.string().datetime({ offset: true, message: '开始时间格式不正确' }).optional(),
});

export const PlayIdParams = z.object({ playId: z.string().regex(/^play-[A-Za-z0-9_-]{6,40}$/, { message: '试运行编号不正确' }) });

const TaskId = z.string().min(1).max(64);
const Comment = z.string().trim().max(2000).optional();
export const PlayActBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('complete'), taskId: TaskId, action: z.string().min(1).max(64).optional(), data: DataSchema.optional(), comment: Comment }),
  z.object({ kind: z.literal('return'), taskId: TaskId, toNodeId: IdSchema, reason: z.string().trim().min(1, { message: '请填写退回理由' }).max(2000) }),
  z.object({ kind: z.literal('objection'), nodeId: IdSchema, content: z.string().trim().min(1, { message: '请填写异议内容' }).max(5000) }),
  z.object({ kind: z.literal('tally'), taskId: TaskId, groups: z.array(TallyGroupSchema).min(1).max(10), data: DataSchema.optional(), comment: Comment }),
  z.object({ kind: z.literal('confirmTally'), taskId: TaskId, confirm: z.boolean(), comment: Comment }),
]);
export type PlayAct = z.infer<typeof PlayActBody>;

/** How far to move the sandbox clock: an hour, a day, a week, or to the next moment something is due. */
export const PlayAdvanceBody = z.object({ by: z.enum(['hour', 'day', 'week', 'next']) });

export const PlayViewSchema = z.object({
  playId: z.string(),
  /** The sandbox clock (the test server's time), an instant. */
  now: z.string(),
  /** The play is dropped after this much idle time. */
  expiresAt: z.string(),
  state: CaseStateSchema,
  /** Who acts on each open task in the sandbox ("村民委员会（试运行）"): task id → name. */
  actingAs: z.record(z.string(), z.string()),
  /** Who a sandbox user id stands for, to name people in the timeline. */
  names: z.record(z.string(), z.string()),
  /** The messages the case would have sent (none is sent from a play). */
  notifications: z.array(z.object({ title: z.string(), message: z.string().optional(), to: z.array(z.string()) })),
  /** The next moment something is due (a warning, a deadline, the end of a 公示 or a timer), if any. */
  nextAt: z.string().optional(),
});
export type PlayView = z.infer<typeof PlayViewSchema>;
