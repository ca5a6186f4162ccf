/**
 * Types shared by the interpreter, its messages, the server, the CLI and the tests.
 * Pure type and schema module: safe to import inside the workflow sandbox.
 */
import type { Definition, VoteSpec } from '../dsl/schema.js';
import type { TallyGroup } from './messages/args.js';

// The domain vocabulary (who acts where) lives in dsl/org.ts; case types build on it.
export { RoleGrantSchema, ActorSchema, OrgContextSchema } from '../dsl/org.js';
export type { RoleGrant, Actor, OrgContext } from '../dsl/org.js';
import type { Actor, OrgContext, RoleGrant } from '../dsl/org.js';

export interface CaseInput {
  /** The full definition snapshot: a running case never changes when the definition is edited. */
  definition: Definition;
  title: string;
  org: OrgContext;
  initiator: Actor;
  data?: Record<string, unknown>;
  /** Overrides of definition parameters (validated against their floors at start). */
  params?: Record<string, unknown>;
  /** Parent case, when started as a subprocess. */
  parent?: { caseId: string; nodeId: string };
  /**
   * The start form filled in the first step (dsl/start-step.ts): when that step opens for the first
   * time and the initiator may act on it, it is completed as the initiator with the start data.
   */
  startStep?: { nodeId: string };
  /** Carried over by continue-as-new. */
  carried?: CarriedState;
  /** Definitions of subprocess nodes, by definition key (the child is started with that snapshot). */
  subdefinitions?: Record<string, Definition>;
  /**
   * Upsert search attributes and memo (default true). The time-skipping test server has no
   * custom search attributes registered, so tests there pass false.
   */
  searchAttributes?: boolean;
  /**
   * Continue-as-new once the history has this many events (at a safe point). Temporal's own
   * suggestion (`continueAsNewSuggested`) always applies; this lower bound is for tests.
   */
  continueAsNewAfterEvents?: number;
}

/** What a case workflow returns (and a subprocess reports to its parent). */
export interface CaseResult {
  status: CaseStatus;
  outcome?: string;
  data: Record<string, unknown>;
}

/** State kept across continue-as-new: opaque to callers, read by workflows/engine/carried-state.ts. */
export type CarriedState = Record<string, unknown>;

/** `failed`: the engine could not continue (no edge matched); the reason is in the timeline. */
export type CaseStatus = 'running' | 'suspended' | 'completed' | 'withdrawn' | 'terminated' | 'failed';
export type Health = 'green' | 'yellow' | 'red';
export type TaskStatus = 'open' | 'claimed' | 'done' | 'cancelled';

export interface TaskRecord {
  id: string;
  nodeId: string;
  nodeName: string;
  kind: 'task' | 'vote' | 'publicity';
  status: TaskStatus;
  /** Users who may act (explicit). */
  assignees: string[];
  /** Roles in org units whose holders may claim the task. */
  candidateGrants: RoleGrant[];
  claimedBy?: string;
  /** For 委托: the user acting on behalf of the assignee. */
  delegatedFrom?: string;
  /**
   * 委托 rules (out of office): a colleague added to the task to act for a holder who is away,
   * delegate → the one they act for. The holder may still act.
   */
  actingFor?: Record<string, string>;
  createdAt: string;
  dueAt?: string;
  /** Per-signer completion in 会签/依次/票签 modes. */
  signers?: { userId: string; action?: string; at?: string; comment?: string; onBehalfOf?: string }[];
  completedBy?: string;
  completedAt?: string;
  action?: string;
  urgedCount: number;
  escalated: boolean;
  /** Token path this task belongs to (parallel branches). */
  tokenId: string;
  /** Reminder instants from the business calendar, and how many have been sent. */
  remindAt?: string[];
  remindersSent?: number;
  /** When the light turns yellow for this task. */
  warnAt?: string;
  /** Past its due time while open. */
  overdue?: boolean;
  /**
   * Set when the period does not simply count from the task's opening (a clock anchor, a cap):
   * the instant it counts from and in words (「受理审查」办结), and the cap's start and end.
   */
  clock?: TaskClock;
  /** Comment left with the completing action. */
  comment?: string;
  /** Form data submitted with the completion. */
  submitted?: Record<string, unknown>;
}

export interface TaskClock {
  /** The instant the period counts from. */
  from: string;
  /** What it counts from, in zh-CN, e.g. 「受理审查」办结. */
  anchor: string;
  /** The anchor's event had not happened (or its date field was empty): counted from the opening instead. */
  fallback?: boolean;
  capFrom?: string;
  /** No due time of this task, however extended, lies later than this (the overall cap). */
  capAt?: string;
}

/** Every kind of timeline entry the engine writes (the web app labels each, exhaustively: designer/src/lib/labels.ts). */
export const TIMELINE_TYPES = [
  'case.started',
  'case.ended',
  'case.error',
  'case.suspended',
  'case.resumed',
  'case.terminated',
  'case.withdrawn',
  'case.incident',
  'case.incidentResolved',
  'case.definitionReplaced',
  'case.migrated',
  'comment',
  'external',
  'node.entered',
  'publicity.started',
  'publicity.ended',
  'publicity.objection',
  'route.conditionError',
  'service.callout',
  'service.cc',
  'service.light',
  'service.notice',
  'service.notified',
  'service.setData',
  'subprocess.started',
  'subprocess.ended',
  'task.claimed',
  'task.completed',
  'task.created',
  'task.delegated',
  'task.escalated',
  'task.extended',
  'task.migrated',
  'task.overdue',
  'task.reminded',
  'task.returned',
  'task.signed',
  'task.signersAdded',
  'task.signersRemoved',
  'task.takenBack',
  'task.transferred',
  'task.unclaimed',
  'task.urged',
  'task.warning',
  'timer.started',
  'vote.ballotCast',
  'vote.closed',
  'vote.decided',
  'vote.marginShort',
  'vote.revote',
  'vote.round',
  'vote.tallyConfirmed',
  'vote.tallyRejected',
  'vote.tallySubmitted',
] as const;
export type TimelineType = (typeof TIMELINE_TYPES)[number];

export interface TimelineEntry {
  at: string;
  actor: string;
  actorName?: string;
  /** What happened (TIMELINE_TYPES). */
  type: TimelineType;
  nodeId?: string;
  taskId?: string;
  comment?: string;
  detail?: Record<string, unknown>;
}

/**
 * A case stopped by the engine's own safety limits (issue 14): it holds still at `nodeId`, red on
 * the monitor and on its stuck list, until a supervisor resolves it (`resolveIncident`), with a
 * corrected definition version or as it is after the data was set right.
 */
export interface CaseIncident {
  id: string;
  /** AUTO_LOOP_LIMIT: too many automatic steps without a wait; EXPRESSION_BUDGET: a CEL expression ran out of steps. */
  code: 'AUTO_LOOP_LIMIT' | 'EXPRESSION_BUDGET';
  /** zh-CN, says what happened and what to do. */
  message: string;
  nodeId: string;
  nodeName: string;
  tokenId: string;
  at: string;
  resolvedAt?: string;
  resolvedBy?: string;
}

export interface DeadlineLedgerEntry {
  at: string;
  actor: string;
  taskId?: string;
  nodeId?: string;
  /** migrate: the due time moved with a migration to another version of the procedure. */
  kind: 'extend' | 'suspend' | 'resume' | 'migrate';
  /** Due time before and after. */
  from?: string;
  to?: string;
  reason: string;
  /** An extension cut short by the overall cap (e.g. 信访 办理 + 延期 ≤ 90 日). */
  capped?: boolean;
}

/** Public view of a vote on a node: counts only; secret ballots never reveal who voted what. */
export interface VoteView {
  nodeId: string;
  /** The vote's task (older states may lack it). */
  taskId?: string;
  mode?: 'tally' | 'ballots';
  round: number;
  status: 'collecting' | 'awaitingConfirmation' | 'decided';
  secret: boolean;
  /** Ballots cast so far (individual mode) — count only. */
  ballotsCast: number;
  /** Ballots mode: who may vote, per voter group, and who has voted (voted / not voted, never what). */
  voters?: Record<string, string[]>;
  voted?: string[];
  /** Ballots mode: how many candidates a ballot may name in this round. */
  maxPicks?: number;
  /** Secret ballots counted in the ballot box of the app database (the API casts into it). */
  ballotBox?: boolean;
  /** Why the teller may not close the round yet (zh-CN), while collecting. */
  closeProblem?: string;
  /** Named votes only: userId → choice. */
  namedChoices?: Record<string, unknown>;
  tally?: unknown;
  result?: VoteResult;
  candidates?: string[];
  /** The vote as it runs in this case (the definition's rules with the case's parameters): the tally form previews against it. */
  spec?: VoteSpec;
  /** Tally mode: who entered the pending tally (the teller never confirms it). */
  teller?: string;
  tellerName?: string;
  /** Tally mode: the node's form fields entered with the pending tally. */
  pendingData?: Record<string, unknown>;
  /** The tally the scrutineer last sent back (退回重计), with the reason. */
  returned?: { tally: TallyGroup[]; data?: Record<string, unknown>; by: string; byName?: string; at: string; reason?: string };
  /** Who confirmed the tally (监票人). */
  scrutineerName?: string;
  decidedAt?: string;
  /** The meeting record (会议记录) of the decided vote, a document of the case. */
  documentId?: string;
}

export interface VoteResult {
  outcome: 'passed' | 'rejected' | 'no_quorum' | 'revote';
  quorumMet: boolean;
  /** Human-readable reasons, e.g. "到会 21/30 ≥ ⅔ — 有效", "赞成 12/21 > ½ — 通过". */
  explanation: string[];
  elected?: string[];
  /** Candidates tied at the cut, to be voted on again (另行选举). */
  tied?: string[];
  scores?: Record<string, number>;
}

export interface PublicityView {
  nodeId: string;
  /** Set when the period has ended. */
  outcome?: 'clear' | 'objections';
  startsAt: string;
  endsAt: string;
  objections: { id: string; at: string; by: string; content: string }[];
}

export interface CaseState {
  caseId: string;
  definitionKey: string;
  definitionVersion: number;
  title: string;
  org: OrgContext;
  initiator: string;
  status: CaseStatus;
  outcome?: string;
  health: Health;
  healthReasons: string[];
  /** Nodes where a token is waiting now. */
  currentNodes: { nodeId: string; name: string; since: string; tokenId: string }[];
  /** Every node entered, in order (for path highlighting). */
  path: string[];
  tasks: TaskRecord[];
  data: Record<string, unknown>;
  nodeOutputs: Record<string, unknown>;
  timeline: TimelineEntry[];
  ledger: DeadlineLedgerEntry[];
  /**
   * Instants of the events clock anchors count from (`opened:<nodeId>`, `completed:<nodeId>`), so
   * a migration to another version can carry them. Absent in states read before clock anchors.
   */
  clockEvents?: Record<string, string>;
  votes: VoteView[];
  publicity: PublicityView[];
  nextDueAt?: string;
  startedAt: string;
  endedAt?: string;
  /** Calendar warnings, e.g. a due date in a year without published holidays. */
  warnings: string[];
  /** Sequence number of the case's last projection write (engine/projection.ts), when it writes one. */
  projectionSeq?: number;
  /** Safety stops of this case, open and resolved (see CaseIncident). */
  incidents?: CaseIncident[];
  /**
   * The village's warning light (动态管理: 绿/黄/红, procedures.md §5.3), set by `light` nodes. A
   * property of the village, kept apart from `health` (deadlines): an overdue task does not turn
   * the village red. Absent for cases without a light node.
   */
  warningLight?: { level: Health; reason: string };
}
