/** A user as the people picker shows them (转办/委托/加签 and 委托规则 alike). */
import type { PersonChoice } from '../../api/index.js';
import type { AppContext } from '../context.js';
import { roleName } from '../auth/roles.js';
import { namePinyin } from '../people/pinyin.js';

/** A user as the people picker shows them: name, the role and unit that qualify them, pinyin to search by. */
export function personChoice(ctx: AppContext, u: { id: string; name: string }, grant: { role: string; orgUnit: string } | undefined): PersonChoice {
  return {
    id: u.id,
    name: u.name,
    roleName: grant ? roleName(grant.role) : '',
    orgUnitName: grant ? (ctx.org.tree.name(grant.orgUnit) ?? grant.orgUnit) : '',
    ...namePinyin(u.name),
  };
}

