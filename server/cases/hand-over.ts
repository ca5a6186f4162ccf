/**
 * Checks that a task is handed only to eligible users (auth/eligibility.ts), and lists them for the
 * picker. Update validators cannot look users up: the API does, before the update is sent.
 */
import { isHumanNode, type HumanNode } from '../../dsl/schema.js';
import type { CaseState, TaskRecord } from '../../workflows/types.js';
import type { AppContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { ccEligibility, taskEligibility, type CaseScope, type HandOver } from '../auth/eligibility.js';
import { getUser, listUsers } from '../users/users-repo.js';
import { definitionOf, rawState } from './case-service.js';
import type { PersonChoice } from '../../api/index.js';
import { personChoice } from './hand-off-people.js';

/** The case's unit, its ancestors and every unit below it. */
export function caseScope(ctx: AppContext, state: Pick<CaseState, 'org'>): CaseScope {
  const o = state.org;
  return { units: new Set([o.unit, ...o.ancestors, ...(o.township ? [o.township] : []), ...(o.county ? [o.county] : []), ...ctx.org.tree.subtree(o.unit)]) };
}

async function taskAndNode(ctx: AppContext, state: CaseState, taskId: string): Promise<{ task: TaskRecord; node: HumanNode; def: Awaited<ReturnType<typeof definitionOf>> }> {
  const def = await definitionOf(ctx, state);
  const task = state.tasks.find((t) => t.id === taskId);
  if (!task) throw notFound('该任务');
  const node = def.nodes.find((n) => n.id === task.nodeId);
  if (!node || !isHumanNode(node)) throw notFound('该任务的环节');
  return { task, node, def };
}

const notEligible = (path: (string | number)[], reason: string, code = 'USER_NOT_ELIGIBLE') =>
  new ApiError(422, code, reason, [{ path, message: reason }]);

/** 422 unless every user may take over (or join) the task; their names by id otherwise (for the timeline). */
export async function requireTaskEligible(ctx: AppContext, state: CaseState, taskId: string, userIds: { id: string; path: (string | number)[] }[]): Promise<Map<string, string>> {
  const { task, node, def } = await taskAndNode(ctx, state, taskId);
  const scope = caseScope(ctx, state);
  const names = new Map<string, string>();
  for (const { id, path } of userIds) {
    const user = await getUser(ctx.db, id);
    const verdict = taskEligibility(user, task, node, def, scope);
    if (!verdict.ok) throw notEligible(path, user ? `不能交给该用户：${verdict.reason}` : `找不到用户 ${id}`, user ? 'USER_NOT_ELIGIBLE' : 'USER_UNKNOWN');
    names.set(id, (user as { name: string }).name);
  }
  return names;
}

/** 422 unless every recipient of a 抄送 is a casework user in the case's scope. */
export async function requireCcEligible(ctx: AppContext, state: CaseState, userIds: string[]): Promise<void> {
  const scope = caseScope(ctx, state);
  const issues: { path: (string | number)[]; message: string }[] = [];
  for (const [i, id] of userIds.entries()) {
    const user = await getUser(ctx.db, id);
    const verdict = ccEligibility(user, scope);
    if (!verdict.ok) issues.push({ path: ['userIds', i], message: user ? verdict.reason : `找不到用户 ${id}` });
  }
  if (issues.length) throw new ApiError(422, 'USER_NOT_ELIGIBLE', issues.length === 1 ? issues[0]!.message : '部分抄送对象不符合条件', issues);
}

/**
 * Users a task may be handed to, for the picker (the actor, current holders and signers left out);
 * for 减签, the signers who have not signed yet.
 */
export async function eligibleUsers(ctx: AppContext, state: CaseState, taskId: string, op: HandOver | 'removeSigner', actorId: string): Promise<PersonChoice[]> {
  const { task, node, def } = await taskAndNode(ctx, state, taskId);
  const scope = caseScope(ctx, state);
  const units = [...new Set([...scope.units, ...task.candidateGrants.map((g) => g.orgUnit)])];
  if (op === 'removeSigner') {
    const pending = new Set((task.signers ?? []).filter((s) => !s.action && s.userId !== actorId).map((s) => s.userId));
    const out: PersonChoice[] = [];
    for (const id of pending) {
      const u = await getUser(ctx.db, id);
      if (u) out.push(personChoice(ctx, u, u.grants.find((g) => units.includes(g.orgUnit)) ?? u.grants[0]));
    }
    return out;
  }
  const exclude = new Set([actorId, ...(op === 'addSigner' ? (task.signers ?? []).map((s) => s.userId) : task.claimedBy ? [task.claimedBy] : [])]);
  const out: PersonChoice[] = [];
  for (const u of await listUsers(ctx.db, units)) {
    if (exclude.has(u.id)) continue;
    const verdict = taskEligibility(u, task, node, def, scope);
    if (verdict.ok) out.push(personChoice(ctx, u, verdict.grant));
  }
  return out;
}

/**
 * 批量改派: the people every one of `tasks` may be handed to (each as `eligibleUsers` for 转办 —
 * so a task's own holder is never offered for it), in the first task's order. One state query per case.
 */
export async function commonEligibleUsers(ctx: AppContext, tasks: { caseId: string; taskId: string }[], actorId: string): Promise<PersonChoice[]> {
  const states = new Map<string, CaseState>();
  let common: PersonChoice[] | undefined;
  for (const { caseId, taskId } of tasks) {
    const state = states.get(caseId) ?? (await rawState(ctx, caseId));
    states.set(caseId, state);
    const people = await eligibleUsers(ctx, state, taskId, 'transfer', actorId);
    const ids = new Set(people.map((p) => p.id));
    common = common ? common.filter((p) => ids.has(p.id)) : people;
    if (common.length === 0) break;
  }
  return common ?? [];
}

/**
 * 422 unless `toUserId` may take every one of `tasks` (the same rule as the picker), naming the
 * first task they may not take and why; their name otherwise.
 */
export async function requireEligibleForAll(ctx: AppContext, tasks: { caseId: string; taskId: string; title: string }[], toUserId: string | undefined): Promise<string> {
  if (!toUserId) throw notEligible(['toUserId'], '请选择改派给谁', 'USER_REQUIRED');
  const user = await getUser(ctx.db, toUserId);
  if (!user) throw notEligible(['toUserId'], `找不到用户 ${toUserId}`, 'USER_UNKNOWN');
  const states = new Map<string, CaseState>();
  for (const { caseId, taskId, title } of tasks) {
    const state = states.get(caseId) ?? (await rawState(ctx, caseId));
    states.set(caseId, state);
    const { task, node, def } = await taskAndNode(ctx, state, taskId);
    const verdict = taskEligibility(user, task, node, def, caseScope(ctx, state));
    if (!verdict.ok) throw notEligible(['toUserId'], `不能把「${title}」改派给 ${user.name}：${verdict.reason}`);
    if (task.claimedBy === user.id) throw notEligible(['toUserId'], `「${title}」已由 ${user.name} 办理，无需改派`);
  }
  return user.name;
}
