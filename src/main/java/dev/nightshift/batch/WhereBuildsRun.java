package dev.nightshift.batch;

import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.store.NodeRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Where this batch's builds run: on the cluster's workers while one is heard from, else on this
 * node as on one machine. A worker that has not beaten for {@link #WINDOW} is taken for gone, so
 * a batch never sends its builds to a cluster with nobody left to take them.
 */
@Component
class WhereBuildsRun {

    /** Three missed heartbeats: one late beat (a slow database, a pause of the JVM) is not a gone worker. */
    static final Duration WINDOW = NodeHeartbeat.EVERY.multipliedBy(3);

    private final NightshiftSettings settings;
    private final NodeRepository nodes;
    private final Clock clock;

    WhereBuildsRun(NightshiftSettings settings, NodeRepository nodes, Clock clock) {
        this.settings = settings;
        this.nodes = nodes;
        this.clock = clock;
    }

    /** The workers heard from within {@link #WINDOW}: the batch's builds go to them; none, and they run here. */
    List<String> liveWorkers() {
        if (!settings.database().shared()) {
            return List.of();
        }
        return nodes.workersSeenSince(clock.instant().minus(WINDOW));
    }
}
