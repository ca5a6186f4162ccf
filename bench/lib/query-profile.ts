/**
 * Where the time of the inbox and of the monitor board goes (BENCH_PROFILE=1 with benchmark (c)):
 * the same visibility query and page size as the API, timed piece by piece in the API's process —
 * Temporal's listWorkflowExecutions alone, the procedure titles query, the memo (AES-GCM codec)
 * decode, the search attribute decode, building rows, zod response validation and JSON.
 */
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers.js';
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { decodeMapFromPayloads } from '@temporalio/common/lib/internal-non-workflow/codec-helpers.js';
import { decodeSearchAttributes, decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes.js';
import type { temporal } from '@temporalio/proto';
import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { makePrincipal, type Principal } from '../../server/auth/principal.js';
import { caseQuery, inboxQuery } from '../../server/cases/visibility-query.js';
import { countOf, procedureTitles, toRow } from '../../server/cases/listing.js';
import { monitorBoard } from '../../server/cases/board.js';
import { todoItems } from '../../server/routes/inbox-routes.js';
import { InboxItemSchema } from '../../api/index.js';
import { benchDirectory } from './directory.js';
import { round, summarize, type Summary } from './stats.js';

type RawExecution = temporal.api.workflow.v1.IWorkflowExecutionInfo;

const InboxResponse = z.object({ items: z.array(InboxItemSchema) });

/** Milliseconds per piece, one entry per sample. */
class Split {
  readonly ms = new Map<string, number[]>();
  record(piece: string, ms: number): void {
    const list = this.ms.get(piece) ?? [];
    list.push(ms);
    this.ms.set(piece, list);
  }
  async time<T>(piece: string, fn: () => Promise<T> | T): Promise<T> {
    const t0 = performance.now();
    const out = await fn();
    this.record(piece, performance.now() - t0);
    return out;
  }
  summary(): Record<string, Pick<Summary, 'p50' | 'p95' | 'mean'>> {
    return Object.fromEntries([...this.ms].map(([k, v]) => {
      const s = summarize(v);
      return [k, { p50: round(s.p50, 1), p95: round(s.p95, 1), mean: round(s.mean, 1) }];
    }));
  }
}

/** Every page of `query` at the API's page size (1000), the raw gRPC call alone. */
async function rawPages(ctx: AppContext, query: string, split: Split, piece: string): Promise<RawExecution[]> {
  const { client, namespace } = ctx.temporal;
  const out: RawExecution[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const r = await split.time(piece, () => client.workflowService.listWorkflowExecutions({ namespace, query, pageSize: 1000, nextPageToken }));
    out.push(...r.executions);
    nextPageToken = r.nextPageToken?.length ? r.nextPageToken : undefined;
  } while (nextPageToken);
  return out;
}

async function decodePieces(ctx: AppContext, raws: RawExecution[], split: Split) {
  const { loaded, namespace } = ctx.temporal;
  await split.time('memo decode (codec + JSON)', () => Promise.all(raws.map((r) => decodeMapFromPayloads(loaded, r.memo?.fields, { type: 'workflow', namespace, workflowId: r.execution!.workflowId! }))));
  await split.time('search attributes decode (untyped + typed)', () => raws.map((r) => [decodeSearchAttributes(r.searchAttributes?.indexedFields), decodeTypedSearchAttributes(r.searchAttributes?.indexedFields)]));
  const titles = await split.time('procedureTitles query', () => procedureTitles(ctx));
  const infos = await split.time('executionInfoFromRaw (all of the above but titles)', () =>
    Promise.all(raws.map((r) => executionInfoFromRaw(r as never, loaded, r, namespace) as unknown as Promise<WorkflowExecutionInfo>)),
  );
  return split.time('toRow', () => infos.map((i) => toRow(ctx, i, titles)));
}

export async function profileQueries(ctx: AppContext, villages: number, samples: number, log: (s: string) => void) {
  const dir = benchDirectory(villages);
  const principal = (id: string): Principal => makePrincipal(dir.users.find((u) => u.id === id)! as never, ctx.org.tree);
  const villagers = dir.users.filter((u) => (u.grants ?? []).some((g) => g.role === 'VIL_COMM')).map((u) => principal(u.id));
  const supervisor = principal('bsec');

  const inbox = new Split();
  let rowsSeen = 0;
  for (let i = 0; i < samples; i++) {
    const p = villagers[(i * 7) % villagers.length]!;
    const t0 = performance.now();
    const raws = await rawPages(ctx, inboxQuery(p.id, p.grantKeys), inbox, 'listWorkflowExecutions (gRPC, per page)');
    rowsSeen += raws.length;
    const rows = await decodePieces(ctx, raws, inbox);
    const items = await inbox.time('todoItems + sort', () => todoItems(rows, p).sort((a, b) => String(a.dueAt).localeCompare(String(b.dueAt))));
    const parsed = await inbox.time('zod response validation', () => InboxResponse.parse({ items }));
    await inbox.time('JSON.stringify', () => JSON.stringify(parsed));
    inbox.record('total (in process)', performance.now() - t0);
  }
  const board = new Split();
  const boardSamples = Math.max(3, Math.min(samples, 5));
  let boardRows = 0;
  for (let i = 0; i < boardSamples; i++) {
    const t0 = performance.now();
    const raws = await rawPages(ctx, caseQuery({ scope: supervisor.grantUnits, status: ['running', 'suspended'] }), board, 'listWorkflowExecutions (gRPC, per page)');
    boardRows = raws.length;
    await decodePieces(ctx, raws, board);
    board.record('total (in process)', performance.now() - t0);
    await board.time('Count of the same query (gRPC)', () => countOf(ctx, caseQuery({ scope: supervisor.grantUnits, status: ['running', 'suspended'] })));
    await board.time('monitorBoard (the route, in process)', () => monitorBoard(ctx, supervisor, {}));
  }
  const result = { inbox: { rowsPerQuery: round(rowsSeen / samples, 0), ...inbox.summary() }, board: { rows: boardRows, ...board.summary() } };
  log(`  (c) profile: ${JSON.stringify(result, null, 1)}`);
  return result;
}
