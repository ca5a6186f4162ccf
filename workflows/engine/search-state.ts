/**
 * Search attributes and memo, republished after every state change so the inbox and the monitor
 * board are one visibility query. Only values that changed are upserted (each upsert is a history
 * event). Disabled with `CaseInput.searchAttributes: false` (the time-skipping test server has no
 * custom search attributes).
 */
import { CancellationScope, condition, patched, upsertMemo, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { SA } from '../search-attributes.js';
import { nowMs } from './clock.js';
import { isOpen } from './health.js';
import { grantsInChain, orgChain } from './permissions.js';
import type { CaseProjection, CaseRuntime, ProjectionChange } from './runtime.js';
import { caseHealth } from './view.js';
import { grantKey, type MemoTask } from '../memo.js';

const VOTERS_IN_INBOX = 'inbox-pending-voters';
const SCRUTINEER_IN_INBOX = 'inbox-scrutineer';
/**
 * Publish once per workflow task (at its end), starting from the values the case was started
 * with, and a memo of only what the inbox reads ({title, openTasks}). Added after histories
 * were recorded: it changes the number and the place of the upsert commands.
 */
const PUBLISH_PER_TASK = 'publish-per-task';
/**
 * Per-task publishing that holds back what only moving on changes (stage, last progress) while
 * activity calls are in flight — service calls, calendar lookups, the due date of a task about to
 * open — so a chain of automated steps costs no visibility write, and a new task is written once,
 * with its stage, when it opens. A step that runs long is still published: the worker signals
 * `stepSlow` (temporal/slow-step.ts). Checked before PUBLISH_PER_TASK, newest first, so a new case
 * records only this marker.
 */
const PUBLISH_AT_REST = 'publish-at-rest';

/** What moving on from node to node changes: the fields that may wait for the case to come to rest. */
const MOVING_FIELDS: ReadonlySet<string> = new Set(['stage', 'lastProgress']);

/**
 * What a case that writes its projection keeps in visibility: what operators need in the Temporal
 * UI — ids, codes and status. Who may act, the initiator, due dates and progress live in the app
 * database (engine/projection.ts); their attributes are cleared once and never written again, and
 * the memo is left as the case was started.
 */
const OPERATOR_ATTRIBUTES: ReadonlySet<string> = new Set(['procedure', 'definitionVersion', 'orgUnit', 'orgPath', 'health', 'stage', 'status', 'outcome', 'title']);

/** Ballot-mode voters who may still vote on the vote task (a sign-in sheet: who, never what). */
export function pendingVoters(rt: CaseRuntime, taskId: string): string[] {
  const vote = rt.votes.get(taskId);
  // Added after histories were recorded: publishing voters changes the upsert commands.
  if (!vote || !patched(VOTERS_IN_INBOX)) return [];
  if (vote.spec.mode !== 'ballots' || vote.status !== 'collecting') return [];
  const all = new Set(Object.values(vote.voters).flat());
  return [...all].filter((u) => !vote.voted.includes(u)).sort();
}

/** A tally waiting for its 监票人: `ROLE@unit` grants of the scrutineer role, so it reaches their inbox. */
export function scrutineerRoles(rt: CaseRuntime, taskId: string): string[] {
  const vote = rt.votes.get(taskId);
  if (!vote || vote.status !== 'awaitingConfirmation' || !vote.spec.scrutineerRole) return [];
  // Added after histories were recorded: publishing the scrutineer changes the upsert commands.
  if (!patched(SCRUTINEER_IN_INBOX)) return [];
  return grantsInChain(vote.spec.scrutineerRole, rt.input.org).map(grantKey);
}

/** Stage label(s) of the nodes where tokens wait now. */
export function currentStage(rt: CaseRuntime): string {
  const labels = [...rt.tokens.values()]
    .filter((t) => t.nodeId)
    .map((t) => {
      const n = rt.node(t.nodeId as string);
      return n.stage ?? n.name;
    });
  return [...new Set(labels)].join('、');
}

export function searchAttributeValues(rt: CaseRuntime) {
  const open = rt.openTasks();
  const assignees = new Set<string>();
  const roles = new Set<string>();
  for (const t of open) {
    if (t.claimedBy) assignees.add(t.claimedBy);
    else {
      t.assignees.forEach((u) => assignees.add(u));
      t.candidateGrants.forEach((g) => roles.add(grantKey(g)));
    }
    if (t.delegatedFrom) assignees.add(t.delegatedFrom);
    t.signers?.filter((s) => !s.action).forEach((s) => assignees.add(s.userId));
    pendingVoters(rt, t.id).forEach((u) => assignees.add(u));
    scrutineerRoles(rt, t.id).forEach((r) => roles.add(r));
  }
  const dues = open.map((t) => t.dueAt).filter((d): d is string => !!d).sort();
  const now = nowMs();
  const overdue = open.filter((t) => t.overdue || (!rt.suspended && t.dueAt && Date.parse(t.dueAt) <= now)).length;
  const org = rt.input.org;
  return {
    procedure: rt.def.key,
    definitionVersion: rt.def.version,
    orgUnit: org.unit,
    orgPath: orgChain(org),
    assignees: [...assignees].sort(),
    candidateRoles: [...roles].sort(),
    nextDue: dues[0],
    health: caseHealth(rt).health,
    stage: currentStage(rt) || (rt.ended ? '已办结' : ''),
    status: rt.status,
    outcome: rt.outcome,
    initiator: rt.input.initiator.userId,
    title: rt.input.title,
    lastProgress: rt.lastProgress,
    overdueCount: overdue,
  };
}

export function memoValue(rt: CaseRuntime) {
  const { health } = caseHealth(rt);
  return {
    title: rt.input.title,
    health,
    stage: currentStage(rt),
    openTasks: memoTasks(rt),
    ...memoIncident(rt),
    ...warningMemo(rt),
  };
}

/** The village's warning light in the memo, only for cases that have one (a 动态管理 case after the patch). */
function warningMemo(rt: CaseRuntime): { warning?: { level: string; reason: string } } {
  return rt.warning ? { warning: { level: rt.warning.level, reason: rt.warning.reason } } : {};
}

/**
 * An open incident (engine/auto-budget.ts), for the monitor's stuck list. Absent otherwise, so
 * the memo of every case that never stops itself is what it always was.
 */
function memoIncident(rt: CaseRuntime) {
  const i = rt.incidents.find((x) => x.resolvedAt === undefined);
  return i ? { incident: { code: i.code, message: i.message, nodeId: i.nodeId, nodeName: i.nodeName, at: i.at } } : {};
}

/**
 * The memo of per-task publishing: what the inbox, the monitor's bulk actions and stuck list,
 * and the CLI read.
 * Health and stage are search attributes already; leaving them out means an automated step
 * changes no memo at all.
 */
export function inboxMemoValue(rt: CaseRuntime) {
  return { title: rt.input.title, openTasks: memoTasks(rt), ...memoIncident(rt), ...warningMemo(rt) };
}

function memoTasks(rt: CaseRuntime): MemoTask[] {
  return rt.tasks.filter(isOpen).map((t) => ({
      taskId: t.id,
      nodeId: t.nodeId,
      nodeName: t.nodeName,
      kind: t.kind,
      status: t.status,
      dueAt: t.dueAt ?? null,
      assignees: t.signers ? t.signers.filter((s) => !s.action).map((s) => s.userId) : t.assignees,
      /** Ballots mode: voters who have not voted yet (the inbox of each voter). */
      voters: pendingVoters(rt, t.id),
      /** Tally mode: the 监票人 grants while the count waits for confirmation. */
      scrutineerRoles: scrutineerRoles(rt, t.id),
      candidateRoles: t.candidateGrants.map(grantKey),
      claimedBy: t.claimedBy ?? null,
      createdAt: t.createdAt,
    }));
}

type SaValues = ReturnType<typeof searchAttributeValues>;

/** The search attributes and memo the case was started with (the API sets them at start), in the publisher's terms. */
function startValues(): { sa: Map<string, string>; memo: string } {
  const info = workflowInfo();
  const sa = new Map<string, string>();
  for (const [name, key] of Object.entries(SA) as [keyof SaValues, (typeof SA)[keyof typeof SA]][]) {
    // Compared as the upserted value is: absent and null are the same to visibility.
    const v: unknown = info.typedSearchAttributes.get(key as never);
    sa.set(name, JSON.stringify(v ?? null));
  }
  return { sa, memo: info.memo ? memoJson(info.memo) : '' };
}

/**
 * The memo as compared between tasks. Its top-level fields arrive as a protobuf map whose order
 * the server does not keep (a replay may see {openTasks, title} where the first run saw {title,
 * openTasks}), so the keys are sorted: the decision to upsert must be the same on replay.
 */
function memoJson(memo: Record<string, unknown>): string {
  return JSON.stringify(Object.keys(memo).sort().map((k) => [k, memo[k]]));
}

/**
 * Installs the publisher on the runtime. With the 'publish-per-task' patch, `changed()` only marks
 * the state dirty, and a condition that never unblocks publishes when the SDK evaluates it after
 * the activation's microtasks have run: the last evaluation (nothing left to unblock) comes right
 * before the task's commands are sent. So a token passing a gateway, a service call and a timer
 * in one workflow task publishes once — the node it now waits on, which is what the monitor must
 * show if that step hangs.
 *
 * The SDK also evaluates conditions synchronously after each job, before the workflow code has
 * reacted (before any microtask ran). Those evaluations are skipped: a new activation is known by
 * its history length, and a microtask queued at its first evaluation tells when the code has run.
 */
export function installPublisher(rt: CaseRuntime, enabled: boolean, projection?: CaseProjection): void {
  if (!enabled) return;
  const atRest = patched(PUBLISH_AT_REST);
  if (!atRest && !patched(PUBLISH_PER_TASK)) {
    rt.onChange = createPublisher(rt, true);
    return;
  }
  const start = startValues();
  rt.projection = projection;
  rt.onChange = createPublisher(rt, true, { last: start.sa, lastMemo: start.memo, memo: inboxMemoValue, holdWhileMoving: atRest, projection });
  rt.publishMode = 'perTask';
  rt.changed();
  let activation = -1;
  let beforeMicrotasks = false;
  const atEndOfTask = (): boolean => {
    const length = workflowInfo().historyLength;
    if (length !== activation) {
      activation = length;
      beforeMicrotasks = true;
      void Promise.resolve().then(() => {
        beforeMicrotasks = false;
      });
    }
    if (!beforeMicrotasks) rt.flush();
    return false;
  };
  // Not cancellable: a withdraw/terminate cancels the root scope, and the ending must still be published.
  void CancellationScope.nonCancellable(() => condition(atEndOfTask));
}

/**
 * Activity calls in flight and nothing else: some token is moving, and every moving token waits on
 * an activity of its node — a service call, a timer's calendar lookup, a human step's due-date
 * lookup before its task opens — never on a subprocess (a child case may take days).
 */
export function busyWithActivities(rt: CaseRuntime): boolean {
  let busy = false;
  for (const t of rt.tokens.values()) {
    if (!t.moving) continue;
    const kind = t.nodeId ? rt.node(t.nodeId).kind : undefined;
    if (kind === undefined || kind === 'subprocess') return false;
    busy = true;
  }
  return busy;
}

/**
 * Returns a publisher that upserts only what changed since the last call. With `holdWhileMoving`
 * (PUBLISH_AT_REST) it answers 'deferred' instead while only stage and last progress changed,
 * activity calls are in flight and no step was reported slow.
 */
export function createPublisher(
  rt: CaseRuntime,
  enabled: boolean,
  seed: {
    last?: Map<string, string>;
    lastMemo?: string;
    memo?: (rt: CaseRuntime) => Record<string, unknown>;
    holdWhileMoving?: boolean;
    /** Writes the case's projection at rest; once active, visibility keeps only OPERATOR_ATTRIBUTES. */
    projection?: CaseProjection;
  } = {},
): () => void | 'deferred' {
  const last = seed.last ?? new Map<string, string>();
  let lastMemo = seed.lastMemo ?? '';
  const memoOf = seed.memo ?? memoValue;
  return () => {
    if (!enabled) return;
    const projection = seed.projection?.isActive() ? seed.projection : undefined;
    const v = searchAttributeValues(rt);
    const changes: [name: string, json: string, pair: SearchAttributeUpdatePair][] = [];
    const put = (name: keyof typeof v, pair: SearchAttributeUpdatePair) => {
      // With the projection, what operators do not need is cleared (null) and stays so.
      if (projection && !OPERATOR_ATTRIBUTES.has(name)) pair = { key: pair.key, value: null } as SearchAttributeUpdatePair;
      // Seeded (per-task mode): compare what visibility holds, the upserted value.
      const json = seed.last ? JSON.stringify(pair.value ?? null) : JSON.stringify(v[name] ?? null);
      if (last.get(name) !== json) changes.push([name, json, pair]);
    };
    const date = (iso: string | undefined) => (iso ? new Date(iso) : null);
    const list = (xs: string[]) => (xs.length ? xs : null);
    put('procedure', { key: SA.procedure, value: v.procedure });
    put('definitionVersion', { key: SA.definitionVersion, value: v.definitionVersion });
    put('orgUnit', { key: SA.orgUnit, value: v.orgUnit });
    put('orgPath', { key: SA.orgPath, value: v.orgPath });
    put('assignees', { key: SA.assignees, value: list(v.assignees) });
    put('candidateRoles', { key: SA.candidateRoles, value: list(v.candidateRoles) });
    put('nextDue', { key: SA.nextDue, value: date(v.nextDue) });
    put('health', { key: SA.health, value: v.health });
    put('stage', { key: SA.stage, value: v.stage || null });
    put('status', { key: SA.status, value: v.status });
    put('outcome', { key: SA.outcome, value: v.outcome ?? null });
    put('initiator', { key: SA.initiator, value: v.initiator });
    // Personal data stays out of visibility (issue 14): the title lives in the encrypted memo. Only
    // cases started with JcTitle (before the change; the publisher is seeded with it) keep it, and
    // theirs never changes, so they upsert it no more than before.
    if (!seed.last || seed.last.get('title') !== 'null') put('title', { key: SA.title, value: v.title });
    put('lastProgress', { key: SA.lastProgress, value: date(v.lastProgress) });
    put('overdueCount', { key: SA.overdueCount, value: v.overdueCount });
    // With the projection the memo stays as the case was started.
    const memo = projection ? undefined : memoOf(rt);
    // Seeded (per-task mode): compared key-sorted, as the start memo is (see memoJson).
    const json = memo === undefined ? lastMemo : seed.last ? memoJson(memo) : JSON.stringify(memo);
    const moving = seed.holdWhileMoving && !rt.slowStep && busyWithActivities(rt);
    const hold = moving && json === lastMemo && changes.length > 0 && changes.every(([name]) => MOVING_FIELDS.has(name));
    // The projection is held on the same terms, apart: a case's first write goes out at once (its
    // row must exist), while visibility keeps the stage it was started with.
    const proj: ProjectionChange | undefined = projection?.diff();
    const holdProjection = moving && proj?.kind === 'moving';
    if (hold && (!proj || proj.kind === 'none' || holdProjection)) return 'deferred';
    rt.slowStep = false;
    if (!hold) {
      for (const [name, value] of changes) last.set(name, value);
      if (changes.length) upsertSearchAttributes(changes.map(([, , pair]) => pair));
      if (memo !== undefined && json !== lastMemo) {
        lastMemo = json;
        upsertMemo(memo);
      }
    }
    if (projection && proj && !holdProjection) projection.publish(proj);
    return hold || holdProjection ? 'deferred' : undefined;
  };
}
