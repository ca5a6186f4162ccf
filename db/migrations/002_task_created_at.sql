-- When the completed task was created: time spent per node for the monitor charts.
ALTER TABLE task_history ADD COLUMN IF NOT EXISTS task_created_at timestamptz;
