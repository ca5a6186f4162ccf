/**
 * Hand-off shapes: what the viewer of a task may do with it now (the task page shows only that),
 * the people picker's entries, and out-of-office 委托 rules.
 */
import { z } from 'zod';
import { OperationSchema } from '../dsl/schema.js';

/** Someone a task or a rule may go to: name, the role and unit that make them eligible, and how to find them by pinyin. */
export const PersonChoiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  roleName: z.string(),
  orgUnitName: z.string(),
  /** Full pinyin without tones, syllables joined ("zhaomin"), and initials ("zm"), for search. */
  pinyin: z.string(),
  initials: z.string(),
});
export type PersonChoice = z.infer<typeof PersonChoiceSchema>;

/** What the person looking at a task may do with it now (the engine's own rules, asked in advance). */
export const TaskViewerSchema = z.object({
  /** May complete, return or hand the task over now. */
  canAct: z.boolean(),
  canClaim: z.boolean(),
  canUnclaim: z.boolean(),
  /** Operations of the node this person may use now. */
  ops: z.array(OperationSchema),
  returnTargets: z.array(z.object({ nodeId: z.string(), name: z.string() })),
  /** 拿回 of a step this person completed: allowed now, or why not. */
  takeBack: z.object({ allowed: z.boolean(), reason: z.string().optional(), nextNodeName: z.string().optional() }).optional(),
  /** Names of the people the task names (assignees, claimant, signers …), by user id. */
  names: z.record(z.string(), z.string()),
  /** The one who holds the task now, when it is claimed (by name). */
  holder: z.string().optional(),
});
export type TaskViewer = z.infer<typeof TaskViewerSchema>;

const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' });

/** 委托规则: while I am away (from `startsOn` to `endsOn`, whole days in Asia/Shanghai), `toUserId` acts for me. */
export const DelegationBody = z.object({
  toUserId: z.string().min(1, { message: '请选择代理人' }).max(64),
  startsOn: DateOnly,
  endsOn: DateOnly,
  /** Only cases of this procedure; all when omitted. */
  procedure: z.string().min(1).max(64).optional(),
  reason: z.string().trim().max(500).optional(),
  /** Also hand my open tasks to them now (委托, one by one, where the step allows it). */
  handOverOpenTasks: z.boolean().default(false),
});

export const DelegationRuleSchema = z.object({
  id: z.string(),
  fromUser: z.string(),
  fromName: z.string(),
  toUser: z.string(),
  toName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  procedure: z.string().nullable(),
  procedureTitle: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export type DelegationRuleOut = z.infer<typeof DelegationRuleSchema>;

export const DelegationsResponse = z.object({
  /** Rules I gave (I am away), current and upcoming. */
  given: z.array(DelegationRuleSchema),
  /** Rules that make me stand in for someone. */
  received: z.array(DelegationRuleSchema),
});

export const CreateDelegationResponse = z.object({
  rule: DelegationRuleSchema,
  /** With handOverOpenTasks: open tasks handed over now, and those whose step does not allow 委托 or them. */
  handedOver: z.number().int(),
  skipped: z.number().int(),
});

export const PeopleResponse = z.object({ items: z.array(PersonChoiceSchema) });
export const RuleIdParams = z.object({ id: z.string().regex(/^\d{1,18}$/) });
