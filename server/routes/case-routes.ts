/** Cases: start, list (visibility), detail (state query, masked), case-level engine actions, 抄送. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { requirePrincipal } from '../auth/guard.js';
import { actorOf } from '../auth/principal.js';
import { validation } from '../errors.js';
import { IdSchema } from '../../dsl/schema.js';
import * as M from '../../workflows/messages.js';
import { casePage } from '../projection/case-query.js';
import { rawState, runUpdate, startCase, visibleState } from '../cases/case-service.js';
import { CaseDetailSchema, CaseIdParam, CaseSummarySchema, NoContent, PageSize, SearchText, StateResponse, UnitId } from './shapes.js';
import { getUser } from '../users/users-repo.js';

const Params = z.object({ caseId: CaseIdParam });
const noActor = <T extends z.ZodObject>(s: T) => s.omit({ actor: true } as never) as unknown as z.ZodObject<Omit<T['shape'], 'actor'>>;

export const caseRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.post(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: '发起案件',
        body: z.object({
          procedure: IdSchema,
          version: z.number().int().positive().max(2_147_483_647).optional(),
          title: z.string().trim().min(1, { message: '请填写标题' }).max(200),
          orgUnit: UnitId,
          data: M.DataSchema.optional(),
          params: z.record(z.string(), z.unknown()).optional(),
        }),
        response: { 201: z.object({ caseId: z.string() }) },
      },
    },
    async (req, reply) => {
      const caseId = await startCase(ctx, requirePrincipal(req), req.body);
      return reply.code(201).send({ caseId });
    },
  );

  app.get(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: '案件列表（按管辖范围）',
        description: '管辖范围内的案件，以及本人发起或可办理的案件；可筛选、按标题搜索、排序，用 pageToken 取下一页。',
        querystring: z.object({
          procedure: IdSchema.optional(),
          orgUnit: UnitId.optional(),
          status: z.enum(['running', 'suspended', 'completed', 'withdrawn', 'terminated', 'failed', 'open']).optional(),
          health: z.enum(['green', 'yellow', 'red']).optional(),
          overdue: z.enum(['true', 'false']).optional(),
          assignee: z.string().min(1).max(64).regex(/^[A-Za-z0-9_.@:-]+$/).optional(),
          q: SearchText.optional(),
          sort: z.enum(['due', 'started', 'progress']).optional(),
          order: z.enum(['asc', 'desc']).optional(),
          pageSize: PageSize,
          pageToken: z.string().max(2000).optional(),
        }),
        response: { 200: z.object({ items: z.array(CaseSummarySchema), nextPageToken: z.string().nullable(), total: z.number().nullable() }) },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const f = req.query;
      if (f.orgUnit && !ctx.org.tree.get(f.orgUnit)) return { items: [], nextPageToken: null, total: 0 };
      return casePage(ctx, p, {
        procedure: f.procedure,
        orgUnit: f.orgUnit,
        status: f.status === 'open' ? ['running', 'suspended'] : f.status,
        health: f.health,
        overdue: f.overdue === 'true',
        assignee: f.assignee,
        q: f.q,
        sort: f.sort,
        order: f.order,
        pageSize: f.pageSize,
        pageToken: f.pageToken,
      });
    },
  );

  app.get('/api/cases/:caseId', { schema: { tags: ['cases'], summary: '案件详情', params: Params, response: { 200: CaseDetailSchema } } }, async (req) => {
    const p = requirePrincipal(req);
    const { state, definition } = await visibleState(ctx, p, await rawState(ctx, req.params.caseId));
    return {
      ...state,
      definition,
      procedureTitle: definition.title,
      orgUnitName: ctx.org.tree.name(state.org.unit) ?? state.org.unit,
      temporalUiUrl: `${ctx.temporalUiUrl}/namespaces/${ctx.temporal.namespace}/workflows/${encodeURIComponent(req.params.caseId)}`,
    };
  });

  const caseAction = <S extends z.ZodObject>(op: string, summary: string, schema: S, update: Parameters<typeof runUpdate>[3]) =>
    app.post(`/api/cases/:caseId/${op}`, { schema: { tags: ['cases'], summary, params: Params, body: noActor(schema), response: { 200: StateResponse } } }, async (req) => {
      const p = requirePrincipal(req);
      const s = await runUpdate(ctx, p, req.params.caseId, update, { ...(req.body as object), actor: actorOf(p) });
      return { state: (await visibleState(ctx, p, s)).state };
    });

  caseAction('withdraw', '撤回', M.WithdrawArgs, M.withdrawUpdate);
  caseAction('suspend', '中止', M.SuspendArgs, M.suspendUpdate);
  caseAction('resume', '恢复', M.ResumeArgs, M.resumeUpdate);
  caseAction('terminate', '终止', M.TerminateArgs, M.terminateUpdate);
  caseAction('extend', '延期', M.ExtendArgs, M.extendUpdate);
  caseAction('escalate', '督办升级', M.EscalateArgs, M.escalateUpdate);
  caseAction('urge', '催办', M.UrgeArgs, M.urgeUpdate);
  caseAction('objections', '登记异议', M.ObjectionArgs, M.objectionUpdate);

  app.post(
    '/api/cases/:caseId/cc',
    {
      schema: {
        tags: ['cases'],
        summary: '抄送',
        params: Params,
        body: z.object({ userIds: z.array(z.string().min(1).max(64)).min(1).max(50), note: z.string().trim().max(500).optional() }),
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const state = await rawState(ctx, req.params.caseId);
      const missing: { path: (string | number)[]; message: string }[] = [];
      for (const [i, id] of req.body.userIds.entries()) if (!(await getUser(ctx.db, id))) missing.push({ path: ['userIds', i], message: `找不到用户 ${id}` });
      if (missing.length) throw validation(missing);
      for (const id of req.body.userIds) {
        await ctx.db.query(
          `INSERT INTO cc(user_id, case_id, case_title, procedure, org_unit, from_user, note) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (user_id, case_id) DO UPDATE SET note = EXCLUDED.note, from_user = EXCLUDED.from_user, created_at = now(), read_at = NULL`,
          [id, state.caseId, state.title, state.definitionKey, state.org.unit, p.id, req.body.note ?? null],
        );
        await ctx.db.query(
          `INSERT INTO notifications(key, user_id, kind, title, message, case_id) VALUES ($1, $2, 'info', $3, $4, $5) ON CONFLICT DO NOTHING`,
          [`cc:${state.caseId}:${id}:${Date.now()}`, id, `抄送：${state.title}`, `${p.name} 抄送给您${req.body.note ? `：${req.body.note}` : ''}`, state.caseId],
        );
      }
      return reply.code(204).send(null);
    },
  );
};
