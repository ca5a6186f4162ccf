-- The read model: every inbox, list, board and report reads these tables, written by each case's
-- workflow at rest (an upsert that ignores older sequence numbers) and repaired by the reconciler.
-- Same SQL on PostgreSQL and PGlite (ltree is a contrib extension both ship).
CREATE EXTENSION IF NOT EXISTS ltree;

CREATE TABLE proj_cases (
  case_id text PRIMARY KEY,
  -- The case's projection sequence number of the write this row holds: older writes are ignored.
  seq bigint NOT NULL,
  procedure text NOT NULL,
  version integer NOT NULL,
  title text NOT NULL,
  -- Characters and character pairs of the lower-cased title (Chinese-capable substring search).
  title_grams text[] NOT NULL DEFAULT '{}',
  org_unit text NOT NULL,
  -- Root first (county.township.village…), labels encoded by server/projection/org-path.ts.
  org_path ltree NOT NULL,
  -- The unit and its ancestors, nearest first (as JcOrgPath was): scope checks by unit id.
  org_units text[] NOT NULL,
  status text NOT NULL,
  light text NOT NULL,
  stage text,
  initiator text NOT NULL,
  started_at timestamptz NOT NULL,
  closed_at timestamptz,
  next_due timestamptz,
  last_progress timestamptz NOT NULL,
  overdue_count integer NOT NULL DEFAULT 0,
  -- A task of the case went past its due time at some point (the report's overdue rate).
  ever_overdue boolean NOT NULL DEFAULT false,
  outcome text,
  open_tasks integer NOT NULL DEFAULT 0,
  -- Why the case cannot go on, when the engine says so (shown on the stuck list).
  incident text,
  -- Workflow time of the state this row holds, and when it was written: the projection lag.
  state_at timestamptz NOT NULL,
  projected_at timestamptz NOT NULL DEFAULT now(),
  -- 'workflow', or 'reconciler' when the reconciler wrote the row from Temporal.
  source text NOT NULL DEFAULT 'workflow'
);
CREATE INDEX proj_cases_org_path ON proj_cases USING gist (org_path);
-- GIN without the pending list (fastupdate): a write updates the index at once, so a search never
-- scans a long unsorted list, and the planner keeps choosing the index (inbox p95 at 100,000 rows).
CREATE INDEX proj_cases_org_units ON proj_cases USING gin (org_units) WITH (fastupdate = off);
CREATE INDEX proj_cases_title_grams ON proj_cases USING gin (title_grams) WITH (fastupdate = off);
-- The keyset sort keys exactly as the queries write them (server/projection/sql.ts: NULL sorts last),
-- so a page is read in index order instead of sorting every match.
CREATE INDEX proj_cases_due_key ON proj_cases ((coalesce(next_due, 'infinity'::timestamptz)), case_id);
CREATE INDEX proj_cases_started_key ON proj_cases ((coalesce(started_at, '-infinity'::timestamptz)) DESC, case_id DESC);
CREATE INDEX proj_cases_progress_key ON proj_cases ((coalesce(last_progress, 'infinity'::timestamptz)), case_id);
CREATE INDEX proj_cases_board ON proj_cases (org_unit, procedure, light) WHERE status IN ('running', 'suspended');
CREATE INDEX proj_cases_initiator ON proj_cases (initiator, started_at DESC);
CREATE INDEX proj_cases_closed ON proj_cases (closed_at) WHERE closed_at IS NOT NULL;

-- Every task of every case, open and finished.
CREATE TABLE proj_tasks (
  case_id text NOT NULL,
  task_id text NOT NULL,
  seq bigint NOT NULL,
  node_id text NOT NULL,
  node_name text NOT NULL,
  kind text NOT NULL,
  status text NOT NULL,
  -- Users who may act on it now (claimant, or assignees / unsigned signers, and voters yet to vote).
  actors text[] NOT NULL DEFAULT '{}',
  -- ROLE@unit grants whose holders may act on it now (candidate roles, the 监票人 while a count waits).
  roles text[] NOT NULL DEFAULT '{}',
  assignees text[] NOT NULL DEFAULT '{}',
  candidate_roles text[] NOT NULL DEFAULT '{}',
  claimed_by text,
  created_at timestamptz NOT NULL,
  due_at timestamptz,
  warn_at timestamptz,
  overdue boolean NOT NULL DEFAULT false,
  completed_at timestamptz,
  completed_by text,
  operation text,
  PRIMARY KEY (case_id, task_id)
);
CREATE INDEX proj_tasks_actors ON proj_tasks USING gin (actors) WITH (fastupdate = off) WHERE status IN ('open', 'claimed');
CREATE INDEX proj_tasks_roles ON proj_tasks USING gin (roles) WITH (fastupdate = off) WHERE status IN ('open', 'claimed');
CREATE INDEX proj_tasks_open_node ON proj_tasks (node_id) WHERE status IN ('open', 'claimed');
CREATE INDEX proj_tasks_done ON proj_tasks (completed_at) WHERE status = 'done';

-- The case timeline, entry by entry (entries never change once written).
CREATE TABLE proj_timeline (
  case_id text NOT NULL,
  idx integer NOT NULL,
  at timestamptz NOT NULL,
  type text NOT NULL,
  actor text NOT NULL,
  actor_name text,
  node_id text,
  task_id text,
  comment text,
  detail jsonb,
  PRIMARY KEY (case_id, idx)
);
-- 已办: what a user did on tasks, newest first.
CREATE INDEX proj_timeline_actor ON proj_timeline (actor, at DESC) WHERE task_id IS NOT NULL;

-- What each reconciler pass checked and repaired.
CREATE TABLE proj_reconcile_runs (
  id bigserial PRIMARY KEY,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  checked integer NOT NULL DEFAULT 0,
  fixed integer NOT NULL DEFAULT 0,
  report jsonb NOT NULL DEFAULT '{}'
);
-- One pass at a time across API processes.
CREATE UNIQUE INDEX proj_reconcile_one_running ON proj_reconcile_runs ((finished_at IS NULL)) WHERE finished_at IS NULL;
