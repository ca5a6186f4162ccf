/**
 * Migration of running cases to another published version (issue 19). The dry run asks every case
 * of the source version in the caller's units what the `migrate` update would do there (the
 * `migrationPlan` query: the engine's own planner) and turns its schedule requests into due dates
 * with the business calendar the worker uses. Applying it runs `migrate` on each chosen case — the
 * engine checks again, so a case that moved since the dry run is refused with its reason — and
 * records the run (db migration 070) beside the timelines.
 */
import type { AppContext } from '../context.js';
import type { Definition } from '../../dsl/schema.js';
import { mappingProblems, type MigrationPlan, type NodeMapping } from '../../workflows/engine/migration-plan.js';
import * as M from '../../workflows/messages.js';
import { withTemporalRetry } from '../../temporal/retry.js';
import type { MigrationApplyResult, MigrationCase, MigrationPreview, MigrationRun } from '../../api/index.js';
import { changeView } from './change-view.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { caseQuery } from '../cases/visibility-query.js';
import { listAll, type CaseRow } from '../cases/listing.js';
import { runUpdate } from '../cases/case-service.js';
import * as store from '../definitions/store.js';
import { ApiError, fromTemporalError, notFound, validation } from '../errors.js';

const OPEN = ['running', 'suspended'];
/** Cases asked at the same time during a dry run (each is a query the worker answers). */
const PARALLEL_QUERIES = 4;

export interface MigrationRequest {
  fromVersion: number;
  toVersion: number;
  mapping: NodeMapping;
}

/** Both versions, published; the mapping checked between them (422 with the node it is about). */
export async function migrationVersions(ctx: AppContext, key: string, r: MigrationRequest): Promise<{ source: Definition; target: Definition }> {
  const [source, target] = await Promise.all([store.getPublishedCached(ctx.db, key, r.fromVersion), store.getPublishedCached(ctx.db, key, r.toVersion)]);
  if (!source) throw notFound(`流程 ${key} 的第 ${r.fromVersion} 版`);
  if (!target) throw notFound(`流程 ${key} 的第 ${r.toVersion} 版`);
  const problems = mappingProblems(source, target, r.mapping);
  if (problems.length > 0) {
    throw validation(
      problems.map((p) => ({ path: p.nodeId ? ['mapping', p.nodeId] : ['toVersion'], message: p.message })),
      '节点映射不完整或有误',
    );
  }
  return { source, target };
}

/** Running cases of the source version in the caller's units. */
function candidates(ctx: AppContext, p: Principal, key: string, version: number): Promise<CaseRow[]> {
  return listAll(ctx, caseQuery({ scope: p.grantUnits, procedure: key, version, status: OPEN }), 5_000);
}

async function planOf(ctx: AppContext, caseId: string, args: M.MigrationTargetInput): Promise<MigrationPlan> {
  const handle = ctx.temporal.client.workflow.getHandle(caseId);
  try {
    return await withTemporalRetry(() => ctx.temporal.connection.withDeadline(Date.now() + ctx.queryTimeoutMs, () => handle.query(M.migrationPlanQuery, args)));
  } catch (err) {
    ctx.log.warn({ err, caseId }, 'migration plan query failed');
    return {
      ok: false,
      at: [],
      fromVersion: args.fromVersion,
      toVersion: 0,
      refusals: [{ code: 'IN_TRANSIT', message: '案件暂时无法读取（流程引擎未能及时响应），请稍后再试' }],
      moves: [],
      changes: [],
      backfill: {},
    };
  }
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

export async function previewMigration(ctx: AppContext, p: Principal, key: string, r: MigrationRequest): Promise<MigrationPreview> {
  const { target } = await migrationVersions(ctx, key, r);
  const rows = await candidates(ctx, p, key, r.fromVersion);
  const args = { fromVersion: r.fromVersion, definition: target, mapping: r.mapping };
  const cases = await mapLimited(rows, PARALLEL_QUERIES, async (row): Promise<MigrationCase> => {
    const plan = await planOf(ctx, row.summary.caseId, args);
    return {
      caseId: row.summary.caseId,
      title: row.summary.title,
      orgUnitName: row.summary.orgUnitName ?? null,
      at: plan.at,
      ok: plan.ok,
      refusals: plan.refusals,
      moves: plan.moves.map((m) => ({ from: m.from, to: m.to, mode: m.mode })),
      changes: plan.changes.map(changeView),
    };
  });
  // Refused cases first (they need attention), then by title.
  cases.sort((a, b) => Number(a.ok) - Number(b.ok) || a.title.localeCompare(b.title, 'zh-CN'));
  return { key, fromVersion: r.fromVersion, toVersion: r.toVersion, cases };
}

export async function applyMigration(ctx: AppContext, p: Principal, key: string, r: MigrationRequest & { caseIds: string[]; reason: string }): Promise<MigrationApplyResult> {
  const { target } = await migrationVersions(ctx, key, r);
  const inScope = new Set((await candidates(ctx, p, key, r.fromVersion)).map((row) => row.summary.caseId));
  const actor = actorOf(p);
  const results: MigrationApplyResult['results'] = [];
  for (const caseId of [...new Set(r.caseIds)]) {
    if (!inScope.has(caseId)) {
      results.push({ caseId, ok: false, message: `该案件不在您管辖的第 ${r.fromVersion} 版办理中案件之列` });
      continue;
    }
    try {
      await runUpdate(ctx, p, caseId, M.migrateUpdate, { actor, reason: r.reason, fromVersion: r.fromVersion, definition: target, mapping: r.mapping });
      results.push({ caseId, ok: true });
    } catch (err) {
      const api = err instanceof ApiError ? err : fromTemporalError(err);
      if (!api) throw err;
      results.push({ caseId, ok: false, message: api.message });
    }
  }
  const migrated = results.filter((x) => x.ok).map((x) => x.caseId);
  const refused = results.filter((x) => !x.ok).map((x) => ({ caseId: x.caseId, message: x.message }));
  const rows = await ctx.db.query<{ id: string | number }>(
    `INSERT INTO definition_migrations(key, from_version, to_version, mapping, reason, user_id, migrated, refused)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [key, r.fromVersion, r.toVersion, JSON.stringify(r.mapping), r.reason, p.id, migrated, JSON.stringify(refused)],
  );
  return { migrationId: Number(rows[0]?.id), migrated: migrated.length, results };
}

export async function migrationRuns(ctx: AppContext, key: string): Promise<MigrationRun[]> {
  const rows = await ctx.db.query<{ id: string | number; from_version: number; to_version: number; reason: string; name: string | null; user_id: string; at: unknown; migrated: string[]; refused: unknown }>(
    `SELECT m.id, m.from_version, m.to_version, m.reason, u.name, m.user_id, m.at, m.migrated, m.refused
     FROM definition_migrations m LEFT JOIN users u ON u.id = m.user_id
     WHERE m.key = $1 ORDER BY m.at DESC, m.id DESC LIMIT 50`,
    [key],
  );
  return rows.map((row) => {
    const refused = typeof row.refused === 'string' ? (JSON.parse(row.refused) as unknown[]) : (row.refused as unknown[]);
    return {
      id: Number(row.id),
      fromVersion: row.from_version,
      toVersion: row.to_version,
      reason: row.reason,
      userName: row.name ?? row.user_id,
      at: (row.at instanceof Date ? row.at : new Date(String(row.at))).toISOString(),
      migrated: row.migrated.length,
      failed: Array.isArray(refused) ? refused.length : 0,
    };
  });
}
