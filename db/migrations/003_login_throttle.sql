-- Login attempts, counted atomically per key (one INSERT … ON CONFLICT DO UPDATE … RETURNING):
-- `acct:<username>` (whether or not the user exists: a locked name answers like an unknown one),
-- `device:<token hash>` (a browser that signed in before: an attacker's lock does not reach it),
-- `addr:<client address>` (progressive back-off per address). See server/auth/login-throttle.ts.
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  attempts integer NOT NULL DEFAULT 0,
  window_start timestamptz NOT NULL DEFAULT now(),
  last_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  -- Whether the last attempt was refused (the key was locked): returned by the same statement.
  refused boolean NOT NULL DEFAULT false
);
-- Stale counters are purged a few at a time (names guessed once, addresses long quiet).
CREATE INDEX login_throttle_last_at ON login_throttle (last_at);

-- Device cookies: issued at a successful login, only their SHA-256 is stored.
CREATE TABLE login_devices (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_devices_user ON login_devices (user_id);

-- The per-user counter was read, incremented in JavaScript and written back: parallel guesses
-- were not counted. login_throttle replaces it.
ALTER TABLE users DROP COLUMN failed_attempts;
ALTER TABLE users DROP COLUMN locked_until;
