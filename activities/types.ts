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
}

export interface ResolveAssigneesResult {
  /** Explicit users (user/initiator/expression assignments, or role holders when listed). */
  userIds: string[];
  /** Role grants whose holders may claim (role assignments). */
  grants: RoleGrant[];
}

export type NotificationKind = 'assignment' | 'reminder' | 'escalation' | 'outcome' | 'urge' | 'objection' | 'info';

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
}

export interface NoticeRequest {
  caseId: string;
  nodeId: string;
  template: string;
  title: string;
  data: Record<string, unknown>;
  /**
   * Names the document when a node issues more than one (a meeting reconvened on the same node
   * has a record per meeting); default the node id.
   */
  documentKey?: string;
}

export interface NoticeResult {
  documentId: string;
  text: string;
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
}

/** The org directory as the engine needs it. */
export interface Directory {
  /** Users holding `role` in `orgUnit`. */
  usersWithRole(role: string, orgUnit: string): Promise<string[]>;
  userExists(userId: string): Promise<boolean>;
}

/** Where notifications go (in-app store, SMS, WeCom …). Must be idempotent on `key`. */
export interface Notifier {
  send(req: NotifyRequest): Promise<void>;
}
