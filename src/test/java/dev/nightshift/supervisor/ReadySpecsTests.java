package dev.nightshift.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.BuildSettings;
import dev.nightshift.config.Home;
import dev.nightshift.spec.ProjectQueue;
import dev.nightshift.spec.WorkspaceReader;
import dev.nightshift.store.PullRequestState;
import dev.nightshift.store.Records.PullRequest;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan for one project: which spec it gets and why, or why none. */
class ReadySpecsTests {

    private static final BuildSettings BUILD = new BuildSettings(3, 1, 3, 2, 400);
    private static final ReadySpecs.History CALM = new ReadySpecs.History(Map.of(), Map.of(), 0, false, null);

    @TempDir
    Path dir;

    @Test
    void aReadySpecIsChosenActiveFirstThenByPriorityThenByAge() throws Exception {
        spec("next", "0001-old", "# Old\n", 10);
        spec("next", "0002-urgent", "---\npriority: 1\n---\n# Urgent\n\n## Tasks\n- [x] One\n- [ ] Two\n", 20);
        ProjectQueue project = project();

        ReadySpecs.Choice choice = ReadySpecs.choose(project, BUILD, CALM);

        assertThat(choice.spec().name()).isEqualTo("0002-urgent");
        assertThat(choice.task().text()).isEqualTo("Two");
        assertThat(choice.reason()).isEqualTo("next in queue, task 2 of 2, priority 1");

        spec("active", "0003-started", "# Started\n", 30);
        assertThat(ReadySpecs.choose(project(), BUILD, CALM)).satisfies(c -> {
            assertThat(c.spec().name()).isEqualTo("0003-started");
            assertThat(c.reason()).isEqualTo("active spec, priority 5");
        });
    }

    @Test
    void aBlockedSpecIsNeverChosenNorOneThatFailedMaxAttemptsInARow() throws Exception {
        spec("blocked", "0001-held", "# Held\n", 10);
        spec("next", "0002-flaky", "# Flaky\n", 20);
        ReadySpecs.History failing = new ReadySpecs.History(Map.of(), Map.of("0002-flaky", 3), 0, false, null);

        ReadySpecs.Choice choice = ReadySpecs.choose(project(), BUILD, failing);

        assertThat(choice.hasWork()).isFalse();
        assertThat(choice.reason()).isEqualTo("no spec is ready: 0002-flaky: failed 3 batches in a row");
        assertThat(ReadySpecs.choose(project(), BUILD,
                new ReadySpecs.History(Map.of(), Map.of("0002-flaky", 2), 0, false, null)).reason())
                .isEqualTo("next in queue, priority 5, after 2 failed batch(es)");
    }

    @Test
    void aSpecWaitsForItsDependenciesToBeDone() throws Exception {
        spec("next", "0001-auth", "# Auth\n", 10);
        spec("next", "0002-billing", "---\npriority: 1\ndepends-on: [0001-auth]\n---\n# Billing\n", 20);
        spec("next", "0003-reports", "---\npriority: 1\ndepends-on: [0009-ghost]\n---\n# Reports\n", 30);

        ReadySpecs.Choice choice = ReadySpecs.choose(project(), BUILD, CALM);

        assertThat(choice.spec().name()).as("the dependency itself is ready").isEqualTo("0001-auth");

        Files.move(dir.resolve("wip-specs/shop/next/0001-auth.md"), Files.createDirectories(dir.resolve("wip-specs/shop/blocked"))
                .resolve("0001-auth.md"));
        ReadySpecs.Choice waiting = ReadySpecs.choose(project(), BUILD, CALM);
        assertThat(waiting.hasWork()).isFalse();
        assertThat(waiting.reason()).isEqualTo("no spec is ready: 0002-billing: waiting for 0001-auth to be done");
        // a dependency the project does not have is an input problem: that spec never reaches the plan
        assertThat(project().problems()).extracting(p -> p.message())
                .anySatisfy(m -> assertThat(m).startsWith("depends-on: \"0009-ghost\" is not a spec of this project"));

        Files.move(dir.resolve("wip-specs/shop/blocked/0001-auth.md"), Files.createDirectories(dir.resolve("wip-specs/shop/done"))
                .resolve("0001-auth.md"));
        assertThat(ReadySpecs.choose(project(), BUILD, CALM).spec().name()).isEqualTo("0002-billing");
    }

    @Test
    void atTheOpenPullRequestLimitOnlyASpecWithItsOwnOpenPullRequestGoesOn() throws Exception {
        spec("next", "0001-new", "# New\n", 10);
        spec("active", "0002-open", "# Open\n\n## Tasks\n- [x] One\n- [ ] Two\n", 20);
        PullRequest open = new PullRequest(1L, "shop", "0002-open", "local", 1, "local:shop#1", "nightshift/0002-open",
                "Open", PullRequestState.OPEN, "abc", null, Instant.EPOCH, Instant.EPOCH, null);
        ReadySpecs.History atLimit = new ReadySpecs.History(Map.of("0002-open", open), Map.of(), 2, false, null);

        assertThat(ReadySpecs.choose(project(), BUILD, atLimit).spec().name()).isEqualTo("0002-open");

        spec("active", "0002-open", "# Open\n\n## Tasks\n- [x] One\n- [x] Two\n", 20);
        ReadySpecs.Choice none = ReadySpecs.choose(project(), BUILD, atLimit);
        assertThat(none.hasWork()).isFalse();
        assertThat(none.reason()).isEqualTo("no spec is ready: 0002-open: all tasks done, waiting for the owner to merge; "
                + "0001-new: 2 open PRs, at max-open-prs (2)");
    }

    @Test
    void aRedBaseGetsNoNewWork() throws Exception {
        spec("next", "0001-new", "# New\n", 10);
        ReadySpecs.History red = new ReadySpecs.History(Map.of(), Map.of(), 0, true, "integration failed at 0123456789");

        ReadySpecs.Choice choice = ReadySpecs.choose(project(), BUILD, red);

        assertThat(choice.hasWork()).isFalse();
        assertThat(choice.reason()).isEqualTo("base is red (integration failed at 0123456789): no new work until it is green");
    }

    @Test
    void aProjectWithNothingQueuedSaysSo() {
        TestHome.write(dir.resolve("wip-specs/shop/project.yml"), "repo: /tmp/x.git\ntest: true\n");
        assertThat(ReadySpecs.choose(project(), BUILD, CALM).reason()).isEqualTo("nothing queued");
    }

    @Test
    void specsThatWereAllSkippedAsProblemsAreNotNothingQueued() throws Exception {
        spec("done", "0001-old", "# Old\n", 5);
        spec("blocked", "0002-broken-but-parked", "---\npriority: high\n---\n# Parked\n", 5);
        assertThat(ReadySpecs.choose(project(), BUILD, CALM).reason()).isEqualTo("nothing queued");

        spec("next", "0003-typo", "---\nverfy: make check\n---\n# Typo\n", 10);
        spec("active", "0004-empty", "---\npriority: 1\n---\n\n", 20);
        TestHome.write(dir.resolve("wip-specs/shop/next/notes.txt"), "not a spec\n");

        ReadySpecs.Choice choice = ReadySpecs.choose(project(), BUILD, CALM);

        assertThat(choice.hasWork()).isFalse();
        assertThat(choice.reason()).isEqualTo("nothing ready: 2 spec file(s) skipped, see the problems");
    }

    private void spec(String folder, String name, String text, int ageMinutes) throws Exception {
        TestHome.write(dir.resolve("wip-specs/shop/project.yml"), "repo: /tmp/x.git\ntest: true\n");
        Path file = dir.resolve("wip-specs/shop").resolve(folder).resolve(name + ".md");
        TestHome.write(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * ageMinutes)));
    }

    private ProjectQueue project() {
        return WorkspaceReader.read(new Home(dir)).project("shop").orElseThrow();
    }
}
