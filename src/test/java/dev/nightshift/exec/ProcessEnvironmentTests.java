package dev.nightshift.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProcessEnvironmentTests {

    private final ProcessEnvironment environment = new ProcessEnvironment(Map.of(
            "PATH", "/usr/bin", "HOME", "/home/owner", "JAVA_HOME", "/jdk",
            "SSH_AUTH_SOCK", "/run/ssh.sock", "GIT_SSH_COMMAND", "ssh -i key",
            "GITHUB_TOKEN", "ghp_x", "MAIL_PW", "pw", "ANTHROPIC_API_KEY", "sk-ant-x", "OTHER", "y"), Set.of("MAIL_PW"));

    @Test
    void testsGetBuildToolsButNoWayToTheOwnersKeys() {
        Map<String, String> tests = environment.forTools(Map.of("CI", "true"));
        assertThat(tests).containsEntry("JAVA_HOME", "/jdk").containsEntry("CI", "true")
                .doesNotContainKeys("SSH_AUTH_SOCK", "GIT_SSH_COMMAND", "GITHUB_TOKEN", "MAIL_PW", "ANTHROPIC_API_KEY", "OTHER");
    }

    @Test
    void gitAloneGetsTheOwnersSshAgent() {
        assertThat(environment.forGit(Map.of())).containsEntry("SSH_AUTH_SOCK", "/run/ssh.sock")
                .containsEntry("GIT_SSH_COMMAND", "ssh -i key").doesNotContainKeys("GITHUB_TOKEN", "MAIL_PW");
    }

    @Test
    void theAgentGetsOnlyWhatAgentEnvNamesAndNeverACredentialOfNightshifts() {
        Map<String, String> agent = environment.forAgent(List.of("ANTHROPIC_API_KEY", "GITHUB_TOKEN", "MAIL_PW"),
                Map.of("NIGHTSHIFT_RUN", "b/1"));
        assertThat(agent.keySet()).containsExactlyInAnyOrder("PATH", "HOME", "ANTHROPIC_API_KEY", "NIGHTSHIFT_RUN");
    }
}
