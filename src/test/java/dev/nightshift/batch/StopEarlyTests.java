package dev.nightshift.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.spec.WorkspaceReader;
import dev.nightshift.testing.TestHome;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file names alone stop a batch only where reading the specs would stop it the same way. */
class StopEarlyTests {

    @TempDir
    Path dir;

    @Test
    void noSpecWaitingIsIdleEvenBesideABrokenProjectFileAsTheReadQueueSays() {
        TestHome home = TestHome.create(dir);
        home.project("shop", "");
        home.spec("shop", "done", "0001-old", "# Finished long ago\n");
        home.project("broken", "");
        TestHome.write(home.root().resolve("wip-specs/broken/project.yml"), "repo: [not, a, url\n");

        assertSameDecision(home, "IDLE");
    }

    @Test
    void thePauseFileStopsWhateverWaits() {
        TestHome home = TestHome.create(dir);
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");
        assertThat(home.run("pause", "holiday")).isZero();

        assertSameDecision(home, "PAUSED");
    }

    @Test
    void aWaitingSpecFileLeavesTheDecisionToTheReadQueueEvenWhenItIsBroken() {
        TestHome home = TestHome.create(dir);
        home.project("shop", "");
        home.spec("shop", "next", "0001-broken", "---\npriority: 1\n# The front matter is never closed\n");

        assertThat(StopEarly.glance(home.home(), null)).as("a file waits: only reading it can tell").isEmpty();
        assertThat(StopEarly.decide(home.home(), WorkspaceReader.read(home.home())).map(s -> s.status().name()))
                .contains("IDLE");
    }

    @Test
    void aWaitingSpecIsWork() {
        TestHome home = TestHome.create(dir);
        home.project("shop", "");
        home.spec("shop", "active", "0001-feature", "# Feature\n");

        assertThat(StopEarly.glance(home.home(), null)).isEmpty();
        assertThat(StopEarly.decide(home.home(), WorkspaceReader.read(home.home()))).isEmpty();
    }

    private static void assertSameDecision(TestHome home, String status) {
        Optional<StopEarly> glanced = StopEarly.glance(home.home(), null);
        Optional<StopEarly> read = StopEarly.decide(home.home(), WorkspaceReader.read(home.home()));
        assertThat(glanced).isPresent().isEqualTo(read);
        assertThat(glanced.get().status().name()).isEqualTo(status);
    }
}
