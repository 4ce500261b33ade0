package dev.nightshift.cli;

import dev.nightshift.config.NodeSettings;
import java.util.Map;

/**
 * Quartz's settings when the database is shared: the daemons of all machines form one cluster
 * over the JDBC store, so each fire of the schedule runs on one node only, and when a node stops
 * checking in the others take its triggers over.
 */
final class ClusterProperties {

    /** How often a node checks in; a node silent for about this long is taken over. */
    static final String CHECKIN_MILLIS = "5000";

    private ClusterProperties() {
    }

    static Map<String, String> of(NodeSettings node) {
        String quartz = "spring.quartz.properties.org.quartz.";
        return Map.of(
                quartz + "jobStore.isClustered", "true",
                quartz + "jobStore.clusterCheckinInterval", CHECKIN_MILLIS,
                quartz + "jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate",
                // Unique per start, like Quartz's AUTO, but readable in QRTZ_SCHEDULER_STATE: the node, then the start.
                quartz + "scheduler.instanceId", node.name() + "-" + System.currentTimeMillis());
    }
}
