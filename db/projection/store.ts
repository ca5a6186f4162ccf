/**
 * The projection store: one write of a case's read model (activities/types.ts ProjectionWrite) is
 * one SQL statement — the case row, its changed tasks and its new timeline entries — applied
 * atomically. A row is replaced only by a newer sequence number, timeline entries are written
 * once, so a retried, replayed or late write changes nothing it should not.
 */
import { EventEmitter } from 'node:events';
import type { ProjectionStore, ProjectionWrite } from '../../activities/types.js';
import type { Queryable } from '../adapter.js';
import { stripBallots } from './ballot-fields.js';
import { titleGrams } from './grams.js';
import { orgPathOf } from './org-path.js';

const CASE_COLUMNS = `procedure, version, title, title_grams, org_unit, org_path, org_units, status, light, stage, initiator,
  started_at, closed_at, next_due, last_progress, overdue_count, ever_overdue, outcome, open_tasks, state_at, incident, warning_level, warning_reason`;

const WRITE_SQL = `
WITH c AS (
  INSERT INTO proj_cases (case_id, seq, ${CASE_COLUMNS}, projected_at, source)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8::ltree, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $28, $29, $30, clock_timestamp(), $23)
  ON CONFLICT (case_id) DO UPDATE SET seq = EXCLUDED.seq,
    ${CASE_COLUMNS.split(',').map((c) => `${c.trim()} = EXCLUDED.${c.trim()}`).join(', ')},
    projected_at = EXCLUDED.projected_at, source = EXCLUDED.source
  WHERE proj_cases.seq < EXCLUDED.seq OR ($27::boolean AND proj_cases.seq = EXCLUDED.seq)
  RETURNING 1
), t AS (
  INSERT INTO proj_tasks (case_id, task_id, seq, node_id, node_name, kind, status, actors, roles, assignees, candidate_roles,
    claimed_by, created_at, due_at, warn_at, overdue, completed_at, completed_by, operation)
  SELECT $1, x."taskId", $2, x."nodeId", x."nodeName", x.kind, x.status,
    ARRAY(SELECT jsonb_array_elements_text(x.actors)), ARRAY(SELECT jsonb_array_elements_text(x.roles)),
    ARRAY(SELECT jsonb_array_elements_text(x.assignees)), ARRAY(SELECT jsonb_array_elements_text(x."candidateRoles")),
    x."claimedBy", x."createdAt", x."dueAt", x."warnAt", x.overdue, x."completedAt", x."completedBy", x.operation
  FROM jsonb_to_recordset($24::jsonb) AS x("taskId" text, "nodeId" text, "nodeName" text, kind text, status text, actors jsonb, roles jsonb,
    assignees jsonb, "candidateRoles" jsonb, "claimedBy" text, "createdAt" timestamptz, "dueAt" timestamptz, "warnAt" timestamptz,
    overdue boolean, "completedAt" timestamptz, "completedBy" text, operation text)
  ON CONFLICT (case_id, task_id) DO UPDATE SET seq = EXCLUDED.seq, node_id = EXCLUDED.node_id, node_name = EXCLUDED.node_name,
    kind = EXCLUDED.kind, status = EXCLUDED.status, actors = EXCLUDED.actors, roles = EXCLUDED.roles, assignees = EXCLUDED.assignees,
    candidate_roles = EXCLUDED.candidate_roles, claimed_by = EXCLUDED.claimed_by, created_at = EXCLUDED.created_at,
    due_at = EXCLUDED.due_at, warn_at = EXCLUDED.warn_at, overdue = EXCLUDED.overdue, completed_at = EXCLUDED.completed_at,
    completed_by = EXCLUDED.completed_by, operation = EXCLUDED.operation
  WHERE proj_tasks.seq < EXCLUDED.seq OR ($27::boolean AND proj_tasks.seq = EXCLUDED.seq)
  RETURNING 1
), l AS (
  INSERT INTO proj_timeline (case_id, idx, at, type, actor, actor_name, node_id, task_id, comment, detail)
  SELECT $1, $25::int + (x.ord - 1)::int, (x.e->>'at')::timestamptz, x.e->>'type', x.e->>'actor', x.e->>'actorName', x.e->>'nodeId',
    x.e->>'taskId', x.e->>'comment', x.e->'detail'
  FROM jsonb_array_elements($26::jsonb) WITH ORDINALITY AS x(e, ord)
  ON CONFLICT (case_id, idx) DO NOTHING
  RETURNING 1
)
SELECT (SELECT count(*) FROM c)::int AS cases, (SELECT count(*) FROM t)::int AS tasks, (SELECT count(*) FROM l)::int AS timeline`;

export interface WriteOutcome {
  /** The case row was replaced (false: the store already held this or a newer write). */
  applied: boolean;
  tasks: number;
  timeline: number;
}

export interface AppProjectionStore extends ProjectionStore {
  /**
   * Like write(), with what it changed. `source` 'reconciler': the reconciler's write, read from the
   * case at the same sequence number as the row it repairs, replaces that row too.
   */
  apply(w: ProjectionWrite, source?: 'workflow' | 'reconciler'): Promise<WriteOutcome>;
  /** Called after every write of this process (the API waits on it: read-your-writes). */
  onWritten(listener: (caseId: string, seq: number) => void): () => void;
}

export function createProjectionStore(db: Queryable): AppProjectionStore {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const apply = async (w: ProjectionWrite, source: 'workflow' | 'reconciler' = 'workflow'): Promise<WriteOutcome> => {
    const c = w.case;
    const secret = new Set(w.secretNodes);
    const timeline = w.timeline.map((e) => (e.nodeId && secret.has(e.nodeId) && e.detail ? { ...e, detail: stripBallots(e.detail) } : e));
    const rows = await db.query<{ cases: number; tasks: number; timeline: number }>(WRITE_SQL, [
      w.caseId,
      w.seq,
      c.procedure,
      c.version,
      c.title,
      titleGrams(c.title),
      c.orgUnit,
      orgPathOf(c.orgUnits),
      c.orgUnits,
      c.status,
      c.light,
      c.stage,
      c.initiator,
      c.startedAt,
      c.closedAt,
      c.nextDue,
      c.lastProgress,
      c.overdueCount,
      c.everOverdue,
      c.outcome,
      c.openTasks,
      w.stateAt,
      source,
      JSON.stringify(w.tasks),
      w.timelineFrom,
      JSON.stringify(timeline),
      source === 'reconciler',
      c.incident ?? null,
      c.warning?.level ?? null,
      c.warning?.reason ?? null,
    ]);
    const r = rows[0] ?? { cases: 0, tasks: 0, timeline: 0 };
    events.emit('written', w.caseId, w.seq);
    return { applied: Number(r.cases) > 0, tasks: Number(r.tasks), timeline: Number(r.timeline) };
  };
  return {
    apply,
    async write(w) {
      await apply(w);
    },
    onWritten(listener) {
      events.on('written', listener);
      return () => events.off('written', listener);
    },
  };
}
