/**
 * Fault isolation inside a case (issue 14): a definition may loop through automatic nodes or
 * hold a CEL expression too costly to evaluate. Before, such a case spun in the worker's workflow
 * thread until the SDK's deadlock timeout hit, and Node aborted the whole process ("async hook
 * stack has become corrupted", nodejs/node#38503, temporalio/sdk-typescript#939) — API, worker and
 * every other case with it. Now the case stops itself with an incident instead:
 *
 *  - a budget of automatic steps: each token counts the edges it takes since the case last
 *    waited for a person or for time (a task, vote, publicity or timer node completed anywhere in
 *    the case); past AUTO_STEP_BUDGET it holds with the incident AUTO_LOOP_LIMIT;
 *  - a CEL expression that exhausts its step budget (dsl/expressions.ts) holds the token with
 *    EXPRESSION_BUDGET, where it used to route as if the condition were false.
 *
 * An incident makes the case red, puts it on the monitor's stuck list (the memo carries it) and
 * waits for `resolveIncident` by a supervisor, who may hand the case a corrected published
 * version of its definition; the token then retries the step where it stopped, with a fresh
 * budget. Both limits only change what a case does when it would otherwise have run away, and
 * each is taken behind its own patch the first time it trips, so recorded histories replay
 * unchanged and cases that never hit a limit record no marker.
 */
import { condition, patched } from '@temporalio/workflow';
import { ExpressionBudgetError, withoutExpressionBudget } from '../../dsl/expressions.js';
import type { Node } from '../../dsl/schema.js';
import type { CaseIncident } from '../types.js';
import { nowIso } from './clock.js';
import type { CaseRuntime, TokenState } from './runtime.js';

/** Automatic steps a token may take between two waits: far above any real chain of gateways and service calls. */
export const AUTO_STEP_BUDGET = 200;

/** Patch ids (the `safety-` prefix is this feature's). */
export const AUTO_BUDGET_PATCH = 'safety-auto-budget';
export const CEL_BUDGET_PATCH = 'safety-cel-budget';

/** Node kinds where a token waits for a person or for time. */
export function isWait(node: Node): boolean {
  return node.kind === 'task' || node.kind === 'vote' || node.kind === 'publicity' || node.kind === 'timer';
}

/** A wait node finished somewhere in the case: every token's count starts again. */
export function noteWait(rt: CaseRuntime): void {
  rt.waitEpoch += 1;
}

/** Counts one automatic step of `token`; true once it is over the budget (and the patch applies). */
function overBudget(rt: CaseRuntime, token: TokenState): boolean {
  if (token.waitEpoch !== rt.waitEpoch) {
    token.waitEpoch = rt.waitEpoch;
    token.autoSteps = 0;
  }
  token.autoSteps = (token.autoSteps ?? 0) + 1;
  // Checked only when the budget trips: a case that never loops records no marker.
  return token.autoSteps > AUTO_STEP_BUDGET && patched(AUTO_BUDGET_PATCH);
}

/** Holds `token` at `nodeId` with an open incident until a supervisor resolves it. */
export async function holdForIncident(rt: CaseRuntime, token: TokenState, code: CaseIncident['code'], nodeId: string, message: string): Promise<void> {
  const incident: CaseIncident = { id: rt.nextId('incident'), code, message, nodeId, nodeName: rt.node(nodeId).name, tokenId: token.id, at: nowIso() };
  rt.incidents.push(incident);
  rt.record({ type: 'case.incident', actor: 'system', nodeId, comment: message, detail: { code, incidentId: incident.id } });
  token.moving = false;
  rt.changed();
  try {
    await condition(() => incident.resolvedAt !== undefined);
  } finally {
    token.moving = true;
  }
  token.autoSteps = 0;
  rt.progress();
  rt.changed();
}

function loopMessage(rt: CaseRuntime, nodeId: string): string {
  return `自动环节循环超过上限：案件在「${rt.node(nodeId).name}」一带连续自动流转 ${AUTO_STEP_BUDGET} 步，仍未到达需要有人办理或等待时间的环节，已停止自动流转。请修正流程定义（或案件数据）后由督办人员恢复`;
}

function budgetMessage(rt: CaseRuntime, nodeId: string, err: ExpressionBudgetError): string {
  return `「${rt.node(nodeId).name}」的${err.message}。已停止自动流转，请修正流程定义后由督办人员恢复`;
}

/**
 * The token leaves `from` by an automatic transition (`route` picks the next node and may
 * evaluate conditions): counted against the budget. Synchronous unless the case must stop — no
 * extra microtask in the path every case takes, so the order of commands in a history stays
 * exactly as recorded. Over the budget, or when a condition exhausts its expression budget, the
 * case holds at `from`; once resolved it routes again from there (with the corrected definition).
 */
export function leaveNode(rt: CaseRuntime, token: TokenState, from: string, route: () => string): string | Promise<string> {
  if (overBudget(rt, token)) return holdThen(rt, token, 'AUTO_LOOP_LIMIT', from, loopMessage(rt, from), () => leaveNode(rt, token, from, route));
  try {
    return route();
  } catch (err) {
    if (!(err instanceof ExpressionBudgetError)) throw err;
    // A case recorded before the budget decides as it did then.
    if (!patched(CEL_BUDGET_PATCH)) return withoutExpressionBudget(route);
    return holdThen(rt, token, 'EXPRESSION_BUDGET', from, budgetMessage(rt, from, err), () => leaveNode(rt, token, from, route));
  }
}

/**
 * A node whose own CEL (setData, subprocess input, parallel split conditions) exhausted its
 * budget before it did anything else: hold, then run it again; or, in a case recorded before the
 * budget, run it again without the budget.
 */
export async function retryAfterBudget<T>(rt: CaseRuntime, token: TokenState, nodeId: string, err: ExpressionBudgetError, attempt: () => Promise<T>): Promise<T> {
  if (!patched(CEL_BUDGET_PATCH)) return withoutExpressionBudget(attempt);
  await holdForIncident(rt, token, 'EXPRESSION_BUDGET', nodeId, budgetMessage(rt, nodeId, err));
  try {
    return await attempt();
  } catch (again) {
    if (again instanceof ExpressionBudgetError) return retryAfterBudget(rt, token, nodeId, again, attempt);
    throw again;
  }
}

async function holdThen(rt: CaseRuntime, token: TokenState, code: CaseIncident['code'], nodeId: string, message: string, next: () => string | Promise<string>): Promise<string> {
  await holdForIncident(rt, token, code, nodeId, message);
  return next();
}

/** Open incidents (not yet resolved). */
export function openIncidents(rt: CaseRuntime): CaseIncident[] {
  return rt.incidents.filter((i) => i.resolvedAt === undefined);
}
