/**
 * The demo directory (procedures/demo/directory.json): org units and users with role grants,
 * plus the two views the engine needs — an actor for a user and the org context of a unit.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Actor, OrgContext } from '../../dsl/org.js';
import { actorOfUser, DirectoryFileSchema, orgContextOf, unitsById, type DirectoryFile, type DirectoryUser } from '../../dsl/directory.js';

/** The demo directory: every unit and user with a username and a name. */
export type DemoDirectory = DirectoryFile & { users: (DirectoryUser & { username: string; name: string })[] };

export function loadDemoDirectory(): DemoDirectory {
  const path = join(dirname(fileURLToPath(import.meta.url)), 'directory.json');
  return DirectoryFileSchema.parse(JSON.parse(readFileSync(path, 'utf8'))) as DemoDirectory;
}

/** The actor of a directory user (throws for an unknown id). */
export function demoActor(dir: DemoDirectory, userId: string): Actor {
  const u = dir.users.find((x) => x.id === userId);
  if (!u) throw new Error(`演示目录中没有用户 ${userId}`);
  return actorOfUser(u);
}

/** Org context of a unit: ancestors nearest first, township and county by level. */
export function demoOrgContext(dir: DemoDirectory, unitId: string): OrgContext {
  const org = orgContextOf(unitsById(dir.units), unitId);
  if (!org) throw new Error(`演示目录中没有单位 ${unitId}`);
  return org;
}

/** 'ROLE@orgUnit' → user ids, for createMemoryDirectory. */
export function demoDirectoryMap(dir: DemoDirectory): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const u of dir.users) for (const g of u.grants) (map[`${g.role}@${g.orgUnit}`] ??= []).push(u.id);
  return map;
}
