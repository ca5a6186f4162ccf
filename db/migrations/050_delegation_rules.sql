-- 委托规则 (out of office): while a user is away, a colleague acts for them on the tasks that reach
-- them (engine: the resolveAssignees activity reads the rules in force when a task opens).
CREATE TABLE delegation_rules (
  id bigserial PRIMARY KEY,
  from_user text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  to_user text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  -- Only cases of this procedure; every procedure when NULL.
  procedure text,
  reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  CHECK (ends_at > starts_at),
  CHECK (from_user <> to_user)
);
CREATE INDEX delegation_rules_from ON delegation_rules (from_user, ends_at);
CREATE INDEX delegation_rules_to ON delegation_rules (to_user, ends_at);
