/**
 * The process-definition schema: one zod module, every type derived with z.infer.
 * Imported by workflows (inside the Temporal sandbox), server, CLI and designer alike,
 * so it must stay pure: no I/O, no clocks, no Node built-ins.
 */
import { z } from 'zod';
import { OrgLevelSchema } from './org.js';

export const CURRENT_SCHEMA_VERSION = 1 as const;

/** Stable identifiers: ASCII so they can live in search attributes, URLs and CEL. */
export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, { message: '标识只能包含字母、数字、下划线和连字符，且以字母开头' });

/** A CEL expression (Common Expression Language: non-Turing-complete, no eval). */
export const ExpressionSchema = z.string().min(1).max(2000);

// ───────────────────────── provenance of a rule value ─────────────────────────

/** Provenance tags of domain/procedures.md §0.1. */
export const ProvenanceSchema = z.enum(['STAT', 'SEED', 'PUB', 'DEFAULT', 'UNCERTAIN']);
export type Provenance = z.infer<typeof ProvenanceSchema>;

// ───────────────────────── durations and deadlines ─────────────────────────

export const DurationUnitSchema = z.enum([
  'minutes',
  'hours',
  'calendarDays',
  'workingDays',
  'months',
  'years',
]);
export type DurationUnit = z.infer<typeof DurationUnitSchema>;

export const DurationSchema = z.object({
  amount: z.number().int().min(0).max(100_000),
  unit: DurationUnitSchema,
  /**
   * Name of a definition parameter that supplies `amount` at case start (so a [DEFAULT]
   * period can be overridden per tenant without editing the graph). `amount` stays the fallback.
   */
  param: IdSchema.optional(),
});
export type Duration = z.infer<typeof DurationSchema>;

export const TimeoutActionSchema = z.enum(['none', 'escalate', 'autoPass', 'autoReturn']);
export type TimeoutAction = z.infer<typeof TimeoutActionSchema>;

/**
 * Where a deadline counts from. The law counts from events — 受理, the 送达 of a written reply, a
 * branch resolution, the receipt of an application — not from when a task happens to open.
 * Omitted: the task's own opening. The instant is recorded in the case state (`clockEvents`).
 */
export const ClockAnchorSchema = z.discriminatedUnion('kind', [
  /** The task's own opening (the default). */
  z.object({ kind: z.literal('taskOpened') }),
  /** The case's start. */
  z.object({ kind: z.literal('caseStarted') }),
  /** The latest entry into another node. */
  z.object({ kind: z.literal('nodeOpened'), nodeId: IdSchema }),
  /** The latest completion of another node (a task's action, a vote's decision, an automated step). */
  z.object({ kind: z.literal('nodeCompleted'), nodeId: IdSchema }),
  /** A date field of the case data (e.g. the recorded 送达 date): the period counts from that day. */
  z.object({ kind: z.literal('field'), field: IdSchema }),
]);
export type ClockAnchor = z.infer<typeof ClockAnchorSchema>;

/** A statutory bound on a period (no parameter: the statute does not vary per tenant). */
export const PeriodBoundSchema = z.object({
  amount: z.number().int().min(0).max(100_000),
  unit: DurationUnitSchema,
});
export type PeriodBound = z.infer<typeof PeriodBoundSchema>;

export const DeadlineSchema = z.object({
  duration: DurationSchema,
  /** Where the period counts from (default: the task's opening). */
  anchor: ClockAnchorSchema.optional(),
  /** Statutory ceiling: the duration — and a parameter value that sets it — may not be longer. */
  max: PeriodBoundSchema.optional(),
  /** Statutory floor: e.g. a petitioner's request window may not be shortened. */
  min: PeriodBoundSchema.optional(),
  /**
   * Overall cap across the nodes of a stage: no due time of this node, however extended (延期),
   * lies later than `duration` from `anchor` (信访: 办理 + 延期 ≤ 90 日 from 受理).
   */
  cap: z
    .object({
      anchor: ClockAnchorSchema,
      duration: DurationSchema,
      source: z.string().max(200).optional(),
    })
    .optional(),
  /**
   * This node's period extends the period of node `nodeId` (延期): when its task opens, the move of
   * the due time is written to the case's deadline ledger, in the name of whoever completed
   * `approvalNode` (the approver) — as for an extension granted with the supervisor's 延期.
   */
  extensionOf: z.object({ nodeId: IdSchema, approvalNode: IdSchema.optional() }).optional(),
  /** Reminders sent this long before the due time (催办提醒). */
  reminders: z.array(DurationSchema).max(10).default([]),
  /** Role notified and made co-responsible when the task is overdue (督办). */
  escalateToRole: IdSchema.optional(),
  /** What happens by itself when the deadline passes. */
  timeoutAction: TimeoutActionSchema.default('escalate'),
  /** Target node of `autoReturn`. */
  returnTo: IdSchema.optional(),
  /** The case light turns yellow when this fraction of the period has elapsed (default 0.8). */
  warnAtFraction: z.number().gt(0).lt(1).default(0.8),
  /** Statute, seed or default this deadline comes from, e.g. "信访工作条例 第32条". */
  source: z.string().max(200).optional(),
  provenance: ProvenanceSchema.optional(),
  /**
   * The most the due time may be extended in total (延期), e.g. 信访 办理: 30 calendar days.
   * Omitted: no cap. Checked by the `extend` update and the API.
   */
  maxExtension: z.object({ amount: z.number().int().min(0).max(100_000), unit: z.enum(['minutes', 'hours', 'calendarDays', 'workingDays']) }).optional(),
  /** How many times the due time may be extended (信访 办理: once). Omitted: no limit; 0: never. */
  maxExtensions: z.number().int().min(0).max(100).optional(),
});
export type Deadline = z.infer<typeof DeadlineSchema>;

// ───────────────────────── roles, fields, parameters ─────────────────────────

export const RoleDefSchema = z.object({
  key: IdSchema,
  name: z.string().min(1).max(100),
  /** Org level the role lives at: a role is always held within an org unit. */
  level: OrgLevelSchema.optional(),
  description: z.string().max(500).optional(),
});
export type RoleDef = z.infer<typeof RoleDefSchema>;

export const FieldTypeSchema = z.enum([
  'text',
  'longText',
  'number',
  'money',
  'date',
  'boolean',
  'select',
  'multiSelect',
  'person',
  'orgUnit',
  'attachment',
  'table',
  /** A list of short texts, one per line (民生实事 候选项目名称). */
  'textList',
]);
export type FieldType = z.infer<typeof FieldTypeSchema>;

export const FieldOptionSchema = z.object({ value: z.string().min(1).max(100), label: z.string().min(1).max(100) });

const FieldBase = z.object({
  key: IdSchema,
  label: z.string().min(1).max(100),
  type: FieldTypeSchema,
  required: z.boolean().default(false),
  description: z.string().max(500).optional(),
  options: z.array(FieldOptionSchema).max(200).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  maxLength: z.number().int().positive().optional(),
  /** Personal data (信访人身份 等): encrypted in payloads and shown only to authorised roles. */
  sensitive: z.boolean().default(false),
  /**
   * A format a text field's value must have (dsl/field-formats.ts): 手机号 (mobile), 手机或固定电话
   * (phone), 居民身份证号码 with its check digit (idCard, GB 11643).
   */
  format: z.enum(['mobile', 'phone', 'idCard']).optional(),
});

export type FieldDef = z.infer<typeof FieldBase> & { columns?: FieldDef[] };

/** Table fields nest one level of column definitions. */
export const FieldDefSchema: z.ZodType<FieldDef> = FieldBase.extend({
  columns: z.lazy(() => z.array(FieldBase).max(50)).optional(),
}) as unknown as z.ZodType<FieldDef>;

export const ParamDefSchema = z.object({
  key: IdSchema,
  label: z.string().min(1).max(200),
  type: z.enum(['number', 'boolean', 'text', 'select', 'fraction']),
  /** numbers for `number`, `{num, den}` for `fraction`, strings for text/select. */
  default: z.union([z.number(), z.boolean(), z.string(), z.object({ num: z.number().int().min(0), den: z.number().int().positive() })]),
  options: z.array(FieldOptionSchema).optional(),
  /** [STAT] values may not be configured below `min` (the statute); see §0.1. */
  min: z.number().optional(),
  max: z.number().optional(),
  provenance: ProvenanceSchema,
  source: z.string().max(300).optional(),
  /** For [UNCERTAIN]: why it is uncertain (shown in the designer). */
  note: z.string().max(1000).optional(),
});
export type ParamDef = z.infer<typeof ParamDefSchema>;

// ───────────────────────── assignment ─────────────────────────

/** Where in the org tree the role is looked up, relative to the case's org unit. */
export const OrgScopeSchema = z.enum(['case', 'parent', 'township', 'county', 'field']);

export const AssignmentSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('role'),
    role: IdSchema,
    scope: OrgScopeSchema.default('case'),
    /** With scope `field`: the case data field holding the org unit id. */
    orgField: IdSchema.optional(),
  }),
  z.object({ type: z.literal('user'), userIds: z.array(z.string().min(1).max(64)).min(1).max(100) }),
  z.object({ type: z.literal('initiator') }),
  /** A CEL expression over `data` returning a user id or a list of user ids. */
  z.object({ type: z.literal('expression'), expr: ExpressionSchema }),
]);
export type Assignment = z.infer<typeof AssignmentSchema>;

// ───────────────────────── human-node settings ─────────────────────────

export const CountersignSchema = z.discriminatedUnion('mode', [
  /** One assignee completes the task (the usual case; claimable by any candidate). */
  z.object({ mode: z.literal('single') }),
  /** 会签: every assignee must complete; any rejecting action decides at once. */
  z.object({ mode: z.literal('all') }),
  /** 或签: the first assignee to complete decides. */
  z.object({ mode: z.literal('any') }),
  /** 依次: assignees complete one after another in the listed order. */
  z.object({ mode: z.literal('sequential') }),
  /** 票签: the task passes when the approving share reaches `ratio` (≥). */
  z.object({ mode: z.literal('ratio'), ratio: z.number().gt(0).max(1) }),
]);
export type Countersign = z.infer<typeof CountersignSchema>;

/**
 * What a handler may do besides the node's own actions: 退回 (return), 转办 (transfer), 委托
 * (delegate), 加签 / 减签 (addSigner / removeSigner: countersign modes only), 拿回 (takeBack: the
 * one who completed this node takes the case back while the next step is untouched), 评论, 催办.
 */
export const OperationSchema = z.enum(['return', 'transfer', 'delegate', 'addSigner', 'removeSigner', 'takeBack', 'comment', 'urge']);
export type Operation = z.infer<typeof OperationSchema>;

/** A button on the task form; its `outcome` routes the outgoing edges. */
export const TaskActionSchema = z.object({
  name: IdSchema,
  label: z.string().min(1).max(50),
  /** Approving actions count towards 会签/票签; a non-approving action in 会签 decides at once. */
  approve: z.boolean().default(true),
  /** The form must carry a comment for this action (e.g. 不予受理 needs reasons). */
  requireComment: z.boolean().default(false),
});
export type TaskAction = z.infer<typeof TaskActionSchema>;

const HumanBase = {
  assignment: AssignmentSchema,
  /** Keys of definition fields shown on this node's form. */
  form: z.array(IdSchema).max(100).default([]),
  /** Of `form`, the keys that must be filled to complete. */
  requiredFields: z.array(IdSchema).max(100).default([]),
  deadline: DeadlineSchema.optional(),
  operations: z.array(OperationSchema).max(8).default(['comment', 'urge']),
  /** Nodes that 退回 may go back to (must be earlier on some path). */
  returnTargets: z.array(IdSchema).max(20).default([]),
  /**
   * 驳回到任意节点: with `return` allowed, the handler may also send the case back to any step it
   * has completed on its way here (a task or vote of this path), not only to `returnTargets`.
   */
  returnToAny: z.boolean().optional(),
};

// ───────────────────────── votes ─────────────────────────

/**
 * The base a rule is counted against (§0.2): 应到 entitled, 实到 present,
 * 投票数 ballots cast, 全体 all members of the body.
 */
export const VoteBaseSchema = z.enum(['entitled', 'present', 'cast', 'all']);
export type VoteBase = z.infer<typeof VoteBaseSchema>;

/** `count op (num/den)·base`, e.g. 三分之二以上 of 组成人员 = {base:'all', op:'>=', num:2, den:3}. */
export const VoteRuleSchema = z.object({
  base: VoteBaseSchema,
  op: z.enum(['>', '>=']),
  num: z.number().int().min(0).max(1000),
  den: z.number().int().min(1).max(1000),
  /** Optional: the voter group the rule reads (for combined bodies such as 两村两会). */
  group: IdSchema.optional(),
  /** Definition parameter overriding {num, den, op} at case start. */
  param: IdSchema.optional(),
  /**
   * Definition parameter (a select whose values are bases) overriding `base` at case start: one
   * node whose base is a setting (党员大会直选: 应到会 / 实到会) instead of one node per base.
   */
  baseParam: IdSchema.optional(),
  /** Citation, e.g. "村民委员会组织法 第26条". */
  source: z.string().max(200).optional(),
  provenance: ProvenanceSchema.optional(),
  /** Statutory floor: the rule may be made stricter, never looser than this (STAT). */
  floor: z.object({ op: z.enum(['>', '>=']), num: z.number().int().min(0), den: z.number().int().min(1) }).optional(),
});
export type VoteRule = z.infer<typeof VoteRuleSchema>;

export const QuorumSchema = z.object({
  /** `all`: every rule must hold (两村两会: ½ 党员 AND ⅔ 代表); `any`: one suffices (村民会议). */
  combine: z.enum(['all', 'any']).default('all'),
  rules: z.array(VoteRuleSchema).min(1).max(5),
});
export type Quorum = z.infer<typeof QuorumSchema>;

export const VoterGroupSchema = z.object({
  key: IdSchema,
  label: z.string().min(1).max(100),
  /** Role whose holders form this group (for individual ballots and the 应到 count). */
  role: IdSchema.optional(),
  /** Weight of this layer's score in a weighted ranking (结构推荐: A 0.3 …). */
  weight: z.number().min(0).max(1).optional(),
});
export type VoterGroup = z.infer<typeof VoterGroupSchema>;

export const VoteOptionsSchema = z.discriminatedUnion('type', [
  /** 赞成 / 反对 / 弃权. */
  z.object({ type: z.literal('yesNo') }),
  /** Candidates (from a case-data field listing names/ids, or fixed); each ballot picks ≤ maxPicks. */
  z.object({
    type: z.literal('candidates'),
    candidatesField: IdSchema.optional(),
    candidates: z.array(z.string().min(1).max(100)).max(500).optional(),
    seats: z.number().int().min(1).max(100),
    /**
     * Definition parameter (a number) giving the seats at case start (应选人数 as a setting);
     * `seats` stays the fallback. Each ballot may then name at most that many (maxPicks ≤ seats).
     */
    seatsParam: IdSchema.optional(),
    maxPicks: z.number().int().min(1).max(100),
    /** Field receiving the list of elected/selected candidates. */
    resultField: IdSchema.optional(),
    /**
     * 差额: candidates must exceed the seats by at least num/den of the seats (选举工作条例 第9、13条:
     * 差额不少于应选人数的20% = {num: 1, den: 5}). Checked by the validator for a fixed list and by
     * the engine when the vote opens: too few candidates → outcome `margin_short`, no ballot.
     */
    margin: z
      .object({
        num: z.number().int().min(1).max(100),
        den: z.number().int().min(1).max(100),
        source: z.string().max(200).optional(),
        provenance: ProvenanceSchema.optional(),
      })
      .optional(),
  }),
]);
export type VoteOptions = z.infer<typeof VoteOptionsSchema>;

export const VoteSpecSchema = z.object({
  /** `tally`: a teller enters counts, a scrutineer confirms (当场计票); `ballots`: each voter votes. */
  mode: z.enum(['tally', 'ballots']),
  /** Secret ballot (无记名): nobody may learn who voted what. */
  secret: z.boolean().default(true),
  meetingType: z.string().max(100).optional(),
  options: VoteOptionsSchema,
  groups: z.array(VoterGroupSchema).max(10).default([]),
  quorum: QuorumSchema.optional(),
  /** A candidate / motion passes when its 赞成 count satisfies this rule. */
  pass: VoteRuleSchema,
  /** Weighted ranking: total = Σ group.weight × (yes/cast in the group ×100) + trust weight × trust. */
  weighted: z.boolean().default(false),
  /** Trust gate (信任度): a candidate whose trust share is below the gate is eliminated. */
  trustGate: z
    .object({
      field: IdSchema,
      /** e.g. {op:'>=', num:1, den:2} = 50%以上. */
      op: z.enum(['>', '>=']),
      num: z.number().int().min(0),
      den: z.number().int().min(1),
      weight: z.number().min(0).max(1).default(0),
    })
    .optional(),
  /** Select the best N by votes/score (top-N); ties at the cut lead to a re-vote among the tied. */
  topN: z.number().int().min(1).max(100).optional(),
  /**
   * Absent members' written opinions count (发展党员工作细则: 因故不能到会的有表决权的党员，在会前正式提出
   * 书面意见的，应当统计在票数内): the tally takes 书面赞成/反对/弃权 besides the ballots of those
   * present; they count towards the pass rule, never towards attendance (quorum).
   */
  writtenOpinions: z.boolean().default(false),
  /** Rounds of 另行选举 before the vote reports `rejected` for the remaining seats. */
  maxRevotes: z.number().int().min(0).max(5).default(1),
  tellerRole: IdSchema.optional(),
  scrutineerRole: IdSchema.optional(),
  /** Role whose holders may cast individual ballots. */
  voterRole: IdSchema.optional(),
});
export type VoteSpec = z.infer<typeof VoteSpecSchema>;

// ───────────────────────── nodes ─────────────────────────

export const PositionSchema = z.object({ x: z.number(), y: z.number() });

const NodeBase = {
  id: IdSchema,
  name: z.string().min(1).max(100),
  description: z.string().max(2000).optional(),
  position: PositionSchema.optional(),
  /** Stage label shown on the monitor board (e.g. 审议, 票决, 公开). Defaults to `name`. */
  stage: z.string().max(50).optional(),
};

export const StartNodeSchema = z.object({ ...NodeBase, kind: z.literal('start') });

export const EndNodeSchema = z.object({
  ...NodeBase,
  kind: z.literal('end'),
  /** The case's outcome when it ends here, e.g. `adopted`, `rejected`, `withdrawn`. */
  outcome: IdSchema,
});

export const TaskNodeSchema = z.object({
  ...NodeBase,
  kind: z.literal('task'),
  ...HumanBase,
  actions: z.array(TaskActionSchema).max(10).default([{ name: 'complete', label: '完成', approve: true, requireComment: false }]),
  countersign: CountersignSchema.default({ mode: 'single' }),
});

export const VoteNodeSchema = z.object({
  ...NodeBase,
  kind: z.literal('vote'),
  ...HumanBase,
  vote: VoteSpecSchema,
});

export const PublicityNodeSchema = z.object({
  ...NodeBase,
  kind: z.literal('publicity'),
  ...HumanBase,
  period: DurationSchema,
  channel: z.string().max(100).optional(),
  /** Who may record an objection (anyone signed in when omitted). */
  objectorRole: IdSchema.optional(),
});

export const TimerNodeSchema = z.object({
  ...NodeBase,
  kind: z.literal('timer'),
  duration: DurationSchema,
});

export const GatewayNodeSchema = z.object({
  ...NodeBase,
  kind: z.literal('gateway'),
  gateway: z.enum(['exclusive', 'parallelSplit', 'parallelJoin']),
  /** For a join: the split it closes (checked by the validator). */
  pairedWith: IdSchema.optional(),
});

export const ServiceActionSchema = z.enum(['notify', 'notice', 'setData', 'callout', 'light', 'cc']);

export const ServiceNodeSchema = z.object({
  ...NodeBase,
  kind: z.literal('service'),
  action: ServiceActionSchema,
  /**
   * notify: {toRole, message}; notice: {template, title}; setData: {field: CEL expr};
   * callout: {url-free name of a registered integration}; light: {level: green|yellow|red, indicator};
   * cc (抄送): {toRole, scope?: case|parent|township|county, toInitiator?, note?} — a copy of the case
   * lands in the holders' 抄送 list and the case goes on at once.
   */
  params: z.record(z.string(), z.unknown()).default({}),
  retry: z.object({ maximumAttempts: z.number().int().min(1).max(20).default(5) }).optional(),
});

export const SubprocessNodeSchema = z.object({
  ...NodeBase,
  kind: z.literal('subprocess'),
  definitionKey: IdSchema,
  definitionVersion: z.number().int().positive().optional(),
  /** child field ← CEL expression over the parent's data. */
  input: z.record(IdSchema, ExpressionSchema).default({}),
  /** parent field ← child field. */
  output: z.record(IdSchema, IdSchema).default({}),
});

export const NodeSchema = z.discriminatedUnion('kind', [
  StartNodeSchema,
  EndNodeSchema,
  TaskNodeSchema,
  VoteNodeSchema,
  PublicityNodeSchema,
  TimerNodeSchema,
  GatewayNodeSchema,
  ServiceNodeSchema,
  SubprocessNodeSchema,
]);
export type Node = z.infer<typeof NodeSchema>;
export type NodeKind = Node['kind'];
export type NodeOf<K extends NodeKind> = Extract<Node, { kind: K }>;
export type HumanNode = NodeOf<'task'> | NodeOf<'vote'> | NodeOf<'publicity'>;

export const NODE_KINDS: readonly NodeKind[] = [
  'start',
  'end',
  'task',
  'vote',
  'publicity',
  'timer',
  'gateway',
  'service',
  'subprocess',
];

export function isHumanNode(n: Node): n is HumanNode {
  return n.kind === 'task' || n.kind === 'vote' || n.kind === 'publicity';
}

// ───────────────────────── edges ─────────────────────────

export const EdgeSchema = z.object({
  id: IdSchema,
  from: IdSchema,
  to: IdSchema,
  label: z.string().max(100).optional(),
  /**
   * Taken when the source node finished with this outcome: a task action name,
   * a vote's `passed|rejected|no_quorum`, a publicity's `clear|objections`, a subprocess outcome.
   */
  outcome: IdSchema.optional(),
  /** CEL over `data` (case data), `outcome`, `params`; must be true for the edge to be taken. */
  condition: ExpressionSchema.optional(),
  /** Taken when no other edge of the source matches. */
  default: z.boolean().default(false),
});
export type Edge = z.infer<typeof EdgeSchema>;

// ───────────────────────── definition ─────────────────────────

export const DefinitionSchema = z.object({
  key: IdSchema,
  version: z.number().int().positive(),
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  title: z.string().min(1).max(200),
  description: z.string().max(5000).optional(),
  category: z.string().max(50).optional(),
  roles: z.array(RoleDefSchema).max(100),
  fields: z.array(FieldDefSchema).max(300),
  params: z.array(ParamDefSchema).max(200).default([]),
  nodes: z.array(NodeSchema).min(1).max(2000),
  edges: z.array(EdgeSchema).max(5000),
  /** Case-data fields whose values are shown as the case summary in lists. */
  summaryFields: z.array(IdSchema).max(10).default([]),
  /**
   * Roles that may start a case (发起), held in the case's org unit or a unit above it. Omitted: any
   * staff member of the unit (never a citizen role). Each must be declared in `roles`.
   */
  starterRoles: z.array(IdSchema).max(50).optional(),
  /**
   * A `person` field naming the user the case is about (the 信访人, the 入党申请人), when they have an
   * account: that user sees the case as their own, like its initiator.
   */
  subjectField: IdSchema.optional(),
});
export type Definition = z.infer<typeof DefinitionSchema>;
/** What an author writes (defaults not yet applied). */
export type DefinitionInput = z.input<typeof DefinitionSchema>;

export function parseDefinition(input: unknown): Definition {
  return DefinitionSchema.parse(input);
}
