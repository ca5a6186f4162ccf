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
import { requireTaskEligible } from '../cases/hand-over.js';
import { getUser } from '../users/users-repo.js';
import { withTemporalRetry } from '../../temporal/retry.js';
import { openCasesWithTasks, overduePage, stuckCases, type CaseWithTasks } from '../projection/case-query.js';
import { boardCounts, monitorCharts, processHeat } from '../projection/monitor-query.js';
import { BoardQuery, BoardSchema, KeyParams, BulkApplyResponse, BulkBody, BulkPreviewResponse, ChartsSchema, OverdueQuery, OverdueResponse, ProcessHeatQuery, ProcessHeatResponse, StuckQuery, StuckResponse, type BulkChange } from '../../api/index.js';

const HOUR = 3600_000;

type Bulk = z.infer<typeof BulkBody>;
type Change = BulkChange;

function planBulk(rows: CaseWithTasks[], b: Bulk): Change[] {
  const changes: Change[] = [];
  for (const r of rows) {
    const title = r.title;
    switch (b.op) {
      case 'reassign':
        for (const t of r.openTasks) {
          const holds = t.claimedBy === b.fromUserId || (!t.claimedBy && t.assignees.includes(b.fromUserId ?? ''));
          if (holds) changes.push({ caseId: r.caseId, taskId: t.taskId, title: `${title} · ${t.nodeName}`, before: b.fromUserId ?? '', after: b.toUserId ?? '' });
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

  app.post(ROUTES.bulkPreview.path, { schema: { tags: ['monitor'], summary: '批量操作预览', body: BulkBody, response: { 200: BulkPreviewResponse } } }, async (req) => {
    const p = requirePrincipal(req);
    return { changes: planBulk(await bulkTargets(ctx, p, req.body), req.body) };
  });

  app.post(ROUTES.bulkApply.path, { schema: { tags: ['monitor'], summary: '批量操作执行', body: BulkBody, response: { 200: BulkApplyResponse } } }, async (req) => {
    const p = requirePrincipal(req);
    const b = req.body;
    const actor = actorOf(p);
    if (b.op === 'reassign') {
      const to = b.toUserId ? await getUser(ctx.db, b.toUserId) : undefined;
      if (!to) throw validation([{ path: ['toUserId'], message: b.toUserId ? `找不到用户 ${b.toUserId}` : '请选择改派给谁' }], '改派对象无效');
      if (to.disabled) throw validation([{ path: ['toUserId'], message: `${to.name} 的账户已停用` }], '改派对象无效');
    }
    const failed: { caseId: string; message: string }[] = [];
    let applied = 0;
    for (const c of planBulk(await bulkTargets(ctx, p, b), b)) {
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
