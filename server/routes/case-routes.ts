/** Cases: start, list (visibility), detail (state query, masked), case-level engine actions, 抄送. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { requirePrincipal } from '../auth/guard.js';
import { actorOf } from '../auth/principal.js';
import { validation } from '../errors.js';
import { IdSchema } from '../../dsl/schema.js';
import * as M from '../../workflows/messages.js';
import { caseQuery } from '../cases/visibility-query.js';
import { listPage } from '../cases/listing.js';
import { rawState, runUpdate, startCase, visibleState } from '../cases/case-service.js';
import { CaseDetailSchema, CaseIdParam, CaseSummarySchema, NoContent, StateResponse, UnitId } from './shapes.js';
import { getUser } from '../users/users-repo.js';
import * as store from '../definitions/store.js';
import { notFound } from '../errors.js';
import { requireCcEligible } from '../cases/hand-over.js';
import { requireExtensionAllowed } from '../cases/extension.js';

const Params = z.object({ caseId: CaseIdParam });

/**
 * Cases the user acted on (已办), received (抄送) or is the subject of (the 信访人), most recent first: listed as theirs whatever
 * their unit. Bounded: the query string to Temporal stays small.
 */
async function involvedCaseIds(ctx: AppContext, userId: string): Promise<string[]> {
  const rows = await ctx.db.query<{ case_id: string }>(
    `SELECT case_id FROM (SELECT case_id, max(at) AS at FROM task_history WHERE user_id = $1 GROUP BY case_id
       UNION ALL SELECT case_id, created_at AS at FROM cc WHERE user_id = $1
       UNION ALL SELECT case_id, created_at AS at FROM case_parties WHERE user_id = $1) x
     GROUP BY case_id ORDER BY max(at) DESC LIMIT 200`,
    [userId],
  );
  return rows.map((r) => r.case_id).filter((id) => /^[A-Za-z0-9_.@:+-]+$/.test(id));
}
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
        querystring: z.object({
          procedure: IdSchema.optional(),
          orgUnit: UnitId.optional(),
          status: z.enum(['running', 'suspended', 'completed', 'withdrawn', 'terminated', 'failed']).optional(),
          health: z.enum(['green', 'yellow', 'red']).optional(),
          overdue: z.enum(['true', 'false']).optional(),
          assignee: z.string().min(1).max(64).regex(/^[A-Za-z0-9_.@:-]+$/).optional(),
          q: z.string().trim().max(100).optional(),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
          pageToken: z.string().max(2000).optional(),
        }),
        response: { 200: z.object({ items: z.array(CaseSummarySchema), nextPageToken: z.string().nullable() }) },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const f = req.query;
      const query = caseQuery({
        scope: p.grantUnits,
        involvedUser: p.id,
        involvedCaseIds: await involvedCaseIds(ctx, p.id),
        procedure: f.procedure,
        orgUnit: f.orgUnit,
        status: f.overdue === 'true' ? 'running' : f.status,
        health: f.health,
        assignee: f.assignee,
        overdueAt: f.overdue === 'true' ? new Date() : undefined,
      });
      if (f.q) {
        // Titles are Chinese free text: filter in memory (SQL visibility has no LIKE on Text).
        const needle = f.q.toLowerCase();
        const items = [];
        let token = f.pageToken;
        do {
          const page = await listPage(ctx, query, 500, token);
          items.push(...page.rows.map((r) => r.summary).filter((s) => s.title.toLowerCase().includes(needle) || s.caseId.toLowerCase().includes(needle)));
          token = page.nextPageToken ?? undefined;
        } while (token && items.length < f.pageSize);
        return { items: items.slice(0, f.pageSize), nextPageToken: null };
      }
      const page = await listPage(ctx, query, f.pageSize, f.pageToken);
      return { items: page.rows.map((r) => r.summary), nextPageToken: page.nextPageToken };
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
      if (op === 'extend') await requireExtensionAllowed(ctx, await rawState(ctx, req.params.caseId), req.body as z.infer<typeof M.ExtendArgs>);
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

  // A case that stopped itself on a safety limit (workflows/engine/auto-budget.ts) goes on: as it
  // is, or on a published version of its procedure (the latest, or `version`), which the engine
  // checks fits where the case stands. Who may: a supervisor of the case (checked by the engine).
  app.post(
    '/api/cases/:caseId/resolve-incident',
    {
      schema: {
        tags: ['cases'],
        summary: '处理自动流转异常（可换用修正后的流程版本）',
        params: Params,
        body: z.object({
          reason: z.string().trim().min(1, { message: '请填写理由' }).max(2000),
          useLatestVersion: z.boolean().default(false),
          version: z.number().int().positive().max(2_147_483_647).optional(),
        }),
        response: { 200: StateResponse },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      let definition: unknown;
      if (req.body.version !== undefined || req.body.useLatestVersion) {
        const key = (await rawState(ctx, req.params.caseId)).definitionKey;
        definition = await store.getPublished(ctx.db, key, req.body.version);
        if (!definition) throw notFound(req.body.version ? `流程 ${key} 的第 ${req.body.version} 版` : `已发布的流程 ${key}`);
      }
      const s = await runUpdate(ctx, p, req.params.caseId, M.resolveIncidentUpdate, { reason: req.body.reason, definition, actor: actorOf(p) });
      return { state: (await visibleState(ctx, p, s)).state };
    },
  );

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
      // 抄送 lets the recipient read the case: only casework users of the case's units (hand-over.ts).
      await requireCcEligible(ctx, state, req.body.userIds);
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
