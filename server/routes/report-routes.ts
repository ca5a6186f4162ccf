/** 统计报表: per village and procedure, per step, per handler, over a period; CSV and XLSX export. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { requirePrincipal } from '../auth/guard.js';
import { validation } from '../errors.js';
import { IdSchema } from '../../dsl/schema.js';
import { caseReport, type ReportQuery } from '../projection/report-query.js';
import { reportCsv, reportFileName, reportXlsx } from '../projection/report-export.js';
import { ReportSchema, UnitId } from '../../api/index.js';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' });
const MAX_DAYS = 3 * 366;

/** Today in Asia/Shanghai, yyyy-mm-dd. */
const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export const ReportQuerySchema = z.object({
  from: Day.optional(),
  to: Day.optional(),
  procedure: IdSchema.optional(),
  orgUnit: UnitId.optional(),
});

/** The period asked for (default: the last 30 days up to today), checked. */
function period(q: z.infer<typeof ReportQuerySchema>): ReportQuery {
  const to = q.to ?? shanghaiToday();
  const from = q.from ?? shiftDay(to, -29);
  for (const [k, v] of [['from', from], ['to', to]] as const) {
    if (Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) throw validation([{ path: [k], message: `日期无效：${v}` }], '日期无效');
  }
  if (from > to) throw validation([{ path: ['from'], message: '开始日期不能晚于结束日期' }], '统计期间无效');
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS) throw validation([{ path: ['from'], message: '统计期间最长三年' }], '统计期间无效');
  return { from, to, procedure: q.procedure, orgUnit: q.orgUnit };
}

const contentDisposition = (name: string) => `attachment; filename="report.${name.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const reportRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/api/reports/cases',
    { schema: { tags: ['reports'], summary: '统计报表（各村办件、各环节用时、经办人）', querystring: ReportQuerySchema, response: { 200: ReportSchema } } },
    async (req) => caseReport(ctx, requirePrincipal(req), period(req.query)),
  );

  // A file, not JSON: left out of the OpenAPI document (README describes it).
  app.get(
    '/api/reports/cases/export',
    {
      schema: {
        hide: true,
        querystring: ReportQuerySchema.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx'), section: z.enum(['units', 'steps', 'handlers']).default('units') }),
      },
    },
    async (req, reply) => {
      const report = await caseReport(ctx, requirePrincipal(req), period(req.query));
      if (req.query.format === 'csv') {
        const body = await reportCsv(report, req.query.section);
        return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', contentDisposition(reportFileName(report, 'csv', req.query.section))).send(body);
      }
      const body = await reportXlsx(report);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(reportFileName(report, 'xlsx')))
        .send(body);
    },
  );
};
