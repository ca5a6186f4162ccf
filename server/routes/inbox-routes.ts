/** 待办 (one visibility query + memo), 已办 (task_history), 抄送 (cc). */
import { z } from 'zod';
import { ROUTES } from '../../api/routes.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { requirePrincipal } from '../auth/guard.js';
import type { Principal } from '../auth/principal.js';
import { IdSchema } from '../../dsl/schema.js';
import { inboxQuery } from '../cases/visibility-query.js';
import { listAll, procedureTitles, type CaseRow } from '../cases/listing.js';
import { memoTaskIsFor, type MemoTask } from '../../workflows/memo.js';
import { byDue, InboxQuery, InboxResponse, type InboxItem } from '../../api/index.js';
import { inDueWindow } from '../cases/due-window.js';


/** Whether this open task is the user's to act on now (the memo's rule, workflows/memo.ts). */
export function isMine(t: MemoTask, p: Principal): boolean {
  return memoTaskIsFor(t, { userId: p.id, grantKeys: p.grantKeys });
}

export function todoItems(rows: CaseRow[], p: Principal): InboxItem[] {
  return rows.flatMap((r) =>
    r.openTasks.filter((t) => isMine(t, p)).map((t) => ({
      caseId: r.summary.caseId,
      taskId: t.taskId,
      caseTitle: r.summary.title,
      procedure: r.summary.procedure,
      procedureTitle: r.summary.procedureTitle,
      nodeId: t.nodeId,
      nodeName: t.nodeName,
      kind: t.kind,
      status: t.status,
      dueAt: t.dueAt,
      health: r.summary.health,
      orgUnit: r.summary.orgUnit,
      orgUnitName: r.summary.orgUnitName,
      claimedBy: t.claimedBy,
      createdAt: t.createdAt,
    })),
  );
}

const iso = (v: unknown) => (v ? (v instanceof Date ? v : new Date(String(v))).toISOString() : null);

export const inboxRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get(
    ROUTES.inbox.path,
    {
      schema: {
        tags: ['inbox'],
        summary: '我的待办 / 已办 / 抄送',
        querystring: InboxQuery,
        response: { 200: InboxResponse },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const { tab, procedure, orgUnit, due } = req.query;
      const inUnit = (u: string) => !orgUnit || ctx.org.tree.isWithin(u, orgUnit);
      switch (tab) {
        case 'todo': {
          const rows = await listAll(ctx, inboxQuery(p.id, p.grantKeys), 5000);
          const dueOk = inDueWindow(due, new Date());
          const items = todoItems(rows, p).filter((i) => (!procedure || i.procedure === procedure) && inUnit(i.orgUnit) && dueOk(i.dueAt));
          return { items: items.sort(byDue) };
        }
        case 'done': {
          const rows = await ctx.db.query<Record<string, unknown>>(
            `SELECT DISTINCT ON (case_id, task_id) case_id, task_id, operation, case_title, procedure, node_id, node_name, kind, org_unit, at, task_created_at
             FROM task_history WHERE user_id = $1 ORDER BY case_id, task_id, at DESC`,
            [p.id],
          );
          const titles = await procedureTitles(ctx);
          const items = rows
            .map((r) => ({
              caseId: String(r.case_id),
              taskId: String(r.task_id ?? ''),
              caseTitle: String(r.case_title),
              procedure: String(r.procedure),
              procedureTitle: titles.get(String(r.procedure)),
              nodeId: String(r.node_id ?? ''),
              nodeName: String(r.node_name ?? ''),
              kind: String(r.kind ?? 'task'),
              status: 'done',
              operation: String(r.operation),
              dueAt: null,
              health: 'green',
              orgUnit: String(r.org_unit ?? ''),
              orgUnitName: ctx.org.tree.name(String(r.org_unit ?? '')),
              claimedBy: p.id,
              createdAt: iso(r.task_created_at) ?? iso(r.at)!,
              completedAt: iso(r.at),
            }))
            .filter((i) => (!procedure || i.procedure === procedure) && inUnit(i.orgUnit))
            .sort((a, b) => String(b.completedAt).localeCompare(String(a.completedAt)));
          return { items };
        }
        case 'cc': {
          const rows = await ctx.db.query<Record<string, unknown>>(
            `SELECT case_id, case_title, procedure, org_unit, from_user, note, created_at, read_at FROM cc WHERE user_id = $1 ORDER BY created_at DESC`,
            [p.id],
          );
          const titles = await procedureTitles(ctx);
          const items = rows
            .map((r) => ({
              caseId: String(r.case_id),
              taskId: '',
              caseTitle: String(r.case_title),
              procedure: String(r.procedure),
              procedureTitle: titles.get(String(r.procedure)),
              nodeId: '',
              nodeName: '',
              kind: 'task',
              status: 'cc',
              dueAt: null,
              health: 'green',
              orgUnit: String(r.org_unit ?? ''),
              orgUnitName: ctx.org.tree.name(String(r.org_unit ?? '')),
              claimedBy: null,
              createdAt: iso(r.created_at)!,
              fromUser: r.from_user ? String(r.from_user) : null,
              note: r.note ? String(r.note) : null,
            }))
            .filter((i) => (!procedure || i.procedure === procedure) && inUnit(i.orgUnit));
          return { items };
        }
        default: {
          const never: never = tab;
          return never;
        }
      }
    },
  );
};
