-- Documents a case issued (受理告知书, 答复意见书, 公示, 会议记录 …), stored with the case (issue 18).
-- A document never changes once issued: the first save wins (ON CONFLICT DO NOTHING in
-- db/documents.ts) and the table refuses UPDATE and DELETE.
CREATE TABLE case_documents (
  document_id text PRIMARY KEY,
  case_id text NOT NULL,
  node_id text NOT NULL,
  template text NOT NULL,
  title text NOT NULL,
  -- DocumentBody (activities/types.ts): heading, number, blocks, sign-off, footer.
  body jsonb NOT NULL,
  text text NOT NULL,
  fields jsonb NOT NULL DEFAULT '{}',
  issued_at timestamptz NOT NULL,
  stored_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_documents_case ON case_documents (case_id, issued_at);

CREATE FUNCTION case_documents_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_documents: an issued document (%) is never changed or deleted', OLD.document_id;
END
$$;
CREATE TRIGGER case_documents_immutable BEFORE UPDATE OR DELETE ON case_documents
  FOR EACH ROW EXECUTE FUNCTION case_documents_immutable();
