/**
 * Who may start a case of a procedure, and where (发起). A definition that names `starterRoles`
 * may be started by holders of one of them, in the unit of the grant or any unit below it — the
 * roles the statute or the seed names (信访: 信访办 and the 首问 officers; 五议两公开: the 村党组织,
 * the 两委 and, through 党员群众建议, party members and representatives). A definition that names
 * none may be started by staff in their own units, never by a citizen.
 */
import type { Definition } from '../../dsl/schema.js';
import type { OrgLevel } from '../../dsl/org.js';
import { caseLevels } from '../../dsl/start-step.js';
import type { OrgTree } from '../org/org-tree.js';
import type { Principal } from '../auth/principal.js';
import { isStaffGrant } from '../auth/roles.js';

export function startUnits(def: Definition, p: Principal, tree: OrgTree): Set<string> {
  const out = new Set<string>();
  const grants = def.starterRoles ? p.grants.filter((g) => def.starterRoles!.includes(g.role)) : p.grants.filter(isStaffGrant);
  // Only units of the level the procedure's cases live at (a 村 procedure is not started in a 网格).
  const levels = caseLevels(def);
  const fits = (u: string) => levels.size === 0 || levels.has(tree.get(u)?.level as OrgLevel);
  for (const g of grants) for (const u of tree.subtree(g.orgUnit)) if (fits(u)) out.add(u);
  return out;
}

export function mayStart(def: Definition, p: Principal, unit: string, tree: OrgTree): boolean {
  return startUnits(def, p, tree).has(unit);
}
