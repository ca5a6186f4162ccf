-- Org tree: county > township > village > group/grid.
CREATE TABLE org_units (
  id text PRIMARY KEY,
  name text NOT NULL,
  level text NOT NULL CHECK (level IN ('county', 'township', 'village', 'group', 'grid')),
  parent_id text REFERENCES org_units(id)
);

CREATE TABLE users (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  name text NOT NULL,
  password_hash text NOT NULL,
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_grants (
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role text NOT NULL,
  org_unit text NOT NULL REFERENCES org_units(id),
  PRIMARY KEY (user_id, role, org_unit)
);
CREATE INDEX user_grants_role_unit ON user_grants (role, org_unit);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Definitions: one draft row per key (version 0) plus immutable published versions.
CREATE TABLE definitions (
  key text NOT NULL,
  version integer NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'published')),
  title text NOT NULL,
  category text,
  body jsonb NOT NULL,
  author text,
  published_at timestamptz,
  change_note text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (key, version)
);

-- 已办: written when an update through the API succeeds.
CREATE TABLE task_history (
  id bigserial PRIMARY KEY,
  user_id text NOT NULL,
  case_id text NOT NULL,
  task_id text,
  operation text NOT NULL,
  case_title text NOT NULL DEFAULT '',
  procedure text NOT NULL DEFAULT '',
  node_id text,
  node_name text,
  kind text,
  org_unit text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX task_history_user ON task_history (user_id, at DESC);

CREATE TABLE notifications (
  id bigserial PRIMARY KEY,
  key text NOT NULL,
  user_id text NOT NULL,
  kind text NOT NULL,
  title text NOT NULL,
  message text NOT NULL,
  case_id text,
  task_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  UNIQUE (key, user_id)
);
CREATE INDEX notifications_user ON notifications (user_id, created_at DESC);

-- 抄送
CREATE TABLE cc (
  id bigserial PRIMARY KEY,
  user_id text NOT NULL,
  case_id text NOT NULL,
  case_title text NOT NULL DEFAULT '',
  procedure text NOT NULL DEFAULT '',
  org_unit text,
  from_user text,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  UNIQUE (user_id, case_id)
);
