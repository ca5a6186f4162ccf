/**
 * Does the read model hold what the case itself says? Compares a case's projection with its
 * workflow state (the `state` query): status, outcome, every task (status, who claimed and who
 * completed it, who may act) and the length of the timeline. The soak runs it on every case
 * (0 mismatches is its bar); the reconciler's deep pass repairs what it finds.
 */
import type { Queryable } from '../../db/adapter.js';
import type { CaseState } from '../../workflows/types.js';

interface CaseRow {
  status: string;
  outcome: string | null;
  procedure: string;
  org_unit: string;
  title: string;
  seq: string | number;
}
interface TaskRow {
  task_id: string;
  status: string;
  claimed_by: string | null;
  completed_by: string | null;
}

/** Mismatches between the projection of `state.caseId` and `state` (empty when they agree). */
export async function projectionMismatches(db: Queryable, state: CaseState): Promise<string[]> {
  const id = state.caseId;
  const [row] = await db.query<CaseRow>('SELECT status, outcome, procedure, org_unit, title, seq FROM proj_cases WHERE case_id = $1', [id]);
  if (!row) return [`${id}: not in the read model`];
  const out: string[] = [];
  const same = (what: string, projected: unknown, actual: unknown) => {
    if ((projected ?? null) !== (actual ?? null)) out.push(`${id}: ${what} is ${JSON.stringify(projected)} in the read model, ${JSON.stringify(actual)} in the case`);
  };
  same('status', row.status, state.status);
  same('outcome', row.outcome, state.outcome);
  same('procedure', row.procedure, state.definitionKey);
  same('org unit', row.org_unit, state.org.unit);
  same('title', row.title, state.title);
  if (state.projectionSeq !== undefined) same('sequence', Number(row.seq), state.projectionSeq);
  const tasks = await db.query<TaskRow>('SELECT task_id, status, claimed_by, completed_by FROM proj_tasks WHERE case_id = $1', [id]);
  const byId = new Map(tasks.map((t) => [t.task_id, t]));
  for (const t of state.tasks) {
    const p = byId.get(t.id);
    if (!p) {
      out.push(`${id}: task ${t.id} (${t.nodeName}) is not in the read model`);
      continue;
    }
    same(`task ${t.id} status`, p.status, t.status);
    same(`task ${t.id} claimant`, p.claimed_by, t.claimedBy);
    same(`task ${t.id} completed by`, p.completed_by, t.completedBy);
    byId.delete(t.id);
  }
  for (const extra of byId.keys()) out.push(`${id}: task ${extra} is in the read model only`);
  const [tl] = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM proj_timeline WHERE case_id = $1', [id]);
  same('timeline entries', Number(tl?.n ?? 0), state.timeline.length);
  return out;
}
