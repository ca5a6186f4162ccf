/**
 * resolveAssignees: who a human node goes to.
 *
 *   role        grants [{role, orgUnit}] with orgUnit from the scope — case → org.unit,
 *               parent → org.ancestors[0], township → org.township, county → org.county,
 *               field → data[orgField] — plus the current holders from the directory (so they
 *               can be notified; anyone granted the role later may still claim).
 *   user        the listed users, each checked against the directory.
 *   initiator   the case initiator.
 *   expression  CEL over {data, initiator} returning a user id or a list of them.
 */
import type { Assignment } from '../dsl/schema.js';
import { evaluateExpression, ExpressionError } from '../dsl/expressions.js';
import type { OrgContext } from '../dsl/org.js';
import type { Directory, ResolveAssigneesRequest, ResolveAssigneesResult } from './types.js';
import { activityFailure } from './errors.js';

type RoleAssignment = Extract<Assignment, { type: 'role' }>;

/** The org unit a role assignment looks the role up in. Throws ORG_UNIT_MISSING. */
export function scopeOrgUnit(a: RoleAssignment, org: OrgContext, data: Record<string, unknown>): string {
  const scope = a.scope ?? 'case';
  let unit: unknown;
  let where: string;
  switch (scope) {
    case 'case':
      unit = org.unit;
      where = '本案件所属单位';
      break;
    case 'parent':
      unit = org.ancestors?.[0];
      where = '上级单位';
      break;
    case 'township':
      unit = org.township;
      where = '所属乡镇';
      break;
    case 'county':
      unit = org.county;
      where = '所属县（区）';
      break;
    case 'field':
      unit = a.orgField ? data[a.orgField] : undefined;
      where = a.orgField ? `表单字段“${a.orgField}”` : '未指定单位字段（orgField）';
      break;
    default: {
      const never: never = scope;
      throw activityFailure('ORG_UNIT_MISSING', `未知范围 ${String(never)}`);
    }
  }
  if (typeof unit !== 'string' || unit.length === 0) {
    throw activityFailure('ORG_UNIT_MISSING', `角色 ${a.role} 的${where}为空`);
  }
  return unit;
}

async function checkUsersExist(directory: Directory, userIds: string[]): Promise<void> {
  const unknown: string[] = [];
  for (const id of userIds) if (!(await directory.userExists(id))) unknown.push(id);
  if (unknown.length) throw activityFailure('ASSIGNEE_UNKNOWN', unknown.join('、'));
}

function expressionUsers(expr: string, data: Record<string, unknown>, initiator: string): string[] {
  let value: unknown;
  try {
    value = evaluateExpression(expr, { data, initiator });
  } catch (err) {
    throw activityFailure('EXPRESSION_FAILED', err instanceof ExpressionError ? err.message : String(err));
  }
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((v) => typeof v === 'string' && v.length > 0)) {
    throw activityFailure('EXPRESSION_RESULT_INVALID', `${expr} → ${JSON.stringify(value)}`);
  }
  return list as string[];
}

export async function resolveAssignees(
  directory: Directory,
  req: ResolveAssigneesRequest,
): Promise<ResolveAssigneesResult> {
  const { assignment: a, org, data, initiator } = req;
  switch (a.type) {
    case 'role': {
      const orgUnit = scopeOrgUnit(a, org, data);
      const userIds = await directory.usersWithRole(a.role, orgUnit);
      return { userIds: [...new Set(userIds)], grants: [{ role: a.role, orgUnit }] };
    }
    case 'user': {
      const userIds = [...new Set(a.userIds)];
      await checkUsersExist(directory, userIds);
      return { userIds, grants: [] };
    }
    case 'initiator':
      return { userIds: [initiator], grants: [] };
    case 'expression':
      return { userIds: [...new Set(expressionUsers(a.expr, data, initiator))], grants: [] };
    default: {
      const never: never = a;
      throw activityFailure('EXPRESSION_RESULT_INVALID', `未知的办理人类型 ${JSON.stringify(never)}`);
    }
  }
}
