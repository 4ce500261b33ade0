package dev.nightshift.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.AgentRunRepository;
import dev.nightshift.store.Budget;
import dev.nightshift.testing.Captured;
import dev.nightshift.testing.TestHome;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole batch when the month's spend has reached stop-at: no agent process starts, and everyone is told. */
class BudgetIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void atNinetyPercentNoAgentProcessStartsAndTheReportSaysSoAtTheTop() throws Exception {
        TestHome home = TestHome.create(dir);
        Path started = dir.resolve("agent-started");
        Path agent = home.agent("agent.sh", "touch " + started + "\ncat > /dev/null\necho done > DONE.md\n");
        // A kind that reports cost: the budget cannot stop a generic agent, whose cost is unknown. Unconfined: a
        // started agent would leave its mark outside its working copy, where a sandbox would hide it.
        home.settings("agent: {kind: claude, command: \"" + agent + "\", env: [], sandbox: none}\n"
                + "budget: {daily-usd: 1000, monthly-usd: 100, stop-at: 0.90}\n");
        home.project("shop", "");
        home.spec("shop", "next", "0001-feature", "# Feature\n");
        AgentRunRepository runs = new AgentRunRepository(home.db(), SecretMasker.none());
        long earlier = runs.start("earlier", "shop", "0000-old", "old work", "build", 1, "claude", Instant.now(), "log");
        runs.finish(earlier, Instant.now(), 0, false, true, new BigDecimal("90.00"), false, null, null, null, null, "ok");

        assertThat(home.run("run")).isZero();

        assertThat(started).as("no agent process started").doesNotExist();
        var db = home.db();
        assertThat(db.sql("SELECT outcome FROM build_results").query(String.class).single()).isEqualTo("BUDGET_STOPPED");
        assertThat(db.sql("SELECT COUNT(*) FROM agent_runs").query(Integer.class).single()).as("only the seeded run").isEqualTo(1);
        assertThat(home.exists("wip-specs/shop/next/0001-feature.md")).as("the spec waits in next/").isTrue();
        String report = Files.readString(home.latestReport().resolve("report.txt"));
        assertThat(report.lines().skip(1).filter(l -> !l.isBlank()).findFirst()).get().asString()
                .as("the line right under the subject")
                .startsWith("! Budget reached: no agent run was started (today $90.00 of $1000.00 (9%), this month"
                        + " $90.00 of $100.00 (90%); stop-at 90%)");
        assertThat(report).as("spend, budget and share in the report's budget section")
                .contains("$90.00 of $1000.00 today (9%)", "$90.00 of $100.00 this month (90%)");
        assertThat(Files.readString(home.latestReport().resolve("report.html"))).contains("Budget reached: no agent run was started");

        Captured status = Captured.run(home, "status");
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains(
                "BUDGET: today $90.00 of $1000.00 (9%), this month $90.00 of $100.00 (90%)",
                "STOPPED: no agent run until it resets");
    }
}
