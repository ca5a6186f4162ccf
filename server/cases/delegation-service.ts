/**
 * 委托规则 (out of office): who may stand in for whom, and setting a rule up — optionally handing
 * the user's open tasks over at once (委托 on each, where the step allows it and the stand-in may
 * work on it).
 */
import { endOfShanghaiDay, shanghaiDate } from '../../activities/business-calendar.js';
import { isCaseworkRole } from '../auth/roles.js';
import { actorOf, type Principal } from '../auth/principal.js';
import type { AppContext } from '../context.js';
import { ApiError, validation } from '../errors.js';
import { getUser, listUsers } from '../users/users-repo.js';
import * as rules from '../../db/delegations.js';
import type { DelegationRule } from '../../db/delegations.js';
import type { DelegationRuleOut, PersonChoice } from '../../api/index.js';
import { personChoice } from './hand-off-people.js';
import { procedureTitles } from './listing.js';
import { rawState, runUpdate } from './case-service.js';
import { requireTaskEligible } from './hand-over.js';
import * as M from '../../workflows/messages.js';

/** The longest absence a rule may cover (a longer one is a change of post: 改派 the tasks instead). */
export const MAX_RULE_DAYS = 90;

/** Units where the user works (their staff grants): a stand-in must hold a casework role in one of them. */
const workUnits = (p: Pick<Principal, 'grants'>) => new Set(p.grants.filter((g) => isCaseworkRole(g.role)).map((g) => g.orgUnit));

/** Colleagues who may stand in for `p`: active users with a casework role in one of p's units. */
export async function standInCandidates(ctx: AppContext, p: Principal): Promise<PersonChoice[]> {
  const units = workUnits(p);
  const out: PersonChoice[] = [];
  for (const u of await listUsers(ctx.db, [...units])) {
    if (u.id === p.id || u.disabled) continue;
    const grant = u.grants.find((g) => isCaseworkRole(g.role) && units.has(g.orgUnit));
    if (grant) out.push(personChoice(ctx, u, grant));
  }
  return out;
}

export function ruleOut(r: DelegationRule, titles: Map<string, string>): DelegationRuleOut {
  const { revokedAt: _revoked, ...rest } = r;
  return { ...rest, procedureTitle: r.procedure ? (titles.get(r.procedure) ?? r.procedure) : null };
}

export async function listRules(ctx: AppContext, p: Principal): Promise<{ given: DelegationRuleOut[]; received: DelegationRuleOut[] }> {
  const all = await rules.rulesOf(ctx.db, p.id, new Date());
  const titles = await procedureTitles(ctx);
  return {
    given: all.filter((r) => r.fromUser === p.id).map((r) => ruleOut(r, titles)),
    received: all.filter((r) => r.toUser === p.id).map((r) => ruleOut(r, titles)),
  };
}

export interface NewRule {
  toUserId: string;
  startsOn: string;
  endsOn: string;
  procedure?: string;
  reason?: string;
  handOverOpenTasks: boolean;
}

export async function createRule(ctx: AppContext, p: Principal, body: NewRule): Promise<{ rule: DelegationRuleOut; handedOver: number; skipped: number }> {
  const today = shanghaiDate(new Date());
  const issues: { path: string[]; message: string }[] = [];
  if (body.startsOn < today) issues.push({ path: ['startsOn'], message: '开始日期不能早于今天' });
  if (body.endsOn < body.startsOn) issues.push({ path: ['endsOn'], message: '结束日期不能早于开始日期' });
  const startsAt = new Date(`${body.startsOn}T00:00:00+08:00`);
  const endsAt = endOfShanghaiDay(body.endsOn);
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) issues.push({ path: ['startsOn'], message: '日期无效' });
  else if (endsAt.getTime() - startsAt.getTime() > MAX_RULE_DAYS * 86_400_000) issues.push({ path: ['endsOn'], message: `委托期限最长 ${MAX_RULE_DAYS} 天；更长的请改派` });
  const candidates = await standInCandidates(ctx, p);
  if (!candidates.some((c) => c.id === body.toUserId)) {
    const u = await getUser(ctx.db, body.toUserId);
    issues.push({ path: ['toUserId'], message: u ? `${u.name} 不是您所在单位的工作人员，不能代您办理` : '找不到该用户' });
  }
  if (issues.length) throw validation(issues, issues[0]!.message);
  const clash = await rules.overlapping(ctx.db, p.id, startsAt.toISOString(), endsAt.toISOString(), body.procedure ?? null);
  if (clash.length) {
    const c = clash[0]!;
    throw new ApiError(409, 'DELEGATION_OVERLAPS', `该期间已委托给${c.toName}（${shanghaiDate(c.startsAt)} 至 ${shanghaiDate(new Date(Date.parse(c.endsAt) - 1))}），请先撤销`, [{ path: ['startsOn'], message: '与已有委托重叠' }]);
  }
  const id = await rules.insertRule(ctx.db, { fromUser: p.id, toUser: body.toUserId, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), procedure: body.procedure ?? null, reason: body.reason ?? null });
  const rule = (await rules.ruleById(ctx.db, id))!;
  let handedOver = 0;
  let skipped = 0;
  if (body.handOverOpenTasks && body.startsOn === today) ({ handedOver, skipped } = await handOverOpenTasks(ctx, p, rule));
  return { rule: ruleOut(rule, await procedureTitles(ctx)), handedOver, skipped };
}

/** 委托 of each open task the user holds now (of the rule's procedure), where the step and the stand-in allow it. */
async function handOverOpenTasks(ctx: AppContext, p: Principal, rule: DelegationRule): Promise<{ handedOver: number; skipped: number }> {
  // The user's 待办 as the read model holds it: open tasks they may act on, not claimed by another.
  const who = ['t.actors && $1::text[]'];
  const params: unknown[] = [[p.id]];
  if (p.grantKeys.length) (params.push(p.grantKeys), who.push(`t.roles && $${params.length}::text[]`));
  params.push(p.id);
  const where = [`t.status IN ('open', 'claimed')`, `c.status = 'running'`, `(${who.join(' OR ')})`, `(t.claimed_by IS NULL OR t.claimed_by = $${params.length})`];
  if (rule.procedure) (params.push(rule.procedure), where.push(`c.procedure = $${params.length}`));
  const open = await ctx.db.query<{ case_id: string; task_id: string }>(
    `SELECT t.case_id, t.task_id FROM proj_tasks t JOIN proj_cases c ON c.case_id = t.case_id WHERE ${where.join(' AND ')} ORDER BY t.created_at LIMIT 5000`,
    params,
  );
  let handedOver = 0;
  let skipped = 0;
  for (const { case_id: caseId, task_id: taskId } of open) {
    try {
      const state = await rawState(ctx, caseId);
      const names = await requireTaskEligible(ctx, state, taskId, [{ id: rule.toUser, path: ['toUserId'] }]);
      await runUpdate(ctx, p, caseId, M.delegateUpdate, { actor: actorOf(p), taskId, toUserId: rule.toUser, toName: names.get(rule.toUser), reason: rule.reason ?? '外出委托' }, { operation: 'delegate', taskId });
      handedOver += 1;
    } catch (err) {
      ctx.log.info({ err, caseId, taskId }, 'open task not handed over with the delegation rule');
      skipped += 1;
    }
  }
  return { handedOver, skipped };
}

export async function revokeRule(ctx: AppContext, p: Principal, id: string): Promise<void> {
  const rule = await rules.ruleById(ctx.db, id);
  if (!rule || (rule.fromUser !== p.id && !p.capabilities.includes('admin'))) throw new ApiError(404, 'NOT_FOUND', '找不到该委托');
  await rules.revokeRule(ctx.db, id);
}
