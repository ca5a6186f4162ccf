-- People a case is about (the 信访人, the 入党申请人) who have an account: they see the case as
-- their own whatever their unit (definition.subjectField names the `person` field holding them).
CREATE TABLE case_parties (
  case_id text NOT NULL,
  user_id text NOT NULL,
  relation text NOT NULL DEFAULT 'subject',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, user_id, relation)
);
CREATE INDEX case_parties_user ON case_parties (user_id);
