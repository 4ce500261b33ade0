-- Issue 4: risks and the supervisor's review, health checks, the spec index, and the indexes that
-- keep `status`, `prs` and the report fast with a year of history. Free text is masked by the store.

-- What the supervisor saw going wrong at the start of a batch, each with its reason (RiskKind).
CREATE TABLE risks (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    batch_id   VARCHAR(32)   NOT NULL,
    kind       VARCHAR(30)   NOT NULL,                   -- RiskKind
    project    VARCHAR(100),                             -- null: the whole home (budget, disk)
    spec       VARCHAR(100),
    reason     VARCHAR(2000) NOT NULL,
    created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL
);
CREATE INDEX risks_batch ON risks (batch_id);

-- The supervisor agent's advisory review of a batch (supervisor-agent); the report quotes it.
CREATE TABLE reviews (
    batch_id     VARCHAR(32)  NOT NULL PRIMARY KEY,
    agent_run_id BIGINT,
    status       VARCHAR(20)  NOT NULL,                  -- ReviewStatus
    text         CLOB,
    created_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL
);

-- One production health check of one batch (project.yml health entries).
CREATE TABLE health_checks (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    batch_id    VARCHAR(32)   NOT NULL,
    project     VARCHAR(100)  NOT NULL,
    url         VARCHAR(2000) NOT NULL,
    expected    INT           NOT NULL,
    status_code INT,
    outcome     VARCHAR(20)   NOT NULL,                  -- HealthOutcome
    latency_ms  BIGINT,
    detail      VARCHAR(2000),
    checked_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL
);
CREATE INDEX health_checks_batch ON health_checks (batch_id);
CREATE INDEX health_checks_project ON health_checks (project, id);

-- Every spec file nightshift has seen, where it is now, and its content hash. The files are the
-- truth: maintenance reconciles this table with them every batch.
CREATE TABLE spec_index (
    project          VARCHAR(100)  NOT NULL,
    spec             VARCHAR(100)  NOT NULL,
    folder           VARCHAR(20)   NOT NULL,             -- next | active | done | blocked
    path             VARCHAR(1000) NOT NULL,
    hash             VARCHAR(64)   NOT NULL,
    title            VARCHAR(1000),
    first_seen_batch VARCHAR(32),
    last_seen_batch  VARCHAR(32),
    changed_at       TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    removed_at       TIMESTAMP(3) WITH TIME ZONE,
    PRIMARY KEY (project, spec)
);

-- What the reconciliation of one batch found: new, changed, removed, moved by hand (SpecChange).
CREATE TABLE spec_index_changes (
    id       BIGINT AUTO_INCREMENT PRIMARY KEY,
    batch_id VARCHAR(32)   NOT NULL,
    project  VARCHAR(100)  NOT NULL,
    spec     VARCHAR(100)  NOT NULL,
    change   VARCHAR(20)   NOT NULL,
    detail   VARCHAR(1000)
);
CREATE INDEX spec_index_changes_batch ON spec_index_changes (batch_id);

-- Bounded reads for status, prs, the report and pruning.
CREATE INDEX batches_started ON batches (started_at);
CREATE INDEX batches_ended ON batches (ended_at);
CREATE INDEX pull_requests_state ON pull_requests (state, project);
CREATE INDEX build_results_started ON build_results (project, spec, started_at);
CREATE INDEX integration_runs_batch ON integration_runs (batch_id);
CREATE INDEX spec_moves_batch ON spec_moves (batch_id);
CREATE INDEX mail_deliveries_status ON mail_deliveries (status, id);
CREATE INDEX mail_deliveries_batch ON mail_deliveries (batch_id);
