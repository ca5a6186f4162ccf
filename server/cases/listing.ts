/** Listing cases page by page from visibility, decoded into CaseSummary (memo decrypted by the codec). */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers.js';
import type { WorkflowExecutionInfo } from '@temporalio/client';
import type { SearchAttributeKey, SearchAttributeType } from '@temporalio/common/lib/search-attributes.js';
import { typedSearchAttributePayloadConverter } from '@temporalio/common/lib/converter/payload-search-attributes.js';
import type { temporal } from '@temporalio/proto';
import type { AppContext } from '../context.js';
import { SA } from '../../workflows/search-attributes.js';
import { withTemporalRetry } from '../../temporal/retry.js';
import { validation } from '../errors.js';

import type { CaseSummary } from '../../api/index.js';
import { readMemo, type MemoIncident, type MemoTask } from '../../workflows/memo.js';

export type { CaseSummary, MemoIncident, MemoTask };

export interface CaseRow {
  info: WorkflowExecutionInfo;
  summary: CaseSummary;
  openTasks: MemoTask[];
  incident?: MemoIncident;
  orgPath: string[];
  lastProgress: Date | undefined;
}

/** The engine's status, or the execution's when the workflow was closed from outside (e.g. Temporal UI). */
function statusOf(info: WorkflowExecutionInfo): string {
  const jc = info.typedSearchAttributes.get(SA.status);
  const exec = info.status.name;
  if (exec === 'RUNNING') return jc ?? 'running';
  if (jc && jc !== 'running' && jc !== 'suspended') return jc;
  if (exec === 'COMPLETED') return jc && jc !== 'running' ? jc : 'completed';
  if (exec === 'TERMINATED' || exec === 'CANCELLED') return 'terminated';
  return 'failed';
}

export function toRow(ctx: AppContext, info: WorkflowExecutionInfo, titles: Map<string, string>): CaseRow {
  const sa = info.typedSearchAttributes;
  const memo = readMemo(info.memo);
  const procedure = sa.get(SA.procedure) ?? '';
  const orgUnit = sa.get(SA.orgUnit) ?? '';
  const nextDue = sa.get(SA.nextDue);
  const status = statusOf(info);
  const running = status === 'running' || status === 'suspended';
  return {
    info,
    orgPath: sa.get(SA.orgPath) ?? [],
    lastProgress: sa.get(SA.lastProgress),
    openTasks: running ? (memo.openTasks ?? []) : [],
    ...(running && memo.incident ? { incident: memo.incident } : {}),
    summary: {
      caseId: info.workflowId,
      // The memo (encrypted by the codec), never visibility: JcTitle is no longer written (issue 14).
      title: memo.title ?? info.workflowId,
      procedure,
      procedureTitle: titles.get(procedure),
      version: sa.get(SA.definitionVersion) ?? null,
      orgUnit,
      orgUnitName: ctx.org.tree.name(orgUnit),
      status,
      health: sa.get(SA.health) ?? 'green',
      stage: sa.get(SA.stage) ?? null,
      nextDueAt: running && nextDue ? nextDue.toISOString() : null,
      startedAt: info.startTime.toISOString(),
      initiator: sa.get(SA.initiator) ?? null,
    },
  };
}

export async function procedureTitles(ctx: AppContext): Promise<Map<string, string>> {
  const rows = await ctx.db.query<{ key: string; title: string }>(
    `SELECT DISTINCT ON (key) key, title FROM definitions ORDER BY key, version DESC`,
  );
  return new Map(rows.map((r) => [r.key, r.title]));
}

/**
 * Page tokens are Temporal's own, signed with a per-process key and bound to the query: a forged
 * or foreign token is refused with 422 instead of reaching Temporal (which answers a 500 for it).
 */
const TOKEN_KEY = randomBytes(32);
const sign = (query: string, raw: Buffer) => createHmac('sha256', TOKEN_KEY).update(query).update(raw).digest().subarray(0, 16).toString('base64url');

function encodeToken(query: string, raw: Uint8Array): string {
  const buf = Buffer.from(raw);
  return `${buf.toString('base64url')}.${sign(query, buf)}`;
}

function decodeToken(query: string, token: string): Buffer {
  const [body, mac] = token.split('.');
  const raw = Buffer.from(body ?? '', 'base64url');
  const expected = sign(query, raw);
  if (!mac || mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) {
    throw validation([{ path: ['pageToken'], message: '分页标记无效，请从第一页重新查询' }]);
  }
  return raw;
}

type RawExecution = temporal.api.workflow.v1.IWorkflowExecutionInfo;

/** One raw page of a visibility query: nothing decoded yet. */
async function rawPage(ctx: AppContext, query: string, pageSize: number, pageToken?: string): Promise<{ executions: RawExecution[]; nextPageToken: string | null }> {
  const { client, namespace } = ctx.temporal;
  const nextPageToken = pageToken ? decodeToken(query, pageToken) : undefined;
  const response = await withTemporalRetry(() => client.workflowService.listWorkflowExecutions({ namespace, query, pageSize, nextPageToken })).catch(invalidFilter);
  const next = response.nextPageToken && response.nextPageToken.length ? encodeToken(query, response.nextPageToken) : null;
  return { executions: response.executions, nextPageToken: next };
}

/** gRPC INVALID_ARGUMENT: a filter value the visibility store cannot take. */
function invalidFilter(err: unknown): never {
  if ((err as { code?: number })?.code === 3) throw validation([{ path: [], message: '筛选条件无效' }], '筛选条件无效');
  throw err;
}

/** How many executions match (Temporal's Count: no rows are read out). */
export async function countOf(ctx: AppContext, query: string, attempts?: number): Promise<number> {
  const { client, namespace } = ctx.temporal;
  const r = await withTemporalRetry(() => client.workflowService.countWorkflowExecutions({ namespace, query }), attempts).catch(invalidFilter);
  return Number(r.count);
}

/**
 * One page of a visibility query. `titles`: procedure titles already read (a multi-page listing
 * reads them once); otherwise they are read while Temporal answers.
 */
export async function listPage(
  ctx: AppContext,
  query: string,
  pageSize: number,
  pageToken?: string,
  titles?: Promise<Map<string, string>>,
): Promise<{ rows: CaseRow[]; nextPageToken: string | null }> {
  const { loaded, namespace } = ctx.temporal;
  const titlesRead = titles ?? procedureTitles(ctx);
  titlesRead.catch(() => undefined); // awaited below, unless the listing itself failed first
  const page = await rawPage(ctx, query, pageSize, pageToken);
  const t = await titlesRead;
  const rows = await Promise.all(
    page.executions.map(async (raw) => toRow(ctx, (await executionInfoFromRaw(raw as never, loaded, raw, namespace)) as unknown as WorkflowExecutionInfo, t)),
  );
  return { rows, nextPageToken: page.nextPageToken };
}

/** Every match (up to `limit`), for aggregates such as the monitor board. */
export async function listAll(ctx: AppContext, query: string, limit = 10_000): Promise<CaseRow[]> {
  return (await listUpTo(ctx, query, limit)).rows;
}

/** Pages of up to 1000 until `limit` items; whether more were left out (an aggregate over them is then partial). */
async function pagesUpTo<T>(limit: number, page: (pageSize: number, token?: string) => Promise<{ items: T[]; nextPageToken: string | null }>): Promise<{ items: T[]; truncated: boolean }> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const p = await page(Math.min(1000, limit - out.length), token);
    out.push(...p.items);
    token = p.nextPageToken ?? undefined;
  } while (token && out.length < limit);
  return { items: out.slice(0, limit), truncated: !!token };
}

/** Up to `limit` matches, and whether more were left out (an aggregate over them is then partial). */
export async function listUpTo(ctx: AppContext, query: string, limit: number): Promise<{ rows: CaseRow[]; truncated: boolean }> {
  const titles = procedureTitles(ctx);
  titles.catch(() => undefined);
  const { items, truncated } = await pagesUpTo(limit, async (size, token) => {
    const p = await listPage(ctx, query, size, token, titles);
    return { items: p.rows, nextPageToken: p.nextPageToken };
  });
  return { rows: items, truncated };
}

/**
 * Up to `limit` matches as `pick(raw)`, in the same order and with the same `truncated` as
 * listUpTo, decoding nothing but what `pick` reads (no memo decryption, no other attributes).
 */
export async function scanUpTo<T>(ctx: AppContext, query: string, limit: number, pick: (raw: RawExecution) => T): Promise<{ items: T[]; truncated: boolean }> {
  return pagesUpTo(limit, async (size, token) => {
    const p = await rawPage(ctx, query, size, token);
    return { items: p.executions.map(pick), nextPageToken: p.nextPageToken };
  });
}

/** A Keyword search attribute straight from a raw execution (as typedSearchAttributes.get reads it). */
export function rawKeyword(raw: RawExecution, key: SearchAttributeKey<typeof SearchAttributeType.KEYWORD>): string | undefined {
  const payload = raw.searchAttributes?.indexedFields?.[key.name];
  if (!payload) return undefined;
  const v = typedSearchAttributePayloadConverter.fromPayload(payload) as { type?: string; value?: unknown } | undefined;
  return v?.type === key.type && typeof v.value === 'string' ? v.value : undefined;
}
