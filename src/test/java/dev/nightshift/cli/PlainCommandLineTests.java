package dev.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** Which command lines skip the full parser, and that each reaches its command with the same values. */
class PlainCommandLineTests {

    @Test
    void runWithItsOptionsAndTheHomeBeforeOrAfterIsPlain() {
        RunCommand run = run("--home", "/h", "run", "--dry-run", "--project", "shop");
        assertThat(run.parent.home).isEqualTo(Path.of("/h"));
        assertThat(run.dryRun).isTrue();
        assertThat(run.project).isEqualTo("shop");

        RunCommand after = run("run", "--home=/other", "--project=web");
        assertThat(after.parent.home).isEqualTo(Path.of("/other"));
        assertThat(after.dryRun).isFalse();
        assertThat(after.project).isEqualTo("web");

        assertThat(run("run").parent.home).as("the environment or the current folder decides later").isNull();
    }

    @Test
    void statusWithTheHomeIsPlain() {
        Callable<Integer> status = PlainCommandLine.of("status", "--home", "/h").orElseThrow();
        assertThat(status).isInstanceOf(StatusCommand.class);
        assertThat(((StatusCommand) status).parent.home).isEqualTo(Path.of("/h"));
    }

    @Test
    void everythingElseIsLeftToTheFullParserWhichExplainsIt() {
        String[][] others = {
                {}, {"--help"}, {"run", "--help"}, {"status", "-h"}, {"--version"}, {"daemon"}, {"prs"},
                {"run", "--dry-run", "--dry-run"}, {"--home", "/a", "--home", "/b", "run"}, {"--home"}, {"run", "--home"},
                {"run", "--project"}, {"run", "--project", "--dry-run"}, {"--project", "p", "run"}, {"status", "--dry-run"},
                {"run", "status"}, {"run", "extra"}, {"run", "--dry-run=true"}, {"--home=", "run"}, {"spec", "new", "p", "run"},
        };
        for (String[] args : others) {
            assertThat(PlainCommandLine.of(args)).as(String.join(" ", args)).isEmpty();
        }
    }

    private static RunCommand run(String... args) {
        Callable<Integer> command = PlainCommandLine.of(args).orElseThrow();
        assertThat(command).isInstanceOf(RunCommand.class);
        return (RunCommand) command;
    }
}
