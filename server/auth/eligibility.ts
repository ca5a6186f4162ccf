/**
 * Who a task may be handed to (转办 transfer, 委托 delegate, 加签 add-signer, 批量改派 bulk reassign) and
 * who may receive a case (抄送 cc). Pure: the route loads the users, the case and its definition.
 *
 * A user is eligible when they are a real, active user holding a grant
 *  - in the case's scope: the case's unit, its ancestors (township, county) or the units below it
 *    (groups, grids), or a unit the task itself is offered in; and
 *  - of a role eligible for the task: the role the node is assigned to (and its 督办 role) when it
 *    is assigned by role, otherwise a casework role the procedure names — never a citizen's role
 *    (信访人, 户主 …) unless the node is assigned to that very role, never a system role.
 * 抄送 takes any casework role in the case's scope.
 */
import type { Definition, HumanNode } from '../../dsl/schema.js';
import type { RoleGrant, TaskRecord } from '../../workflows/types.js';
import { isCaseworkRole } from './roles.js';

export type HandOver = 'transfer' | 'delegate' | 'addSigner';

export interface CandidateUser {
  id: string;
  name: string;
  disabled: boolean;
  grants: RoleGrant[];
}

export interface CaseScope {
  /** The case's unit, its ancestors and the units below it. */
  units: ReadonlySet<string>;
}

/** Roles a task may be handed to; `undefined` = any casework role. */
export function eligibleRoles(def: Definition, node: HumanNode): Set<string> | undefined {
  const escalate = node.deadline?.escalateToRole;
  if (node.assignment.type === 'role') return new Set([node.assignment.role, ...(escalate ? [escalate] : [])]);
  const named = def.roles.map((r) => r.key).filter(isCaseworkRole);
  if (named.length === 0) return undefined;
  return new Set([...named, ...(escalate ? [escalate] : [])]);
}

/** The grant that makes `user` eligible for the task, or why not (zh-CN). */
export function taskEligibility(
  user: CandidateUser | undefined,
  task: TaskRecord,
  node: HumanNode,
  def: Definition,
  scope: CaseScope,
): { ok: true; grant: RoleGrant } | { ok: false; reason: string } {
  if (!user) return { ok: false, reason: '找不到该用户' };
  if (user.disabled) return { ok: false, reason: `${user.name} 的账户已停用` };
  const roles = eligibleRoles(def, node);
  const units = new Set([...scope.units, ...task.candidateGrants.map((g) => g.orgUnit)]);
  const roleOk = (r: string) => (roles ? roles.has(r) && (isCaseworkRole(r) || (node.assignment.type === 'role' && node.assignment.role === r)) : isCaseworkRole(r));
  const grant = user.grants.find((g) => roleOk(g.role) && units.has(g.orgUnit));
  if (grant) return { ok: true, grant };
  if (!user.grants.some((g) => units.has(g.orgUnit))) return { ok: false, reason: `${user.name} 不在本案件所属单位及其上下级单位任职` };
  return { ok: false, reason: `${user.name} 没有可办理「${node.name}」的角色` };
}

/** 抄送: a casework grant in the case's scope. */
export function ccEligibility(user: CandidateUser | undefined, scope: CaseScope): { ok: true } | { ok: false; reason: string } {
  if (!user) return { ok: false, reason: '找不到该用户' };
  if (user.disabled) return { ok: false, reason: `${user.name} 的账户已停用` };
  if (user.grants.some((g) => isCaseworkRole(g.role) && scope.units.has(g.orgUnit))) return { ok: true };
  return { ok: false, reason: `${user.name} 不是本案件所属单位及其上下级单位的工作人员，不能抄送` };
}
