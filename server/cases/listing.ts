/** Listing cases page by page from visibility, decoded into CaseSummary (memo decrypted by the codec). */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers.js';
import type { WorkflowExecutionInfo } from '@temporalio/client';
import type { AppContext } from '../context.js';
import { SA } from '../../workflows/search-attributes.js';
import { withTemporalRetry } from '../temporal/retry.js';
import { validation } from '../errors.js';

export interface CaseSummary {
  caseId: string;
  title: string;
  procedure: string;
  procedureTitle?: string;
  version: number | null;
  orgUnit: string;
  orgUnitName?: string;
  status: string;
  health: string;
  stage: string | null;
  nextDueAt: string | null;
  startedAt: string;
  initiator: string | null;
}

export interface MemoTask {
  taskId: string;
  nodeId: string;
  nodeName: string;
  kind: 'task' | 'vote' | 'publicity';
  status: string;
  dueAt: string | null;
  assignees: string[];
  candidateRoles: string[];
  /** Ballot mode: voters who have not voted yet. */
  voters?: string[];
  /** Tally mode: the 监票人's grants while a count waits for confirmation. */
  scrutineerRoles?: string[];
  claimedBy: string | null;
  createdAt: string;
}

export interface CaseRow {
  info: WorkflowExecutionInfo;
  summary: CaseSummary;
  openTasks: MemoTask[];
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
  const memo = (info.memo ?? {}) as { title?: string; openTasks?: MemoTask[] };
  const procedure = sa.get(SA.procedure) ?? '';
  const orgUnit = sa.get(SA.orgUnit) ?? '';
  const nextDue = sa.get(SA.nextDue);
  const status = statusOf(info);
  const running = status === 'running' || status === 'suspended';
  return {
    info,
    orgPath: sa.get(SA.orgPath) ?? [],
    lastProgress: sa.get(SA.lastProgress),
    openTasks: running && Array.isArray(memo.openTasks) ? memo.openTasks : [],
    summary: {
      caseId: info.workflowId,
      title: sa.get(SA.title) ?? memo.title ?? info.workflowId,
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

/** One page of a visibility query. */
export async function listPage(
  ctx: AppContext,
  query: string,
  pageSize: number,
  pageToken?: string,
): Promise<{ rows: CaseRow[]; nextPageToken: string | null }> {
  const { client, namespace, loaded } = ctx.temporal;
  const nextPageToken = pageToken ? decodeToken(query, pageToken) : undefined;
  const response = await withTemporalRetry(() => client.workflowService.listWorkflowExecutions({ namespace, query, pageSize, nextPageToken })).catch((err: unknown) => {
    // gRPC INVALID_ARGUMENT: a filter value the visibility store cannot take.
    if ((err as { code?: number })?.code === 3) throw validation([{ path: [], message: '筛选条件无效' }], '筛选条件无效');
    throw err;
  });
  const titles = await procedureTitles(ctx);
  const rows: CaseRow[] = [];
  for (const raw of response.executions) {
    const info = await executionInfoFromRaw(raw, loaded, raw, namespace);
    rows.push(toRow(ctx, info as unknown as WorkflowExecutionInfo, titles));
  }
  const next = response.nextPageToken && response.nextPageToken.length ? encodeToken(query, response.nextPageToken) : null;
  return { rows, nextPageToken: next };
}

/** Every match (up to `limit`), for aggregates such as the monitor board. */
export async function listAll(ctx: AppContext, query: string, limit = 10_000): Promise<CaseRow[]> {
  return (await listUpTo(ctx, query, limit)).rows;
}

/** Up to `limit` matches, and whether more were left out (an aggregate over them is then partial). */
export async function listUpTo(ctx: AppContext, query: string, limit: number): Promise<{ rows: CaseRow[]; truncated: boolean }> {
  const out: CaseRow[] = [];
  let token: string | undefined;
  do {
    const page = await listPage(ctx, query, Math.min(1000, limit - out.length), token);
    out.push(...page.rows);
    token = page.nextPageToken ?? undefined;
  } while (token && out.length < limit);
  return { rows: out.slice(0, limit), truncated: !!token };
}
