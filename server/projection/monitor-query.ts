/**
 * The supervisor's board and charts from the read model: one grouped query counts the open cases
 * of the scope by org unit × procedure × light; per-node heat, cases by stage, time per step and
 * the overdue trend are one query each.
 */
import type { z } from 'zod';
import type { AppContext } from '../context.js';
import type { BoardSchema } from '../../api/index.js';
import type { Principal } from '../auth/principal.js';
import type { OrgUnit } from '../org/org-tree.js';
import { Params, scopeSql, subtreeSql } from './sql.js';
import { procedureTitles } from './titles.js';

export type BoardResult = z.infer<typeof BoardSchema>;
type BoardCell = BoardResult['cells'][number];

const OPEN_SQL = `c.status IN ('running', 'suspended')`;
type Light = 'green' | 'yellow' | 'red';

export async function boardCounts(ctx: AppContext, p: Principal, f: { procedure?: string; orgUnit?: string }): Promise<BoardResult> {
  const params = new Params();
  const where = [OPEN_SQL, scopeSql(params, ctx.org.tree, p)];
  if (f.procedure) where.push(`c.procedure = ${params.add(f.procedure)}`);
  if (f.orgUnit) where.push(subtreeSql(params, ctx.org.tree, f.orgUnit));
  const titles = procedureTitles(ctx);
  const rows = await ctx.db.query<{ org_unit: string; procedure: string; light: string; n: string | number }>(
    `SELECT c.org_unit, c.procedure, c.light, count(*) AS n FROM proj_cases c WHERE ${where.join(' AND ')} GROUP BY 1, 2, 3`,
    params.values,
  );
  const names = await titles;
  const tree = ctx.org.tree;
  const cells = new Map<string, BoardCell>();
  const totals = { green: 0, yellow: 0, red: 0 };
  const unitIds = new Set<string>();
  for (const r of rows) {
    const light: Light = r.light === 'red' || r.light === 'yellow' ? r.light : 'green';
    const key = `${r.org_unit}|${r.procedure}`;
    const cell = cells.get(key) ?? { orgUnit: r.org_unit, orgUnitName: tree.name(r.org_unit) ?? r.org_unit, procedure: r.procedure, procedureTitle: names.get(r.procedure) ?? r.procedure, green: 0, yellow: 0, red: 0 };
    cell[light] += Number(r.n);
    totals[light] += Number(r.n);
    cells.set(key, cell);
    for (const u of [r.org_unit, ...tree.ancestors(r.org_unit)]) unitIds.add(u);
  }
  return {
    cells: [...cells.values()].sort((a, b) => a.orgUnit.localeCompare(b.orgUnit) || a.procedure.localeCompare(b.procedure)),
    totals,
    units: [...unitIds].map((id) => tree.get(id)).filter((u): u is OrgUnit => !!u),
  };
}

/** Open tasks per node of one procedure (version): how many cases wait there, and how long. */
export async function processHeat(ctx: AppContext, p: Principal, key: string, version?: number) {
  const params = new Params();
  const where = [OPEN_SQL, scopeSql(params, ctx.org.tree, p), `c.procedure = ${params.add(key)}`, `t.status IN ('open', 'claimed')`];
  if (version) where.push(`c.version = ${params.add(version)}`);
  const rows = await ctx.db.query<{ node_id: string; cases: string | number; avg_h: string | number; max_h: string | number }>(
    `SELECT t.node_id, count(DISTINCT t.case_id) AS cases,
       avg(extract(epoch FROM (now() - t.created_at)) / 3600) AS avg_h, max(extract(epoch FROM (now() - t.created_at)) / 3600) AS max_h
     FROM proj_tasks t JOIN proj_cases c ON c.case_id = t.case_id WHERE ${where.join(' AND ')} GROUP BY t.node_id ORDER BY t.node_id`,
    params.values,
  );
  const round = (x: number) => Math.round(x * 10) / 10;
  return rows.map((r) => ({ nodeId: r.node_id, openCases: Number(r.cases), avgWaitHours: round(Number(r.avg_h)), maxWaitHours: round(Number(r.max_h)) }));
}

/** Open cases by stage; mean hours per completed step; open cases by the day their first task fell due (14 days). */
export async function monitorCharts(ctx: AppContext, p: Principal) {
  const scope = new Params();
  const byStage = ctx.db.query<{ stage: string; n: string | number }>(
    `SELECT coalesce(nullif(c.stage, ''), '（无）') AS stage, count(*) AS n FROM proj_cases c WHERE ${OPEN_SQL} AND ${scopeSql(scope, ctx.org.tree, p)} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 30`,
    scope.values,
  );
  const perNode = new Params();
  const timePerNode = ctx.db.query<{ procedure: string; node_id: string; node_name: string; avg_h: string | number }>(
    `SELECT c.procedure, t.node_id, max(t.node_name) AS node_name, avg(extract(epoch FROM (t.completed_at - t.created_at)) / 3600) AS avg_h
     FROM proj_tasks t JOIN proj_cases c ON c.case_id = t.case_id
     WHERE t.status = 'done' AND t.completed_at IS NOT NULL AND ${scopeSql(perNode, ctx.org.tree, p)}
     GROUP BY c.procedure, t.node_id ORDER BY c.procedure, t.node_id`,
    perNode.values,
  );
  const trendParams = new Params();
  const now = Date.now();
  const from = trendParams.add(new Date(now - 14 * 86_400_000).toISOString());
  const to = trendParams.add(new Date(now).toISOString());
  const trendRows = ctx.db.query<{ day: string; n: string | number }>(
    `SELECT to_char(c.next_due AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, count(*) AS n FROM proj_cases c
     WHERE ${OPEN_SQL} AND ${scopeSql(trendParams, ctx.org.tree, p)} AND c.next_due > ${from}::timestamptz AND c.next_due <= ${to}::timestamptz GROUP BY 1`,
    trendParams.values,
  );
  const trend = new Map<string, number>();
  for (let i = 13; i >= 0; i--) trend.set(new Date(now - i * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10), 0);
  for (const r of await trendRows) if (trend.has(r.day)) trend.set(r.day, Number(r.n));
  return {
    byStage: (await byStage).map((r) => ({ stage: r.stage, count: Number(r.n) })),
    timePerNode: (await timePerNode).map((r) => ({ procedure: r.procedure, nodeId: r.node_id, nodeName: r.node_name, avgHours: Math.round(Number(r.avg_h) * 10) / 10 })),
    overdueTrend: [...trend.entries()].map(([date, count]) => ({ date, count })),
  };
}
