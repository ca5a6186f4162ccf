/** Shapes of the HTTP API (brief/API.md), as the web app consumes them. */
import type { Definition, FieldDef, Node } from '../../../dsl/schema.js';
import type { CaseState, Health, TaskRecord, TimelineEntry, VoteView, PublicityView } from '../../../workflows/types.js';

export type { Definition, FieldDef, Node, CaseState, Health, TaskRecord, TimelineEntry, VoteView, PublicityView };

export type Capability = 'designer' | 'inbox' | 'participant' | 'monitor' | 'admin' | 'xinfang' | 'ops';

export interface Me {
  id: string;
  username: string;
  name: string;
  grants: { role: string; orgUnit: string }[];
  capabilities: Capability[];
}

export interface ApiIssue {
  path: (string | number)[];
  message: string;
}

export interface ValidationIssue {
  code: string;
  message: string;
  path: (string | number)[];
  nodeId?: string;
  edgeId?: string;
  field?: string;
  severity: 'error' | 'warning';
}

export interface DefinitionSummary {
  key: string;
  title: string;
  category?: string;
  latestVersion: number | null;
  hasDraft: boolean;
  updatedAt: string;
}

export interface VersionSummary {
  version: number;
  publishedAt: string;
  publishedBy: string;
  changeNote: string;
}

export interface DefinitionDiff {
  nodes: { added: string[]; removed: string[]; changed: { id: string; fields: string[] }[] };
  edges: { added: string[]; removed: string[]; changed: { id: string; fields: string[] }[] };
  meta: string[];
}

export interface CaseSummary {
  caseId: string;
  title: string;
  procedure: string;
  procedureTitle?: string;
  version: number;
  orgUnit: string;
  orgUnitName?: string;
  status: string;
  health: Health;
  stage: string;
  nextDueAt: string | null;
  startedAt: string;
  initiator: string;
  reason?: string;
}

export type CaseDetail = CaseState & {
  definition: Definition;
  temporalUiUrl: string;
  procedureTitle?: string;
  orgUnitName?: string;
};

export interface InboxItem {
  caseId: string;
  taskId: string;
  caseTitle: string;
  procedure: string;
  procedureTitle?: string;
  nodeId: string;
  nodeName: string;
  kind: 'task' | 'vote' | 'publicity';
  status: string;
  dueAt: string | null;
  health: Health;
  orgUnit: string;
  orgUnitName?: string;
  claimedBy: string | null;
  createdAt: string;
}

export interface TaskDetail {
  task: TaskRecord;
  node: Node;
  fields: FieldDef[];
  case: CaseSummary;
  data: Record<string, unknown>;
  timeline: TimelineEntry[];
  vote?: VoteView;
  publicity?: PublicityView;
}

/** Mirrors TallyGroupSchema of workflows/messages.ts (that module pulls in the Temporal SDK). */
export interface TallyGroup {
  group: string;
  entitled: number;
  present: number;
  all?: number;
  cast?: number;
  issued?: number;
  yes?: number;
  no?: number;
  abstain?: number;
  invalid?: number;
  candidateVotes?: Record<string, number>;
  /** 书面意见 of absent members (votes with `writtenOpinions`). */
  writtenYes?: number;
  writtenNo?: number;
  writtenAbstain?: number;
}

export interface OrgUnit {
  id: string;
  name: string;
  level: 'county' | 'township' | 'village' | 'group' | 'grid';
  parentId: string | null;
}

export interface UserSummary {
  id: string;
  username: string;
  name: string;
  grants: { role: string; orgUnit: string }[];
}

export interface BoardCell {
  orgUnit: string;
  orgUnitName: string;
  procedure: string;
  procedureTitle: string;
  green: number;
  yellow: number;
  red: number;
}

export interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  message: string;
  caseId?: string | null;
  taskId?: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface ProcessNodeStat {
  nodeId: string;
  openCases: number;
  avgWaitHours: number;
  maxWaitHours: number;
}

export interface Charts {
  byStage: { stage: string; count: number }[];
  timePerNode: { procedure: string; nodeId: string; nodeName: string; avgHours: number }[];
  overdueTrend: { date: string; count: number }[];
}

export type BulkOp = 'reassign' | 'urge' | 'extend' | 'escalate';
export interface BulkBody {
  op: BulkOp;
  caseIds?: string[];
  fromUserId?: string;
  toUserId?: string;
  amount?: number;
  unit?: 'calendarDays' | 'workingDays' | 'hours';
  reason: string;
}
export interface BulkChange {
  caseId: string;
  taskId: string;
  title: string;
  before: unknown;
  after: unknown;
}
