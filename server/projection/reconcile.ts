/**
 * The reconciler: repairs the read model where it drifted from Temporal, and reports what it fixed.
 * Run at start-up and periodically by the API (one process at a time), and on demand.
 *
 *  - Cases closed since the last pass (Temporal visibility, CloseTime): a row still open is
 *    rewritten from the case's own `projection` query; a case closed from outside the engine (the
 *    Temporal UI's terminate or cancel, a run timeout) is marked so and its open tasks cancelled.
 *  - Cases started since the last pass (or, on the first pass, every running case) that have no
 *    row: written from their `projection` query (a lost first write; cases started before the read
 *    model existed).
 *  - When Temporal counts a different number of running cases than the read model holds open:
 *    every open row is checked against Temporal in batches (a closure the passes above missed).
 *  - `deep`: every case of the given ids is compared with its own state and rewritten on a mismatch.
 */
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Db } from '../../db/adapter.js';
import { projectionQuery, stateQuery } from '../../workflows/messages.js';
import type { ProjectionWrite } from '../../activities/types.js';
import { withTemporalRetry } from '../../temporal/retry.js';
import type { AppProjectionStore } from '../../db/projection/store.js';
import { projectionMismatches } from './verify.js';

export interface ReconcileDeps {
  db: Db;
  client: Client;
  store: AppProjectionStore;
  log?: Pick<Logger, 'info' | 'warn'>;
  /** Deadline of one query to a case (ms). */
  queryTimeoutMs?: number;
}

export interface ReconcileReport {
  /** Rows and executions looked at. */
  checked: number;
  fixed: { caseId: string; what: string }[];
  /** Cases that could not be repaired now (no worker answered, …): tried again next pass. */
  failed: { caseId: string; why: string }[];
  seconds: number;
}

const OPEN = ['running', 'suspended'];
const CONCURRENCY = 8;
/** Visibility is eventually consistent: each pass looks back this much further than the last. */
const MARGIN_MS = 5 * 60_000;
/** A pass still unfinished after this long is taken for dead (its process stopped). */
const STALE_MS = 30 * 60_000;
const MAX_REPORTED = 200;

/** How an execution closed from outside the engine shows in the read model. */
function outsideStatus(execution: string): { status: string; outcome: string } | undefined {
  switch (execution) {
    case 'TERMINATED':
      return { status: 'terminated', outcome: 'terminated' };
    case 'CANCELLED':
      return { status: 'terminated', outcome: 'cancelled' };
    case 'TIMED_OUT':
      return { status: 'failed', outcome: 'timed_out' };
    default:
      return undefined;
  }
}

async function each<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

export class Reconciler {
  constructor(private readonly deps: ReconcileDeps) {}

  /** The case's own projection (works on closed cases too while Temporal keeps their history). */
  private async projectionOf(caseId: string): Promise<ProjectionWrite> {
    const { client } = this.deps;
    return withTemporalRetry(() =>
      client.connection.withDeadline(Date.now() + (this.deps.queryTimeoutMs ?? 10_000), () => client.workflow.getHandle(caseId).query(projectionQuery)),
    );
  }

  /** Rewrites a case's row from the case; a case closed from outside is marked closed. Returns what was done. */
  private async repair(caseId: string, closedOutside?: { status: string; outcome: string; at: Date }): Promise<string> {
    const { db, store } = this.deps;
    let wrote = false;
    try {
      const w = await this.projectionOf(caseId);
      const [row] = await db.query<{ seq: string | number }>('SELECT seq FROM proj_cases WHERE case_id = $1', [caseId]);
      await store.apply({ ...w, seq: Math.max(w.seq, Number(row?.seq ?? 0)) }, 'reconciler');
      wrote = true;
    } catch (err) {
      if (!closedOutside) throw err;
    }
    if (!closedOutside) return 'rewritten from the case';
    const done = await db.query(
      `UPDATE proj_cases SET status = $2, outcome = coalesce(outcome, $3), closed_at = coalesce(closed_at, $4), light = 'green', next_due = NULL,
         overdue_count = 0, open_tasks = 0, stage = '已办结', projected_at = clock_timestamp(), source = 'reconciler'
       WHERE case_id = $1 AND status IN ('running', 'suspended') RETURNING 1`,
      [caseId, closedOutside.status, closedOutside.outcome, closedOutside.at.toISOString()],
    );
    await db.query(`UPDATE proj_tasks SET status = 'cancelled', actors = '{}', roles = '{}' WHERE case_id = $1 AND status IN ('open', 'claimed')`, [caseId]);
    return `${wrote ? 'rewritten, ' : ''}closed outside the engine (${closedOutside.status})${done.length ? '' : ' — already closed'}`;
  }

  /** One pass. `since`: look at closures and starts after it (undefined: every running case). */
  async pass(opts: { since?: Date; deep?: string[] } = {}): Promise<ReconcileReport> {
    const t0 = Date.now();
    const { db, client } = this.deps;
    const report: ReconcileReport = { checked: 0, fixed: [], failed: [], seconds: 0 };
    const fix = async (caseId: string, why: string, closedOutside?: { status: string; outcome: string; at: Date }) => {
      try {
        const what = await this.repair(caseId, closedOutside);
        report.fixed.push({ caseId, what: `${why}: ${what}` });
      } catch (err) {
        report.failed.push({ caseId, why: `${why}: ${(err as Error).message?.slice(0, 200)}` });
      }
    };
    const openRows = async (ids: string[]) =>
      new Map((await db.query<{ case_id: string; status: string }>('SELECT case_id, status FROM proj_cases WHERE case_id = ANY($1)', [ids])).map((r) => [r.case_id, r.status]));

    // Closed since the last pass.
    const closed: { id: string; status: string; at: Date }[] = [];
    const closedQuery = `WorkflowType = 'caseWorkflow' AND ExecutionStatus != 'Running'${opts.since ? ` AND CloseTime > '${new Date(opts.since.getTime() - MARGIN_MS).toISOString()}'` : ''}`;
    for await (const w of client.workflow.list({ query: closedQuery })) closed.push({ id: w.workflowId, status: w.status.name, at: w.closeTime ?? new Date() });
    report.checked += closed.length;
    for (let i = 0; i < closed.length; i += 500) {
      const batch = closed.slice(i, i + 500);
      const rows = await openRows(batch.map((c) => c.id));
      await each(batch, async (c) => {
        const status = rows.get(c.id);
        if (status !== undefined && !OPEN.includes(status)) return;
        const outside = outsideStatus(c.status);
        await fix(c.id, status === undefined ? 'closed case missing' : `closed in Temporal (${c.status}) but open here`, outside && { ...outside, at: c.at });
      });
    }

    // Running without a row.
    const running: string[] = [];
    const runningQuery = `WorkflowType = 'caseWorkflow' AND ExecutionStatus = 'Running'${opts.since ? ` AND StartTime > '${new Date(opts.since.getTime() - MARGIN_MS).toISOString()}'` : ''}`;
    for await (const w of client.workflow.list({ query: runningQuery })) running.push(w.workflowId);
    report.checked += running.length;
    for (let i = 0; i < running.length; i += 500) {
      const batch = running.slice(i, i + 500);
      const rows = await openRows(batch);
      await each(batch.filter((id) => !rows.has(id)), (id) => fix(id, 'running case missing'));
    }

    // Counts differ: every open row against Temporal.
    const temporalOpen = Number((await client.workflow.count(`WorkflowType = 'caseWorkflow' AND ExecutionStatus = 'Running'`)).count);
    const [{ n } = { n: 0 }] = await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM proj_cases WHERE status IN ('running', 'suspended') AND source <> 'generated'`);
    // More open here than running there: some closure was missed (missing rows were handled above).
    if (Number(n) > temporalOpen) await this.sweepOpenRows(report, fix);

    // Deep: each named case against its own state.
    for (const caseId of opts.deep ?? []) {
      report.checked += 1;
      try {
        const state = await withTemporalRetry(() => client.connection.withDeadline(Date.now() + 10_000, () => client.workflow.getHandle(caseId).query(stateQuery)));
        const mismatches = await projectionMismatches(db, state);
        if (mismatches.length) await fix(caseId, mismatches.slice(0, 3).join('; '));
      } catch (err) {
        report.failed.push({ caseId, why: (err as Error).message?.slice(0, 200) });
      }
    }
    report.seconds = Math.round((Date.now() - t0) / 100) / 10;
    return report;
  }

  /** Open rows whose execution is not running any more (checked 100 ids per visibility query). */
  private async sweepOpenRows(report: ReconcileReport, fix: (id: string, why: string, outside?: { status: string; outcome: string; at: Date }) => Promise<void>): Promise<void> {
    const { db, client } = this.deps;
    let after = '';
    for (;;) {
      const rows = await db.query<{ case_id: string }>(
        `SELECT case_id FROM proj_cases WHERE status IN ('running', 'suspended') AND source <> 'generated' AND case_id > $1 ORDER BY case_id LIMIT 100`,
        [after],
      );
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.case_id;
      const ids = rows.map((r) => r.case_id);
      report.checked += ids.length;
      const quoted = ids.map((id) => `'${id.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ');
      const alive = new Set<string>();
      for await (const w of client.workflow.list({ query: `WorkflowId IN (${quoted}) AND ExecutionStatus = 'Running'` })) alive.add(w.workflowId);
      await each(ids.filter((id) => !alive.has(id)), async (id) => {
        const desc = await client.workflow.getHandle(id).describe().catch(() => undefined);
        if (desc?.status.name === 'RUNNING') return;
        const outside = desc ? outsideStatus(desc.status.name) : { status: 'terminated', outcome: 'gone' };
        await fix(id, desc ? `closed in Temporal (${desc.status.name}) but open here` : 'no longer in Temporal', outside && { ...outside, at: desc?.closeTime ?? new Date() });
      });
    }
  }

  /**
   * A pass recorded in proj_reconcile_runs, skipped while another process runs one. `since` is the
   * start of the last finished pass (none yet: every running case is looked at).
   */
  async run(opts: { deep?: string[] } = {}): Promise<ReconcileReport | undefined> {
    const { db, log } = this.deps;
    await db.query(
      `UPDATE proj_reconcile_runs SET finished_at = now(), report = '{"abandoned": true}' WHERE finished_at IS NULL AND started_at < now() - ($1::int * interval '1 millisecond')`,
      [STALE_MS],
    );
    const [mine] = await db.query<{ id: string | number }>(
      `INSERT INTO proj_reconcile_runs (started_at) VALUES (now()) ON CONFLICT DO NOTHING RETURNING id`,
    );
    if (!mine) return undefined;
    const [last] = await db.query<{ started_at: Date }>(
      `SELECT started_at FROM proj_reconcile_runs WHERE finished_at IS NOT NULL AND NOT (report ? 'abandoned') ORDER BY started_at DESC LIMIT 1`,
    );
    let report: ReconcileReport;
    try {
      report = await this.pass({ since: last ? new Date(last.started_at) : undefined, deep: opts.deep });
    } catch (err) {
      await db.query(`UPDATE proj_reconcile_runs SET finished_at = now(), report = $2 WHERE id = $1`, [mine.id, JSON.stringify({ abandoned: true, error: (err as Error).message })]);
      throw err;
    }
    await db.query(`UPDATE proj_reconcile_runs SET finished_at = now(), checked = $2, fixed = $3, report = $4 WHERE id = $1`, [
      mine.id,
      report.checked,
      report.fixed.length,
      JSON.stringify({ ...report, fixed: report.fixed.slice(0, MAX_REPORTED), failed: report.failed.slice(0, MAX_REPORTED) }),
    ]);
    if (report.fixed.length || report.failed.length) log?.warn({ checked: report.checked, fixed: report.fixed.slice(0, 20), failed: report.failed.slice(0, 20) }, `read model: reconciler fixed ${report.fixed.length} case(s)`);
    else log?.info({ checked: report.checked, seconds: report.seconds }, 'read model: reconciler found nothing to fix');
    return report;
  }

  /** Runs now and then every `everyMs`; returns a stop function. */
  schedule(everyMs: number): () => void {
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const tick = async () => {
      await this.run().catch((err: unknown) => this.deps.log?.warn({ err }, 'read model: reconciler pass failed'));
      if (!stopped) timer = setTimeout(() => void tick(), everyMs);
    };
    void tick();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }
}
