/**
 * The activity contract. Workflow code imports these TYPES only (never the implementations);
 * implementations come from `createActivities(deps)` so tests and the server can pass their own
 * directory and notifier.
 */
import type { Assignment, Duration } from '../dsl/schema.js';
import type { CaseStatus, Health, OrgContext, RoleGrant, TaskStatus, TimelineEntry } from '../workflows/types.js';

export interface ScheduleRequest {
  /** ISO instant the period starts at (the triggering event). */
  from: string;
  duration: Duration;
  /** Reminder offsets before the due time. */
  reminders?: Duration[];
  /** Fraction of the period after which the light turns yellow. */
  warnAtFraction?: number;
}

export interface ScheduleResult {
  /** ISO instant of the end of the period (24:00 Asia/Shanghai of the last day for day units). */
  dueAt: string;
  /** ISO instants of reminders, in order, excluding those already past `from`. */
  remindAt: string[];
  /** ISO instant at which the light turns yellow. */
  warnAt: string;
  /** e.g. "2027 年节假日安排尚未公布，已按仅双休日计算" — never guessed silently. */
  warnings: string[];
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
  status: CaseStatus;
  light: Health;
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
}

/** One task of the read model. */
export interface ProjectedTask {
  taskId: string;
  nodeId: string;
  nodeName: string;
  kind: 'task' | 'vote' | 'publicity';
  status: TaskStatus;
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
  timeline: TimelineEntry[];
  /** Nodes of secret ballots: their timeline details are stored without ballot fields. */
  secretNodes: string[];
}

/** Where projections go (the app database); a worker without one writes nothing. */
export interface ProjectionStore {
  write(w: ProjectionWrite): Promise<void>;
}

export interface Activities {
  computeSchedule(req: ScheduleRequest): Promise<ScheduleResult>;
  resolveAssignees(req: ResolveAssigneesRequest): Promise<ResolveAssigneesResult>;
  notify(req: NotifyRequest): Promise<void>;
  generateNotice(req: NoticeRequest): Promise<NoticeResult>;
  /** A named integration (e.g. 备案 to the county system); the default registry only records it. */
  callout(req: { caseId: string; nodeId: string; name: string; payload: Record<string, unknown> }): Promise<Record<string, unknown>>;
  /** The case's read model at rest (a local activity: written before the workflow task completes). */
  projectCase(w: ProjectionWrite): Promise<void>;
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
