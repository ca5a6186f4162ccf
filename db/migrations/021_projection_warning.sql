-- The read model carries what the case's state says beyond deadlines (issues 14 and 17):
-- an open incident is in proj_cases.incident (020) as its zh-CN message and the node it holds at;
-- the village's warning light of a 动态管理 case (its `light` nodes), kept apart from the deadline light.
ALTER TABLE proj_cases ADD COLUMN IF NOT EXISTS warning_level text;
ALTER TABLE proj_cases ADD COLUMN IF NOT EXISTS warning_reason text;
CREATE INDEX IF NOT EXISTS proj_cases_warning ON proj_cases (procedure, org_unit) WHERE warning_level IS NOT NULL AND status IN ('running', 'suspended');
