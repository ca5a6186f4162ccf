-- 动态管理 迟报/漏报/瞒报 per person and calendar year (procedures.md §5.5): written by the
-- `reporting-lapse` callout of the 动态管理 procedure, once per call key (retries record nothing twice).
CREATE TABLE IF NOT EXISTS reporting_lapses (
  key text PRIMARY KEY,
  person text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('late', 'omitted', 'concealed')),
  year integer NOT NULL,
  case_id text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS reporting_lapses_person_year ON reporting_lapses (person, year);
