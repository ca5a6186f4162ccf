/**
 * The inbox from the read model: 待办 (open tasks the user may act on now), 已办 (tasks the user
 * finished their part of, dated by when they did), 抄送 and 我发起的 — filtered, sorted and paged
 * by keyset.
 */
import type { z } from 'zod';
import type { AppContext } from '../context.js';
import type { InboxItemSchema } from '../../api/index.js';
import type { Principal } from '../auth/principal.js';
import { decodeCursor, dueLimit, encodeCursor, cursorTime, iso, keyset, Params, subtreeSql, textSql, type DueWindow, type Order } from './sql.js';
import { procedureTitles } from './titles.js';

export type InboxTab = 'todo' | 'done' | 'cc' | 'mine';
export type InboxSort = 'due' | 'created' | 'completed';

export interface InboxQuery {
  tab: InboxTab;
  procedure?: string;
  orgUnit?: string;
  due?: DueWindow;
  q?: string;
  sort?: InboxSort;
  order?: Order;
  pageSize: number;
  cursor?: string;
}

/** One item of an inbox answer (routes/shapes.ts InboxItemSchema). */
export type InboxRow = z.infer<typeof InboxItemSchema>;

/** Timeline entries that finish a user's part of a task (已办), and the operation each one is. */
export const DONE_TYPES: Record<string, string> = {
  'task.completed': 'complete',
  'task.signed': 'complete',
  'task.returned': 'return',
  'task.transferred': 'transfer',
  'task.delegated': 'delegate',
  'vote.tallySubmitted': 'tally',
  'vote.tallyConfirmed': 'confirm-tally',
  'vote.tallyRejected': 'confirm-tally',
  'vote.ballotCast': 'ballot',
  'vote.closed': 'close-ballot',
};

/** The default order of each tab: 待办 by due time, 已办 by when it was done, 抄送 and 我发起的 newest first. */
const DEFAULTS: Record<InboxTab, { sort: InboxSort; order: Order }> = {
  todo: { sort: 'due', order: 'asc' },
  done: { sort: 'completed', order: 'desc' },
  cc: { sort: 'created', order: 'desc' },
  mine: { sort: 'created', order: 'desc' },
};

export async function inboxPage(ctx: AppContext, p: Principal, q: InboxQuery): Promise<{ items: InboxRow[]; nextCursor: string | null; total: number }> {
  const sort = q.sort ?? DEFAULTS[q.tab].sort;
  const order = q.order ?? DEFAULTS[q.tab].order;
  const cursor = decodeCursor(q.cursor);
  const params = new Params();
  const where: string[] = [];
  if (q.procedure) where.push(`c.procedure = ${params.add(q.procedure)}`);
  if (q.orgUnit) where.push(subtreeSql(params, ctx.org.tree, q.orgUnit));
  if (q.q) where.push(textSql(params, q.q));
  const titles = procedureTitles(ctx);
  const tree = ctx.org.tree;

  let from: string;
  let keyCol: string;
  let ids: [string, string];
  let select: string;
  switch (q.tab) {
    case 'todo': {
      const who = [`t.actors && ${params.add([p.id])}::text[]`];
      if (p.grantKeys.length) who.push(`t.roles && ${params.add(p.grantKeys)}::text[]`);
      where.push(`t.status IN ('open', 'claimed')`, `c.status = 'running'`, `(${who.join(' OR ')})`);
      if (q.due) where.push(`t.due_at <= ${params.add(dueLimit(q.due, new Date()).toISOString())}::timestamptz`);
      from = 'proj_tasks t JOIN proj_cases c ON c.case_id = t.case_id';
      keyCol = sort === 'created' ? 't.created_at' : sort === 'completed' ? 't.completed_at' : 't.due_at';
      ids = ['t.case_id', 't.task_id'];
      select = `t.case_id, t.task_id, c.title, c.procedure, t.node_id, t.node_name, t.kind, t.status, t.due_at, c.light, c.org_unit, t.claimed_by, t.created_at, t.completed_at, c.status AS case_status`;
      break;
    }
    case 'done': {
      where.push(`d.actor = ${params.add(p.id)}`);
      if (q.due) where.push(`t.due_at <= ${params.add(dueLimit(q.due, new Date()).toISOString())}::timestamptz`);
      from = `(SELECT DISTINCT ON (l.case_id, l.task_id) l.case_id, l.task_id, l.actor, l.type, l.at
               FROM proj_timeline l WHERE l.actor = ${params.add(p.id)} AND l.task_id IS NOT NULL AND l.type = ANY(${params.add(Object.keys(DONE_TYPES))}::text[])
               ORDER BY l.case_id, l.task_id, l.at DESC) d
             JOIN proj_tasks t ON t.case_id = d.case_id AND t.task_id = d.task_id
             JOIN proj_cases c ON c.case_id = d.case_id`;
      keyCol = sort === 'created' ? 't.created_at' : sort === 'due' ? 't.due_at' : 'd.at';
      ids = ['d.case_id', 'd.task_id'];
      select = `d.case_id, d.task_id, c.title, c.procedure, t.node_id, t.node_name, t.kind, t.status, t.due_at, c.light, c.org_unit, t.claimed_by, t.created_at, d.at AS completed_at, d.type AS done_type, c.status AS case_status`;
      break;
    }
    case 'cc': {
      where.push(`x.user_id = ${params.add(p.id)}`);
      from = 'cc x JOIN proj_cases c ON c.case_id = x.case_id';
      keyCol = sort === 'due' ? 'c.next_due' : 'x.created_at';
      ids = ['x.case_id', 'x.case_id'];
      select = `x.case_id, '' AS task_id, c.title, c.procedure, '' AS node_id, coalesce(c.stage, '') AS node_name, 'task' AS kind, 'cc' AS status, c.next_due AS due_at, c.light, c.org_unit, NULL AS claimed_by, x.created_at, NULL AS completed_at, x.from_user, x.note, c.status AS case_status`;
      break;
    }
    case 'mine': {
      where.push(`c.initiator = ${params.add(p.id)}`);
      if (q.due) where.push(`c.next_due <= ${params.add(dueLimit(q.due, new Date()).toISOString())}::timestamptz`);
      from = 'proj_cases c';
      keyCol = sort === 'due' ? 'c.next_due' : sort === 'completed' ? 'c.closed_at' : 'c.started_at';
      ids = ['c.case_id', 'c.case_id'];
      select = `c.case_id, '' AS task_id, c.title, c.procedure, '' AS node_id, coalesce(c.stage, '') AS node_name, 'task' AS kind, c.status, c.next_due AS due_at, c.light, c.org_unit, NULL AS claimed_by, c.started_at AS created_at, c.closed_at AS completed_at, c.status AS case_status`;
      break;
    }
    default: {
      const never: never = q.tab;
      throw new Error(String(never));
    }
  }
  const countWhere = where.join(' AND ') || 'true';
  const countParams = [...params.values];
  const k = keyset(params, keyCol, ids, order, cursor);
  const sql = `SELECT ${select}, ${keyCol} AS sort_key FROM ${from} WHERE ${[...where, k.where].join(' AND ')} ORDER BY ${k.orderBy} LIMIT ${q.pageSize + 1}`;
  const [rows, count] = await Promise.all([
    ctx.db.query<Record<string, unknown>>(sql, params.values),
    ctx.db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${from} WHERE ${countWhere}`, countParams),
  ]);
  const names = await titles;
  const page = rows.slice(0, q.pageSize);
  const items = page.map((r): InboxRow => {
    const orgUnit = String(r.org_unit ?? '');
    const item: InboxRow = {
      caseId: String(r.case_id),
      taskId: String(r.task_id ?? ''),
      caseTitle: String(r.title),
      procedure: String(r.procedure),
      procedureTitle: names.get(String(r.procedure)),
      nodeId: String(r.node_id ?? ''),
      nodeName: String(r.node_name ?? ''),
      kind: String(r.kind ?? 'task'),
      status: String(r.status),
      dueAt: iso(r.due_at),
      health: String(r.light ?? 'green'),
      orgUnit,
      orgUnitName: tree.name(orgUnit),
      claimedBy: r.claimed_by ? String(r.claimed_by) : null,
      createdAt: iso(r.created_at)!,
      caseStatus: String(r.case_status),
    };
    if (q.tab === 'done') {
      item.operation = DONE_TYPES[String(r.done_type)] ?? 'complete';
      item.completedAt = iso(r.completed_at);
    } else if (q.tab === 'mine') item.completedAt = iso(r.completed_at);
    if (q.tab === 'cc') {
      item.fromUser = r.from_user ? String(r.from_user) : null;
      item.note = r.note ? String(r.note) : null;
    }
    return item;
  });
  const last = page[page.length - 1];
  const nextCursor = rows.length > q.pageSize && last ? encodeCursor([cursorTime(last.sort_key), String(last[ids[0].split('.')[1]!]), String(last[ids[1].split('.')[1]!] ?? '')]) : null;
  return { items, nextCursor, total: Number(count[0]?.n ?? 0) };
}
