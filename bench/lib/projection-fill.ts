/**
 * Generated read-model rows, for query benchmarks and screenshots at sizes no 2-core machine runs
 * as real cases in a session: each row is an open (or closed) case with one task, shaped as the
 * workflow writes them (db/projection/store.ts), marked `source = 'generated'` so the reconciler
 * leaves them alone and every report can say how many there were. Deterministic (seeded).
 */
import type { Queryable } from '../../db/adapter.js';
import { titleGrams } from '../../db/projection/grams.js';
import { orgPathOf } from '../../db/projection/org-path.js';

export interface FillUnit {
  id: string;
  /** The unit and its ancestors, nearest first. */
  chain: string[];
}

export interface FillProcedure {
  key: string;
  /** The open step of a generated case. */
  nodeId: string;
  nodeName: string;
  /** The role (in the case's unit) that may act on it, e.g. VIL_COMM. */
  role: string;
}

export interface FillOptions {
  cases: number;
  units: FillUnit[];
  procedures: FillProcedure[];
  /** Distinguishes runs: case ids are `gen-<tag>-<n>`. */
  tag: string;
  /** Share of closed cases (with their task done), 0..1. */
  closedShare?: number;
  /** Lights of open cases: shares of yellow and red (the rest green). */
  yellow?: number;
  red?: number;
  /** Who completed the tasks of closed cases (user ids; default generated ones). */
  handlers?: string[];
  /** Every n-th title names a road (道路), for text search. */
  roadEvery?: number;
  seed?: number;
  now?: Date;
  log?: (s: string) => void;
}

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const HOUR = 3600_000;
const BATCH = 2000;

export async function fillProjection(db: Queryable, o: FillOptions): Promise<{ cases: number; open: number; seconds: number }> {
  const t0 = performance.now();
  const random = rng(o.seed ?? 7);
  const now = (o.now ?? new Date()).getTime();
  let open = 0;
  for (let start = 0; start < o.cases; start += BATCH) {
    const cases: Record<string, unknown>[] = [];
    const tasks: Record<string, unknown>[] = [];
    for (let i = start; i < Math.min(o.cases, start + BATCH); i++) {
      const unit = o.units[i % o.units.length]!;
      const proc = o.procedures[Math.floor(i / o.units.length) % o.procedures.length]!;
      const closed = random() < (o.closedShare ?? 0);
      const r = random();
      const light = closed ? 'green' : r < (o.red ?? 0.08) ? 'red' : r < (o.red ?? 0.08) + (o.yellow ?? 0.15) ? 'yellow' : 'green';
      const started = now - Math.floor(random() * 40 * 24) * HOUR - Math.floor(random() * HOUR);
      // Red: due in the past; yellow: due within two days; green: later.
      const due = light === 'red' ? now - Math.floor(1 + random() * 72) * HOUR : light === 'yellow' ? now + Math.floor(1 + random() * 48) * HOUR : now + Math.floor(49 + random() * 400) * HOUR;
      const done = closed ? started + Math.floor(1 + random() * 200) * HOUR : null;
      const title = `${i % (o.roadEvery ?? 20) === 0 ? '村道路修缮' : '在办事项'}G${i}`;
      const caseId = `gen-${o.tag}-${i}`;
      if (!closed) open++;
      cases.push({
        case_id: caseId,
        procedure: proc.key,
        title,
        title_grams: titleGrams(title),
        org_unit: unit.id,
        org_path: orgPathOf(unit.chain),
        org_units: unit.chain,
        status: closed ? 'completed' : 'running',
        light,
        stage: closed ? '已办结' : proc.nodeName,
        initiator: `gen-user-${i % 50}`,
        started_at: new Date(started).toISOString(),
        closed_at: done ? new Date(Math.min(done, now)).toISOString() : null,
        next_due: closed ? null : new Date(due).toISOString(),
        last_progress: new Date(started).toISOString(),
        overdue_count: light === 'red' ? 1 : 0,
        ever_overdue: light === 'red' || (closed && random() < 0.1),
        outcome: closed ? 'done' : null,
        open_tasks: closed ? 0 : 1,
      });
      const role = `${proc.role}@${unit.id}`;
      tasks.push({
        case_id: caseId,
        task_id: `${proc.nodeId}-1`,
        node_id: proc.nodeId,
        node_name: proc.nodeName,
        status: closed ? 'done' : 'open',
        roles: closed ? [] : [role],
        candidate_roles: [role],
        created_at: new Date(started).toISOString(),
        due_at: new Date(due).toISOString(),
        overdue: light === 'red',
        completed_at: done ? new Date(Math.min(done, now)).toISOString() : null,
        completed_by: closed ? (o.handlers?.length ? o.handlers[i % o.handlers.length] : `gen-user-${i % 50}`) : null,
        operation: closed ? 'complete' : null,
      });
    }
    await db.query(
      `INSERT INTO proj_cases (case_id, seq, procedure, version, title, title_grams, org_unit, org_path, org_units, status, light, stage, initiator,
         started_at, closed_at, next_due, last_progress, overdue_count, ever_overdue, outcome, open_tasks, state_at, projected_at, source)
       SELECT x.case_id, 1, x.procedure, 1, x.title, ARRAY(SELECT jsonb_array_elements_text(x.title_grams)), x.org_unit, x.org_path::ltree,
         ARRAY(SELECT jsonb_array_elements_text(x.org_units)), x.status, x.light, x.stage, x.initiator, x.started_at, x.closed_at, x.next_due,
         x.last_progress, x.overdue_count, x.ever_overdue, x.outcome, x.open_tasks, x.last_progress, x.last_progress, 'generated'
       FROM jsonb_to_recordset($1::jsonb) AS x(case_id text, procedure text, title text, title_grams jsonb, org_unit text, org_path text, org_units jsonb,
         status text, light text, stage text, initiator text, started_at timestamptz, closed_at timestamptz, next_due timestamptz, last_progress timestamptz,
         overdue_count int, ever_overdue boolean, outcome text, open_tasks int)
       ON CONFLICT (case_id) DO NOTHING`,
      [JSON.stringify(cases)],
    );
    await db.query(
      `INSERT INTO proj_tasks (case_id, task_id, seq, node_id, node_name, kind, status, actors, roles, assignees, candidate_roles, created_at, due_at, overdue,
         completed_at, completed_by, operation)
       SELECT x.case_id, x.task_id, 1, x.node_id, x.node_name, 'task', x.status, '{}', ARRAY(SELECT jsonb_array_elements_text(x.roles)), '{}',
         ARRAY(SELECT jsonb_array_elements_text(x.candidate_roles)), x.created_at, x.due_at, x.overdue, x.completed_at, x.completed_by, x.operation
       FROM jsonb_to_recordset($1::jsonb) AS x(case_id text, task_id text, node_id text, node_name text, status text, roles jsonb, candidate_roles jsonb,
         created_at timestamptz, due_at timestamptz, overdue boolean, completed_at timestamptz, completed_by text, operation text)
       ON CONFLICT (case_id, task_id) DO NOTHING`,
      [JSON.stringify(tasks)],
    );
    if (o.log && (start / BATCH) % 10 === 9) o.log(`  generated ${start + BATCH} read-model rows`);
  }
  await db.query('VACUUM ANALYZE proj_cases');
  await db.query('VACUUM ANALYZE proj_tasks');
  return { cases: o.cases, open, seconds: Math.round((performance.now() - t0) / 100) / 10 };
}
