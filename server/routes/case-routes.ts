/** Cases: start, list (visibility), detail (state query, masked), case-level engine actions, 抄送. */
import { z } from 'zod';
import { ROUTES } from '../../api/routes.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { requirePrincipal } from '../auth/guard.js';
import { actorOf } from '../auth/principal.js';
import { validation } from '../errors.js';
import { IdSchema } from '../../dsl/schema.js';
import * as M from '../../workflows/messages.js';
import type { UpdateSpec } from '../../workflows/messages/updates.js';
import { caseQuery } from '../cases/visibility-query.js';
import { listPage } from '../cases/listing.js';
import { rawState, runUpdate, startCase, visibleState } from '../cases/case-service.js';
import { CaseDetailSchema, CaseListQuery, CaseListResponse, CaseParams, CcBody, NoContent, ResolveIncidentBody, StartCaseBody, StartCaseResponse, StateResponse } from '../../api/index.js';
import { getUser } from '../users/users-repo.js';
import * as store from '../definitions/store.js';
import { notFound } from '../errors.js';
import { requireCcEligible } from '../cases/hand-over.js';
import { requireExtensionAllowed } from '../cases/extension.js';

const Params = CaseParams;

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

export const caseRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.post(
    ROUTES.startCase.path,
    {
      schema: {
        tags: ['cases'],
        summary: '发起案件',
        body: StartCaseBody,
        response: { 201: StartCaseResponse },
      },
    },
    async (req, reply) => {
      const caseId = await startCase(ctx, requirePrincipal(req), req.body);
      return reply.code(201).send({ caseId });
    },
  );

  app.get(
    ROUTES.cases.path,
    {
      schema: {
        tags: ['cases'],
        summary: '案件列表（按管辖范围）',
        querystring: CaseListQuery,
        response: { 200: CaseListResponse },
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

  app.get(ROUTES.caseDetail.path, { schema: { tags: ['cases'], summary: '案件详情', params: Params, response: { 200: CaseDetailSchema } } }, async (req) => {
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

  // One route per case update of the table (workflows/messages/updates.ts), at its slug;
  // resolve-incident fetches a definition version first, so it is written out below.
  for (const name of M.UPDATE_NAMES) {
    const spec: UpdateSpec = M.UPDATES[name];
    const slug = spec.http.case;
    if (!slug || spec.http.byHand) continue;
    app.post(`/api/cases/:caseId/${slug}`, { schema: { tags: ['cases'], summary: spec.label.zh, params: Params, body: spec.args.omit({ actor: true }), response: { 200: StateResponse } } }, async (req) => {
      const p = requirePrincipal(req);
      if (name === 'extend') await requireExtensionAllowed(ctx, await rawState(ctx, req.params.caseId), req.body as z.infer<typeof M.ExtendArgs>);
      const s = await runUpdate(ctx, p, req.params.caseId, M.UPDATE_DEFS[name], { ...(req.body as object), actor: actorOf(p) } as never);
      return { state: (await visibleState(ctx, p, s)).state };
    });
  }

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
        body: ResolveIncidentBody,
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
        body: CcBody,
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
