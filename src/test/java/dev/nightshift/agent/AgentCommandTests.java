package dev.nightshift.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.TestHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether agent.command can be started, and the words it is started with. */
class AgentCommandTests {

    @TempDir
    Path dir;

    @Test
    void aNameIsLookedUpOnPathAndKeptAsWritten() throws IOException {
        Path bin = executable(dir.resolve("bin/my-agent"));

        AgentCommand.Resolved found = AgentCommand.resolve("my-agent -p --json", "agent.command", dir.resolve("home"),
                "/nonexistent:" + bin.getParent());

        assertThat(found.startable()).isTrue();
        assertThat(found.words()).containsExactly("my-agent", "-p", "--json");
    }

    @Test
    void aNameNotOnPathIsNamedWithItsSetting() {
        AgentCommand.Resolved missing = AgentCommand.resolve("fake-agnet -p", "agent.command", dir, "/usr/bin:/bin");

        assertThat(missing.startable()).isFalse();
        assertThat(missing.problem()).isEqualTo("the agent command \"fake-agnet\" is not on PATH (agent.command in nightshift.yml)");
    }

    @Test
    void aRelativePathIsReadFromTheHomeAndPassedOnWhole() throws IOException {
        Path home = dir.resolve("home");
        Path script = executable(home.resolve("agents/run.sh"));

        AgentCommand.Resolved found = AgentCommand.resolve("agents/run.sh --fast", "agent.command", home, "");

        assertThat(found.words()).containsExactly(script.toAbsolutePath().toString(), "--fast");
    }

    @Test
    void aFileThatIsNotExecutableCannotBeStarted() throws IOException {
        Path script = dir.resolve("agent.sh");
        Files.writeString(script, "echo hi\n");

        AgentCommand.Resolved found = AgentCommand.resolve("\"" + script + "\"", "supervisor-agent", dir, "/usr/bin");

        assertThat(found.problem()).isEqualTo("the agent command \"" + script
                + "\" is not an executable file (supervisor-agent in nightshift.yml)");
    }

    @Test
    void anEmptyPathEntryIsNotTheWorkingFolder() throws IOException {
        executable(Path.of("").toAbsolutePath().resolve("target/agent-command-tests/helper"));
        try {
            assertThat(AgentCommand.resolve("helper", "agent.command", dir, ":target/agent-command-tests").startable())
                    .as("only absolute PATH entries are searched").isFalse();
        } finally {
            Files.deleteIfExists(Path.of("target/agent-command-tests/helper"));
        }
    }

    private static Path executable(Path file) throws IOException {
        TestHome.write(file, "#!/usr/bin/env bash\necho hi\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
