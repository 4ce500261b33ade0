package dev.nightshift.testcount;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.exec.Sandbox;
import dev.nightshift.exec.RunningProcesses;
import dev.nightshift.git.Git;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report counts only when this very run wrote it: an agent that plants a passing JUnit XML
 * (untracked, committed, dated into the future, or as a link) and a test command that runs
 * nothing gets nothing counted. Real processes in a real git checkout.
 */
class TestCommandTests {

    private static final String PASSING = "<testsuite tests=\"50\"><testcase name=\"a\"/>"
            + "<testcase name=\"b\"/></testsuite>";

    @TempDir
    Path dir;

    private Path checkout;
    private TestCommand tests;

    @BeforeEach
    void aCheckoutOfACommit() {
        checkout = dir.resolve("checkout");
        TestHome.write(checkout.resolve("src/app.sh"), "echo app\n");
        TestHome.gitOut(checkout, "init", "--quiet");
        ProcessRunner runner = new ProcessRunner(new RunningProcesses(), new ProcessDeadline(), SecretMasker.none());
        ProcessEnvironment environment = ProcessEnvironment.ofSystem(Set.of());
        tests = new TestCommand(runner, environment, Sandbox.none(), new Git(runner, environment), Clock.systemUTC());
    }

    private void commitAll() {
        TestHome.gitOut(checkout, "add", "--all");
        TestHome.gitOut(checkout, "commit", "--quiet", "-m", "work");
    }

    private TestCommand.Result run(String command, List<String> reports) {
        return tests.run(new TestCommand.Run("test", command, checkout, reports, Duration.ofSeconds(60),
                dir.resolve("test.log"), dir.resolve("git.log")));
    }

    @Test
    void aPlantedPassingReportAndACommandThatRunsNothingCountsNothing() throws Exception {
        // given: the agent left a passing report untracked, one committed, and one dated a year ahead
        TestHome.write(checkout.resolve("target/surefire-reports/TEST-committed.xml"), PASSING);
        commitAll();
        TestHome.write(checkout.resolve("target/surefire-reports/TEST-planted.xml"), PASSING);
        TestHome.write(checkout.resolve("reports/TEST-future.xml"), PASSING);
        Files.setLastModifiedTime(checkout.resolve("reports/TEST-future.xml"),
                FileTime.from(Instant.now().plus(Duration.ofDays(365))));

        TestCommand.Result result = run("echo 'build ok'", List.of());

        assertThat(result.process().succeeded()).isTrue();
        assertThat(result.counts()).as("nothing this run wrote or printed shows a test").isEmpty();
    }

    @Test
    void aCommittedReportTheRunRewritesStillNeverCounts() {
        TestHome.write(checkout.resolve("target/TEST-x.xml"), PASSING);
        commitAll();

        TestCommand.Result result = run("touch target/TEST-x.xml", List.of());

        assertThat(result.counts()).isEmpty();
    }

    @Test
    void aLinkToAPassingReportIsNeverFollowed() throws Exception {
        Path outside = dir.resolve("elsewhere/TEST-passing.xml");
        TestHome.write(outside, PASSING);
        commitAll();

        TestCommand.Result result = run("mkdir -p target && ln -s " + outside + " target/TEST-link.xml", List.of());

        assertThat(result.counts()).isEmpty();
    }

    @Test
    void aReportThisRunWroteIsCountedAndItsFailuresWithIt() {
        commitAll();

        TestCommand.Result result = run("mkdir -p target && printf '<testsuite tests=\"2\"><testcase name=\"a\"/>"
                + "<testcase name=\"b\"><failure/></testcase></testsuite>' > target/TEST-run.xml", List.of());

        assertThat(result.counts()).hasValueSatisfying(c -> {
            assertThat(c.describe()).isEqualTo("2 run, 1 passed, 1 failed");
            assertThat(c.source()).isEqualTo("JUnit XML");
        });
    }

    @Test
    void testReportsGlobsNameWhereTheReportsAreAndNothingElseIsRead() {
        commitAll();

        TestCommand.Result result = run("mkdir -p out other && echo '<testsuite tests=\"3\"/>' > out/results.junit"
                + " && echo '<testsuite tests=\"40\"/>' > other/TEST-x.xml && echo 'nothing to read here'",
                List.of("out/*.junit"));

        assertThat(result.counts()).hasValueSatisfying(c -> assertThat(c.run()).isEqualTo(3));
    }

    @Test
    void aRunnerThatPrintsFailuresAndExitsZeroHasItsFailuresCounted() {
        commitAll();

        TestCommand.Result result = run("echo '0 passed, 2 failed'; exit 0", List.of());

        assertThat(result.process().exitCode()).isZero();
        assertThat(result.counts()).hasValueSatisfying(c -> assertThat(c.unsuccessful()).isEqualTo(2));
    }

    @Test
    void aPassingReportTheCodeUnderTestWritesNeverHidesTheFailuresItsRunnerPrinted() {
        commitAll();

        // A conftest.py can write a report of its own and set the exit status to 0.
        TestCommand.Result result = run("echo '2 failed, 598 passed in 1.20s'; mkdir -p r"
                + " && echo '<testsuite tests=\"600\" failures=\"0\"/>' > r/TEST-all.xml; exit 0", List.of());

        assertThat(result.counts()).hasValueSatisfying(c -> assertThat(c.unsuccessful()).isEqualTo(2));
    }
}
