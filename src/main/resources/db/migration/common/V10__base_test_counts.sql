-- How many tests the project's `test` command ran on a commit of base: the floor the test gate
-- holds every branch to ("a run with fewer tests than base ran fails"). Measured once per commit
-- and command by the build phase, in a checkout of that commit.
CREATE TABLE base_test_counts (
    project        VARCHAR(100) NOT NULL,
    commit_sha     VARCHAR(64)  NOT NULL,
    command_hash   VARCHAR(64)  NOT NULL,               -- sha-256 of the test command it ran
    batch_id       VARCHAR(32)  NOT NULL,
    tests_run      INT,                                 -- NULL: the run left nothing countable
    tests_executed INT,                                 -- run minus skipped
    exit_code      INT,
    source         VARCHAR(40),                         -- JUnit XML | summary line
    measured_at    TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (project, commit_sha, command_hash)
);
