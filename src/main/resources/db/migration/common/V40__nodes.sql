-- Issue 16: where work runs. Each batch and build names the node (node.name) that ran it, and
-- every daemon writes its heartbeat here, so `status` lists the machines of a cluster.
ALTER TABLE batches ADD COLUMN node VARCHAR(63);
ALTER TABLE build_results ADD COLUMN node VARCHAR(63);

CREATE TABLE nodes (
    name         VARCHAR(63)  NOT NULL PRIMARY KEY,
    role         VARCHAR(20)  NOT NULL,                  -- daemon | worker
    pid          BIGINT,
    started_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP(3) WITH TIME ZONE NOT NULL
);

-- Who holds the batch lock of a cluster (PostgreSQL's advisory lock), as the holder describes
-- itself; read only while the lock is held, so a dead holder's text is never shown as live.
CREATE TABLE cluster_lock (
    name         VARCHAR(20)   NOT NULL PRIMARY KEY,
    holder       VARCHAR(1000) NOT NULL,
    described_at TIMESTAMP(3) WITH TIME ZONE NOT NULL
);
