/**
 * Who acts in a 试运行 sandbox. Every role of every unit is held by one stand-in person of the
 * sandbox ("村民委员会（试运行）"), so each step of the draft has someone to do it and the
 * designer can act as any of them; nobody real is assigned, told or shown anything.
 */
import type { Directory } from '../../activities/types.js';
import type { Definition } from '../../dsl/schema.js';
import { catalogueRole } from '../../dsl/roles.js';
import type { Actor, OrgContext } from '../../workflows/types.js';
import { SUPERVISOR_ROLES } from '../../dsl/roles.js';

interface StandIn {
  role: string;
  orgUnit: string;
  name: string;
}

/** The stand-ins of one sandbox: ids `play-u<n>` (short, ASCII, never a real login). */
export class PlayCast {
  private readonly byId = new Map<string, StandIn>();
  private readonly byKey = new Map<string, string>();

  constructor(
    private readonly definition: Definition,
    private readonly unitName: (unit: string) => string | undefined,
    private readonly initiator: Actor,
  ) {}

  roleName(role: string): string {
    return this.definition.roles.find((r) => r.key === role)?.name ?? catalogueRole(role)?.name ?? '经办人';
  }

  /** The stand-in holding `role` in `orgUnit`. */
  holder(role: string, orgUnit: string): string {
    const key = `${role}@${orgUnit}`;
    const known = this.byKey.get(key);
    if (known) return known;
    const id = `play-u${this.byId.size + 1}`;
    const unit = this.unitName(orgUnit);
    this.byId.set(id, { role, orgUnit, name: `${unit ? `${unit}·` : ''}${this.roleName(role)}（试运行）` });
    this.byKey.set(key, id);
    return id;
  }

  /** The actor of a stand-in (or the designer themselves, the sandbox case's initiator). */
  actor(userId: string): Actor {
    if (userId === this.initiator.userId) return this.initiator;
    const s = this.byId.get(userId);
    if (!s) return { userId, name: '群众（试运行）', grants: [] };
    return { userId, name: s.name, grants: [{ role: s.role, orgUnit: s.orgUnit }] };
  }

  /** Someone holding `role` in the case's unit (a 监票人, an objector). */
  actorWithRole(role: string, org: OrgContext): Actor {
    return this.actor(this.holder(role, org.unit));
  }

  /** A supervisor of the case's unit (confirms a tally when the vote names no 监票人 role). */
  supervisor(org: OrgContext): Actor {
    return this.actor(this.holder(SUPERVISOR_ROLES[0], org.township ?? org.unit));
  }

  /** A member of the public (a 公示 without an objector role is open to anyone). */
  publicPerson(): Actor {
    return { userId: 'play-public', name: '群众（试运行）', grants: [] };
  }

  /** Every sandbox person by id → name, for the timeline. */
  names(): Record<string, string> {
    const out: Record<string, string> = { [this.initiator.userId]: this.initiator.name ?? '发起人', 'play-public': '群众（试运行）' };
    for (const [id, s] of this.byId) out[id] = s.name;
    return out;
  }

  /** The sandbox's directory: every role of every unit has its stand-in; units keep their real names. */
  directory(real: Directory): Directory {
    return {
      usersWithRole: async (role, orgUnit) => [this.holder(role, orgUnit)],
      userExists: async (userId) => this.byId.has(userId) || userId === this.initiator.userId,
      activeDelegations: async () => [],
      unit: (unitId) => real.unit?.(unitId) ?? Promise.resolve(undefined),
    };
  }
}
