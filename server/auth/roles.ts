/**
 * The capabilities the web app shows navigation by (the role catalogue itself is dsl/roles.ts).
 */
import type { RoleGrant } from '../../dsl/org.js';
import { catalogueRole, CITIZEN_ROLE_CODES, DESIGNER_ROLES as DESIGNER_ROLE_LIST, SUPERVISOR_ROLES } from '../../dsl/roles.js';

import type { Capability } from '../../api/auth.js';
export type { Capability } from '../../api/auth.js';

/**
 * Citizen roles (群众): residents who petition, apply or suggest, holding no office. Their grants
 * give no org scope: a 信访人 of 径山村 does not see 径山村's cases, only their own. 村民代表 and 党员
 * are not among them: they sit in the bodies that deliberate the village's matters (村民代表会议
 * oversees the 村委会, 党员大会 reviews 四议 matters) and read those cases, as they did.
 */
export const CITIZEN_ROLES: ReadonlySet<string> = new Set(CITIZEN_ROLE_CODES);
/** System roles: they run the system, not cases (no task is ever theirs to take over). */
export const SYSTEM_ROLES: ReadonlySet<string> = new Set(['ADMIN', 'PROC_ADMIN']);

export const isStaffGrant = (g: RoleGrant) => !CITIZEN_ROLES.has(g.role);
/** A role that may be handed a task (转办/委托/加签/抄送): neither a citizen's nor a system role. */
export const isCaseworkRole = (role: string) => !CITIZEN_ROLES.has(role) && !SYSTEM_ROLES.has(role);

const DESIGNER_ROLES = new Set<string>(DESIGNER_ROLE_LIST);
const ADMIN_ROLES = new Set(['ADMIN']);
/** Decoding Temporal payloads is its own right, not an administrator's (issue 14). */
const OPS_ROLES = new Set(['OPS_DECODER']);
/** The monitor board is for the supervisors (督办) of dsl/roles.ts. */
const MONITOR_ROLES = new Set<string>(SUPERVISOR_ROLES);
/** 信访 roles see petitioners' personal data; the county 信访 bureau and the review body handle the same cases. */
export const XINFANG_ROLES = new Set(['TWN_XF_OFFICE', 'TWN_XF_LEADER', 'TWN_MATTER_LEADER', 'TWN_SEC', 'TWN_MAYOR', 'COUNTY_XF', 'XF_REEXAM']);

export function capabilitiesOf(grants: readonly RoleGrant[]): Capability[] {
  const roles = new Set(grants.map((g) => g.role));
  const has = (set: Set<string>) => [...roles].some((r) => set.has(r));
  const caps: Capability[] = [];
  if (has(DESIGNER_ROLES)) caps.push('designer');
  // Everyone who holds a staff role somewhere has an inbox (system administrators too); citizens see their own part.
  if (grants.some(isStaffGrant)) caps.push('inbox');
  else if (grants.length > 0) caps.push('participant');
  if (has(MONITOR_ROLES)) caps.push('monitor');
  if (has(ADMIN_ROLES)) caps.push('admin');
  if (has(XINFANG_ROLES)) caps.push('xinfang');
  if (has(OPS_ROLES)) caps.push('ops');
  return caps;
}

/** The role's name in the catalogue (the code when it is not there). */
export function roleName(code: string): string {
  return catalogueRole(code)?.name ?? code;
}
