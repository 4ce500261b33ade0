package dev.nightshift.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.cli.NightshiftCommand;
import dev.nightshift.testing.Captured;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `nightshift demo` as a new user runs it: a sample home, one batch, a report naming the PR. */
class DemoIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void theDemoRunsOneBatchThatOpensAPullRequestOnTheSampleProject() throws Exception {
        int exit = NightshiftCommand.execute("--home", dir.toString(), "demo");

        assertThat(exit).isZero();
        Path reports = dir.resolve("demo/reports");
        Path batch;
        try (var entries = Files.list(reports)) {
            batch = entries.filter(p -> p.getFileName().toString().matches("\\d{8}-\\d{6}")).findFirst().orElseThrow();
        }
        String html = Files.readString(batch.resolve("report.html"));
        assertThat(html).contains("sample", "0001-greeting", "PR opened", "PR #1", "passed");
        try (var outbox = Files.list(reports.resolve("outbox"))) {
            assertThat(outbox.map(p -> p.getFileName().toString())).containsExactly(batch.getFileName() + ".eml");
        }
        assertThat(Files.exists(dir.resolve("demo/wip-specs/sample/active/0001-greeting.md"))).isTrue();
        assertThat(Files.readString(dir.resolve("demo/agent/demo-agent.sh"))).contains("NOT an AI");
        assertThat(Files.readString(dir.resolve("demo/nightshift.yml"))).as("bubblewrap is installed here")
                .contains("sandbox: bwrap");
    }

    @Test
    void aSecondBatchOnTheDemoHomeDoesTheSpecsSecondTaskOnTheSamePullRequest() throws Exception {
        assertThat(NightshiftCommand.execute("--home", dir.toString(), "demo")).isZero();

        Captured second = Captured.execute("--home", dir.resolve("demo").toString(), "run");

        assertThat(second.exit()).as(second.err()).isZero();
        String spec = Files.readString(dir.resolve("demo/wip-specs/sample/active/0001-greeting.md"));
        assertThat(spec).contains("- [x] Add a greet function that says hello to a name",
                "- [x] Make greet shout when given --shout");
        String report = second.out().lines().filter(l -> l.startsWith("report: ")).findFirst().orElseThrow();
        String text = Files.readString(Path.of(report.substring("report: ".length())).resolveSibling("report.txt"));
        assertThat(text).contains("sample / 0001-greeting: PR updated", "PR #1 (updated");
        assertThat(Files.exists(dir.resolve("demo/wip-specs/sample/blocked/0001-greeting.md"))).isFalse();
    }

    @Test
    void theDemoRefusesToReplaceAFolderItDidNotMake() throws Exception {
        Files.createDirectories(dir.resolve("demo"));
        Files.writeString(dir.resolve("demo/precious.txt"), "mine");

        Captured refused = Captured.execute("--home", dir.toString(), "demo");

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).as("one line, no stack trace").isEqualTo("nightshift: " + dir.resolve("demo")
                + " exists and was not made by `nightshift demo`; move it away first" + System.lineSeparator());
        assertThat(refused.out()).isEmpty();
        assertThat(Files.readString(dir.resolve("demo/precious.txt"))).isEqualTo("mine");
        try (var left = Files.list(dir.resolve("demo"))) {
            assertThat(left).as("nothing added").containsExactly(dir.resolve("demo/precious.txt"));
        }
    }
}
