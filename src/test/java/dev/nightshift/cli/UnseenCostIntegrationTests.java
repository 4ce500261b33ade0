package dev.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.Captured;
import dev.nightshift.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent that reports no cost (the generic kind): status, the report and doctor say the budget cannot stop it. */
class UnseenCostIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void aGenericAgentsCostIsCalledUnknownInsteadOfZeroDollars() throws Exception {
        TestHome home = TestHome.create(dir);
        Path agent = home.agent("agent.sh", """
                cat > /dev/null
                printf '#!/usr/bin/env bash\\ntrue\\n' > tests/test_feature.sh
                echo feature >> FEATURES.md
                """);
        home.settings("agent: {kind: generic, command: \"%s\"}\n".formatted(agent));
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");

        assertThat(home.run("run")).isZero();

        String report = Files.readString(home.latestReport().resolve("report.txt"));
        assertThat(report).contains("BUDGET\n  Cost unknown: the budget cannot stop this agent\n",
                        "agent: ", ", unknown; tests: ")
                .doesNotContain("$0.00 of $5.00 today", "(0%)");
        assertThat(Files.readString(home.latestReport().resolve("report.html")))
                .contains("Cost unknown: the budget cannot stop this agent").doesNotContain("(0%)");

        Captured status = Captured.run(home, "status");
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("BUDGET: cost unknown: the budget cannot stop this agent")
                .doesNotContain("$0.00 of");

        Captured doctor = Captured.run(home, "doctor");
        assertThat(doctor.lines()).anySatisfy(line -> assertThat(line)
                .startsWith("WARN  budget: cost unknown: the budget cannot stop this agent"));
    }
}
