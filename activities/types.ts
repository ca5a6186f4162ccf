/**
 * The activity contract. Workflow code imports these TYPES only (never the implementations);
 * implementations come from `createActivities(deps)` so tests and the server can pass their own
 * directory and notifier.
 */
import type { Assignment, Duration } from '../dsl/schema.js';
import type { OrgContext, RoleGrant } from '../dsl/org.js';

export interface ScheduleRequest {
  /** ISO instant the period starts at (the triggering event). */
  from: string;
  duration: Duration;
  /** Reminder offsets before the due time. */
  reminders?: Duration[];
  /** Fraction of the period after which the light turns yellow. */
  warnAtFraction?: number;
  /**
   * An overall cap (信访: 办理 + 延期 ≤ 90 日 from 受理): the due time is never later than this period
   * from its own start.
   */
  cap?: { from: string; duration: Duration };
  /**
   * Reminders at or before this instant are dropped (the task opens now, its period may have
   * started earlier: a clock anchor). Default: `from`.
   */
  notBefore?: string;
}

export interface ScheduleResult {
  /** ISO instant of the end of the period (24:00 Asia/Shanghai of the last day for day units). */
  dueAt: string;
  /** ISO instants of reminders, in order, excluding those already past `from`. */
  remindAt: string[];
  /** ISO instant at which the light turns yellow. */
  warnAt: string;
  /** e.g. "2027年放假调休安排尚未公布，已按…法定节假日和双休日计算" — never guessed silently. */
  warnings: string[];
  /** With a cap: where the cap ends, and whether it cut the period short. */
  capAt?: string;
  capped?: boolean;
}

export interface ResolveAssigneesRequest {
  assignment: Assignment;
  org: OrgContext;
  data: Record<string, unknown>;
  initiator: string;
  /**
   * The node allows 委托: look up the assignees' out-of-office rules (委托规则) for this procedure,
   * in force now. Sent only by cases that took the `handoff-delegation-rules` patch.
   */
  delegationsFor?: { procedure: string };
}

/** An out-of-office rule in force: `to` acts for `from` until `until`. */
export interface ActiveDelegation {
  ruleId: string;
  from: string;
  fromName?: string;
  to: string;
  toName?: string;
  until: string;
}

export interface ResolveAssigneesResult {
  /** Explicit users (user/initiator/expression assignments, or role holders when listed). */
  userIds: string[];
  /** Role grants whose holders may claim (role assignments). */
  grants: RoleGrant[];
  /** With `delegationsFor`: the rules in force for these users. */
  delegations?: ActiveDelegation[];
}

export type NotificationKind = 'assignment' | 'reminder' | 'escalation' | 'outcome' | 'urge' | 'objection' | 'info' | 'cc';

export interface NotifyRequest {
  /** Idempotency key: a retried or replayed activity never notifies twice. */
  key: string;
  kind: NotificationKind;
  caseId: string;
  taskId?: string;
  userIds: string[];
  grants: RoleGrant[];
  title: string;
  message: string;
  /** kind 'cc' (a 抄送 node): the case also lands in each recipient's 抄送 list. */
  cc?: { caseTitle: string; procedure: string; orgUnit: string; note: string };
  /** The case's title as stored (masked), apart from `title`: inboxes group notifications by case. */
  caseTitle?: string;
}

export interface NoticeRequest {
  caseId: string;
  nodeId: string;
  template: string;
  title: string;
  data: Record<string, unknown>;
  /** The case's facts (patch `notify-notice-context`); without it the notice reads the data alone. */
  context?: NoticeContext;
  /**
   * Names the document when a node issues more than one (a meeting reconvened on the same node
   * has a record per meeting: patch `votes-ui-meeting-record`); default the node id and pass.
   */
  documentKey?: string;
}

/** A period a notice names ("预计于…前办结"): computed with the business calendar by the activity. */
export interface NoticePeriod {
  from: string;
  duration: Duration;
  cap?: { from: string; duration: Duration };
}

/** What a notice knows of its case besides the data. */
export interface NoticeContext {
  /** The how-many-th time the case reaches this node (a loop issues a new document each pass). */
  pass: number;
  /** ISO instant the case started: 收到日期 of an application registered on receipt. */
  caseStartedAt: string;
  /** The case's title: the matter a notice names (“反映村道积水”), apart from the document's own title. */
  caseTitle?: string;
  procedure: { key: string; title: string; category?: string };
  org: OrgContext;
  initiator: { userId: string; name?: string };
  /** Data key → a period whose end the notice shows (node param `dueOf`). */
  periods?: Record<string, NoticePeriod>;
  /** Data key → an instant the case recorded (node param `dates`: when a node was completed). */
  instants?: Record<string, string>;
  /** Labels of the case's fields and of their options: a document never shows a field key or option code. */
  fields?: { key: string; label: string; options?: { value: string; label: string }[] }[];
}

export interface NoticeResult {
  documentId: string;
  text: string;
}

/** The case row of the read model, as the workflow computes it at rest. */
export interface ProjectedCase {
  procedure: string;
  version: number;
  title: string;
  orgUnit: string;
  /** The unit and its ancestors, nearest first. */
  orgUnits: string[];
  status: 'running' | 'suspended' | 'completed' | 'withdrawn' | 'terminated' | 'failed';
  light: 'green' | 'yellow' | 'red';
  stage: string | null;
  initiator: string;
  startedAt: string;
  closedAt: string | null;
  nextDue: string | null;
  lastProgress: string;
  overdueCount: number;
  everOverdue: boolean;
  outcome: string | null;
  openTasks: number;
  /** An open safety stop (issue 14): its zh-CN message and the node it holds at, for the stuck list. Absent before. */
  incident?: string | null;
  /** The village's warning light of a 动态管理 case (issue 17), apart from `light`. Absent before. */
  warning?: { level: 'green' | 'yellow' | 'red'; reason: string } | null;
}

/** One timeline entry as the read model stores it (the engine's TimelineEntry; its type one of TIMELINE_TYPES). */
export interface ProjectedTimelineEntry {
  at: string;
  actor: string;
  actorName?: string;
  type: string;
  nodeId?: string;
  taskId?: string;
  comment?: string;
  detail?: Record<string, unknown>;
}

/** One task of the read model. */
export interface ProjectedTask {
  taskId: string;
  nodeId: string;
  nodeName: string;
  kind: 'task' | 'vote' | 'publicity';
  status: 'open' | 'claimed' | 'done' | 'cancelled';
  /** Users who may act now: the claimant, or the assignees (unsigned signers), and voters yet to vote. */
  actors: string[];
  /** `ROLE@unit` grants whose holders may act now (candidate roles; the 监票人 while a count waits). */
  roles: string[];
  assignees: string[];
  candidateRoles: string[];
  claimedBy: string | null;
  createdAt: string;
  dueAt: string | null;
  warnAt: string | null;
  overdue: boolean;
  completedAt: string | null;
  completedBy: string | null;
  /** The action taken (never for a secret ballot). */
  operation: string | null;
}

/**
 * One write of a case's projection: the case row, the tasks that changed since the last write,
 * and the timeline entries from `timelineFrom` on. `seq` grows by one per write of the case (kept
 * across continue-as-new): the store ignores a row older than the one it holds, so retries,
 * replays and writes arriving out of order cannot turn it back.
 */
export interface ProjectionWrite {
  caseId: string;
  seq: number;
  /** Workflow time of this state. */
  stateAt: string;
  case: ProjectedCase;
  tasks: ProjectedTask[];
  timelineFrom: number;
  timeline: ProjectedTimelineEntry[];
  /** Nodes of secret ballots: their timeline details are stored without ballot fields. */
  secretNodes: string[];
}

/** Where projections go (the app database); a worker without one writes nothing. */
export interface ProjectionStore {
  write(w: ProjectionWrite): Promise<void>;
}

/** One block of a printed document (the viewer and the PDF lay out any document from these). */
export type DocumentBlock =
  | { kind: 'salutation'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; header?: string[]; rows: string[][] }
  /** Lines to sign by hand on paper ("主持人：＿＿＿＿"). */
  | { kind: 'signatures'; items: string[] };

/** A document as issued: heading, blocks, and the sign-off (issuer, date) at the bottom right. */
export interface DocumentBody {
  heading: string;
  /** 文号 under the heading. */
  number?: string;
  blocks: DocumentBlock[];
  signOff: string[];
  /** Small print at the foot (document number …). */
  footer?: string[];
}

/** One round of a secret ballot: its box holds one row of counters per voter group. */
export interface BallotBoxRequest {
  caseId: string;
  taskId: string;
  round: number;
  /** The vote's voter groups (a group nobody voted in still gets a closed, empty box). */
  groups: string[];
}

/** The counters of one voter group's box in one round. */
export interface BallotCounts {
  cast: number;
  yes?: number;
  no?: number;
  abstain: number;
  invalid: number;
  /** Candidate elections: votes per candidate. */
  candidateVotes?: Record<string, number>;
}

export interface BallotBoxResult {
  /** Counters per voter group: totals only. */
  counts: Record<string, BallotCounts>;
  /** Who voted in the round (the voter roll), sorted. */
  voted: string[];
}

/** The ballot box of secret ballots (the app database); closing is idempotent. */
export interface BallotBoxStore {
  close(req: BallotBoxRequest): Promise<BallotBoxResult>;
}

export interface Activities {
  computeSchedule(req: ScheduleRequest): Promise<ScheduleResult>;
  resolveAssignees(req: ResolveAssigneesRequest): Promise<ResolveAssigneesResult>;
  notify(req: NotifyRequest): Promise<void>;
  generateNotice(req: NoticeRequest): Promise<NoticeResult>;
  /** A named integration (e.g. 备案 to the county system); the default registry only records it. */
  callout(req: {
    caseId: string;
    nodeId: string;
    name: string;
    payload: Record<string, unknown>;
    /** Same on every retry of one call, different for each pass of the case through the node: a handler that writes records dedupes on it. */
    key?: string;
  }): Promise<Record<string, unknown>>;
  /**
   * Secret ballots: closes the round's ballot box (no cast is accepted afterwards) and returns its
   * counters and the voter roll. Called once per round, when the teller closes it.
   */
  closeBallotBox(req: BallotBoxRequest): Promise<BallotBoxResult>;
  /** The case's read model at rest (a local activity: written before the workflow task completes). */
  projectCase(w: ProjectionWrite): Promise<void>;
}

/** The org directory as the engine needs it. */
export interface Directory {
  /** Users holding `role` in `orgUnit`. */
  usersWithRole(role: string, orgUnit: string): Promise<string[]>;
  userExists(userId: string): Promise<boolean>;
  /** Out-of-office rules (委托规则) in force at `at` for these users and this procedure. */
  activeDelegations?(userIds: string[], procedure: string, at: Date): Promise<ActiveDelegation[]>;
  /** An org unit's name and level (documents name their issuing authority); optional for test directories. */
  unit?(unitId: string): Promise<{ name: string; level: string } | undefined>;
}

/** Where notifications go (in-app store, SMS, WeCom …). Must be idempotent on `key`. */
export interface Notifier {
  send(req: NotifyRequest): Promise<void>;
}
