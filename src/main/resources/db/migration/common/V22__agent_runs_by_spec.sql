-- What a spec cost across all its batches (the report's cost per merged pull request) is read
-- per project and spec: without this index every merged spec would scan all agent runs.
CREATE INDEX agent_runs_spec ON agent_runs (project, spec);
