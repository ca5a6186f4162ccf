/**
 * The monitor's village-level views added by issue 17, kept apart from the case board:
 * statutory cadences (Temporal Schedules, one per village: list, pause, resume, start now),
 * the villages' warning lights (动态管理), and the 迟报/漏报/瞒报 counts per person and year.
 */
import { z } from 'zod';
import { ROUTES } from '../../api/routes.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { requirePrincipal } from '../auth/guard.js';
import { ensureCadenceSchedules, listCadences, pauseCadence, resumeCadence, triggerCadence } from '../cadences/cadences.js';
import { villageLights } from '../cases/village-lights.js';
import { lapseCounts } from '../../db/callouts.js';
import { CadenceReasonBody as Reason, CadencesResponse, EnsureCadencesResponse, LapsesQuery, LapsesResponse, NoContent, ScheduleParams, UnitQuery, VillageLightsResponse } from '../../api/index.js';

export const cadenceRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get(
    ROUTES.cadences.path,
    { schema: { tags: ['monitor'], summary: '法定频次（定期计划）：各村状态', querystring: UnitQuery, response: { 200: CadencesResponse } } },
    async (req) => ({ items: await listCadences(ctx, requirePrincipal(req), req.query) }),
  );

  app.post(
    '/api/monitor/cadences/sync',
    { schema: { tags: ['monitor'], summary: '为辖区内各村补建定期计划（新设村、流程新版本）', response: { 200: EnsureCadencesResponse } } },
    async (req) => {
      const p = requirePrincipal(req);
      const villages = ctx.org.tree.all().filter((u) => u.level === 'village' && p.scopeUnits.has(u.id)).map((u) => u.id);
      return ensureCadenceSchedules(ctx, villages);
    },
  );

  app.post(
    ROUTES.pauseCadence.path,
    { schema: { tags: ['monitor'], summary: '暂停定期计划', params: ScheduleParams, body: Reason, response: { 204: NoContent } } },
    async (req, reply) => {
      await pauseCadence(ctx, requirePrincipal(req), req.params.scheduleId, req.body.reason);
      return reply.code(204).send(null);
    },
  );

  app.post(
    ROUTES.resumeCadence.path,
    { schema: { tags: ['monitor'], summary: '恢复定期计划', params: ScheduleParams, body: Reason, response: { 204: NoContent } } },
    async (req, reply) => {
      await resumeCadence(ctx, requirePrincipal(req), req.params.scheduleId, req.body.reason);
      return reply.code(204).send(null);
    },
  );

  app.post(
    ROUTES.triggerCadence.path,
    { schema: { tags: ['monitor'], summary: '立即发起本期案件', params: ScheduleParams, response: { 204: NoContent } } },
    async (req, reply) => {
      await triggerCadence(ctx, requirePrincipal(req), req.params.scheduleId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    ROUTES.villageLights.path,
    {
      schema: {
        tags: ['monitor'],
        summary: '村级班子预警灯（动态管理，与办理时限的红黄绿灯分开）',
        querystring: UnitQuery,
        response: { 200: VillageLightsResponse },
      },
    },
    async (req) => ({ items: await villageLights(ctx, requirePrincipal(req), req.query) }),
  );

  app.get(
    ROUTES.reportingLapses.path,
    {
      schema: {
        tags: ['monitor'],
        summary: '迟报、漏报、瞒报（按人按年累计）',
        querystring: LapsesQuery,
        response: { 200: LapsesResponse },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const year = req.query.year ?? Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
      // Only people who hold a role within the supervisor's subtree.
      const inScope = new Set(
        (await ctx.db.query<{ user_id: string }>('SELECT DISTINCT user_id FROM user_grants WHERE org_unit = ANY($1::text[])', [[...p.scopeUnits]])).map((r) => r.user_id),
      );
      const rows = (await lapseCounts(ctx.db, year)).filter((r) => inScope.has(r.person));
      const names = new Map(
        (await ctx.db.query<{ id: string; name: string }>('SELECT id, name FROM users WHERE id = ANY($1::text[])', [rows.map((r) => r.person)])).map((u) => [u.id, u.name]),
      );
      return { year, items: rows.map((r) => ({ ...r, personName: names.get(r.person) ?? '（未知人员）' })) };
    },
  );
};
