-- Every use of /api/codec/decode (the Temporal Web UI reading encrypted payloads): who, which
-- cases the payloads belonged to (from their `jiceng-case` metadata), when, and whether sensitive
-- fields were masked for that decoder.
CREATE TABLE codec_decode_audit (
  id bigserial PRIMARY KEY,
  user_id text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  case_ids text[] NOT NULL DEFAULT '{}',
  payloads integer NOT NULL,
  masked boolean NOT NULL,
  origin text
);
CREATE INDEX codec_decode_audit_at ON codec_decode_audit (at DESC);
CREATE INDEX codec_decode_audit_user ON codec_decode_audit (user_id, at DESC);
