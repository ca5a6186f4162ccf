/** Loads an org tree and users (the demo directory, or a test fixture) into the database once. */
import type { Db } from '../../db/adapter.js';
import { hashPassword } from '../auth/passwords.js';
import { insertUser, setGrants } from '../users/users-repo.js';
import { DirectoryFileSchema, type DirectoryFileInput } from '../../dsl/directory.js';

/** A directory to load: the file shape of dsl/directory.ts. */
export type DirectorySeed = DirectoryFileInput;

/** Inserts units and users that do not exist yet; returns the usernames created. */
export async function seedDirectory(db: Db, input: DirectorySeed, password: string): Promise<string[]> {
  const dir = DirectoryFileSchema.parse(input);
  // Parents first.
  const pending = [...dir.units];
  const done = new Set((await db.query<{ id: string }>('SELECT id FROM org_units')).map((r) => r.id));
  while (pending.length) {
    const idx = pending.findIndex((u) => !u.parentId || done.has(u.parentId));
    if (idx < 0) throw new Error(`org units with unknown parents: ${pending.map((u) => u.id).join(', ')}`);
    const u = pending.splice(idx, 1)[0]!;
    if (!done.has(u.id)) await db.query('INSERT INTO org_units(id, name, level, parent_id) VALUES ($1, $2, $3, $4)', [u.id, u.name, u.level, u.parentId]);
    done.add(u.id);
  }
  const existing = new Set((await db.query<{ id: string }>('SELECT id FROM users')).map((r) => r.id));
  const created: string[] = [];
  const hash = await hashPassword(password); // one hash for all demo users: start-up stays fast
  for (const u of dir.users) {
    if (existing.has(u.id)) continue;
    const username = u.username ?? u.id;
    await insertUser(db, { id: u.id, username, name: u.name ?? username, passwordHash: hash });
    await setGrants(db, u.id, u.grants);
    created.push(username);
  }
  return created;
}
