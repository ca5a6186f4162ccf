/**
 * Token-based graph execution. A token walks nodes; after each node the routing picks the next
 * edge. A parallel split runs one child token per branch inside a cancellation scope: the branches
 * meet at the split's join; a branch that fails, ends the case or is sent back before the split
 * cancels its siblings. 退回 moves a token back to an earlier node of its own path. Every
 * automatic transition counts against the safety budget of engine/auto-budget.ts, so a loop of
 * gateways stops its own case with an incident instead of spinning the worker to death.
 */
import { CancellationScope, condition, isCancellation } from '@temporalio/workflow';
import { ExpressionBudgetError } from '../../dsl/expressions.js';
import type { Node, NodeOf } from '../../dsl/schema.js';
import { isWait, leaveNode, noteWait, retryAfterBudget } from './auto-budget.js';
import { nowIso } from './clock.js';
import { runPublicityNode } from './publicity-node.js';
import { chooseEdge, joinOf, parallelBranches } from './routing.js';
import type { CaseRuntime, TokenState } from './runtime.js';
import { runServiceNode } from './service-node.js';
import { CaseEnd, EngineStop, JumpOut, type Step } from './step.js';
import { runSubprocessNode } from './subprocess-node.js';
import { runTaskNode } from './tasks.js';
import { runTimerNode } from './timer-node.js';
import { runVoteNode } from './vote-node.js';

async function executeNode(rt: CaseRuntime, token: TokenState, node: Node, resumeTaskId?: string): Promise<Step> {
  switch (node.kind) {
    case 'start':
      return {};
    case 'end':
      return { end: node.outcome, nodeId: node.id };
    case 'task':
      return runTaskNode(rt, token, node, resumeTaskId);
    case 'vote':
      return runVoteNode(rt, token, node, resumeTaskId);
    case 'publicity':
      return runPublicityNode(rt, token, node);
    case 'timer':
      return runTimerNode(rt, token, node);
    case 'gateway':
      switch (node.gateway) {
        case 'exclusive':
        case 'parallelJoin':
          return {};
        case 'parallelSplit':
          return runSplit(rt, token, node);
        default: {
          const never: never = node.gateway;
          throw new EngineStop('UNKNOWN_GATEWAY', `未知的网关类型 ${String(never)}`, node.id);
        }
      }
    case 'service':
      return runServiceNode(rt, node);
    case 'subprocess':
      return runSubprocessNode(rt, node);
    default: {
      const never: never = node;
      throw new EngineStop('UNKNOWN_NODE', `未知的节点类型 ${JSON.stringify(never)}`);
    }
  }
}

function enter(rt: CaseRuntime, token: TokenState, node: Node): void {
  token.nodeId = node.id;
  token.since = nowIso();
  rt.markClockEvent('opened', node.id);
  rt.path.push(node.id);
  rt.progress();
  rt.record({ type: 'node.entered', actor: 'system', nodeId: node.id, detail: { name: node.name, token: token.id } });
  rt.changed();
}

function nextNode(rt: CaseRuntime, from: string, outcome: string | undefined): string {
  const choice = chooseEdge(rt.def, from, outcome, rt.exprContext(outcome));
  if (choice.conditionErrors.length > 0) {
    rt.record({ type: 'route.conditionError', actor: 'system', nodeId: from, detail: { errors: choice.conditionErrors } });
  }
  if (!choice.edge) {
    const name = rt.node(from).name;
    throw new EngineStop('NO_ROUTE', `「${name}」没有可走的出口（结果：${outcome ?? '无'}），流程无法继续`, from);
  }
  return choice.edge.to;
}

/**
 * Walk from `startId`. The root token walks until an end node (CaseEnd); a branch token returns
 * when it reaches a parallel join.
 */
export async function runPath(
  rt: CaseRuntime,
  token: TokenState,
  startId: string,
  branch: boolean,
  resume?: { taskId: string; since: string },
): Promise<string> {
  let nodeId = startId;
  let resuming = resume;
  const visited = new Set<string>();
  for (;;) {
    const node = rt.node(nodeId);
    if (branch && node.kind === 'gateway' && node.gateway === 'parallelJoin') return nodeId;
    if (rt.suspended) {
      // 中止: no token moves on until resumed.
      token.moving = false;
      try {
        await condition(() => !rt.suspended);
      } finally {
        token.moving = true;
      }
    }
    visited.add(nodeId);
    if (resuming) {
      // Continue-as-new: the token was already here in the previous run.
      token.nodeId = nodeId;
      token.since = resuming.since;
    } else enter(rt, token, node);
    const resumeTaskId = resuming?.taskId;
    let step: Step;
    try {
      step = await executeNode(rt, token, node, resumeTaskId);
    } catch (err) {
      // The node's own CEL (setData, subprocess input, split conditions) ran out of steps before it did anything.
      if (!(err instanceof ExpressionBudgetError)) throw err;
      step = await retryAfterBudget(rt, token, node.id, err, () => executeNode(rt, token, rt.node(node.id), resumeTaskId));
    }
    if (isWait(node)) noteWait(rt);
    resuming = undefined;
    if (token.moveTo) {
      // Migrated to another version (engine/migration.ts): its wait here was cancelled, it goes on
      // from the node the mapping names — inside its own branch, or its branch's join.
      nodeId = token.moveTo;
      token.moveTo = undefined;
      continue;
    }
    if (!('jump' in step)) rt.markClockEvent('completed', node.id, 'decidedAt' in step ? step.decidedAt : undefined);
    if ('end' in step) throw new CaseEnd(step.end, step.nodeId);
    if ('jump' in step) {
      token.jumpTo = undefined;
      if (branch && !visited.has(step.jump)) throw new JumpOut(step.jump);
      nodeId = step.jump;
      continue;
    }
    if ('next' in step) {
      const join = rt.node(step.next);
      visited.add(join.id);
      enter(rt, token, join);
      const next = leaveNode(rt, token, join.id, () => nextNode(rt, join.id, undefined));
      nodeId = typeof next === 'string' ? next : await next;
      continue;
    }
    const from = nodeId;
    const outcome = step.outcome;
    // Synchronous on the path every case takes (no extra microtask: recorded histories replay).
    const next = leaveNode(rt, token, from, () => nextNode(rt, from, outcome));
    nodeId = typeof next === 'string' ? next : await next;
  }
}

async function runSplit(rt: CaseRuntime, token: TokenState, split: NodeOf<'gateway'>): Promise<Step> {
  const joinId = joinOf(rt.def, split.id);
  if (!joinId) throw new EngineStop('NO_JOIN', `并行网关「${split.name}」没有对应的汇聚网关`, split.id);
  const { edges, conditionErrors } = parallelBranches(rt.def, split.id, rt.exprContext());
  if (conditionErrors.length > 0) rt.record({ type: 'route.conditionError', actor: 'system', nodeId: split.id, detail: { errors: conditionErrors } });
  if (edges.length === 0) throw new EngineStop('NO_ROUTE', `并行网关「${split.name}」没有可走的分支`, split.id);

  const children: TokenState[] = edges.map((_, i) => ({ id: `${token.id}.${i + 1}`, parentId: token.id, since: nowIso(), moving: true }));
  for (const c of children) rt.tokens.set(c.id, c);
  token.nodeId = undefined;
  token.moving = false;
  const scope = new CancellationScope();
  let failure: unknown;
  let cancelled: unknown;
  const remaining = new Set(children.map((c) => c.id));
  const finish = (c: TokenState) => {
    rt.tokens.delete(c.id);
    remaining.delete(c.id);
    if (remaining.size === 0) token.moving = true;
  };
  try {
    await scope.run(() =>
      Promise.all(
        children.map((c, i) =>
          runPath(rt, c, (edges[i] as { to: string }).to, true).then(
            () => finish(c),
            (err: unknown) => {
              finish(c);
              if (isCancellation(err)) cancelled ??= err;
              else if (failure === undefined) {
                failure = err;
                scope.cancel();
              }
            },
          ),
        ),
      ),
    );
  } finally {
    for (const c of children) rt.tokens.delete(c.id);
    token.moving = true;
  }
  if (failure !== undefined) {
    if (failure instanceof JumpOut) return { jump: failure.target };
    throw failure;
  }
  if (cancelled !== undefined) throw cancelled;
  return { next: joinId };
}
