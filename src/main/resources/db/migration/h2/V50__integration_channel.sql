-- Issue 16: the queue of build requests a cluster's batch sends to its workers lives in the shared
-- PostgreSQL database only (postgresql/V50). The embedded H2 database serves one machine, whose
-- batches build on it; it holds no such queue. This version is kept so that both databases share
-- one migration history.
SELECT 1;
