-- Issue 13: the owner's review of a pull request. One row per comment or review nightshift read
-- on it, so the next batch reads only what is new. Text is kept only for what reaches the agent:
-- a row that does not count (an author without write access, nightshift's own comment) keeps its
-- id alone.
CREATE TABLE review_points (
    pr_id          BIGINT        NOT NULL,
    kind           VARCHAR(20)   NOT NULL,               -- LINE | REVIEW | CONVERSATION
    item_id        BIGINT        NOT NULL,               -- the host's id of the comment or review
    batch_id       VARCHAR(32)   NOT NULL,               -- the batch that read it
    read_at        TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    state          VARCHAR(20)   NOT NULL,               -- ReviewPointState
    decision       VARCHAR(30),                          -- a review's APPROVED | CHANGES_REQUESTED
    author         VARCHAR(100),
    path           VARCHAR(1000),
    line           INT,
    diff_hunk      TEXT,
    body           TEXT,
    url            VARCHAR(1000),
    attempts       INT           NOT NULL,               -- batches that gave it to the agent
    answer         TEXT,                                 -- what the agent said it did
    answered_batch VARCHAR(32),
    CONSTRAINT review_points_key PRIMARY KEY (pr_id, kind, item_id)
);
CREATE INDEX review_points_state ON review_points (pr_id, state);
