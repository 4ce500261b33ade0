package dev.nightshift.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.HealthCheck;
import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.store.HealthOutcome;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthProbeTests {

    private final HealthServer server = new HealthServer();
    private final HealthProbe probe = new HealthProbe(new ProcessDeadline());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theExpectedStatusIsUpWithItsLatency() {
        HealthProbe.Result result = probe.probe(new HealthCheck(server.url(), 200, "ok", Duration.ofSeconds(5)));

        assertThat(result.outcome()).isEqualTo(HealthOutcome.UP);
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.latency()).isPositive();
        assertThat(result.detail()).matches("HTTP 200 in \\d+ ms");
    }

    @Test
    void anotherStatusIsDown() {
        server.mode(HealthServer.Mode.ERROR);

        HealthProbe.Result result = probe.probe(new HealthCheck(server.url(), 200, null, Duration.ofSeconds(5)));

        assertThat(result.outcome()).isEqualTo(HealthOutcome.DOWN);
        assertThat(result.statusCode()).isEqualTo(500);
        assertThat(result.detail()).isEqualTo("HTTP 500, expected 200");
    }

    @Test
    void theRightStatusWithoutTheExpectedBodyTextIsDown() {
        server.body("status: degraded");

        HealthProbe.Result result = probe.probe(new HealthCheck(server.url(), 200, "status: ok", Duration.ofSeconds(5)));

        assertThat(result.outcome()).isEqualTo(HealthOutcome.DOWN);
        assertThat(result.detail()).isEqualTo("HTTP 200 but the body does not contain \"status: ok\"");
    }

    @Test
    void aServerThatHangsTimesOutAtTheCheckTimeout() {
        server.mode(HealthServer.Mode.HANG);

        long started = System.nanoTime();
        HealthProbe.Result result = probe.probe(new HealthCheck(server.url(), 200, null, Duration.ofSeconds(1)));
        System.out.println("the hanging check ended after " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");

        assertThat(result.outcome()).isEqualTo(HealthOutcome.TIMED_OUT);
        assertThat(result.statusCode()).isNull();
        assertThat(result.detail()).isEqualTo("no answer within 1.0s");
    }

    @Test
    void aRefusedConnectionIsDown() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }

        HealthProbe.Result result = probe.probe(new HealthCheck("http://127.0.0.1:" + port + "/healthz", 200, null,
                Duration.ofSeconds(5)));

        assertThat(result.outcome()).isEqualTo(HealthOutcome.DOWN);
        assertThat(result.statusCode()).isNull();
        assertThat(result.detail()).isEqualTo("connection refused or unreachable");
    }
}
