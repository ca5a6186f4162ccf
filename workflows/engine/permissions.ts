/**
 * Who may act on a case (pure). The server authenticates the actor; these checks run inside the
 * update validators so a forged or stale request is rejected before it enters history.
 */
import type { Actor, OrgContext, RoleGrant, TaskRecord } from '../types.js';
import { DESIGNER_ROLES, SUPERVISOR_ROLES } from '../../dsl/roles.js';

/** The case's org unit and every ancestor, nearest first, without duplicates. */
export function orgChain(org: OrgContext): string[] {
  const chain = [org.unit, ...org.ancestors, org.township, org.county].filter((u): u is string => !!u);
  return [...new Set(chain)];
}

/** Grants of `role` in each unit of the chain: whoever holds the role there is meant. */
export function grantsInChain(role: string, org: OrgContext): RoleGrant[] {
  return orgChain(org).map((orgUnit) => ({ role, orgUnit }));
}

export function holdsRoleInChain(actor: Actor, role: string, org: OrgContext): boolean {
  const chain = new Set(orgChain(org));
  return (actor.grants ?? []).some((g) => g.role === role && chain.has(g.orgUnit));
}

export function isSupervisor(actor: Actor, org: OrgContext): boolean {
  return SUPERVISOR_ROLES.some((r) => holdsRoleInChain(actor, r, org));
}

/** A 流程管理员 (or administrator) of the case's unit or above: may move the case to another version. */
export function isProcessAdmin(actor: Actor, org: OrgContext): boolean {
  return DESIGNER_ROLES.some((r) => holdsRoleInChain(actor, r, org));
}

export function holdsAnyGrant(actor: Actor, grants: readonly RoleGrant[]): boolean {
  return (actor.grants ?? []).some((g) => grants.some((c) => c.role === g.role && c.orgUnit === g.orgUnit));
}

/** A user who may work on the task now (explicit assignee, the delegator, or a candidate-role holder). */
export function isTaskActor(actor: Actor, task: TaskRecord): boolean {
  if (task.assignees.includes(actor.userId)) return true;
  if (task.delegatedFrom === actor.userId) return true;
  if (task.claimedBy === actor.userId) return true;
  if (task.signers?.some((s) => s.userId === actor.userId || s.onBehalfOf === actor.userId)) return true;
  return holdsAnyGrant(actor, task.candidateGrants);
}

export function claimedByOther(actor: Actor, task: TaskRecord): boolean {
  return !!task.claimedBy && task.claimedBy !== actor.userId && task.delegatedFrom !== actor.userId;
}
