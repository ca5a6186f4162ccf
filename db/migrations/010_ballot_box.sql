-- Secret ballots (issue 14): who has voted and what was chosen are kept apart by construction.
-- The voter roll says who has voted in a round (one row per voter, no time, no choice); the
-- ballot box holds per-choice counters of a round's voter group in one row (no row per ballot,
-- no time). A cast inserts the roll row and rewrites the box row in one transaction, so the box
-- row's system columns only ever name the latest cast, which the roll and the case timeline
-- already show. The box is read once, when the teller closes the round, and is closed then.
CREATE TABLE ballot_voter_roll (
  case_id text NOT NULL,
  task_id text NOT NULL,
  round integer NOT NULL,
  user_id text NOT NULL,
  PRIMARY KEY (case_id, task_id, round, user_id)
);

CREATE TABLE ballot_boxes (
  case_id text NOT NULL,
  task_id text NOT NULL,
  round integer NOT NULL,
  group_key text NOT NULL,
  counts jsonb NOT NULL DEFAULT '{"cast": 0, "abstain": 0, "invalid": 0}',
  closed boolean NOT NULL DEFAULT false,
  PRIMARY KEY (case_id, task_id, round, group_key)
);
