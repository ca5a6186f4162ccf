/**
 * The supervisor's board: counts by health × org unit × procedure, overdue and stuck lists,
 * per-node heat of one procedure, charts, and bulk reassign/urge/extend/escalate with preview.
 * Every query reads the read model (server/projection) within the supervisor's own org subtree.
 */
import { z } from 'zod';
import { ROUTES } from '../../api/routes.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { requirePrincipal } from '../auth/guard.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { fromTemporalError, validation } from '../errors.js';
import { IdSchema } from '../../dsl/schema.js';
import * as M from '../../workflows/messages.js';
import { rawState, runUpdate } from '../cases/case-service.js';
import { commonEligibleUsers, requireEligibleForAll, requireTaskEligible } from '../cases/hand-over.js';
import { personChoice } from '../cases/hand-off-people.js';
import { getUser, type UserRecord } from '../users/users-repo.js';
import { withTemporalRetry } from '../../temporal/retry.js';
import { openCasesWithTasks, overduePage, stuckCases, type CaseWithTasks } from '../projection/case-query.js';
import { boardCounts, monitorCharts, processHeat } from '../projection/monitor-query.js';
import { BoardQuery, BoardSchema, KeyParams, BulkApplyResponse, BulkBody, BulkPeopleBody, BulkPeopleResponse, BulkPreviewResponse, ChartsSchema, OverdueQuery, OverdueResponse, ProcessHeatQuery, ProcessHeatResponse, StuckQuery, StuckResponse, type BulkChange } from '../../api/index.js';

const HOUR = 3600_000;

type Bulk = z.infer<typeof BulkBody>;
type Change = BulkChange;

function planBulk(rows: CaseWithTasks[], b: Bulk): Change[] {
  const changes: Change[] = [];
  for (const r of rows) {
    const title = r.title;
    switch (b.op) {
      case 'reassign':
        // Without 原办理人: every open task of the chosen cases.
        for (const t of r.openTasks) {
          const holds = !b.fromUserId || t.claimedBy === b.fromUserId || (!t.claimedBy && t.assignees.includes(b.fromUserId));
          if (holds) changes.push({ caseId: r.caseId, taskId: t.taskId, title: `${title} · ${t.nodeName}`, before: holdersOf(t).join(','), after: b.toUserId ?? '' });
        }
        break;
      case 'urge':
        for (const t of r.openTasks) changes.push({ caseId: r.caseId, taskId: t.taskId, title: `${title} · ${t.nodeName}`, before: '未催办', after: '已催办' });
        break;
      case 'extend':
        for (const t of r.openTasks) {
          if (!t.dueAt) continue;
          changes.push({ caseId: r.caseId, taskId: t.taskId, title: `${title} · ${t.nodeName}`, before: t.dueAt, after: `+${b.amount ?? 0} ${b.unit ?? 'calendarDays'}` });
        }
        break;
      case 'escalate':
        changes.push({ caseId: r.caseId, taskId: null, title, before: r.health, after: 'red' });
        break;
      default: {
        const never: never = b.op;
        throw new Error(String(never));
      }
    }
  }
  return changes;
}

/** Who holds a task now: its claimant, else the people it is offered to by name (none for a role's pool). */
function holdersOf(t: CaseWithTasks['openTasks'][number]): string[] {
  return t.claimedBy ? [t.claimedBy] : t.assignees;
}

async function usersById(ctx: AppContext, ids: Iterable<string>): Promise<Map<string, UserRecord>> {
  const out = new Map<string, UserRecord>();
  for (const id of new Set(ids)) {
    const u = await getUser(ctx.db, id);
    if (u) out.set(id, u);
  }
  return out;
}

/** 批量改派 moves every open task of the chosen cases only when they are chosen one by one. */
function requireReassignScope(b: Pick<Bulk, 'caseIds' | 'fromUserId'>): void {
  if (!b.fromUserId && !b.caseIds?.length) throw validation([{ path: ['caseIds'], message: '请先勾选要改派的案件，或选择原办理人' }], '改派范围无效');
}

function bulkTargets(ctx: AppContext, p: Principal, b: Bulk): Promise<CaseWithTasks[]> {
  return openCasesWithTasks(ctx, p, {
    status: 'running',
    procedure: b.filter?.procedure,
    orgUnit: b.filter?.orgUnit,
    health: b.filter?.health,
    overdue: b.filter?.overdue,
    assignee: b.op === 'reassign' ? b.fromUserId : undefined,
    caseIds: b.caseIds,
  });
}

export const monitorRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get(
    ROUTES.board.path,
    { schema: { tags: ['monitor'], summary: '红黄绿灯看板', querystring: BoardQuery,
        response: { 200: BoardSchema },
      },
    },
    async (req) => boardCounts(ctx, requirePrincipal(req), req.query),
  );

  app.get(
    ROUTES.overdue.path,
    { schema: { tags: ['monitor'], summary: '超期案件', querystring: OverdueQuery, response: { 200: OverdueResponse } } },
    async (req) => overduePage(ctx, requirePrincipal(req), req.query.pageSize, req.query.pageToken),
  );

  app.get(
    ROUTES.stuck.path,
    { schema: { tags: ['monitor'], summary: '停滞案件', querystring: StuckQuery,
        response: { 200: StuckResponse },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const since = new Date(Date.now() - req.query.days * 24 * HOUR);
      const items = await stuckCases(ctx, p, since, req.query.days);
      const seen = new Set(items.map((i) => i.caseId));
      // An activity failing again and again shows only in Temporal (describe): cases quiet for an hour with no open task, at most 200.
      const quiet = (await stuckCases(ctx, p, new Date(Date.now() - HOUR), 0, 200)).filter((r) => !seen.has(r.caseId) && r.reason.startsWith('等待外部事件'));
      for (const r of quiet) {
        const d = await withTemporalRetry(() => ctx.temporal.client.workflow.getHandle(r.caseId).describe()).catch(() => undefined);
        const failing = d?.raw.pendingActivities?.find((a) => (a.attempt ?? 0) >= 3);
        if (failing) items.push({ ...r, reason: `自动环节反复失败（第 ${failing.attempt} 次重试）：${failing.lastFailure?.message ?? ''}` });
      }
      return { items };
    },
  );

  app.get(
    ROUTES.processHeat.path,
    { schema: { tags: ['monitor'], summary: '流程热力（各环节积压）', params: KeyParams, querystring: ProcessHeatQuery,
        response: { 200: ProcessHeatResponse },
      },
    },
    async (req) => {
      return { nodes: await processHeat(ctx, requirePrincipal(req), req.params.key, req.query.version) };
    },
  );

  app.get(ROUTES.charts.path, {
      schema: {
        tags: ['monitor'],
        summary: '统计图表',
        response: { 200: ChartsSchema },
      },
    }, async (req) => monitorCharts(ctx, requirePrincipal(req)));

  app.post(
    ROUTES.bulkPeople.path,
    { schema: { tags: ['monitor'], summary: '批量改派的可选人员', description: '可接手全部所选任务的人员（每项任务各自的转办条件之交集），以及这些任务的当前办理人。', body: BulkPeopleBody, response: { 200: BulkPeopleResponse } } },
    async (req) => {
      const p = requirePrincipal(req);
      const b: Bulk = { ...req.body, op: 'reassign', reason: '-' };
      requireReassignScope(b);
      const rows = await bulkTargets(ctx, p, b);
      const tasks = planBulk(rows, b).map((c) => ({ caseId: c.caseId, taskId: c.taskId! }));
      const holderIds = rows.flatMap((r) => r.openTasks.flatMap(holdersOf));
      const holders = [...(await usersById(ctx, holderIds)).values()].map((u) => personChoice(ctx, u, u.grants[0]));
      return { items: tasks.length ? await commonEligibleUsers(ctx, tasks, p.id) : [], holders, tasks: tasks.length };
    },
  );

  app.post(ROUTES.bulkPreview.path, { schema: { tags: ['monitor'], summary: '批量操作预览', body: BulkBody, response: { 200: BulkPreviewResponse } } }, async (req) => {
    const p = requirePrincipal(req);
    const b = req.body;
    if (b.op === 'reassign') requireReassignScope(b);
    const changes = planBulk(await bulkTargets(ctx, p, b), b);
    if (b.op !== 'reassign') return { changes };
    // Refused before anything is shown when the chosen person may not take every task; names, never ids.
    const toName = await requireEligibleForAll(ctx, changes.map((c) => ({ caseId: c.caseId, taskId: c.taskId!, title: c.title })), b.toUserId);
    const names = await usersById(ctx, changes.flatMap((c) => (c.before ? c.before.split(',') : [])));
    return { changes: changes.map((c) => ({ ...c, before: c.before ? c.before.split(',').map((id) => names.get(id)?.name ?? '—').join('、') : '', after: toName })) };
  });

  app.post(ROUTES.bulkApply.path, { schema: { tags: ['monitor'], summary: '批量操作执行', body: BulkBody, response: { 200: BulkApplyResponse } } }, async (req) => {
    const p = requirePrincipal(req);
    const b = req.body;
    const actor = actorOf(p);
    if (b.op === 'reassign') requireReassignScope(b);
    const plan = planBulk(await bulkTargets(ctx, p, b), b);
    // The whole batch is refused when the person may not take every task (as the preview); each task is checked again as it is moved.
    if (b.op === 'reassign') await requireEligibleForAll(ctx, plan.map((c) => ({ caseId: c.caseId, taskId: c.taskId!, title: c.title })), b.toUserId);
    const failed: { caseId: string; message: string }[] = [];
    let applied = 0;
    for (const c of plan) {
      try {
        switch (b.op) {
          case 'reassign':
            // Each task only to someone who may work on it in that case's units (hand-over.ts).
            await requireTaskEligible(ctx, await rawState(ctx, c.caseId), c.taskId!, [{ id: b.toUserId!, path: ['toUserId'] }]);
            await runUpdate(ctx, p, c.caseId, M.transferUpdate, { actor, taskId: c.taskId!, toUserId: b.toUserId!, reason: b.reason });
            break;
          case 'urge':
            await runUpdate(ctx, p, c.caseId, M.urgeUpdate, { actor, taskId: c.taskId!, comment: b.reason });
            break;
          case 'extend':
            await runUpdate(ctx, p, c.caseId, M.extendUpdate, { actor, taskId: c.taskId!, amount: b.amount ?? 1, unit: b.unit ?? 'calendarDays', reason: b.reason });
            break;
          case 'escalate':
            await runUpdate(ctx, p, c.caseId, M.escalateUpdate, { actor, reason: b.reason });
            break;
          default: {
            const never: never = b.op;
            throw new Error(String(never));
          }
        }
        applied += 1;
      } catch (err) {
        failed.push({ caseId: c.caseId, message: fromTemporalError(err)?.message ?? String((err as Error).message) });
      }
    }
    return { applied, failed };
  });
};
