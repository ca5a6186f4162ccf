/**
 * The capabilities the web app shows navigation by (the role catalogue itself is dsl/roles.ts).
 */
import type { RoleGrant } from '../../dsl/org.js';
import { SUPERVISOR_ROLES } from '../../dsl/roles.js';

import type { Capability } from '../../api/auth.js';
export type { Capability } from '../../api/auth.js';

const DESIGNER_ROLES = new Set(['PROC_ADMIN', 'ADMIN']);
const ADMIN_ROLES = new Set(['ADMIN']);
/** The monitor board is for the supervisors (督办) of dsl/roles.ts. */
const MONITOR_ROLES = new Set<string>(SUPERVISOR_ROLES);
/** 信访 roles see petitioners' personal data; the county 信访 bureau and the review body handle the same cases. */
export const XINFANG_ROLES = new Set(['TWN_XF_OFFICE', 'TWN_XF_LEADER', 'TWN_SEC', 'TWN_MAYOR', 'COUNTY_XF', 'XF_REEXAM']);

export function capabilitiesOf(grants: readonly RoleGrant[]): Capability[] {
  const roles = new Set(grants.map((g) => g.role));
  const has = (set: Set<string>) => [...roles].some((r) => set.has(r));
  const caps: Capability[] = [];
  if (has(DESIGNER_ROLES)) caps.push('designer');
  // Everyone who holds a role somewhere has an inbox; system administrators too.
  if (grants.length > 0) caps.push('inbox');
  if (has(MONITOR_ROLES)) caps.push('monitor');
  if (has(ADMIN_ROLES)) caps.push('admin');
  if (has(XINFANG_ROLES)) caps.push('xinfang');
  return caps;
}
