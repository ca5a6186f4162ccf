/**
 * The live state of one case inside the workflow: tokens, task records, votes, publicity periods,
 * the timeline and the ledger. The main coroutine (tokens) and the update handlers both mutate it;
 * every mutation is synchronous, and `changed()` republishes search attributes and memo.
 */
import { CancellationScope, condition, workflowInfo } from '@temporalio/workflow';
import { expressionContext } from '../../dsl/expressions.js';
import type { Definition, Node, VoteSpec } from '../../dsl/schema.js';
import type { TallyGroup } from '../messages.js';
import type {
  CaseIncident,
  CaseInput,
  CaseStatus,
  DeadlineLedgerEntry,
  Health,
  PublicityView,
  TaskRecord,
  TimelineEntry,
  VoteResult,
} from '../types.js';
import { anchorNodeIds, eventKey, type ClockEvents, type NodeEvent } from '../../dsl/clock.js';
import { nowIso } from './clock.js';
import { resolveParams } from './params.js';

/** What a write of the read model would change (engine/projection.ts ProjectionDiff). */
export interface ProjectionChange {
  readonly kind: 'none' | 'moving' | 'changed';
}

/**
 * The case's read-model writer (engine/projection.ts ProjectionWriter) as the rest of the engine
 * sees it — an interface here, so the runtime and the publisher do not import the writer.
 */
export interface CaseProjection {
  readonly seq: number;
  isActive(): boolean;
  diff(): ProjectionChange;
  publish(d: ProjectionChange): void;
  promise(): number | undefined;
  settled(): Promise<void>;
}

export interface TokenState {
  id: string;
  parentId?: string;
  nodeId?: string;
  since: string;
  /** False while the token waits on people or time; handlers that release it set it true. */
  moving: boolean;
  /** Set by 退回 (or autoReturn): the node the token must go back to. */
  jumpTo?: string;
  /** Set by 拿回: the step reopens claimed by the one who took it back (consumed when it opens). */
  reopenFor?: { nodeId: string; userId: string };
  /** Set by a migration to another version (engine/migration.ts): the node the token goes on from. */
  moveTo?: string;
  /** Automatic steps since the case last waited (engine/auto-budget.ts), and the wait they count from. */
  autoSteps?: number;
  waitEpoch?: number;
}

export type BallotChoice = 'yes' | 'no' | 'abstain' | string[];

export interface VoteState {
  taskId: string;
  nodeId: string;
  spec: VoteSpec;
  round: number;
  /** Candidates of this round (另行选举 narrows them to the tied). */
  candidates?: string[];
  /** Elected in earlier rounds. */
  elected: string[];
  status: 'collecting' | 'awaitingConfirmation' | 'decided';
  teller?: string;
  tellerName?: string;
  pendingTally?: TallyGroup[];
  /** The node's own form fields entered with the pending tally; case data once confirmed. */
  pendingData?: Record<string, unknown>;
  confirmedTally?: TallyGroup[];
  /** Who confirmed the tally (监票人), for the meeting record. */
  scrutineer?: string;
  scrutineerName?: string;
  /** The last tally the scrutineer sent back (退回重计), with the reason: the teller corrects it instead of starting over. */
  returned?: { tally: TallyGroup[]; data?: Record<string, unknown>; by: string; byName?: string; at: string; reason?: string };
  /** When the vote was decided. */
  decidedAt?: string;
  /** The meeting record (会议记录) issued for the decided vote. */
  documentId?: string;
  /** Ballots mode: eligible voters per group. */
  voters: Record<string, string[]>;
  /** Who has voted (sorted, so the order says nothing about the choices). */
  voted: string[];
  /** Anonymous choices per group, kept sorted. */
  ballots: Record<string, BallotChoice[]>;
  /** Named votes only. */
  namedChoices?: Record<string, BallotChoice>;
  /**
   * Secret ballots of cases started after the `secrecy-ballot-box` patch: choices go into the
   * ballot box in the app database and the case learns only who has voted (`recordVoted`); the
   * counts enter the case once, as totals, when the teller closes the round.
   */
  box?: boolean;
  /** Set while the box of the round is being read at close: no more votes, no second close. */
  counting?: boolean;
  result?: VoteResult;
  rounds: VoteResult[];
}

export class CaseRuntime {
  readonly caseId: string;
  /** The definition snapshot; replaced by `resolveIncident` with a corrected version, or by a migration (`migrate`). */
  def: Definition;
  params: Record<string, unknown>;
  fieldKeys: string[];
  status: CaseStatus = 'running';
  outcome?: string;
  startedAt: string;
  endedAt?: string;
  data: Record<string, unknown>;
  nodeOutputs: Record<string, unknown> = {};
  timeline: TimelineEntry[] = [];
  ledger: DeadlineLedgerEntry[] = [];
  /** Instants of the node events that some deadline counts from (clock anchors). */
  clockEvents: ClockEvents = {};
  /** Nodes whose opening or completion a deadline of this definition counts from. */
  anchorNodes: ReadonlySet<string>;
  path: string[] = [];
  tasks: TaskRecord[] = [];
  publicity: PublicityView[] = [];
  warnings: string[] = [];
  /** Safety stops (engine/auto-budget.ts). */
  incidents: CaseIncident[] = [];
  /** Bumped whenever a wait node (task, vote, publicity, timer) finishes: automatic steps count from it. */
  waitEpoch = 0;
  votes = new Map<string, VoteState>();
  tokens = new Map<string, TokenState>();
  /** Due instants of timer nodes by token, shifted on resume, and when each started. */
  timers = new Map<string, { dueAt: string; startedAt?: string }>();
  /** Raises the case's deadline health: 督办 of a case without open tasks; `light` nodes of cases recorded before the village light. */
  light?: { level: Health; reason: string };
  /** The village's warning light (动态管理), apart from deadline health (patch domain-village-warning-light). */
  warning?: { level: Health; reason: string };
  suspendedAt?: string;
  /** Bumped whenever a due instant moves (extend, resume): sleeping deadline loops re-read. */
  scheduleRev = 0;
  lastProgress: string;
  rootScope?: CancellationScope;
  /** Set by withdraw/terminate before the root scope is cancelled. */
  endRequest?: { status: CaseStatus; outcome?: string; reason?: string };
  /**
   * Publishes search attributes and memo; installed by the interpreter. Answers 'deferred' when it
   * held back a change on purpose (automated work in flight): the state stays dirty.
   */
  onChange: () => void | 'deferred' = () => undefined;
  /**
   * Set by the worker's stepSlow signal: an activity of this case runs long, so
   * the step it belongs to is published even though it is automated.
   */
  slowStep = false;
  /**
   * 'perTask': `changed()` only marks the state dirty and the interpreter publishes once, at the
   * end of the workflow task (engine/search-state.ts `publishPerTask`). 'microtask': the older
   * behaviour (one publish per microtask burst), kept for cases recorded before the patch.
   */
  publishMode: 'microtask' | 'perTask' = 'microtask';
  /** Writes the read model at rest (engine/projection.ts); installed with the publisher. */
  projection?: CaseProjection;
  private seq = 0;
  private publishPending = false;
  private dirty = false;

  /** Set when the case continues as new: the root scope is cancelled without closing the task. */
  continuing = false;

  /** Set while a migration to another version is applied (engine/migration.ts): no second one meanwhile. */
  migrating = false;

  constructor(readonly input: CaseInput) {
    this.caseId = workflowInfo().workflowId;
    this.def = input.definition;
    this.params = resolveParams(input.definition, input.params);
    this.fieldKeys = input.definition.fields.map((f) => f.key);
    this.anchorNodes = anchorNodeIds(input.definition);
    this.data = { ...(input.data ?? {}) };
    this.startedAt = nowIso();
    this.lastProgress = this.startedAt;
    // A continued case's state is put back by restoreCarried (engine/carried-state.ts).
  }

  /** Continue-as-new: ids go on from where the previous run stopped. */
  restoreSeq(seq: number): void {
    this.seq = seq;
  }

  /**
   * Another version of the same procedure takes over (resolveIncident, migrate); parameter
   * overrides stay, and so do the clock events already kept. With `anchors` (a migration) the new
   * version's anchors are recorded from now on; resolveIncident keeps the anchors its recorded
   * histories ran with (they take the new version's after continue-as-new, as before).
   */
  replaceDefinition(def: Definition, opts: { anchors?: boolean } = {}): void {
    this.def = def;
    this.params = resolveParams(def, this.input.params);
    this.fieldKeys = def.fields.map((f) => f.key);
    if (opts.anchors) this.anchorNodes = anchorNodeIds(def);
  }

  get currentSeq(): number {
    return this.seq;
  }

  get suspended(): boolean {
    return this.status === 'suspended';
  }

  get ended(): boolean {
    return this.status !== 'running' && this.status !== 'suspended';
  }

  nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}-${this.seq}`;
  }

  node(id: string): Node {
    const n = this.def.nodes.find((x) => x.id === id);
    if (!n) throw new Error(`节点不存在：${id}`);
    return n;
  }

  task(id: string): TaskRecord | undefined {
    return this.tasks.find((t) => t.id === id);
  }

  openTasks(): TaskRecord[] {
    return this.tasks.filter((t) => t.status === 'open' || t.status === 'claimed');
  }

  exprContext(outcome?: string): Record<string, unknown> {
    return expressionContext(this.fieldKeys, this.data, {
      params: this.params,
      outcome: outcome ?? null,
      initiator: this.input.initiator.userId,
    });
  }

  /** Keep the instant of a node event when a deadline counts from it (state only: no command). */
  markClockEvent(event: NodeEvent, nodeId: string, at?: string): void {
    if (this.anchorNodes.has(nodeId)) this.clockEvents[eventKey(event, nodeId)] = at ?? nowIso();
  }

  record(entry: Omit<TimelineEntry, 'at'>): void {
    this.timeline.push({ at: nowIso(), ...entry });
  }

  progress(): void {
    this.lastProgress = nowIso();
  }

  /**
   * Republish search attributes and memo. Per-task mode: once at the end of the workflow task,
   * whatever happened in it. Microtask mode (cases started before the patch): coalesced per
   * microtask burst, which is several upserts when a token passes more than one node.
   */
  changed(): void {
    if (this.publishMode === 'perTask') {
      this.dirty = true;
      return;
    }
    if (this.publishPending) return;
    this.publishPending = true;
    void Promise.resolve().then(() => {
      this.publishPending = false;
      this.onChange();
    });
  }

  /** Publish now if anything changed since the last publish (per-task mode). */
  flush(): void {
    if (!this.dirty) return;
    this.dirty = this.onChange() === 'deferred';
  }

  /** Release a waiting token (its wait condition became true in a handler). */
  wake(tokenId: string): void {
    const t = this.tokens.get(tokenId);
    if (t) t.moving = true;
  }

  /**
   * Let an update handler return the state after the engine has reacted (next task created,
   * vote evaluated …), not the half-way state: wait until no token is in transit.
   */
  settle(): Promise<void> {
    return condition(() => this.ended || (!this.endRequest && [...this.tokens.values()].every((t) => !t.moving)));
  }

  /** Withdraw / terminate: stop every token; the interpreter finishes the case. */
  requestEnd(status: CaseStatus, outcome: string | undefined, reason: string): void {
    this.endRequest = { status, outcome, reason };
    this.rootScope?.cancel();
  }
}
