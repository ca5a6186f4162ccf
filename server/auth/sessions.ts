/** Opaque session tokens; only their SHA-256 is stored. A login always issues a new token. */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/adapter.js';

export const SESSION_COOKIE = 'jc_session';
export const SESSION_HOURS = 12;

const sha = (t: string) => createHash('sha256').update(t).digest('hex');

export async function createSession(db: Queryable, userId: string, previousToken?: string): Promise<string> {
  if (previousToken) await db.query('DELETE FROM sessions WHERE token_hash = $1', [sha(previousToken)]);
  const token = randomBytes(32).toString('base64url');
  await db.query(`INSERT INTO sessions(token_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '${SESSION_HOURS} hours')`, [sha(token), userId]);
  return token;
}

export async function sessionUser(db: Queryable, token: string): Promise<string | undefined> {
  const rows = await db.query<{ user_id: string }>('SELECT user_id FROM sessions WHERE token_hash = $1 AND expires_at > now()', [sha(token)]);
  return rows[0]?.user_id;
}

export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [sha(token)]);
}

/** The signed-in user of a live session with their grants, in one round trip (every request asks). */
export async function sessionUserRecord(
  db: Queryable,
  token: string,
): Promise<{ id: string; username: string; name: string; disabled: boolean; grants: { role: string; orgUnit: string }[] } | undefined> {
  const rows = await db.query<{ id: string; username: string; name: string; disabled: boolean; grants: unknown }>(
    `SELECT u.id, u.username, u.name, u.disabled,
            COALESCE((SELECT json_agg(json_build_object('role', g.role, 'orgUnit', g.org_unit) ORDER BY g.role, g.org_unit)
                      FROM user_grants g WHERE g.user_id = u.id), '[]'::json) AS grants
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now()`,
    [sha(token)],
  );
  const r = rows[0];
  if (!r) return undefined;
  const grants = (typeof r.grants === 'string' ? JSON.parse(r.grants) : r.grants) as { role: string; orgUnit: string }[];
  return { id: r.id, username: r.username, name: r.name, disabled: Boolean(r.disabled), grants };
}
