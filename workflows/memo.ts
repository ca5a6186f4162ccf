/**
 * The visibility memo of a case — what the inbox, the monitor's bulk actions and stuck list, and
 * the CLI read without asking the case itself — and the rule "is this open task for this person".
 * The interpreter writes it (engine/search-state.ts), the API starts every case with `startMemo`
 * (temporal/case-start.ts) and reads it (server/cases/listing.ts), the CLI reads it
 * (cli/commands/tasks.ts). Pure: types and functions only.
 */
import type { RoleGrant } from '../dsl/org.js';

/** An open task as the memo carries it. */
export interface MemoTask {
  taskId: string;
  nodeId: string;
  nodeName: string;
  kind: 'task' | 'vote' | 'publicity';
  status: string;
  dueAt: string | null;
  /** Users who may act now (explicit assignees; unsigned signers of a countersign). */
  assignees: string[];
  /** Ballot mode: voters who have not voted yet (the inbox of each voter). */
  voters?: string[];
  /** Tally mode: the 监票人 grants while a count waits for confirmation. */
  scrutineerRoles?: string[];
  /** `ROLE@orgUnit` grants whose holders may claim. */
  candidateRoles: string[];
  claimedBy: string | null;
  createdAt: string;
}

/** A case that stopped itself on a safety limit (engine/auto-budget.ts). */
export interface MemoIncident {
  code: string;
  message: string;
  nodeId: string;
  nodeName: string;
  at: string;
}

/** The memo: cases started before the `publish-per-task` patch also carry `health` and `stage`. */
export interface CaseMemo {
  title?: string;
  openTasks?: MemoTask[];
  incident?: MemoIncident;
}

/** The memo a case is started with (before its first task exists). */
export function startMemo(title: string): Required<Pick<CaseMemo, 'title' | 'openTasks'>> {
  return { title, openTasks: [] };
}

/** A role grant as the memo and the search attributes write it: `ROLE@orgUnit`. */
export function grantKey(g: RoleGrant): string {
  return `${g.role}@${g.orgUnit}`;
}

/** The memo of a listed case, whatever it holds (an old or a foreign memo reads as empty). */
export function readMemo(raw: unknown): CaseMemo {
  const m = (raw ?? {}) as CaseMemo;
  return {
    ...(typeof m.title === 'string' ? { title: m.title } : {}),
    openTasks: Array.isArray(m.openTasks) ? m.openTasks : [],
    ...(m.incident ? { incident: m.incident } : {}),
  };
}

/**
 * Is this open task the person's to act on now? A voter who has not voted, a 监票人 while a count
 * waits, the claimant once claimed, else an assignee or a holder of a candidate grant. (The engine
 * re-checks every update: this only decides what shows in an inbox.)
 */
export function memoTaskIsFor(t: MemoTask, who: { userId: string; grantKeys: readonly string[] }): boolean {
  if (t.voters?.includes(who.userId)) return true;
  if (t.scrutineerRoles?.some((r) => who.grantKeys.includes(r))) return true;
  if (t.claimedBy) return t.claimedBy === who.userId;
  return t.assignees.includes(who.userId) || t.candidateRoles.some((r) => who.grantKeys.includes(r));
}
