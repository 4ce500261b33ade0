package dev.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SetupChecksTests {

    @Test
    void gitsReasonForAnUnreachableRemoteIsItsFirstLineNotItsClosingAdvice() {
        String sshLog = """
                $ git ls-remote --heads git@github.com:me/platform.git main    # in /tmp, timeout 30s
                ssh: Could not resolve hostname github.com: Temporary failure in name resolution
                fatal: Could not read from remote repository.

                Please make sure you have the correct access rights
                and the repository exists.
                nightshift: exit 128 after 41 ms
                """;

        assertThat(SetupChecks.gitReason(sshLog, "exit 128"))
                .isEqualTo("ssh: Could not resolve hostname github.com: Temporary failure in name resolution");
        assertThat(SetupChecks.gitReason("nightshift: exit 128 after 3 ms\n", "exit 128")).isEqualTo("exit 128");
    }
}
