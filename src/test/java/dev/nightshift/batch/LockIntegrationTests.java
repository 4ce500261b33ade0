package dev.nightshift.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.ChildNightshift;
import dev.nightshift.testing.TestHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two `nightshift run`s started together, as two real processes, on one home. */
class LockIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void oneOfTwoRunsStartedTogetherExitsThreeAndTheOtherCompletes() throws Exception {
        TestHome home = TestHome.create(dir);
        // an agent slow enough that the two batches would overlap
        Path agent = home.agent("agent.sh", "cat > /dev/null\nsleep 6\necho done > DONE.md\n");
        home.settings("agent: {kind: generic, command: \"" + agent + "\"}\n");
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");

        Process first = start(home, dir.resolve("first.log"));
        Process second = start(home, dir.resolve("second.log"));
        assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();

        List<Integer> exits = new ArrayList<>(List.of(first.exitValue(), second.exitValue()));
        exits.sort(null);
        assertThat(exits).containsExactly(0, 3);
        Path lockedLog = first.exitValue() == 3 ? dir.resolve("first.log") : dir.resolve("second.log");
        assertThat(Files.readString(lockedLog, StandardCharsets.UTF_8))
                .contains("another batch holds the lock").containsPattern("pid \\d+");
        var db = home.db();
        assertThat(db.sql("SELECT COUNT(*) FROM batches").query(Integer.class).single()).isEqualTo(1);
        assertThat(db.sql("SELECT COUNT(*) FROM pull_requests").query(Integer.class).single()).isEqualTo(1);
    }

    private static Process start(TestHome home, Path log) throws IOException {
        return ChildNightshift.start(home, log, "run");
    }
}
