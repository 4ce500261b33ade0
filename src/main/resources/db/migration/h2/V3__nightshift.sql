-- nightshift's own tables. Times are instants (UTC); reports show them in local time.
-- Free text columns hold text already masked for secrets by the store.

CREATE TABLE batches (
    id               VARCHAR(32)  NOT NULL PRIMARY KEY,  -- yyyyMMdd-HHmmss, local time of the start
    started_at       TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    ended_at         TIMESTAMP(3) WITH TIME ZONE,
    status           VARCHAR(20)  NOT NULL,              -- BatchStatus
    trigger_kind     VARCHAR(20)  NOT NULL,              -- cli | schedule | demo
    dry_run          BOOLEAN      NOT NULL DEFAULT FALSE,
    project_filter   VARCHAR(100),
    pid              BIGINT,
    job_execution_id BIGINT,
    note             VARCHAR(4000)
);

CREATE TABLE phase_results (
    batch_id   VARCHAR(32)  NOT NULL,
    phase      VARCHAR(20)  NOT NULL,                    -- supervisor | build | maintenance | integration | report
    started_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    ended_at   TIMESTAMP(3) WITH TIME ZONE,
    outcome    VARCHAR(20)  NOT NULL,                    -- PhaseOutcome
    detail     VARCHAR(4000),
    PRIMARY KEY (batch_id, phase)
);

-- Problems with the owner's files, found while reading them; each skips only what it concerns.
CREATE TABLE input_problems (
    id       BIGINT AUTO_INCREMENT PRIMARY KEY,
    batch_id VARCHAR(32)   NOT NULL,
    project  VARCHAR(200),
    file     VARCHAR(1000) NOT NULL,
    line     INT,
    message  VARCHAR(2000) NOT NULL
);
CREATE INDEX input_problems_batch ON input_problems (batch_id);

-- The queue as the supervisor saw it, so the report and status need no file access.
CREATE TABLE queue_snapshots (
    batch_id VARCHAR(32)  NOT NULL,
    project  VARCHAR(100) NOT NULL,
    next_count    INT NOT NULL,
    active_count  INT NOT NULL,
    done_count    INT NOT NULL,
    blocked_count INT NOT NULL,
    PRIMARY KEY (batch_id, project)
);

-- The supervisor's plan: at most one spec per project, and why (or why none).
CREATE TABLE plans (
    batch_id   VARCHAR(32)  NOT NULL,
    project    VARCHAR(100) NOT NULL,
    spec       VARCHAR(100),
    task       VARCHAR(2000),
    task_index INT,
    reason     VARCHAR(2000) NOT NULL,
    PRIMARY KEY (batch_id, project)
);

-- One row per planned project and batch: what the build phase made of it.
CREATE TABLE build_results (
    batch_id      VARCHAR(32)  NOT NULL,
    project       VARCHAR(100) NOT NULL,
    spec          VARCHAR(100) NOT NULL,
    task          VARCHAR(2000),
    outcome       VARCHAR(20)  NOT NULL,                 -- BuildOutcome
    detail        VARCHAR(4000),
    test_tail     CLOB,
    pr_id         BIGINT,
    pr_action     VARCHAR(20),                           -- opened | updated
    agent_millis  BIGINT,
    cost_usd      DECIMAL(14, 6),
    tests_run     INT,
    tests_passed  INT,
    note          CLOB,
    started_at    TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    ended_at      TIMESTAMP(3) WITH TIME ZONE,
    PRIMARY KEY (batch_id, project)
);
CREATE INDEX build_results_spec ON build_results (project, spec);

CREATE TABLE agent_runs (
    id                 BIGINT AUTO_INCREMENT PRIMARY KEY,
    batch_id           VARCHAR(32)  NOT NULL,
    project            VARCHAR(100) NOT NULL,
    spec               VARCHAR(100),
    task               VARCHAR(2000),
    purpose            VARCHAR(20)  NOT NULL,            -- build | fix | merge | review
    attempt            INT          NOT NULL,
    kind               VARCHAR(20)  NOT NULL,
    started_at         TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    ended_at           TIMESTAMP(3) WITH TIME ZONE,
    exit_code          INT,
    timed_out          BOOLEAN      NOT NULL DEFAULT FALSE,
    succeeded          BOOLEAN      NOT NULL DEFAULT FALSE,
    cost_usd           DECIMAL(14, 6),
    cost_estimated     BOOLEAN      NOT NULL DEFAULT FALSE,
    input_tokens       BIGINT,
    output_tokens      BIGINT,
    cache_read_tokens  BIGINT,
    cache_write_tokens BIGINT,
    log_path           VARCHAR(1000),
    summary            VARCHAR(4000)
);
CREATE INDEX agent_runs_started ON agent_runs (started_at);
CREATE INDEX agent_runs_batch ON agent_runs (batch_id);

CREATE TABLE gate_runs (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    batch_id      VARCHAR(32)  NOT NULL,
    project       VARCHAR(100) NOT NULL,
    spec          VARCHAR(100),
    command_kind  VARCHAR(20)  NOT NULL,                 -- test | verify
    attempt       INT          NOT NULL,
    started_at    TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    ended_at      TIMESTAMP(3) WITH TIME ZONE,
    exit_code     INT,
    timed_out     BOOLEAN      NOT NULL DEFAULT FALSE,
    tests_run     INT,
    tests_passed  INT,
    tests_failed  INT,
    tests_skipped INT,
    passed        BOOLEAN      NOT NULL,
    reason        VARCHAR(2000),
    log_path      VARCHAR(1000),
    tail          CLOB
);
CREATE INDEX gate_runs_batch ON gate_runs (batch_id);

CREATE TABLE pull_requests (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    project    VARCHAR(100)  NOT NULL,
    spec       VARCHAR(100)  NOT NULL,
    host       VARCHAR(20)   NOT NULL,                   -- local | github
    number     INT           NOT NULL,
    url        VARCHAR(1000) NOT NULL,
    branch     VARCHAR(300)  NOT NULL,
    title      VARCHAR(1000) NOT NULL,
    state      VARCHAR(20)   NOT NULL,                   -- PullRequestState
    head_sha   VARCHAR(64),
    body       CLOB,
    created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    closed_at  TIMESTAMP(3) WITH TIME ZONE,
    CONSTRAINT pull_requests_number UNIQUE (project, host, number)
);
CREATE INDEX pull_requests_spec ON pull_requests (project, spec);

-- What each batch added to a pull request (the comment it wrote).
CREATE TABLE pull_request_updates (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    pr_id      BIGINT       NOT NULL,
    batch_id   VARCHAR(32)  NOT NULL,
    action     VARCHAR(20)  NOT NULL,                    -- opened | updated
    head_sha   VARCHAR(64),
    comment    CLOB,
    created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT pull_request_updates_once UNIQUE (pr_id, batch_id)
);

CREATE TABLE spec_moves (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    batch_id    VARCHAR(32),
    project     VARCHAR(100) NOT NULL,
    spec        VARCHAR(100) NOT NULL,
    from_folder VARCHAR(20)  NOT NULL,
    to_folder   VARCHAR(20)  NOT NULL,
    reason      VARCHAR(4000),
    moved_at    TIMESTAMP(3) WITH TIME ZONE NOT NULL
);
CREATE INDEX spec_moves_spec ON spec_moves (project, spec);

CREATE TABLE integration_runs (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    batch_id     VARCHAR(32)  NOT NULL,
    project      VARCHAR(100) NOT NULL,
    commit_sha   VARCHAR(64)  NOT NULL,
    started_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    ended_at     TIMESTAMP(3) WITH TIME ZONE,
    exit_code    INT,
    timed_out    BOOLEAN      NOT NULL DEFAULT FALSE,
    passed       BOOLEAN      NOT NULL,
    tests_run    INT,
    tests_passed INT,
    tests_failed INT,
    log_path     VARCHAR(1000),
    tail         CLOB
);
CREATE INDEX integration_runs_project ON integration_runs (project, id);

CREATE TABLE mail_deliveries (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    batch_id   VARCHAR(32)   NOT NULL,
    file       VARCHAR(1000) NOT NULL,                   -- the .eml, in the outbox until sent
    subject    VARCHAR(1000) NOT NULL,
    status     VARCHAR(20)   NOT NULL,                   -- MailStatus
    attempts   INT           NOT NULL DEFAULT 0,
    last_error VARCHAR(2000),
    created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    sent_at    TIMESTAMP(3) WITH TIME ZONE
);
