/**
 * The report (统计报表) over a period, from the read model: per village and procedure the cases
 * opened, closed and the share that went past a deadline; per step the median and p90 time from
 * task creation to completion; per handler the same. Days are Asia/Shanghai days.
 */
import type { z } from 'zod';
import type { AppContext } from '../context.js';
import type { ReportSchema } from '../../api/index.js';
import type { Principal } from '../auth/principal.js';
import { Params, scopeSql, subtreeSql } from './sql.js';
import { procedureTitles, userNames } from './titles.js';

export interface ReportQuery {
  /** yyyy-mm-dd, inclusive. */
  from: string;
  to: string;
  procedure?: string;
  orgUnit?: string;
}

/** The report (routes/shapes.ts ReportSchema). */
export type Report = z.infer<typeof ReportSchema>;
type ReportUnitRow = Report['units'][number];

/** The instant a Shanghai day starts. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
const hours = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);

export async function caseReport(ctx: AppContext, p: Principal, q: ReportQuery): Promise<Report> {
  const start = dayStart(q.from).toISOString();
  const end = new Date(dayStart(q.to).getTime() + 86_400_000).toISOString();
  const scoped = (params: Params) => {
    const where = [scopeSql(params, ctx.org.tree, p)];
    if (q.procedure) where.push(`c.procedure = ${params.add(q.procedure)}`);
    if (q.orgUnit) where.push(subtreeSql(params, ctx.org.tree, q.orgUnit));
    return where.join(' AND ');
  };
  const u = new Params();
  const us = u.add(start);
  const ue = u.add(end);
  const units = ctx.db.query<{ org_unit: string; procedure: string; opened: string | number; closed: string | number; overdue: string | number }>(
    `SELECT c.org_unit, c.procedure,
       count(*) FILTER (WHERE c.started_at >= ${us}::timestamptz AND c.started_at < ${ue}::timestamptz) AS opened,
       count(*) FILTER (WHERE c.closed_at >= ${us}::timestamptz AND c.closed_at < ${ue}::timestamptz) AS closed,
       count(*) FILTER (WHERE c.started_at >= ${us}::timestamptz AND c.started_at < ${ue}::timestamptz AND c.ever_overdue) AS overdue
     FROM proj_cases c
     WHERE ${scoped(u)} AND ((c.started_at >= ${us}::timestamptz AND c.started_at < ${ue}::timestamptz) OR (c.closed_at >= ${us}::timestamptz AND c.closed_at < ${ue}::timestamptz))
     GROUP BY 1, 2`,
    u.values,
  );
  const stepsOrHandlers = (by: 'step' | 'handler') => {
    const s = new Params();
    const ss = s.add(start);
    const se = s.add(end);
    const group = by === 'step' ? 'c.procedure, t.node_id' : 't.completed_by';
    const cols = by === 'step' ? 'c.procedure, t.node_id, max(t.node_name) AS node_name' : 't.completed_by';
    return ctx.db.query<Record<string, unknown>>(
      `SELECT ${cols}, count(*) AS done,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (t.completed_at - t.created_at)) / 3600) AS median_h,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM (t.completed_at - t.created_at)) / 3600) AS p90_h,
         count(*) FILTER (WHERE t.overdue OR (t.due_at IS NOT NULL AND t.completed_at > t.due_at)) AS overdue
       FROM proj_tasks t JOIN proj_cases c ON c.case_id = t.case_id
       WHERE t.status = 'done' AND t.completed_at >= ${ss}::timestamptz AND t.completed_at < ${se}::timestamptz
         ${by === 'handler' ? `AND t.completed_by IS NOT NULL AND t.completed_by <> 'system'` : ''} AND ${scoped(s)}
       GROUP BY ${group}`,
      s.values,
    );
  };
  const [unitRows, stepRows, handlerRows, titles] = await Promise.all([units, stepsOrHandlers('step'), stepsOrHandlers('handler'), procedureTitles(ctx)]);
  const tree = ctx.org.tree;
  // Per village: a case of a group (组) or grid counts for its village.
  const villageOf = (unit: string) => [unit, ...tree.ancestors(unit)].find((x) => tree.get(x)?.level === 'village') ?? unit;
  const townshipOf = (unit: string) => [unit, ...tree.ancestors(unit)].find((x) => tree.get(x)?.level === 'township') ?? null;
  const byVillage = new Map<string, ReportUnitRow>();
  for (const r of unitRows) {
    const village = villageOf(r.org_unit);
    const key = `${village}|${r.procedure}`;
    const township = townshipOf(village);
    const row = byVillage.get(key) ?? {
      village,
      villageName: tree.name(village) ?? village,
      township,
      townshipName: township ? (tree.name(township) ?? township) : null,
      procedure: r.procedure,
      procedureTitle: titles.get(r.procedure) ?? r.procedure,
      opened: 0,
      closed: 0,
      overdue: 0,
      overdueRate: null,
    };
    row.opened += Number(r.opened);
    row.closed += Number(r.closed);
    row.overdue += Number(r.overdue);
    row.overdueRate = row.opened ? Math.round((row.overdue / row.opened) * 1000) / 1000 : null;
    byVillage.set(key, row);
  }
  const names = await userNames(ctx, handlerRows.map((r) => String(r.completed_by)));
  return {
    from: q.from,
    to: q.to,
    units: [...byVillage.values()].sort((a, b) => (a.townshipName ?? '').localeCompare(b.townshipName ?? '', 'zh-CN') || a.villageName.localeCompare(b.villageName, 'zh-CN') || a.procedureTitle.localeCompare(b.procedureTitle, 'zh-CN')),
    steps: stepRows
      .map((r) => ({
        procedure: String(r.procedure),
        procedureTitle: titles.get(String(r.procedure)) ?? String(r.procedure),
        nodeId: String(r.node_id),
        nodeName: String(r.node_name),
        done: Number(r.done),
        medianHours: hours(r.median_h),
        p90Hours: hours(r.p90_h),
        overdue: Number(r.overdue),
      }))
      .sort((a, b) => a.procedureTitle.localeCompare(b.procedureTitle, 'zh-CN') || a.nodeName.localeCompare(b.nodeName, 'zh-CN')),
    handlers: handlerRows
      .map((r) => ({
        userId: String(r.completed_by),
        userName: names.get(String(r.completed_by)) ?? '（已删除的用户）',
        done: Number(r.done),
        medianHours: hours(r.median_h),
        p90Hours: hours(r.p90_h),
        overdue: Number(r.overdue),
      }))
      .sort((a, b) => b.done - a.done || a.userName.localeCompare(b.userName, 'zh-CN')),
  };
}
