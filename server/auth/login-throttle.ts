/**
 * Login throttling, counted atomically in the database: every attempt is one
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` on its key *before* the password is checked, so 40
 * parallel guesses are 40 counted attempts and at most {@link ACCOUNT_MAX_ATTEMPTS} of them ever
 * reach argon2.
 *
 * Two counters guard every login:
 *
 * - **The account** — keyed by the username as typed (`acct:<username>`), whether or not such a user
 *   exists, so a locked name answers exactly like an unknown one (no enumeration). The 5th attempt
 *   within 15 minutes locks the name for 15 minutes; a success clears it.
 * - **The client address** (`addr:<ip>`) — 20 free failed attempts per address; from then on each
 *   further attempt doubles a back-off (1 s, 2 s, 4 s … at most 15 minutes) during which that address
 *   is refused (429 with Retry-After) before any password is checked. It only forgets after an hour
 *   without attempts, so one address gets at most ~4 guesses an hour once it has spent its allowance,
 *   across all usernames (password spraying). A success does not count against the address.
 *
 * The account lock alone would let anyone lock the administrator out for ever by guessing every 15
 * minutes. So a browser that has signed in before carries a device cookie (`jc_device`, only its
 * SHA-256 stored), and logins from it are counted on their own key (`device:<hash>`) instead of the
 * account's: a guesser without that cookie locks only the account's unknown-device door, while the
 * administrator's own browser still signs in (OWASP "device cookies"). The guesser meanwhile runs
 * into the per-address back-off.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/adapter.js';

export const ACCOUNT_MAX_ATTEMPTS = 5;
export const ACCOUNT_LOCK_SECONDS = 15 * 60;
export const ACCOUNT_WINDOW_SECONDS = 15 * 60;
export const ADDRESS_FREE_ATTEMPTS = 20;
export const ADDRESS_MAX_BACKOFF_SECONDS = 15 * 60;
/** An address's count is forgotten after this long without a counted attempt (longer than the longest back-off). */
export const ADDRESS_QUIET_SECONDS = 60 * 60;

export const DEVICE_COOKIE = 'jc_device';
export const DEVICE_DAYS = 365;

const sha = (t: string) => createHash('sha256').update(t).digest('hex');

export interface Reservation {
  /** Refused without checking the password: the key was locked (or backing off) already. */
  refused: boolean;
  /** Set once the key is locked, including by this attempt. */
  lockedUntil: Date | null;
}

type Row = { attempts: number; locked_until: Date | string | null; refused: boolean };
const toReservation = (r: Row | undefined): Reservation => ({
  refused: Boolean(r?.refused),
  lockedUntil: r?.locked_until ? new Date(r.locked_until) : null,
});

const LOCKED = 'COALESCE(t.locked_until > now(), false)';

/**
 * One attempt on an account or device key. Refused while locked; otherwise counted, and the
 * {@link ACCOUNT_MAX_ATTEMPTS}th attempt in the window sets the lock (it is still checked: if it is
 * the right password the success clears the lock).
 */
export async function reserveAccountAttempt(db: Queryable, key: string): Promise<Reservation> {
  const restart = `(t.locked_until IS NOT NULL OR t.window_start <= now() - make_interval(secs => $4))`;
  const next = `(CASE WHEN ${restart} THEN 1 ELSE t.attempts + 1 END)`;
  const rows = await db.query<Row>(
    `INSERT INTO login_throttle AS t (key, attempts, window_start, last_at, locked_until, refused)
     VALUES ($1, 1, now(), now(), CASE WHEN $2 <= 1 THEN now() + make_interval(secs => $3) END, false)
     ON CONFLICT (key) DO UPDATE SET
       refused = ${LOCKED},
       attempts = CASE WHEN ${LOCKED} THEN t.attempts ELSE ${next} END,
       window_start = CASE WHEN ${LOCKED} THEN t.window_start WHEN ${restart} THEN now() ELSE t.window_start END,
       last_at = now(),
       locked_until = CASE WHEN ${LOCKED} THEN t.locked_until WHEN ${next} >= $2 THEN now() + make_interval(secs => $3) ELSE NULL END
     RETURNING attempts, locked_until, refused`,
    [key, ACCOUNT_MAX_ATTEMPTS, ACCOUNT_LOCK_SECONDS, ACCOUNT_WINDOW_SECONDS],
  );
  return toReservation(rows[0]);
}

/**
 * One attempt from a client address. Refused while it backs off; otherwise counted, and every
 * attempt past the free allowance starts a back-off twice as long as the one before.
 */
export async function reserveAddressAttempt(db: Queryable, key: string): Promise<Reservation> {
  const next = `(CASE WHEN t.last_at <= now() - make_interval(secs => $4) THEN 1 ELSE t.attempts + 1 END)`;
  const rows = await db.query<Row>(
    `INSERT INTO login_throttle AS t (key, attempts, window_start, last_at, locked_until, refused)
     VALUES ($1, 1, now(), now(), NULL, false)
     ON CONFLICT (key) DO UPDATE SET
       refused = ${LOCKED},
       attempts = CASE WHEN ${LOCKED} THEN t.attempts ELSE ${next} END,
       last_at = CASE WHEN ${LOCKED} THEN t.last_at ELSE now() END,
       locked_until = CASE WHEN ${LOCKED} THEN t.locked_until
                           WHEN ${next} > $2 THEN now() + make_interval(secs => least($3::float8, power(2::float8, (${next} - $2 - 1)::float8)))
                           ELSE NULL END
     RETURNING attempts, locked_until, refused`,
    [key, ADDRESS_FREE_ATTEMPTS, ADDRESS_MAX_BACKOFF_SECONDS, ADDRESS_QUIET_SECONDS],
  );
  return toReservation(rows[0]);
}

/** After a successful login: the account (or device) starts afresh; the address gets its attempt back. */
export async function recordSuccess(db: Queryable, accountKey: string, addressKey: string): Promise<void> {
  await db.query('DELETE FROM login_throttle WHERE key = $1', [accountKey]);
  await db.query('UPDATE login_throttle SET attempts = greatest(attempts - 1, 0) WHERE key = $1', [addressKey]);
  // Every name ever guessed has a row: forget those idle for a day (and unlocked), a hundred at a time.
  await db.query(
    `DELETE FROM login_throttle WHERE key IN (SELECT key FROM login_throttle WHERE last_at < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now()) LIMIT 100)`,
  );
}

export const accountKey = (username: string) => `acct:${username}`;
export const addressKey = (ip: string) => `addr:${ip}`;
export const deviceKey = (token: string) => `device:${sha(token)}`;

/** The username a device cookie was issued to (it must still be a live user's). */
export async function deviceOwner(db: Queryable, token: string | undefined): Promise<string | undefined> {
  if (!token || token.length > 200) return undefined;
  const rows = await db.query<{ username: string }>(
    'SELECT u.username FROM login_devices d JOIN users u ON u.id = d.user_id WHERE d.token_hash = $1',
    [sha(token)],
  );
  return rows[0]?.username;
}

/** A new device cookie for the user (after a successful login from a browser without one). */
export async function issueDevice(db: Queryable, userId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query('INSERT INTO login_devices(token_hash, user_id) VALUES ($1, $2)', [sha(token), userId]);
  return token;
}

export async function touchDevice(db: Queryable, token: string): Promise<void> {
  await db.query('UPDATE login_devices SET last_used_at = now() WHERE token_hash = $1', [sha(token)]);
}

/**
 * After a password change or reset: other sessions end, other devices lose their trust, and the
 * account's lock is lifted. `keep` = the session and device of the user who changed it themselves.
 */
export async function revokeOtherAccess(
  db: Queryable,
  user: { id: string; username: string },
  keep: { sessionToken?: string; deviceToken?: string } = {},
): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2', [user.id, keep.sessionToken ? sha(keep.sessionToken) : '']);
  await db.query('DELETE FROM login_devices WHERE user_id = $1 AND token_hash <> $2', [user.id, keep.deviceToken ? sha(keep.deviceToken) : '']);
  await db.query('DELETE FROM login_throttle WHERE key = $1', [accountKey(user.username)]);
}
