/**
 * The supervisor's board: counts by health × org unit × procedure, overdue and stuck lists,
 * per-node heat of one procedure, charts, and bulk reassign/urge/extend/escalate with preview.
 * Every query is limited to the supervisor's own org subtree.
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
import { caseQuery } from '../cases/visibility-query.js';
import { listAll, type CaseRow } from '../cases/listing.js';
import { monitorBoard } from '../cases/board.js';
import { rawState, runUpdate } from '../cases/case-service.js';
import { requireTaskEligible } from '../cases/hand-over.js';
import { getUser } from '../users/users-repo.js';
import { withTemporalRetry } from '../../temporal/retry.js';
import { BoardQuery, BoardSchema, KeyParams, BulkApplyResponse, BulkBody, BulkPreviewResponse, ChartsSchema, OverdueResponse, ProcessHeatQuery, ProcessHeatResponse, StuckQuery, StuckResponse, type BulkChange, type StuckCase } from '../../api/index.js';

const OPEN = ['running', 'suspended'];
const HOUR = 3600_000;

async function openCases(ctx: AppContext, p: Principal, f: { procedure?: string; orgUnit?: string } = {}): Promise<CaseRow[]> {
  return listAll(ctx, caseQuery({ scope: p.grantUnits, procedure: f.procedure, orgUnit: f.orgUnit, status: OPEN }));
}

type Bulk = z.infer<typeof BulkBody>;
type Change = BulkChange;

function planBulk(rows: CaseRow[], b: Bulk): Change[] {
  const changes: Change[] = [];
  for (const r of rows) {
    const title = r.summary.title;
    switch (b.op) {
      case 'reassign':
        for (const t of r.openTasks) {
          const holds = t.claimedBy === b.fromUserId || (!t.claimedBy && t.assignees.includes(b.fromUserId ?? ''));
          if (holds) changes.push({ caseId: r.summary.caseId, taskId: t.taskId, title: `${title} · ${t.nodeName}`, before: b.fromUserId ?? '', after: b.toUserId ?? '' });
        }
        break;
      case 'urge':
        for (const t of r.openTasks) changes.push({ caseId: r.summary.caseId, taskId: t.taskId, title: `${title} · ${t.nodeName}`, before: '未催办', after: '已催办' });
        break;
      case 'extend':
        for (const t of r.openTasks) {
          if (!t.dueAt) continue;
          changes.push({ caseId: r.summary.caseId, taskId: t.taskId, title: `${title} · ${t.nodeName}`, before: t.dueAt, after: `+${b.amount ?? 0} ${b.unit ?? 'calendarDays'}` });
        }
        break;
      case 'escalate':
        changes.push({ caseId: r.summary.caseId, taskId: null, title, before: r.summary.health, after: 'red' });
        break;
      default: {
        const never: never = b.op;
        throw new Error(String(never));
      }
    }
  }
  return changes;
}

async function bulkTargets(ctx: AppContext, p: Principal, b: Bulk): Promise<CaseRow[]> {
  const rows = await listAll(
    ctx,
    caseQuery({
      scope: p.grantUnits,
      status: 'running',
      procedure: b.filter?.procedure,
      orgUnit: b.filter?.orgUnit,
      health: b.filter?.health,
      overdueAt: b.filter?.overdue ? new Date() : undefined,
      assignee: b.op === 'reassign' ? b.fromUserId : undefined,
    }),
  );
  return b.caseIds ? rows.filter((r) => b.caseIds!.includes(r.summary.caseId)) : rows;
}

export const monitorRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get(
    ROUTES.board.path,
    { schema: { tags: ['monitor'], summary: '红黄绿灯看板', querystring: BoardQuery,
        response: { 200: BoardSchema },
      },
    },
    async (req) => monitorBoard(ctx, requirePrincipal(req), req.query),
  );

  app.get(ROUTES.overdue.path, { schema: { tags: ['monitor'], summary: '超期案件', response: { 200: OverdueResponse } } }, async (req) => {
    const p = requirePrincipal(req);
    const rows = await listAll(ctx, caseQuery({ scope: p.grantUnits, status: 'running', overdueAt: new Date() }));
    return { items: rows.map((r) => r.summary).sort((a, b) => String(a.nextDueAt).localeCompare(String(b.nextDueAt))) };
  });

  app.get(
    ROUTES.stuck.path,
    { schema: { tags: ['monitor'], summary: '停滞案件', querystring: StuckQuery,
        response: { 200: StuckResponse },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const since = new Date(Date.now() - req.query.days * 24 * HOUR);
      const items: StuckCase[] = [];
      const seen = new Set<string>();
      // Cases that stopped themselves (自动环节循环超过上限 …) are stuck whatever their age; they are red.
      for (const r of await listAll(ctx, caseQuery({ scope: p.grantUnits, status: 'running', health: 'red' }))) {
        if (!r.incident) continue;
        seen.add(r.summary.caseId);
        items.push({ ...r.summary, reason: `${r.incident.message}（停在「${r.incident.nodeName}」）` });
      }
      for (const r of await listAll(ctx, caseQuery({ scope: p.grantUnits, status: 'running', noProgressSince: since }))) {
        if (seen.has(r.summary.caseId)) continue;
        seen.add(r.summary.caseId);
        const waiting = r.openTasks.length === 0;
        items.push({ ...r.summary, reason: waiting ? `等待外部事件超过 ${req.query.days} 天` : `超过 ${req.query.days} 天无进展` });
      }
      // An activity failing again and again shows only in describe(): check cases quiet for an hour, at most 200.
      const quiet = await listAll(ctx, caseQuery({ scope: p.grantUnits, status: 'running', noProgressSince: new Date(Date.now() - HOUR) }), 200);
      for (const r of quiet) {
        if (seen.has(r.summary.caseId)) continue;
        const d = await withTemporalRetry(() => ctx.temporal.client.workflow.getHandle(r.summary.caseId).describe()).catch(() => undefined);
        const failing = d?.raw.pendingActivities?.find((a) => (a.attempt ?? 0) >= 3);
        if (failing) items.push({ ...r.summary, reason: `自动环节反复失败（第 ${failing.attempt} 次重试）：${failing.lastFailure?.message ?? ''}` });
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
      const p = requirePrincipal(req);
      let rows = await openCases(ctx, p, { procedure: req.params.key });
      if (req.query.version) rows = rows.filter((r) => r.summary.version === req.query.version);
      const now = Date.now();
      const byNode = new Map<string, { cases: Set<string>; waits: number[] }>();
      for (const r of rows) {
        for (const t of r.openTasks) {
          const n = byNode.get(t.nodeId) ?? { cases: new Set(), waits: [] };
          n.cases.add(r.summary.caseId);
          n.waits.push((now - Date.parse(t.createdAt)) / HOUR);
          byNode.set(t.nodeId, n);
        }
      }
      const round = (x: number) => Math.round(x * 10) / 10;
      return {
        nodes: [...byNode.entries()].map(([nodeId, n]) => ({
          nodeId,
          openCases: n.cases.size,
          avgWaitHours: round(n.waits.reduce((a, b) => a + b, 0) / n.waits.length),
          maxWaitHours: round(Math.max(...n.waits)),
        })),
      };
    },
  );

  app.get(ROUTES.charts.path, {
      schema: {
        tags: ['monitor'],
        summary: '统计图表',
        response: { 200: ChartsSchema },
      },
    }, async (req) => {
    const p = requirePrincipal(req);
    const rows = await openCases(ctx, p);
    const byStage = new Map<string, number>();
    for (const r of rows) byStage.set(r.summary.stage || '（无）', (byStage.get(r.summary.stage || '（无）') ?? 0) + 1);
    const timePerNode = await ctx.db.query<{ procedure: string; node_id: string; node_name: string; avg_hours: number | string }>(
      `SELECT procedure, node_id, max(node_name) AS node_name, avg(extract(epoch FROM (at - task_created_at)) / 3600) AS avg_hours
       FROM task_history WHERE operation = 'complete' AND task_created_at IS NOT NULL AND org_unit = ANY($1)
       GROUP BY procedure, node_id ORDER BY procedure, node_id`,
      [[...p.scopeUnits]],
    );
    // Overdue trend: open cases by the day their earliest task fell due (last 14 days, Asia/Shanghai).
    const trend = new Map<string, number>();
    const now = Date.now();
    for (let i = 13; i >= 0; i--) trend.set(new Date(now - i * 24 * HOUR + 8 * HOUR).toISOString().slice(0, 10), 0);
    for (const r of rows) {
      if (!r.summary.nextDueAt || Date.parse(r.summary.nextDueAt) > now) continue;
      const day = new Date(Date.parse(r.summary.nextDueAt) + 8 * HOUR).toISOString().slice(0, 10);
      if (trend.has(day)) trend.set(day, (trend.get(day) ?? 0) + 1);
    }
    return {
      byStage: [...byStage.entries()].map(([stage, count]) => ({ stage, count })),
      timePerNode: timePerNode.map((r) => ({ procedure: r.procedure, nodeId: r.node_id, nodeName: r.node_name, avgHours: Math.round(Number(r.avg_hours) * 10) / 10 })),
      overdueTrend: [...trend.entries()].map(([date, count]) => ({ date, count })),
    };
  });

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
