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
 * The part of {@code status} that a cluster adds: its nodes, when each was last heard from, and the
 * latest batch each one ran. Printed only with a shared database; one machine has nothing to list.
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
        Instant now = Instant.now();
        out.println();
        out.printf("%-24s %-7s %8s %-18s %s%n", "NODES", "role", "pid", "heartbeat", "last batch");
        if (nodes.isEmpty()) {
            out.println("  no daemon has reported yet");
        }
        for (NodeRepository.Node node : nodes) {
            out.printf("%-24s %-7s %8s %-18s %s%n", TerminalText.clip(node.name(), 24), node.role(),
                    node.pid() == null ? "" : node.pid(), ago(Duration.between(node.heartbeatAt(), now)),
                    lastBatch.getOrDefault(node.name(), "-"));
        }
    }

    private static String ago(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s < 120 ? s + " s ago" : s < 7200 ? s / 60 + " min ago" : s / 3600 + " h ago";
    }
}
