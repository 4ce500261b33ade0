package dev.nightshift.batch;

import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.store.NodeRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * A daemon or a worker on a shared database says it is alive, every {@link #EVERY}, in the
 * {@code nodes} table: {@code status} on any machine then lists the cluster's nodes and when each
 * was last heard from, and a batch sends its builds to workers only while one is heard from. On
 * one machine (H2) there is no cluster to list, and nothing is written.
 */
@Component
@Profile({"daemon", "worker"})
class NodeHeartbeat implements InitializingBean, DisposableBean {

    static final Duration EVERY = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(NodeHeartbeat.class);

    private final NightshiftSettings settings;
    private final NodeRepository nodes;
    private final Clock clock;
    private final Instant started;
    private final String role;
    private ScheduledExecutorService timer;

    NodeHeartbeat(NightshiftSettings settings, NodeRepository nodes, Clock clock, Environment environment) {
        this.settings = settings;
        this.role = environment.matchesProfiles("worker") ? "worker" : "daemon";
        this.nodes = nodes;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public void afterPropertiesSet() {
        if (!settings.database().shared()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(run -> {
            Thread thread = new Thread(run, "node-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::beat, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            nodes.heartbeat(settings.node().name(), role, ProcessHandle.current().pid(), started, clock.instant());
        } catch (RuntimeException e) {
            // A missed beat only makes the node look older in status; the next one tries again.
            log.warn("could not record this node's heartbeat: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
