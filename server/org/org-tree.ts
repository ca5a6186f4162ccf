/**
 * The org tree (county > township > village > group/grid), held in memory: it is small, read on
 * every request for scope checks, and reloaded after an admin edit.
 */
import type { Queryable } from '../../db/adapter.js';
import type { OrgContext, OrgLevel } from '../../dsl/org.js';
import { orgContextOf } from '../../dsl/directory.js';

export interface OrgUnit {
  id: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
}

export class OrgTree {
  private readonly byId = new Map<string, OrgUnit>();
  private readonly children = new Map<string, string[]>();

  constructor(units: OrgUnit[]) {
    for (const u of units) this.byId.set(u.id, u);
    for (const u of units) {
      if (!u.parentId) continue;
      const list = this.children.get(u.parentId) ?? [];
      list.push(u.id);
      this.children.set(u.parentId, list);
    }
  }

  static async load(db: Queryable): Promise<OrgTree> {
    const rows = await db.query<{ id: string; name: string; level: OrgLevel; parent_id: string | null }>(
      'SELECT id, name, level, parent_id FROM org_units ORDER BY id',
    );
    return new OrgTree(rows.map((r) => ({ id: r.id, name: r.name, level: r.level, parentId: r.parent_id })));
  }

  all(): OrgUnit[] {
    return [...this.byId.values()];
  }

  get(id: string): OrgUnit | undefined {
    return this.byId.get(id);
  }

  name(id: string): string | undefined {
    return this.byId.get(id)?.name;
  }

  /** Ancestors of `id`, nearest first. */
  ancestors(id: string): string[] {
    const out: string[] = [];
    let cur = this.byId.get(id)?.parentId ?? null;
    while (cur && out.length < 10) {
      out.push(cur);
      cur = this.byId.get(cur)?.parentId ?? null;
    }
    return out;
  }

  /** `id` and every unit below it. */
  subtree(id: string): string[] {
    const out: string[] = [];
    const stack = [id];
    while (stack.length) {
      const cur = stack.pop()!;
      if (!this.byId.has(cur)) continue;
      out.push(cur);
      stack.push(...(this.children.get(cur) ?? []));
    }
    return out;
  }

  isWithin(unit: string, root: string): boolean {
    return unit === root || this.ancestors(unit).includes(root);
  }

  context(id: string): OrgContext {
    return orgContextOf(this.byId, id) ?? { unit: id, ancestors: [] };
  }
}
