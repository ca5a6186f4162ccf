/**
 * The arguments of every update of the interpreter, as zod schemas: the update validators, the
 * API's request bodies and the web app's forms check the same thing. Pure (no Temporal import),
 * so the web app and the API contract (api/) import it directly.
 */
import { z } from 'zod';
import { ActorSchema } from '../../dsl/org.js';

const Reason = z.string().trim().min(1, { message: '请填写理由' }).max(2000);
const Comment = z.string().trim().max(2000).optional();
const TaskId = z.string().min(1).max(64);
const UserId = z.string().min(1).max(64);

/**
 * Form and case data are bounded: a huge text would be written into the case history and could
 * stall the case (Temporal's payload limits). Rejected in the validator and at the API instead.
 */
export const MAX_DATA_CHARS = 64_000;
export const DataSchema = z
  .record(z.string(), z.unknown())
  .refine((d) => JSON.stringify(d).length <= MAX_DATA_CHARS, {
    message: `填写的内容过大（上限约 ${MAX_DATA_CHARS / 10_000} 万字），长文档请作为附件上传`,
  });

/** Every human action carries the authenticated actor. */
const withActor = <T extends z.ZodRawShape>(shape: T) => z.object({ actor: ActorSchema, ...shape });

export const ClaimArgs = withActor({ taskId: TaskId });
export const UnclaimArgs = withActor({ taskId: TaskId });
export const CompleteArgs = withActor({
  taskId: TaskId,
  /** Name of one of the node's actions; defaults to the first. */
  action: z.string().min(1).max(64).optional(),
  data: DataSchema.default({}),
  comment: Comment,
});
export const ReturnArgs = withActor({ taskId: TaskId, toNodeId: z.string().min(1).max(64), reason: Reason });
/** The receiver's name, filled in by the API from the directory (the timeline says from whom to whom). */
const PersonName = z.string().max(100).optional();
export const TransferArgs = withActor({ taskId: TaskId, toUserId: UserId, reason: Comment, toName: PersonName });
export const DelegateArgs = withActor({ taskId: TaskId, toUserId: UserId, reason: Comment, toName: PersonName });
export const AddSignerArgs = withActor({ taskId: TaskId, userIds: z.array(UserId).min(1).max(20), reason: Comment });
/** 减签: signers who have not signed yet leave a countersign task. */
export const RemoveSignerArgs = withActor({ taskId: TaskId, userIds: z.array(UserId).min(1).max(20), reason: Reason });
/** 拿回: `taskId` is the step the actor completed; the untouched next step goes back to them. */
export const TakeBackArgs = withActor({ taskId: TaskId, reason: Comment });
export const CommentArgs = withActor({ taskId: TaskId.optional(), comment: z.string().trim().min(1, { message: '评论不能为空' }).max(2000) });
export const UrgeArgs = withActor({ taskId: TaskId, comment: Comment });

/** Tally entry of a paper-ballot meeting (当场计票), per voter group when the vote has groups. */
export const TallyGroupSchema = z.object({
  group: z.string().max(64).default('default'),
  /** 应到 */
  entitled: z.number().int().min(0).max(1_000_000),
  /** 实到 */
  present: z.number().int().min(0).max(1_000_000),
  /** 全体 (组成人员), when it differs from 应到. */
  all: z.number().int().min(0).max(1_000_000).optional(),
  /** Ballots cast (投票数); defaults to present. */
  cast: z.number().int().min(0).max(1_000_000).optional(),
  /** Ballots issued (发出票数): more returned than issued voids the round (§3.3). */
  issued: z.number().int().min(0).max(1_000_000).optional(),
  yes: z.number().int().min(0).max(1_000_000).optional(),
  no: z.number().int().min(0).max(1_000_000).optional(),
  abstain: z.number().int().min(0).max(1_000_000).optional(),
  invalid: z.number().int().min(0).max(1_000_000).optional(),
  /** Candidate → votes, for candidate elections. */
  candidateVotes: z.record(z.string(), z.number().int().min(0)).optional(),
  /**
   * 书面意见 of members who could not attend, handed in before the meeting: counted in the votes
   * (发展党员工作细则), never in attendance. Only where the vote allows them (`writtenOpinions`).
   */
  writtenYes: z.number().int().min(0).max(1_000_000).optional(),
  writtenNo: z.number().int().min(0).max(1_000_000).optional(),
  writtenAbstain: z.number().int().min(0).max(1_000_000).optional(),
});
export type TallyGroup = z.infer<typeof TallyGroupSchema>;

/**
 * `data`: the vote node's own form fields (商议意见, 决议文本 …) typed with the tally; checked like a
 * task's form, kept with the tally and written into the case data when the scrutineer confirms it.
 */
export const SubmitTallyArgs = withActor({ taskId: TaskId, groups: z.array(TallyGroupSchema).min(1).max(10), data: DataSchema.optional(), comment: Comment });
export const ConfirmTallyArgs = withActor({ taskId: TaskId, confirm: z.boolean(), comment: Comment });
export const CastBallotArgs = withActor({
  taskId: TaskId,
  /** yesNo: 'yes'|'no'|'abstain'; candidates: list of picks. */
  choice: z.union([z.enum(['yes', 'no', 'abstain']), z.array(z.string().min(1).max(100)).max(100)]),
});
/**
 * A secret ballot was cast into the ballot box (by the API, in the app database): the case learns
 * only that this voter has voted in this round — the choice never travels to the workflow.
 */
export const RecordVotedArgs = withActor({ taskId: TaskId, round: z.number().int().min(1).max(100) });
export const CloseBallotArgs = withActor({ taskId: TaskId, comment: Comment });
export const ObjectionArgs = withActor({ nodeId: z.string().min(1).max(64), content: z.string().trim().min(1, { message: '请填写异议内容' }).max(5000) });

export const WithdrawArgs = withActor({ reason: Reason });
export const SuspendArgs = withActor({ reason: Reason });
export const ResumeArgs = withActor({ reason: Comment });
export const TerminateArgs = withActor({ reason: Reason });
export const ExtendArgs = withActor({
  taskId: TaskId,
  /** Extra time; the business calendar computes the new due time. */
  amount: z.number().int().min(1).max(365),
  unit: z.enum(['calendarDays', 'workingDays', 'hours']),
  reason: Reason,
});
export const EscalateArgs = withActor({ taskId: TaskId.optional(), reason: Reason });
/**
 * A supervisor lets a case that stopped itself (engine/auto-budget.ts) go on: as it is (after its
 * data was set right), or on `definition`, a corrected published version of its procedure (the
 * API fetches it; the validator checks it fits where the case stands).
 */
export const ResolveIncidentArgs = withActor({ reason: Reason, definition: z.unknown().optional() });

/**
 * Migration to another version: source node id → target node id. Nodes not named map to the node
 * with the same id (engine/migration-plan.ts).
 */
export const NodeMappingSchema = z
  .record(z.string().min(1).max(64), z.string().min(1).max(64))
  .refine((m) => Object.keys(m).length <= 500, { message: '映射过多' })
  .default({});
/**
 * What a migration needs: the version the case must be on, the target version (a published
 * definition the API fetches; the engine checks it) and the node mapping.
 */
export const MigrationTargetArgs = z.object({ fromVersion: z.number().int().min(1), definition: z.unknown(), mapping: NodeMappingSchema });
/** A 流程管理员 moves a running case to another published version of its procedure, with a reason. */
export const MigrateArgs = withActor({ ...MigrationTargetArgs.shape, reason: Reason });

export type MigrationTargetInput = z.input<typeof MigrationTargetArgs>;
export type ClaimInput = z.input<typeof ClaimArgs>;
export type CompleteInput = z.input<typeof CompleteArgs>;
export type SubmitTallyInput = z.input<typeof SubmitTallyArgs>;
