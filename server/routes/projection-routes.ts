/** Operations on the read model: its state and the reconciler's last passes; a pass on demand. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { ApiError } from '../errors.js';
import { iso } from '../projection/sql.js';
import { ProjectionStatusSchema } from '../../api/index.js';

export const projectionRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/ops/projection', { schema: { tags: ['ops'], summary: '读模型状态与对账记录', response: { 200: ProjectionStatusSchema } } }, async () => {
    const [counts] = await ctx.db.query<{ cases: string | number; open: string | number; p50: number | null; p99: number | null; max: number | null }>(
      `SELECT count(*) AS cases, count(*) FILTER (WHERE status IN ('running', 'suspended')) AS open,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (projected_at - state_at)) * 1000) FILTER (WHERE source = 'workflow') AS p50,
         percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM (projected_at - state_at)) * 1000) FILTER (WHERE source = 'workflow') AS p99,
         max(extract(epoch FROM (projected_at - state_at)) * 1000) FILTER (WHERE source = 'workflow') AS max
       FROM proj_cases`,
    );
    const runs = await ctx.db.query<{ started_at: Date; finished_at: Date | null; checked: number; fixed: number; report: Record<string, unknown> | string }>(
      'SELECT started_at, finished_at, checked, fixed, report FROM proj_reconcile_runs ORDER BY started_at DESC LIMIT 20',
    );
    const ms = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)));
    return {
      cases: Number(counts?.cases ?? 0),
      openCases: Number(counts?.open ?? 0),
      lagMs: { p50: ms(counts?.p50), p99: ms(counts?.p99), max: ms(counts?.max) },
      runs: runs.map((r) => ({
        startedAt: iso(r.started_at)!,
        finishedAt: iso(r.finished_at),
        checked: Number(r.checked),
        fixed: Number(r.fixed),
        report: typeof r.report === 'string' ? (JSON.parse(r.report) as Record<string, unknown>) : r.report,
      })),
    };
  });

  app.post(
    '/api/ops/projection/reconcile',
    {
      schema: {
        tags: ['ops'],
        summary: '立即对账（修复读模型与流程引擎的差异）',
        body: z.object({ caseIds: z.array(z.string().min(1).max(200)).max(1000).optional() }).default({}),
        response: { 200: z.object({ checked: z.number(), fixed: z.array(z.object({ caseId: z.string(), what: z.string() })), failed: z.array(z.object({ caseId: z.string(), why: z.string() })), seconds: z.number() }) },
      },
    },
    async (req) => {
      const report = await ctx.reconciler.run({ deep: req.body.caseIds });
      if (!report) throw new ApiError(409, 'RECONCILE_RUNNING', '对账正在进行中，请稍后再试');
      return report;
    },
  );
};
