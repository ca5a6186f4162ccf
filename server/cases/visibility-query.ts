/**
 * Visibility queries over the engine's search attributes (SQL visibility: no ORDER BY, no LIKE).
 * Every value is checked against a safe alphabet before it is quoted: ids only, never free text.
 */
import { SA } from '../../workflows/search-attributes.js';
import { validation } from '../errors.js';

const SAFE = /^[A-Za-z0-9_.@:+\-\u4e00-\u9fff]+$/;

export function quote(v: string): string {
  // Only filter values (ids) come here: anything outside the alphabet is the caller's bad input, 422.
  if (!SAFE.test(v)) throw validation([{ path: [], message: `筛选条件含有无效字符：${JSON.stringify(v).slice(0, 80)}` }], '筛选条件无效');
  return `'${v}'`;
}

const list = (vs: readonly string[]) => vs.map(quote).join(', ');

export interface CaseFilter {
  /** Grant units of the user: cases whose org path meets one of them. `all` = no scope limit. */
  scope: readonly string[] | 'all';
  /** Cases the user is personally involved in are visible whatever their unit. */
  involvedUser?: string;
  /** Further cases the user took part in (已办, 抄送), by id. */
  involvedCaseIds?: readonly string[];
  procedure?: string;
  /** Cases running this version of the procedure (migration). */
  version?: number;
  orgUnit?: string;
  status?: string | readonly string[];
  health?: string;
  /** Cases with an open task due before this instant. */
  overdueAt?: Date;
  assignee?: string;
  /** No progress since this instant. */
  noProgressSince?: Date;
}

export function caseQuery(f: CaseFilter): string {
  const parts = [`WorkflowType = 'caseWorkflow'`];
  if (f.scope !== 'all') {
    const scoped = f.scope.length ? [`${SA.orgPath.name} IN (${list(f.scope)})`] : [];
    if (f.involvedUser) scoped.push(`${SA.assignees.name} = ${quote(f.involvedUser)}`, `${SA.initiator.name} = ${quote(f.involvedUser)}`);
    if (f.involvedCaseIds?.length) scoped.push(`WorkflowId IN (${list(f.involvedCaseIds)})`);
    parts.push(scoped.length ? `(${scoped.join(' OR ')})` : `WorkflowId = '-'`);
  }
  if (f.procedure) parts.push(`${SA.procedure.name} = ${quote(f.procedure)}`);
  if (f.version !== undefined && Number.isInteger(f.version)) parts.push(`${SA.definitionVersion.name} = ${f.version}`);
  if (f.orgUnit) parts.push(`${SA.orgPath.name} = ${quote(f.orgUnit)}`);
  if (typeof f.status === 'string') parts.push(`${SA.status.name} = ${quote(f.status)}`);
  else if (f.status?.length) parts.push(`${SA.status.name} IN (${list(f.status)})`);
  if (f.health) parts.push(`${SA.health.name} = ${quote(f.health)}`);
  if (f.overdueAt) parts.push(`${SA.nextDue.name} < '${f.overdueAt.toISOString()}'`);
  if (f.assignee) parts.push(`${SA.assignees.name} = ${quote(f.assignee)}`);
  if (f.noProgressSince) parts.push(`${SA.lastProgress.name} < '${f.noProgressSince.toISOString()}'`);
  return parts.join(' AND ');
}

/** Open tasks the user may act on: assigned to them, or claimable through a role they hold. */
export function inboxQuery(userId: string, grantKeys: readonly string[]): string {
  const who = [`${SA.assignees.name} = ${quote(userId)}`];
  if (grantKeys.length) who.push(`${SA.candidateRoles.name} IN (${list(grantKeys)})`);
  return `WorkflowType = 'caseWorkflow' AND ${SA.status.name} = 'running' AND (${who.join(' OR ')})`;
}
