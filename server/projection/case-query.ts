/**
 * Case lists from the read model: the case list (scope, filters, text search, sort, keyset pages),
 * the overdue and stuck lists, and the targets of a bulk action with their open tasks.
 */
import type { z } from 'zod';
import type { AppContext } from '../context.js';
import type { CaseSummarySchema } from '../../api/index.js';
import type { Principal } from '../auth/principal.js';
import { cursorTime, decodeCursor, encodeCursor, iso, keyset, Params, scopeSql, subtreeSql, textSql, type Order } from './sql.js';
import { procedureTitles } from './titles.js';

/** One case of a list answer (routes/shapes.ts CaseSummarySchema). */
export type CaseSummaryRow = z.infer<typeof CaseSummarySchema>;

export type CaseSort = 'due' | 'started' | 'progress';

export interface CaseFilters {
  procedure?: string;
  orgUnit?: string;
  status?: string | readonly string[];
  health?: string;
  /** Open with a task past its due time. */
  overdue?: boolean;
  /** Cases where this user may act now. */
  assignee?: string;
  q?: string;
  /** No progress since. */
  quietSince?: Date;
}

const OPEN = ['running', 'suspended'];
const SORT_COLUMN: Record<CaseSort, string> = { due: 'c.next_due', started: 'c.started_at', progress: 'c.last_progress' };
const COLUMNS = `c.case_id, c.title, c.procedure, c.version, c.org_unit, c.status, c.light, c.stage, c.next_due, c.started_at, c.initiator, c.last_progress, c.closed_at, c.incident, c.open_tasks`;

export function summaryOf(ctx: AppContext, titles: Map<string, string>, r: Record<string, unknown>): CaseSummaryRow {
  const status = String(r.status);
  const orgUnit = String(r.org_unit);
  return {
    caseId: String(r.case_id),
    title: String(r.title),
    procedure: String(r.procedure),
    procedureTitle: titles.get(String(r.procedure)),
    version: r.version === null || r.version === undefined ? null : Number(r.version),
    orgUnit,
    orgUnitName: ctx.org.tree.name(orgUnit),
    status,
    health: String(r.light ?? 'green'),
    stage: r.stage ? String(r.stage) : null,
    nextDueAt: OPEN.includes(status) ? iso(r.next_due) : null,
    startedAt: iso(r.started_at)!,
    initiator: r.initiator ? String(r.initiator) : null,
    lastProgressAt: iso(r.last_progress) ?? undefined,
    closedAt: iso(r.closed_at),
    incident: r.incident ? String(r.incident) : null,
  };
}

/** WHERE parts for the filters (scope excluded). */
function filterSql(ctx: AppContext, params: Params, f: CaseFilters): string[] {
  const where: string[] = [];
  if (f.procedure) where.push(`c.procedure = ${params.add(f.procedure)}`);
  if (f.orgUnit) where.push(subtreeSql(params, ctx.org.tree, f.orgUnit));
  if (typeof f.status === 'string') where.push(`c.status = ${params.add(f.status)}`);
  else if (f.status?.length) where.push(`c.status = ANY(${params.add([...f.status])}::text[])`);
  if (f.health) where.push(`c.light = ${params.add(f.health)}`);
  if (f.overdue) where.push(`c.status = 'running' AND c.next_due < ${params.add(new Date().toISOString())}::timestamptz`);
  if (f.assignee) where.push(`EXISTS (SELECT 1 FROM proj_tasks t WHERE t.case_id = c.case_id AND t.status IN ('open', 'claimed') AND t.actors && ${params.add([f.assignee])}::text[])`);
  if (f.q) where.push(textSql(params, f.q));
  if (f.quietSince) where.push(`c.last_progress < ${params.add(f.quietSince.toISOString())}::timestamptz`);
  return where;
}

/**
 * The user's scope: cases under a grant unit, and — with `involved` — cases they started, may act
 * on, acted on (已办), received (抄送) or are the subject of (the 信访人, case_parties) wherever they are.
 */
function visibleSql(ctx: AppContext, params: Params, p: Principal, involved: boolean): string {
  const parts = [scopeSql(params, ctx.org.tree, p)];
  if (involved) {
    parts.push(`c.initiator = ${params.add(p.id)}`);
    const who = [`t.actors && ${params.add([p.id])}::text[]`];
    if (p.grantKeys.length) who.push(`t.roles && ${params.add(p.grantKeys)}::text[]`);
    parts.push(`c.case_id IN (SELECT t.case_id FROM proj_tasks t WHERE t.status IN ('open', 'claimed') AND (${who.join(' OR ')}))`);
    const me = params.add(p.id);
    parts.push(`c.case_id IN (SELECT case_id FROM task_history WHERE user_id = ${me} UNION SELECT case_id FROM cc WHERE user_id = ${me} UNION SELECT case_id FROM case_parties WHERE user_id = ${me})`);
  }
  return `(${parts.join(' OR ')})`;
}

export async function casePage(
  ctx: AppContext,
  p: Principal,
  f: CaseFilters & { sort?: CaseSort; order?: Order; pageSize: number; pageToken?: string; involved?: boolean; withTotal?: boolean },
): Promise<{ items: CaseSummaryRow[]; nextPageToken: string | null; total: number | null }> {
  const sort = f.sort ?? 'started';
  const order = f.order ?? (sort === 'started' ? 'desc' : 'asc');
  const cursor = decodeCursor(f.pageToken, 'pageToken');
  const params = new Params();
  const where = [visibleSql(ctx, params, p, f.involved ?? true), ...filterSql(ctx, params, f)];
  const countParams = [...params.values];
  const countWhere = where.join(' AND ');
  const k = keyset(params, SORT_COLUMN[sort], ['c.case_id', 'c.case_id'], order, cursor);
  const titles = procedureTitles(ctx);
  const [rows, count] = await Promise.all([
    ctx.db.query<Record<string, unknown>>(`SELECT ${COLUMNS}, ${SORT_COLUMN[sort]} AS sort_key FROM proj_cases c WHERE ${[...where, k.where].join(' AND ')} ORDER BY ${k.orderBy} LIMIT ${f.pageSize + 1}`, params.values),
    f.withTotal === false ? Promise.resolve(undefined) : ctx.db.query<{ n: string | number }>(`SELECT count(*) AS n FROM proj_cases c WHERE ${countWhere}`, countParams),
  ]);
  const names = await titles;
  const page = rows.slice(0, f.pageSize);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => summaryOf(ctx, names, r)),
    nextPageToken: rows.length > f.pageSize && last ? encodeCursor([cursorTime(last.sort_key), String(last.case_id), String(last.case_id)]) : null,
    total: count ? Number(count[0]?.n ?? 0) : null,
  };
}

/** Open cases of a procedure in the principal's scope with their next due time (法定频次: due or missed). */
export async function openCaseDues(ctx: AppContext, p: Principal, f: { procedure: string; orgUnit?: string }, limit = 10_000): Promise<{ caseId: string; nextDueAt: string | null }[]> {
  const params = new Params();
  const where = [scopeSql(params, ctx.org.tree, p), ...filterSql(ctx, params, { ...f, status: OPEN })];
  const rows = await ctx.db.query<{ case_id: string; next_due: unknown }>(
    `SELECT c.case_id, c.next_due FROM proj_cases c WHERE ${where.join(' AND ')} ORDER BY c.started_at, c.case_id LIMIT ${limit}`,
    params.values,
  );
  return rows.map((r) => ({ caseId: r.case_id, nextDueAt: iso(r.next_due) }));
}

/** Open cases with their open tasks (bulk actions: what will change, then what changes). */
export interface CaseWithTasks {
  caseId: string;
  title: string;
  health: string;
  openTasks: { taskId: string; nodeName: string; claimedBy: string | null; assignees: string[]; dueAt: string | null }[];
}

export async function openCasesWithTasks(ctx: AppContext, p: Principal, f: CaseFilters & { caseIds?: string[] }, limit = 5000): Promise<CaseWithTasks[]> {
  const params = new Params();
  const where = [scopeSql(params, ctx.org.tree, p), ...filterSql(ctx, params, f)];
  if (f.caseIds) where.push(`c.case_id = ANY(${params.add(f.caseIds)}::text[])`);
  const rows = await ctx.db.query<{ case_id: string; title: string; light: string; tasks: { task_id: string; node_name: string; claimed_by: string | null; assignees: string[]; due_at: string | null }[] | null }>(
    `SELECT c.case_id, c.title, c.light,
       (SELECT json_agg(json_build_object('task_id', t.task_id, 'node_name', t.node_name, 'claimed_by', t.claimed_by, 'assignees', t.assignees, 'due_at', t.due_at) ORDER BY t.created_at)
          FROM proj_tasks t WHERE t.case_id = c.case_id AND t.status IN ('open', 'claimed')) AS tasks
     FROM proj_cases c WHERE ${where.join(' AND ')} ORDER BY c.started_at, c.case_id LIMIT ${limit}`,
    params.values,
  );
  return rows.map((r) => ({
    caseId: r.case_id,
    title: r.title,
    health: r.light,
    openTasks: (typeof r.tasks === 'string' ? (JSON.parse(r.tasks) as typeof r.tasks) : r.tasks ?? []).map((t) => ({
      taskId: t.task_id,
      nodeName: t.node_name,
      claimedBy: t.claimed_by,
      assignees: t.assignees ?? [],
      dueAt: t.due_at ? iso(t.due_at) : null,
    })),
  }));
}

/** The overdue list: running cases with a task past due, earliest first, by pages. */
export async function overduePage(ctx: AppContext, p: Principal, pageSize: number, pageToken?: string) {
  return casePage(ctx, p, { overdue: true, sort: 'due', order: 'asc', pageSize, pageToken, involved: false });
}

/**
 * Running cases without progress since `since` (oldest first), with why they are held; a case that
 * stopped itself (an open incident: 自动环节循环超过上限 …) is stuck whatever its age, and listed first.
 */
export async function stuckCases(ctx: AppContext, p: Principal, since: Date, days: number, limit = 500): Promise<(CaseSummaryRow & { reason: string })[]> {
  const params = new Params();
  const where = [scopeSql(params, ctx.org.tree, p), ...filterSql(ctx, params, { status: 'running' })];
  where.push(`(c.incident IS NOT NULL OR c.last_progress < ${params.add(since.toISOString())}::timestamptz)`);
  const titles = procedureTitles(ctx);
  const rows = await ctx.db.query<Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM proj_cases c WHERE ${where.join(' AND ')} ORDER BY (c.incident IS NULL), c.last_progress, c.case_id LIMIT ${limit}`,
    params.values,
  );
  const names = await titles;
  return rows.map((r) => ({
    ...summaryOf(ctx, names, r),
    reason: r.incident ? String(r.incident) : Number(r.open_tasks) === 0 ? `等待外部事件超过 ${days} 天` : `超过 ${days} 天无进展`,
  }));
}
