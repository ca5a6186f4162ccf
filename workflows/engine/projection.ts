/**
 * The case's read model (server/projection): every inbox, list, board and report reads the app
 * database, not visibility. The case writes it where it publishes — at rest, once per workflow
 * task (engine/search-state.ts) — through a local activity, so the row is in the database before
 * the workflow task completes, and so before an update's answer reaches the API.
 *
 * Each write carries the case's next sequence number (kept across continue-as-new); the store
 * ignores a row older than the one it holds, so retries, replays and reordering cannot corrupt it.
 * A write sends the case row, the tasks that changed since the last write and the new timeline
 * entries. A failed write never fails the case: the next write sends everything again, and a case
 * at rest tries again a minute later (the reconciler repairs what is left, server/projection).
 */
import { CancellationScope, patched, proxyLocalActivities, sleep } from '@temporalio/workflow';
import type { Activities, ProjectedCase, ProjectedTask, ProjectionWrite } from '../../activities/types.js';
import { nowIso, nowMs } from './clock.js';
import { isOpen } from './health.js';
import { orgChain } from './permissions.js';
import type { CaseRuntime } from './runtime.js';
import { caseHealth } from './view.js';
import { currentStage, pendingVoters, scrutineerRoles } from './search-state.js';

/**
 * Cases that write their projection. Asked at each publish until it answers true, so a case
 * started before it switches at its first workflow task after the deployment (and, from then on,
 * publishes only the operators' search attributes).
 */
export const PROJECTION_WRITE = 'projection-write';

const local = proxyLocalActivities<Pick<Activities, 'projectCase'>>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '2 seconds', maximumAttempts: 4 },
});

/** A case at rest whose write failed tries again this much later. */
const RETRY_AFTER = '1 minute';

export function projectedCase(rt: CaseRuntime): ProjectedCase {
  const open = rt.openTasks();
  const now = nowMs();
  const dues = open.map((t) => t.dueAt).filter((d): d is string => !!d).sort();
  const overdueNow = (t: (typeof open)[number]) => t.overdue || (!rt.suspended && !!t.dueAt && Date.parse(t.dueAt) <= now);
  return {
    procedure: rt.def.key,
    version: rt.def.version,
    title: rt.input.title,
    orgUnit: rt.input.org.unit,
    orgUnits: orgChain(rt.input.org),
    status: rt.status,
    light: caseHealth(rt).health,
    stage: currentStage(rt) || (rt.ended ? '已办结' : '') || null,
    initiator: rt.input.initiator.userId,
    startedAt: rt.startedAt,
    closedAt: rt.endedAt ?? null,
    nextDue: dues[0] ?? null,
    lastProgress: rt.lastProgress,
    overdueCount: open.filter(overdueNow).length,
    everOverdue: rt.tasks.some((t) => t.overdue) || open.some(overdueNow),
    outcome: rt.outcome ?? null,
    openTasks: open.length,
    incident: openIncident(rt),
    warning: rt.warning ? { level: rt.warning.level, reason: rt.warning.reason } : null,
  };
}

/** The open incident of a stuck case (engine/auto-budget.ts), as the stuck list shows it. */
function openIncident(rt: CaseRuntime): string | null {
  const i = rt.incidents.find((x) => x.resolvedAt === undefined);
  return i ? `${i.message}（停在「${i.nodeName}」）` : null;
}

/** Secret ballots: who chose what is never stored (the store also strips their timeline details). */
export function secretNodes(rt: CaseRuntime): string[] {
  return rt.def.nodes.filter((n) => n.kind === 'vote' && n.vote.mode === 'ballots' && n.vote.secret).map((n) => n.id);
}

export function projectedTasks(rt: CaseRuntime): ProjectedTask[] {
  const secret = new Set(secretNodes(rt));
  return rt.tasks.map((t) => {
    const open = isOpen(t);
    const assignees = t.signers ? t.signers.filter((s) => !s.action).map((s) => s.userId) : t.assignees;
    const candidateRoles = t.candidateGrants.map((g) => `${g.role}@${g.orgUnit}`);
    const voters = open ? pendingVoters(rt, t.id) : [];
    const scrutineers = open ? scrutineerRoles(rt, t.id) : [];
    // Who may act now, as the inbox has always decided it: the claimant alone once claimed.
    const actors = open ? [...new Set([...(t.claimedBy ? [t.claimedBy] : assignees), ...voters])].sort() : [];
    const roles = open ? [...new Set([...(t.claimedBy ? [] : candidateRoles), ...scrutineers])].sort() : [];
    return {
      taskId: t.id,
      nodeId: t.nodeId,
      nodeName: t.nodeName,
      kind: t.kind,
      status: t.status,
      actors,
      roles,
      assignees: [...assignees],
      candidateRoles,
      claimedBy: t.claimedBy ?? null,
      createdAt: t.createdAt,
      dueAt: t.dueAt ?? null,
      warnAt: t.warnAt ?? null,
      overdue: !!t.overdue,
      completedAt: t.completedAt ?? null,
      completedBy: t.completedBy ?? null,
      operation: secret.has(t.nodeId) ? null : (t.action ?? null),
    };
  });
}

/** Everything the case would write now, from the first timeline entry (the `projection` query). */
export function fullProjection(rt: CaseRuntime): ProjectionWrite {
  return {
    caseId: rt.caseId,
    seq: rt.projection?.seq ?? 0,
    stateAt: nowIso(),
    case: projectedCase(rt),
    tasks: projectedTasks(rt),
    timelineFrom: 0,
    timeline: [...rt.timeline],
    secretNodes: secretNodes(rt),
  };
}

/** What moving on from node to node changes: such a change may wait for the case to come to rest. */
const MOVING: ReadonlySet<keyof ProjectedCase> = new Set(['stage', 'lastProgress']);

export interface ProjectionDiff {
  /** 'moving': only stage, last progress and new timeline entries; 'changed': anything else. */
  kind: 'none' | 'moving' | 'changed';
  row: ProjectedCase;
  tasks: ProjectedTask[];
  changedTasks: ProjectedTask[];
}

export class ProjectionWriter {
  /** Sequence number of the last write. */
  seq: number;
  private active = false;
  private lastCore = '';
  private lastMoving = '';
  private readonly sentTasks = new Map<string, string>();
  private sentTimeline = 0;
  /** An update's answer promised the caller this write (engine/handlers.ts). */
  private promised = 0;
  private retrying = false;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly rt: CaseRuntime,
    seq: number,
  ) {
    this.seq = seq;
  }

  /** Whether this case writes its projection (see PROJECTION_WRITE); true once, true for good. */
  isActive(): boolean {
    if (!this.active) this.active = patched(PROJECTION_WRITE);
    return this.active;
  }

  diff(): ProjectionDiff {
    const row = projectedCase(this.rt);
    const tasks = projectedTasks(this.rt);
    const moving: Record<string, unknown> = {};
    const core: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) (MOVING.has(k as keyof ProjectedCase) ? moving : core)[k] = v;
    const changedTasks = tasks.filter((t) => this.sentTasks.get(t.taskId) !== JSON.stringify(t));
    // Nothing written yet (in this run): like a step, the first write waits for the case to come to
    // rest unless a task is already open, so a new case appears with its first task.
    const fresh = this.lastCore === '';
    const coreChanged = changedTasks.length > 0 || (!fresh && JSON.stringify(core) !== this.lastCore);
    const movingChanged = fresh || JSON.stringify(moving) !== this.lastMoving || this.rt.timeline.length > this.sentTimeline;
    return { kind: coreChanged ? 'changed' : movingChanged ? 'moving' : 'none', row, tasks, changedTasks };
  }

  /** Writes when something changed or an answer promised a write; `d` from diff() of this publish. */
  publish(d: ProjectionDiff): void {
    if (d.kind === 'none' && this.promised <= this.seq) return;
    const rt = this.rt;
    this.seq += 1;
    const w: ProjectionWrite = {
      caseId: rt.caseId,
      seq: this.seq,
      stateAt: nowIso(),
      case: d.row,
      tasks: d.changedTasks,
      timelineFrom: this.sentTimeline,
      timeline: rt.timeline.slice(this.sentTimeline),
      secretNodes: secretNodes(rt),
    };
    const moving: Record<string, unknown> = {};
    const core: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(d.row)) (MOVING.has(k as keyof ProjectedCase) ? moving : core)[k] = v;
    this.lastCore = JSON.stringify(core);
    this.lastMoving = JSON.stringify(moving);
    for (const t of d.changedTasks) this.sentTasks.set(t.taskId, JSON.stringify(t));
    this.sentTimeline = rt.timeline.length;
    // Not cancellable: a withdraw or a cancellation of the workflow must still be written.
    this.inFlight = CancellationScope.nonCancellable(() => local.projectCase(w)).then(
      () => undefined,
      () => this.failed(),
    );
  }

  /**
   * The sequence number that will hold everything the case did so far: the last write's when
   * nothing changed since, else the next one (which this publish or a later one sends).
   */
  promise(): number | undefined {
    if (!this.isActive()) return undefined;
    if (this.diff().kind === 'none' && this.promised <= this.seq && this.seq > 0) return this.seq;
    this.promised = this.seq + 1;
    return this.promised;
  }

  /** Resolves once the last write has been answered (before the case closes or continues as new). */
  settled(): Promise<void> {
    return this.inFlight;
  }

  /** A write that failed for good: send everything with the next write, and try again if at rest. */
  private failed(): void {
    this.lastCore = '';
    this.lastMoving = '';
    this.sentTasks.clear();
    this.sentTimeline = 0;
    if (this.retrying || this.rt.ended) return;
    this.retrying = true;
    void CancellationScope.nonCancellable(() => sleep(RETRY_AFTER))
      .then(() => {
        this.retrying = false;
        this.rt.changed();
      })
      .catch(() => undefined);
  }
}
