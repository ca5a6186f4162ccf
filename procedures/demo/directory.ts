/**
 * The demo directory (procedures/demo/directory.json): org units and users with role grants,
 * plus the two views the engine needs — an actor for a user and the org context of a unit.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Actor, OrgContext } from '../../workflows/types.js';

export const DemoDirectorySchema = z.object({
  units: z.array(
    z.object({
      id: z.string().min(1).max(64),
      name: z.string().min(1),
      level: z.enum(['county', 'township', 'village', 'group', 'grid']),
      parentId: z.string().nullable(),
    }),
  ),
  users: z.array(
    z.object({
      id: z.string().min(1).max(64),
      username: z.string().min(1).max(64),
      name: z.string().min(1),
      grants: z.array(z.object({ role: z.string().min(1), orgUnit: z.string().min(1) })),
    }),
  ),
});
export type DemoDirectory = z.infer<typeof DemoDirectorySchema>;

export function loadDemoDirectory(): DemoDirectory {
  const path = join(dirname(fileURLToPath(import.meta.url)), 'directory.json');
  return DemoDirectorySchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** The actor of a directory user (throws for an unknown id). */
export function demoActor(dir: DemoDirectory, userId: string): Actor {
  const u = dir.users.find((x) => x.id === userId);
  if (!u) throw new Error(`演示目录中没有用户 ${userId}`);
  return { userId: u.id, name: u.name, grants: u.grants.map((g) => ({ ...g })) };
}

/** Org context of a unit: ancestors nearest first, township and county by level. */
export function demoOrgContext(dir: DemoDirectory, unitId: string): OrgContext {
  const byId = new Map(dir.units.map((u) => [u.id, u]));
  const unit = byId.get(unitId);
  if (!unit) throw new Error(`演示目录中没有单位 ${unitId}`);
  const ancestors: string[] = [];
  let township: string | undefined = unit.level === 'township' ? unit.id : undefined;
  let county: string | undefined = unit.level === 'county' ? unit.id : undefined;
  for (let p = unit.parentId ? byId.get(unit.parentId) : undefined; p; p = p.parentId ? byId.get(p.parentId) : undefined) {
    ancestors.push(p.id);
    if (p.level === 'township') township ??= p.id;
    if (p.level === 'county') county ??= p.id;
  }
  return { unit: unit.id, ancestors, ...(township ? { township } : {}), ...(county ? { county } : {}) };
}

/** 'ROLE@orgUnit' → user ids, for createMemoryDirectory. */
export function demoDirectoryMap(dir: DemoDirectory): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const u of dir.users) for (const g of u.grants) (map[`${g.role}@${g.orgUnit}`] ??= []).push(u.id);
  return map;
}
