/** Opaque session tokens; only their SHA-256 is stored. A login always issues a new token. */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/adapter.js';

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
