package dev.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.BatchStatus;
import dev.nightshift.testing.Captured;
import dev.nightshift.testing.TestHome;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status's last batches: a batch whose process died says "died", recovered or not, never "0 ok 0 failed" alone. */
class StatusHistoryIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void aRecoveredBatchThatDiedIsListedAsDied() {
        TestHome home = TestHome.create(dir);
        home.settings("agent: {kind: claude, command: \"%s\", env: []}\n".formatted(home.agent("agent.sh", "true")));
        home.project("shop", "");
        BatchRepository batches = new BatchRepository(home.db(), SecretMasker.none());
        batches.start("20260113-140000", Instant.parse("2026-01-13T14:00:00Z"), "cli", false, null, 1);
        batches.finish("20260113-140000", BatchStatus.CRASHED, Instant.parse("2026-01-13T16:00:01Z"));
        batches.start("20260113-160000", Instant.parse("2026-01-13T16:00:00Z"), "cli", false, null, 1);
        batches.finish("20260113-160000", BatchStatus.SUCCEEDED, Instant.parse("2026-01-13T16:05:00Z"));

        Captured status = Captured.run(home, "status");

        assertThat(status.exit()).isZero();
        assertThat(status.section("LAST BATCHES").lines().toList())
                .anySatisfy(line -> assertThat(line).matches("  20260113-140000 +died .*"))
                .anySatisfy(line -> assertThat(line).matches("  20260113-160000 +succeeded .*"))
                .noneSatisfy(line -> assertThat(line).contains("crashed"));
    }
}
