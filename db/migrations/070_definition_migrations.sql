-- Each migration of running cases to another version of a procedure (issue 19): who, when, why,
-- from which version to which with which node mapping, which cases were migrated and which were
-- refused (with the engine's reason). Each migrated case's timeline holds the same (case.migrated).
CREATE TABLE definition_migrations (
  id bigserial PRIMARY KEY,
  key text NOT NULL,
  from_version integer NOT NULL,
  to_version integer NOT NULL,
  mapping jsonb NOT NULL DEFAULT '{}',
  reason text NOT NULL,
  user_id text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  migrated text[] NOT NULL DEFAULT '{}',
  refused jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX definition_migrations_key_at ON definition_migrations (key, at DESC);
