package dev.nightshift.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Where work runs: the node of each batch, and the cluster's nodes with their last heartbeat. */
@Repository
public class NodeRepository {

    /**
     * A node of the cluster as it last reported.
     *
     * @param role daemon (fires the schedule) or worker
     */
    public record Node(String name, String role, Long pid, Instant startedAt, Instant heartbeatAt) {
    }

    private final JdbcClient jdbc;

    public NodeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records that {@code node} runs the batch; its builds take the same node when they are saved. */
    public void ranOn(String batchId, String node) {
        jdbc.sql("UPDATE batches SET node = ? WHERE id = ?").params(node, batchId).update();
    }

    public Optional<String> nodeOf(String batchId) {
        return jdbc.sql("SELECT node FROM batches WHERE id = ?").param(batchId).query(String.class).optional();
    }

    /** The node is alive now; its row is made on its first heartbeat and restarted with its process. */
    public void heartbeat(String name, String role, long pid, Instant startedAt, Instant now) {
        Upsert.into("nodes").key("name", name).key("role", role).value("pid", pid).value("started_at", startedAt)
                .value("heartbeat_at", now).write(jdbc);
    }

    /** The workers heard from since {@code since}: those a batch may send its builds to. */
    public List<String> workersSeenSince(Instant since) {
        return jdbc.sql("SELECT name FROM nodes WHERE role = 'worker' AND heartbeat_at >= ? ORDER BY name").param(since)
                .query(String.class).list();
    }

    /** Every node that ever reported, the most recent heartbeat first. */
    public List<Node> nodes() {
        return jdbc.sql("SELECT name, role, pid, started_at, heartbeat_at FROM nodes ORDER BY heartbeat_at DESC, name")
                .query(Rows.of(Node.class)).list();
    }
}
