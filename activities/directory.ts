/**
 * Org directories for the engine: who holds which role in which org unit, and who exists.
 * The memory directory serves tests; the file directory serves the CLI and the dev worker until
 * the API's database-backed directory exists (it re-reads the file when it changes on disk).
 */
import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import type { Directory } from './types.js';
import { activityFailure } from './errors.js';

const grantKey = (role: string, orgUnit: string): string => `${role}@${orgUnit}`;

/**
 * A directory from a map 'ROLE@orgUnit' → userIds. Users listed in `users` or holding any role
 * exist; nobody else does.
 */
/** An out-of-office rule as a memory directory holds it (the app database keeps them in `delegation_rules`). */
export interface MemoryDelegationRule {
  ruleId: string;
  from: string;
  to: string;
  startsAt: string;
  endsAt: string;
  /** Only cases of this procedure; all when omitted. */
  procedure?: string;
}

export function createMemoryDirectory(map: Record<string, string[]>, users: string[] = [], delegations: MemoryDelegationRule[] = []): Directory {
  const holders = new Map<string, string[]>(Object.entries(map).map(([k, v]) => [k, [...new Set(v)]]));
  const known = new Set<string>([...users, ...[...holders.values()].flat()]);
  return {
    async usersWithRole(role, orgUnit) {
      return [...(holders.get(grantKey(role, orgUnit)) ?? [])];
    },
    async userExists(userId) {
      return known.has(userId);
    },
    async activeDelegations(userIds, procedure, at) {
      const t = at.getTime();
      return delegations
        .filter((r) => userIds.includes(r.from) && (!r.procedure || r.procedure === procedure) && Date.parse(r.startsAt) <= t && t < Date.parse(r.endsAt))
        .map((r) => ({ ruleId: r.ruleId, from: r.from, to: r.to, until: r.endsAt }));
    },
  };
}

export const DirectoryFileSchema = z.object({
  users: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        name: z.string().max(100).optional(),
        grants: z.array(z.object({ role: z.string().min(1).max(64), orgUnit: z.string().min(1).max(64) })).default([]),
      }),
    )
    .default([]),
});
export type DirectoryFile = z.infer<typeof DirectoryFileSchema>;

/** The 'ROLE@orgUnit' map of a directory file. */
export function directoryMap(file: DirectoryFile): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const u of file.users) for (const g of u.grants) (map[grantKey(g.role, g.orgUnit)] ??= []).push(u.id);
  return map;
}

/**
 * A directory read from a JSON file `{users:[{id, name, grants:[{role, orgUnit}]}]}`.
 * Re-read when the file's modification time changes, so an edited directory takes effect
 * without restarting the worker. A malformed file is a non-retryable failure naming the problem.
 */
export function createFileDirectory(path: string): Directory {
  let loadedAt = -1;
  let current: Directory = createMemoryDirectory({});
  const load = (): Directory => {
    const mtime = statSync(path).mtimeMs;
    if (mtime === loadedAt) return current;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw activityFailure('DIRECTORY_INVALID', `${path}：${err instanceof Error ? err.message : String(err)}`);
    }
    const parsed = DirectoryFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw activityFailure('DIRECTORY_INVALID', `${path}：${issue?.path.join('.')} ${issue?.message}`);
    }
    current = createMemoryDirectory(directoryMap(parsed.data), parsed.data.users.map((u) => u.id));
    loadedAt = mtime;
    return current;
  };
  return {
    usersWithRole: async (role, orgUnit) => load().usersWithRole(role, orgUnit),
    userExists: async (userId) => load().userExists(userId),
  };
}
