/**
 * A directory of org units and users as a file holds it — the demo directory
 * (procedures/demo/directory.json), a test or bench fixture, data/directory.json for the CLI — and
 * the two views the engine needs of it: a user as an `Actor`, a unit as an `OrgContext`.
 * The API loads the same shape into its database (server/seed/directory.ts).
 */
import { z } from 'zod';
import { OrgLevelSchema, RoleGrantSchema, type Actor, type OrgContext, type OrgLevel } from './org.js';

export const DirectoryUnitSchema = z
  .object({
    id: z.string().min(1).max(64),
    name: z.string().min(1),
    level: OrgLevelSchema,
    parentId: z.string().nullable().optional(),
    /** Older files name the parent `parent`. */
    parent: z.string().nullable().optional(),
  })
  .transform((u) => ({ id: u.id, name: u.name, level: u.level, parentId: u.parentId ?? u.parent ?? null }));

export const DirectoryUserSchema = z.object({
  id: z.string().min(1).max(64),
  username: z.string().min(1).max(64).optional(),
  name: z.string().min(1).max(100).optional(),
  grants: z.array(RoleGrantSchema).default([]),
});

export const DirectoryFileSchema = z.object({
  units: z.array(DirectoryUnitSchema),
  users: z.array(DirectoryUserSchema),
});
/** What a file may hold (parent alias, optional names). */
export type DirectoryFileInput = z.input<typeof DirectoryFileSchema>;
/** The parsed directory. */
export type DirectoryFile = z.infer<typeof DirectoryFileSchema>;
export type DirectoryUnit = DirectoryFile['units'][number];
export type DirectoryUser = DirectoryFile['users'][number];

/** A directory user as the acting person. */
export function actorOfUser(user: DirectoryUser): Actor {
  return { userId: user.id, ...(user.name ? { name: user.name } : {}), grants: user.grants.map((g) => ({ ...g })) };
}

/**
 * The org context of `unitId`: ancestors nearest first, and the township and county by level
 * (the unit itself counts). Undefined for an unknown unit.
 */
export function orgContextOf(
  units: ReadonlyMap<string, { id: string; level?: OrgLevel | string; parentId?: string | null }>,
  unitId: string,
): OrgContext | undefined {
  const unit = units.get(unitId);
  if (!unit) return undefined;
  const ancestors: string[] = [];
  for (let parent = unit.parentId ?? undefined; parent && !ancestors.includes(parent) && ancestors.length < 10; parent = units.get(parent)?.parentId ?? undefined) {
    ancestors.push(parent);
  }
  const chain = [unit.id, ...ancestors];
  const atLevel = (level: OrgLevel) => chain.find((id) => units.get(id)?.level === level);
  const township = atLevel('township');
  const county = atLevel('county');
  return { unit: unit.id, ancestors, ...(township ? { township } : {}), ...(county ? { county } : {}) };
}

export function unitsById<U extends { id: string }>(units: readonly U[]): Map<string, U> {
  return new Map(units.map((u) => [u.id, u]));
}
