/** Org paths of the current org tree (the encoding of unit ids as ltree labels is db/projection/org-path.ts). */
import type { OrgTree } from '../org/org-tree.js';
import { orgPathOf } from '../../db/projection/org-path.js';

export { orgPathOf, pathLabel } from '../../db/projection/org-path.js';

/** The ltree of a unit of the current org tree (its subtree: `org_path <@ this`). */
export function unitPath(tree: OrgTree, unitId: string): string {
  return orgPathOf([unitId, ...tree.ancestors(unitId)]);
}
