/**
 * Migration of a running case to another published version of its procedure (pure). Given where
 * the case stands (its tokens, open tasks, votes, 公示 periods and timers), the version it runs, the
 * target version and a node mapping, the plan says for each waiting token where it lands — kept
 * at the same node, moved to another, its vote or task reopened under the new rules, its parallel
 * branch ended — what changes for the case (deadlines, assignees, branches that will not run), and
 * refuses what cannot be migrated safely, with the reason.
 *
 * One function for the dry run (the `migrationPlan` query) and the update's validator, so what the
 * dry run promises is what the update does. The engine glue is engine/migration.ts.
 */
import { anchorLabel, anchorNodeIds, eventKey, resolveAnchor, type ClockEvents } from '../../dsl/clock.js';
import { isHumanNode, type Assignment, type Definition, type Duration, type HumanNode, type Node } from '../../dsl/schema.js';
import type { ScheduleRequest } from '../../activities/types.js';
import type { CaseIncident, CaseStatus, PublicityView, TaskRecord, TimelineEntry } from '../types.js';
import { durationWithParams, resolveParams } from './params.js';
import { joinOf, outgoingEdges } from './routing.js';

/** Source node id → target node id. Nodes not named map to the node with the same id, when the target has one. */
export type NodeMapping = Record<string, string>;

export interface NodeRef {
  id: string;
  name: string;
}

/** Why a case cannot be migrated (zh-CN message; the code lets the web app say it in English too). */
export const MIGRATION_REFUSALS = [
  'CASE_ENDED',
  'WRONG_VERSION',
  'SUSPENDED',
  'INCIDENT',
  'IN_TRANSIT',
  'MIGRATING',
  'NO_TARGET',
  'PARALLEL_BRANCH',
  'OPEN_VOTE',
  'COUNTERSIGN',
  'PUBLICITY',
  'SUBPROCESS',
  'DEFINITION',
] as const;
export type MigrationRefusalCode = (typeof MIGRATION_REFUSALS)[number];

export interface MigrationRefusal {
  code: MigrationRefusalCode;
  message: string;
  node?: NodeRef;
}

/** What happens to one waiting token. */
export interface TokenMove {
  tokenId: string;
  from: NodeRef;
  to: NodeRef;
  /**
   * keep: it stays where it is (same node, its task, vote, 公示 or timer go on);
   * move: its wait is cancelled and it enters `to`; reopen: it enters the same node again (a vote
   * whose rules changed before anyone voted); endBranch: its parallel branch ends at the join.
   */
  mode: 'keep' | 'move' | 'reopen' | 'endBranch';
}

/** A schedule the engine asks the business calendar for, and the suspended time added to its result. */
export interface Reschedule {
  request: ScheduleRequest;
  pausedMs: number;
}

export type MigrationChange =
  | { kind: 'moved'; from: NodeRef; to: NodeRef }
  | { kind: 'renamed'; from: NodeRef; to: NodeRef }
  | { kind: 'reopened'; node: NodeRef }
  | { kind: 'branchEnded'; node: NodeRef; join: NodeRef }
  /** A branch the target version adds to a parallel block the case is inside: it will not run in this case. */
  | { kind: 'branchNotRun'; node: NodeRef }
  /** The due time of an open task under the target's deadline (none when the target has no deadline). */
  | { kind: 'deadline'; node: NodeRef; taskId: string; fromDue?: string; reschedule?: Reschedule; anchor: string; anchorMissing?: string }
  /** The task was extended (延期): its due time stays. */
  | { kind: 'deadlineKept'; node: NodeRef; taskId: string; due?: string }
  | { kind: 'timer'; node: NodeRef; tokenId: string; fromDue: string; reschedule: Reschedule }
  | { kind: 'publicity'; node: NodeRef; fromEnd: string; reschedule: Reschedule }
  /** The open task is handed to whoever the target's assignment names. */
  | { kind: 'assignees'; node: NodeRef; taskId: string; before: Assignment; after: Assignment };

export interface MigrationPlan {
  ok: boolean;
  /** Where the case waits now (every token at a node). */
  at: NodeRef[];
  fromVersion: number;
  toVersion: number;
  refusals: MigrationRefusal[];
  moves: TokenMove[];
  changes: MigrationChange[];
  /** Instants of node events the target's clock anchors need, taken from the case's timeline. */
  backfill: ClockEvents;
}

/** Where a case stands: what the runtime (engine/migration.ts) hands the planner. */
export interface CasePosition {
  status: CaseStatus;
  startedAt: string;
  /** Parameter overrides given at start (input.params). */
  paramOverrides?: Record<string, unknown>;
  data: Record<string, unknown>;
  tokens: readonly { id: string; nodeId?: string; moving: boolean; jumpTo?: string; moveTo?: string }[];
  tasks: readonly TaskRecord[];
  votes: readonly { taskId: string; nodeId: string; status: string; round: number; voted: readonly string[]; pendingTally?: unknown; counting?: boolean }[];
  publicity: readonly PublicityView[];
  /** Timers by token: when each started and is due. */
  timers: ReadonlyMap<string, { dueAt: string; startedAt?: string }>;
  incidents: readonly CaseIncident[];
  clockEvents: ClockEvents;
  timeline: readonly TimelineEntry[];
  /** A migration is being applied right now. */
  migrating?: boolean;
  /** Keys of the subprocess definitions the case was started with (input.subdefinitions). */
  subdefinitionKeys: readonly string[];
}

// ───────────────────────── mapping ─────────────────────────

/** Node kinds a token can wait on: where a running case can stand, so a removed one needs a target. */
const STANDING_KINDS: ReadonlySet<Node['kind']> = new Set(['task', 'vote', 'publicity', 'timer', 'subprocess']);

export function isStandingNode(n: Node): boolean {
  return STANDING_KINDS.has(n.kind);
}

/** The target of `nodeId`: the mapping's, else the node with the same id. */
export function mappedTarget(target: Definition, mapping: NodeMapping, nodeId: string): string | undefined {
  const named = mapping[nodeId];
  if (named) return named;
  return target.nodes.some((n) => n.id === nodeId) ? nodeId : undefined;
}

export interface MappingProblem {
  /** The source node the problem is about (absent for the versions). */
  nodeId?: string;
  message: string;
}

/**
 * What is wrong with a mapping between two versions, whatever the cases: every node a case can
 * stand on needs a target that exists, is not the start or an end.
 */
export function mappingProblems(source: Definition, target: Definition, mapping: NodeMapping): MappingProblem[] {
  const out: MappingProblem[] = [];
  if (source.key !== target.key) out.push({ message: `目标版本属于另一个流程（${target.key}）` });
  if (source.version === target.version) out.push({ message: `源版本与目标版本相同（第 ${source.version} 版）` });
  for (const [from, to] of Object.entries(mapping)) {
    const s = source.nodes.find((n) => n.id === from);
    if (!s) {
      out.push({ nodeId: from, message: `源版本中没有环节 ${from}` });
      continue;
    }
    const t = target.nodes.find((n) => n.id === to);
    if (!t) out.push({ nodeId: from, message: `「${s.name}」的目标环节 ${to} 在新版本中不存在` });
    else if (t.kind === 'start' || t.kind === 'end') out.push({ nodeId: from, message: `「${s.name}」不能映射到${t.kind === 'start' ? '开始' : '结束'}节点「${t.name}」` });
  }
  for (const n of source.nodes) {
    if (!isStandingNode(n) || mapping[n.id]) continue;
    if (!target.nodes.some((t) => t.id === n.id)) out.push({ nodeId: n.id, message: `「${n.name}」在新版本中已删除，请为它指定目标环节` });
  }
  return out;
}

// ───────────────────────── parallel blocks ─────────────────────────

/** Nodes between a split and its join (the join excluded). */
function blockOf(def: Definition, splitId: string, joinId: string): Set<string> {
  const seen = new Set<string>();
  const queue = outgoingEdges(def, splitId).map((e) => e.to);
  while (queue.length) {
    const id = queue.shift() as string;
    if (id === joinId || seen.has(id)) continue;
    seen.add(id);
    queue.push(...outgoingEdges(def, id).map((e) => e.to));
  }
  return seen;
}

interface Block {
  split: string;
  join: string;
  size: number;
}

/** The parallel blocks around a node, innermost first (by size). */
export function enclosingBlocks(def: Definition, nodeId: string): Block[] {
  const out: Block[] = [];
  for (const n of def.nodes) {
    if (n.kind !== 'gateway' || n.gateway !== 'parallelSplit') continue;
    const join = joinOf(def, n.id);
    if (!join) continue;
    const block = blockOf(def, n.id, join);
    if (block.has(nodeId)) out.push({ split: n.id, join, size: block.size });
  }
  return out.sort((a, b) => a.size - b.size);
}

const sameBlocks = (a: Block[], b: Block[]) => a.length === b.length && a.every((x, i) => x.split === b[i]?.split && x.join === b[i]?.join);

// ───────────────────────── comparisons ─────────────────────────

/** JSON with sorted keys: two parses of the same node compare equal whatever their key order. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
const same = (a: unknown, b: unknown) => stable(a) === stable(b);

const ref = (n: Node): NodeRef => ({ id: n.id, name: n.name });
const isOpen = (t: TaskRecord) => t.status === 'open' || t.status === 'claimed';

/** Time the case spent suspended after `since` (each resume records how long it was paused). */
export function pausedSince(timeline: readonly TimelineEntry[], since: string): number {
  const from = Date.parse(since);
  let ms = 0;
  for (const e of timeline) {
    if (e.type !== 'case.resumed' || Date.parse(e.at) <= from) continue;
    const paused = (e.detail as { pausedMs?: unknown } | undefined)?.pausedMs;
    if (typeof paused === 'number' && paused > 0) ms += paused;
  }
  return ms;
}

/**
 * Instants of node events the target's anchors count from that the case did not keep (its version
 * anchored nothing there), read from its timeline: a node's opening from its `node.entered`, a
 * human node's completion from its `task.completed` / `vote.decided` / `publicity.ended`.
 */
export function backfillClockEvents(pos: Pick<CasePosition, 'clockEvents' | 'timeline'>, target: Definition): ClockEvents {
  const out: ClockEvents = {};
  for (const nodeId of anchorNodeIds(target)) {
    let opened: string | undefined;
    let completed: string | undefined;
    for (const e of pos.timeline) {
      if (e.nodeId !== nodeId) continue;
      if (e.type === 'node.entered') opened = e.at;
      else if (e.type === 'task.completed' || e.type === 'vote.decided' || e.type === 'publicity.ended') completed = e.at;
    }
    if (opened && !pos.clockEvents[eventKey('opened', nodeId)]) out[eventKey('opened', nodeId)] = opened;
    if (completed && !pos.clockEvents[eventKey('completed', nodeId)]) out[eventKey('completed', nodeId)] = completed;
  }
  return out;
}

// ───────────────────────── the plan ─────────────────────────

interface PlanInput {
  pos: CasePosition;
  source: Definition;
  target: Definition;
  mapping: NodeMapping;
}

/** The due time of an open task under the target node's deadline, counted from the same anchors. */
function deadlineChange(p: PlanInput, task: TaskRecord, from: HumanNode, to: HumanNode, events: ClockEvents): MigrationChange | undefined {
  const srcParams = resolveParams(p.source, p.pos.paramOverrides);
  const tgtParams = resolveParams(p.target, p.pos.paramOverrides);
  const before = from.deadline ? { ...from.deadline, duration: durationWithParams(from.deadline.duration, srcParams) } : undefined;
  const after = to.deadline ? { ...to.deadline, duration: durationWithParams(to.deadline.duration, tgtParams) } : undefined;
  if (same(before, after)) return undefined;
  const node = ref(to);
  // A 延期 already moved this due time by someone's decision: it stays.
  const extended = p.pos.timeline.some((e) => e.type === 'task.extended' && e.taskId === task.id);
  if (extended) return { kind: 'deadlineKept', node, taskId: task.id, due: task.dueAt };
  const dl = to.deadline;
  if (!dl) return { kind: 'deadline', node, taskId: task.id, fromDue: task.dueAt, anchor: '' };
  const ctx = { taskOpenedAt: task.createdAt, caseStartedAt: p.pos.startedAt, events, data: p.pos.data };
  const anchored = resolveAnchor(dl.anchor, ctx, p.target);
  const start = 'from' in anchored ? anchored.from : task.createdAt;
  const cap = dl.cap ? resolveAnchor(dl.cap.anchor, ctx, p.target) : undefined;
  const request: ScheduleRequest = {
    from: start,
    duration: durationWithParams(dl.duration, tgtParams),
    reminders: dl.reminders.map((d: Duration) => durationWithParams(d, tgtParams)),
    warnAtFraction: dl.warnAtFraction,
    notBefore: task.createdAt,
    ...(cap && 'from' in cap && dl.cap ? { cap: { from: cap.from, duration: durationWithParams(dl.cap.duration, tgtParams) } } : {}),
  };
  return {
    kind: 'deadline',
    node,
    taskId: task.id,
    fromDue: task.dueAt,
    reschedule: { request, pausedMs: pausedSince(p.pos.timeline, task.createdAt) },
    anchor: anchorLabel(dl.anchor, p.target),
    ...('missing' in anchored ? { anchorMissing: anchored.missing } : {}),
  };
}

/** A vote has begun once anyone voted, a tally was entered, a round was counted or the box is being read. */
function voteBegun(v: CasePosition['votes'][number]): boolean {
  return v.voted.length > 0 || v.pendingTally !== undefined || v.status !== 'collecting' || v.round > 1 || !!v.counting;
}

export function planMigration(pos: CasePosition, source: Definition, target: Definition, mapping: NodeMapping, expectedVersion = source.version): MigrationPlan {
  const p: PlanInput = { pos, source, target, mapping };
  const refusals: MigrationRefusal[] = [];
  const moves: TokenMove[] = [];
  const changes: MigrationChange[] = [];
  const backfill = backfillClockEvents(pos, target);
  const events = { ...pos.clockEvents, ...backfill };
  const at = pos.tokens.flatMap((t) => {
    const n = t.nodeId ? source.nodes.find((x) => x.id === t.nodeId) : undefined;
    return n ? [ref(n)] : [];
  });
  const plan = (): MigrationPlan => ({ ok: refusals.length === 0, at, fromVersion: source.version, toVersion: target.version, refusals, moves, changes, backfill });
  const refuse = (code: MigrationRefusalCode, message: string, node?: Node) => refusals.push({ code, message, ...(node ? { node: ref(node) } : {}) });

  if (pos.status !== 'running' && pos.status !== 'suspended') {
    refuse('CASE_ENDED', '案件已结束，无需迁移');
    return plan();
  }
  if (source.version !== expectedVersion) refuse('WRONG_VERSION', `本案当前为第 ${source.version} 版，不是第 ${expectedVersion} 版`);
  for (const problem of mappingProblems(source, target, mapping)) refuse(problem.nodeId ? 'NO_TARGET' : 'DEFINITION', problem.message);
  if (refusals.length > 0) return plan();
  if (pos.status === 'suspended') refuse('SUSPENDED', '案件已中止，请恢复后再迁移');
  if (pos.incidents.some((i) => !i.resolvedAt)) refuse('INCIDENT', '案件有待处理的自动流转异常，请先处理异常');
  if (pos.migrating) refuse('MIGRATING', '案件正在迁移');
  if (pos.tokens.some((t) => t.moving || t.jumpTo || t.moveTo)) refuse('IN_TRANSIT', '案件正在自动流转，请稍后再试');
  for (const n of target.nodes) {
    if (n.kind === 'subprocess' && !pos.subdefinitionKeys.includes(n.definitionKey)) {
      refuse('SUBPROCESS', `新版本引用了本案没有的子流程「${n.name}」`, n);
    }
  }
  const splitsEntered = new Set<string>();

  for (const token of pos.tokens) {
    if (!token.nodeId) continue;
    const node = source.nodes.find((n) => n.id === token.nodeId);
    if (!node) continue;
    const targetId = mappedTarget(target, mapping, node.id);
    const tnode = targetId ? target.nodes.find((n) => n.id === targetId) : undefined;
    if (!tnode) {
      refuse('NO_TARGET', `新版本中没有「${node.name}」，也没有为它指定目标环节`, node);
      continue;
    }
    // Parallel blocks: a token inside one must land inside the same block of the target (same split
    // and join), or on its join (the branch ends); a token outside must not land inside one.
    const before = enclosingBlocks(source, node.id);
    const after = enclosingBlocks(target, tnode.id);
    const inner = before[0];
    const endsBranch = !!inner && tnode.kind === 'gateway' && tnode.gateway === 'parallelJoin' && tnode.id === inner.join && sameBlocks(before.slice(1), after);
    if (!endsBranch && !sameBlocks(before, after)) {
      if (before.length === 0) refuse('PARALLEL_BRANCH', `目标环节「${tnode.name}」位于并行分支内，而本案的「${node.name}」不在并行分支中`, node);
      else refuse('PARALLEL_BRANCH', `「${node.name}」位于并行分支内，新版本中没有对应的并行分支`, node);
      continue;
    }
    if (inner) splitsEntered.add(inner.split);
    const openTasks = pos.tasks.filter((t) => t.tokenId === token.id && t.nodeId === node.id && isOpen(t));
    const vote = openTasks.map((t) => pos.votes.find((v) => v.taskId === t.id)).find((v) => v !== undefined);
    const keep = tnode.id === node.id && tnode.kind === node.kind;

    if (endsBranch || !keep) {
      // The wait is cancelled: refused where that loses what people have already done.
      if (node.kind === 'publicity') refuse('PUBLICITY', `「${node.name}」公示期未满，不能移出公示环节`, node);
      else if (node.kind === 'subprocess') refuse('SUBPROCESS', `「${node.name}」的子流程正在办理，不能移出该环节`, node);
      else if (vote && voteBegun(vote)) refuse('OPEN_VOTE', `「${node.name}」表决正在进行（已有投票或计票），不能移出该环节`, node);
      else if (openTasks.some((t) => t.signers?.some((s) => s.action))) refuse('COUNTERSIGN', `「${node.name}」会签已有人签署，移出该环节会丢失签署`, node);
      else if (endsBranch) {
        moves.push({ tokenId: token.id, from: ref(node), to: ref(tnode), mode: 'endBranch' });
        changes.push({ kind: 'branchEnded', node: ref(node), join: ref(tnode) });
      } else {
        moves.push({ tokenId: token.id, from: ref(node), to: ref(tnode), mode: 'move' });
        changes.push({ kind: 'moved', from: ref(node), to: ref(tnode) });
      }
      continue;
    }

    // Kept where it is: what the target changes about the node it waits on.
    if (tnode.name !== node.name) changes.push({ kind: 'renamed', from: ref(node), to: ref(tnode) });
    if (node.kind === 'vote' && tnode.kind === 'vote' && !same(node.vote, tnode.vote)) {
      if (vote && voteBegun(vote)) {
        refuse('OPEN_VOTE', `「${node.name}」表决正在进行（已有投票或计票），新版本改变了表决规则`, node);
        continue;
      }
      // Nobody has voted yet: the vote opens again under the new rules (voters, teller, deadline).
      moves.push({ tokenId: token.id, from: ref(node), to: ref(tnode), mode: 'reopen' });
      changes.push({ kind: 'reopened', node: ref(tnode) });
      continue;
    }
    if (node.kind === 'subprocess' && tnode.kind === 'subprocess' && (node.definitionKey !== tnode.definitionKey || !same(node.output, tnode.output))) {
      refuse('SUBPROCESS', `「${node.name}」的子流程正在办理，新版本改变了子流程或其结果的写回`, node);
      continue;
    }
    moves.push({ tokenId: token.id, from: ref(node), to: ref(tnode), mode: 'keep' });
    if (node.kind === 'timer' && tnode.kind === 'timer') {
      const timer = pos.timers.get(token.id);
      const startedAt = timer?.startedAt ?? [...pos.timeline].reverse().find((e) => e.type === 'timer.started' && e.nodeId === node.id)?.at;
      const params = resolveParams(target, pos.paramOverrides);
      if (timer && startedAt && !same(durationWithParams(node.duration, resolveParams(source, pos.paramOverrides)), durationWithParams(tnode.duration, params))) {
        changes.push({ kind: 'timer', node: ref(tnode), tokenId: token.id, fromDue: timer.dueAt, reschedule: { request: { from: startedAt, duration: durationWithParams(tnode.duration, params) }, pausedMs: pausedSince(pos.timeline, startedAt) } });
      }
    }
    if (node.kind === 'publicity' && tnode.kind === 'publicity') {
      const view = pos.publicity.find((v) => v.nodeId === node.id && !v.outcome);
      const params = resolveParams(target, pos.paramOverrides);
      if (view && !same(durationWithParams(node.period, resolveParams(source, pos.paramOverrides)), durationWithParams(tnode.period, params))) {
        changes.push({ kind: 'publicity', node: ref(tnode), fromEnd: view.endsAt, reschedule: { request: { from: view.startsAt, duration: durationWithParams(tnode.period, params) }, pausedMs: pausedSince(pos.timeline, view.startsAt) } });
      }
    }
    if ((node.kind === 'task' || node.kind === 'vote') && isHumanNode(tnode)) {
      for (const task of openTasks) {
        const countersignChanged = node.kind === 'task' && tnode.kind === 'task' && !same(node.countersign, tnode.countersign);
        if (!same(node.assignment, tnode.assignment) || countersignChanged) {
          if (task.signers?.some((s) => s.action)) {
            refuse('COUNTERSIGN', `「${node.name}」会签已有人签署，新版本改变了办理人或会签方式`, node);
            continue;
          }
          changes.push({ kind: 'assignees', node: ref(tnode), taskId: task.id, before: node.assignment, after: tnode.assignment });
        }
        const dc = deadlineChange(p, task, node, tnode, events);
        if (dc) changes.push(dc);
      }
    }
  }

  // A branch the target adds to a block the case is inside will not run: the split has already started its branches.
  for (const split of splitsEntered) {
    const had = new Set(outgoingEdges(source, split).map((e) => e.to));
    for (const e of outgoingEdges(target, split)) {
      const n = target.nodes.find((x) => x.id === e.to);
      if (n && !had.has(e.to)) changes.push({ kind: 'branchNotRun', node: ref(n) });
    }
  }
  return plan();
}
