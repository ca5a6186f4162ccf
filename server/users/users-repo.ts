/** Users and their role grants. */
import type { Queryable } from '../../db/adapter.js';
import type { RoleGrant } from '../../workflows/types.js';

export interface UserRecord {
  id: string;
  username: string;
  name: string;
  grants: RoleGrant[];
  disabled: boolean;
}

export interface Credentials {
  id: string;
  passwordHash: string;
  disabled: boolean;
}

type UserRow = { id: string; username: string; name: string; disabled: boolean };

async function withGrants(db: Queryable, rows: UserRow[]): Promise<UserRecord[]> {
  if (rows.length === 0) return [];
  const grants = await db.query<{ user_id: string; role: string; org_unit: string }>(
    'SELECT user_id, role, org_unit FROM user_grants WHERE user_id = ANY($1) ORDER BY role, org_unit',
    [rows.map((r) => r.id)],
  );
  const by = new Map<string, RoleGrant[]>();
  for (const g of grants) {
    const list = by.get(g.user_id) ?? [];
    list.push({ role: g.role, orgUnit: g.org_unit });
    by.set(g.user_id, list);
  }
  return rows.map((r) => ({ id: r.id, username: r.username, name: r.name, disabled: r.disabled, grants: by.get(r.id) ?? [] }));
}

export async function getUser(db: Queryable, id: string): Promise<UserRecord | undefined> {
  const rows = await db.query<UserRow>('SELECT id, username, name, disabled FROM users WHERE id = $1', [id]);
  return (await withGrants(db, rows))[0];
}

export async function listUsers(db: Queryable, orgUnits?: string[]): Promise<UserRecord[]> {
  const rows = orgUnits
    ? await db.query<UserRow>(
        'SELECT id, username, name, disabled FROM users WHERE id IN (SELECT user_id FROM user_grants WHERE org_unit = ANY($1)) ORDER BY username',
        [orgUnits],
      )
    : await db.query<UserRow>('SELECT id, username, name, disabled FROM users ORDER BY username');
  return withGrants(db, rows);
}

export async function credentialsByUsername(db: Queryable, username: string): Promise<Credentials | undefined> {
  const rows = await db.query<{ id: string; password_hash: string; disabled: boolean }>('SELECT id, password_hash, disabled FROM users WHERE username = $1', [username]);
  const r = rows[0];
  if (!r) return undefined;
  return { id: r.id, passwordHash: r.password_hash, disabled: r.disabled };
}

export async function passwordHashOf(db: Queryable, id: string): Promise<string | undefined> {
  const rows = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [id]);
  return rows[0]?.password_hash;
}

export async function insertUser(db: Queryable, u: { id: string; username: string; name: string; passwordHash: string }): Promise<void> {
  await db.query('INSERT INTO users(id, username, name, password_hash) VALUES ($1, $2, $3, $4)', [u.id, u.username, u.name, u.passwordHash]);
}

export async function updateUser(db: Queryable, id: string, patch: { name?: string; passwordHash?: string; disabled?: boolean }): Promise<void> {
  if (patch.name !== undefined) await db.query('UPDATE users SET name = $2 WHERE id = $1', [id, patch.name]);
  if (patch.passwordHash !== undefined) await db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, patch.passwordHash]);
  if (patch.disabled !== undefined) await db.query('UPDATE users SET disabled = $2 WHERE id = $1', [id, patch.disabled]);
}

export async function setGrants(db: Queryable, id: string, grants: RoleGrant[]): Promise<void> {
  await db.query('DELETE FROM user_grants WHERE user_id = $1', [id]);
  for (const g of grants) {
    await db.query('INSERT INTO user_grants(user_id, role, org_unit) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [id, g.role, g.orgUnit]);
  }
}
