-- Issue 12: the supervisor stores, beside each planned project's row, the whole work order the
-- build carries out (JSON: the spec and its hash, the task, the pull request intent, the previous
-- failure, the notes and journal shown to the agent, the project's settings). TEXT is a CLOB in H2
-- and unbounded text in PostgreSQL.
ALTER TABLE plans ADD COLUMN work_order TEXT;
