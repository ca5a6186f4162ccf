/**
 * Pieces every read-model query shares: the caller's org scope, text search on titles, due
 * windows in Asia/Shanghai, and keyset paging (a cursor holds the last row's sort key and id, so
 * a page costs the same at row 50 and at row 50,000, and rows added meanwhile do not shift it).
 */
import { z } from 'zod';
import type { OrgTree } from '../org/org-tree.js';
import type { Principal } from '../auth/principal.js';
import { validation } from '../errors.js';
import { likePattern, queryGrams } from '../../db/projection/grams.js';
import { unitPath } from './org-path.js';

/** Collects positional parameters while a query is built. */
export class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** Cases under one of the user's grant units (`alias`.org_path). */
export function scopeSql(params: Params, tree: OrgTree, p: Principal, alias = 'c'): string {
  if (p.grantUnits.length === 0) return 'false';
  return `${alias}.org_path <@ ANY(${params.add(p.grantUnits.map((u) => unitPath(tree, u)))}::text[]::ltree[])`;
}

/** Cases in the subtree of `unit`. */
export function subtreeSql(params: Params, tree: OrgTree, unit: string, alias = 'c'): string {
  return `${alias}.org_path <@ ${params.add(unitPath(tree, unit))}::ltree`;
}

/** Titles containing `q` (a Chinese-capable substring match), or the case id itself. */
export function textSql(params: Params, q: string, alias = 'c'): string {
  const grams = queryGrams(q);
  const id = `${alias}.case_id = ${params.add(q.trim())}`;
  if (grams.length === 0) return id;
  return `((${alias}.title_grams @> ${params.add(grams)}::text[] AND ${alias}.title ILIKE ${params.add(likePattern(q))}) OR ${id})`;
}

export type DueWindow = 'overdue' | 'today' | 'week';

/** The end of a due window: now (overdue), the end of today or of the 7th day, Asia/Shanghai. */
export function dueLimit(due: DueWindow, now: Date): Date {
  if (due === 'overdue') return now;
  const local = new Date(now.getTime() + 8 * 3600_000);
  local.setUTCHours(24 * (due === 'today' ? 1 : 7), 0, 0, 0);
  return new Date(local.getTime() - 8 * 3600_000);
}

/** A keyset cursor: the sort key of the last row and its id parts. */
const CursorSchema = z.tuple([z.union([z.string().max(64), z.number(), z.null()]), z.string().max(200), z.string().max(200)]);
export type Cursor = z.infer<typeof CursorSchema>;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(token: string | undefined, path = 'cursor'): Cursor | undefined {
  if (!token) return undefined;
  try {
    return CursorSchema.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
  } catch {
    throw validation([{ path: [path], message: '分页标记无效，请从第一页重新查询' }], '分页标记无效');
  }
}

export type Order = 'asc' | 'desc';

/**
 * ORDER BY and the keyset condition for a sort key expression (timestamps; NULL sorts last either
 * way) followed by two id columns.
 */
export function keyset(params: Params, key: string, ids: [string, string], order: Order, cursor: Cursor | undefined) {
  const k = `coalesce(${key}, '${order === 'asc' ? 'infinity' : '-infinity'}'::timestamptz)`;
  const dir = order === 'asc' ? 'ASC' : 'DESC';
  const orderBy = `${k} ${dir}, ${ids[0]} ${dir}, ${ids[1]} ${dir}`;
  let where = 'true';
  if (cursor) {
    const v = cursor[0] === null ? (order === 'asc' ? 'infinity' : '-infinity') : String(cursor[0]);
    where = `(${k}, ${ids[0]}, ${ids[1]}) ${order === 'asc' ? '>' : '<'} (${params.add(v)}::timestamptz, ${params.add(cursor[1])}, ${params.add(cursor[2])})`;
  }
  return { orderBy, where, sortKey: k };
}

/** ISO text of a timestamp column as read back (pg gives Date, PGlite gives Date too). */
export const iso = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

/** The cursor value of a timestamp sort key: ISO, or null for "no value" (sorted last). */
export const cursorTime = (v: unknown): string | null => {
  const s = iso(v);
  return s && Number.isFinite(Date.parse(s)) ? s : null;
};
