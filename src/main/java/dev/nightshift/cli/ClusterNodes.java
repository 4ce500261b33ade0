package dev.nightshift.cli;

import dev.nightshift.config.Home;
import dev.nightshift.store.DatabaseTarget;
import dev.nightshift.store.NodeRepository;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The part of {@code status} that a cluster adds: its daemons and workers, when each was last heard
 * from, the latest batch each daemon ran and the latest build each worker carried out. Printed
 * only with a shared database; one machine has nothing to list.
 */
final class ClusterNodes {

    private ClusterNodes() {
    }

    static void print(Home home, JdbcClient jdbc, PrintStream out) {
        if (!DatabaseTarget.of(home).shared()) {
            return;
        }
        List<NodeRepository.Node> nodes = new NodeRepository(jdbc).nodes();
        Map<String, String> lastBatch = jdbc.sql("SELECT node, MAX(id) AS batch FROM batches WHERE node IS NOT NULL GROUP BY node")
                .query((rs, i) -> Map.entry(rs.getString("node"), rs.getString("batch"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        // A worker runs no batch: its line names the latest build it carried out, and for which batch.
        Map<String, String> lastBuild = jdbc.sql("""
                SELECT r.node, r.project, r.batch_id FROM build_results r
                WHERE r.node IS NOT NULL AND r.started_at = (SELECT MAX(o.started_at) FROM build_results o WHERE o.node = r.node)""")
                .query((rs, i) -> Map.entry(rs.getString("node"), rs.getString("project") + " in " + rs.getString("batch_id")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
        Instant now = Instant.now();
        out.println();
        out.printf("%-24s %-7s %8s %-18s %s%n", "NODES", "role", "pid", "heartbeat", "last batch / last build");
        if (nodes.isEmpty()) {
            out.println("  no daemon or worker has reported yet");
        }
        for (NodeRepository.Node node : nodes) {
            out.printf("%-24s %-7s %8s %-18s %s%n", TerminalText.clip(node.name(), 24), node.role(),
                    node.pid() == null ? "" : node.pid(), ago(Duration.between(node.heartbeatAt(), now)),
                    "worker".equals(node.role()) ? "built " + lastBuild.getOrDefault(node.name(), "nothing yet")
                            : lastBatch.getOrDefault(node.name(), "-"));
        }
    }

    private static String ago(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s < 120 ? s + " s ago" : s < 7200 ? s / 60 + " min ago" : s / 3600 + " h ago";
    }
}
