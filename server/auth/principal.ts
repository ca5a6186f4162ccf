/** The signed-in user as every handler sees it, and the Actor passed into every engine update. */
import type { Actor, RoleGrant } from '../../workflows/types.js';
import type { OrgTree } from '../org/org-tree.js';
import { capabilitiesOf, isStaffGrant, XINFANG_ROLES, type Capability } from './roles.js';
import { grantKey } from '../../workflows/memo.js';

export interface Principal {
  id: string;
  username: string;
  name: string;
  grants: RoleGrant[];
  capabilities: Capability[];
  /**
   * Org units the user's staff grants are held in (a case is in scope when its org path meets one).
   * Citizen grants (roles.ts CITIZEN_ROLES) give no scope.
   */
  grantUnits: string[];
  /** Every unit at or below a grant unit. */
  scopeUnits: Set<string>;
  /** `ROLE@unit` strings of every grant (citizen ones too: a task for 村民代表 is theirs), the form of JcCandidateRoles. */
  grantKeys: string[];
}

export function makePrincipal(user: { id: string; username: string; name: string; grants: RoleGrant[] }, tree: OrgTree): Principal {
  const grantUnits = [...new Set(user.grants.filter(isStaffGrant).map((g) => g.orgUnit))];
  const scopeUnits = new Set<string>();
  for (const u of grantUnits) for (const s of tree.subtree(u)) scopeUnits.add(s);
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    grants: user.grants,
    capabilities: capabilitiesOf(user.grants),
    grantUnits,
    scopeUnits,
    grantKeys: user.grants.map(grantKey),
  };
}

export function actorOf(p: Principal): Actor {
  return { userId: p.id, name: p.name, grants: p.grants };
}

export function can(p: Principal, cap: Capability): boolean {
  return p.capabilities.includes(cap);
}

/** 信访 personal data is shown only to 信访 roles. */
export function seesSensitive(p: Principal): boolean {
  return p.grants.some((g) => XINFANG_ROLES.has(g.role));
}

/** A case is in scope when its org path (unit and ancestors) contains a unit the user holds a grant in. */
export function caseInScope(p: Principal, orgPath: readonly string[]): boolean {
  return orgPath.some((u) => p.grantUnits.includes(u));
}
