package dev.nightshift.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.exec.ProcessResult;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Exit 126 or 127 with only the launcher's complaint: the program never started. */
class ProgramStartTests {

    private static ProcessResult ended(int exit, boolean timedOut, String tail) {
        return new ProcessResult(exit, timedOut, Duration.ofMillis(20), tail, "", Path.of("agent.log"));
    }

    @Test
    void aScriptPathTheWorktreeLacksIsAFailureToStartNamedByTheShellsLine() {
        ProcessResult run = ended(127, false, "$ bash agent/run.sh    # in /w, timeout 60s\n"
                + "bash: agent/run.sh: No such file or directory\nnightshift: exit 127 after 5 ms");
        assertThat(ProgramStart.failure(run)).contains("exit 127: bash: agent/run.sh: No such file or directory");
    }

    @Test
    void aScriptThatCannotBeExecutedIsOneToo() {
        ProcessResult run = ended(126, false, "bash: ./run.sh: Permission denied");
        assertThat(ProgramStart.failure(run)).contains("exit 126: bash: ./run.sh: Permission denied");
        assertThat(ProgramStart.failure(ended(127, false, ""))).contains("exit 127");
    }

    @Test
    void otherExitsAProgramThatWorkedFirstAndATimeoutAreNot() {
        assertThat(ProgramStart.failure(ended(1, false, "bash: x: No such file or directory"))).isEmpty();
        assertThat(ProgramStart.failure(ended(127, true, "bash: x: command not found"))).isEmpty();
        assertThat(ProgramStart.failure(ended(127, false, "reading the spec\nwriting src/a.sh\nrunning tests\n"
                + "run.sh: line 9: jq: command not found"))).isEmpty();
    }

    @Test
    void theReasonNamesTheSettingAndTheWorkingFolder() {
        assertThat(ProgramStart.reason("exit 127: bash: a.sh: No such file or directory", "agent.command"))
                .isEqualTo("the agent command could not start its program (exit 127: bash: a.sh: No such file or"
                        + " directory): check agent.command in nightshift.yml; its working folder is the worktree,"
                        + " so give paths after the first word as absolute paths");
    }
}
