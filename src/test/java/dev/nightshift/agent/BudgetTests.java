package dev.nightshift.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.config.Home;
import dev.nightshift.config.NightshiftSettings;
import dev.nightshift.config.SandboxChoice;
import dev.nightshift.config.SettingsFiles;
import dev.nightshift.exec.ProcessDeadline;
import dev.nightshift.exec.ProcessEnvironment;
import dev.nightshift.exec.ProcessRunner;
import dev.nightshift.exec.RunningProcesses;
import dev.nightshift.secret.SecretMasker;
import dev.nightshift.store.AgentRunRepository;
import dev.nightshift.store.BatchRepository;
import dev.nightshift.store.Budget;
import dev.nightshift.store.Database;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The budget is the sum of stored agent-run costs in local days and months; at or above stop-at
 * (90%) of either budget no agent run starts. Real database, seeded runs, a fixed clock.
 */
class BudgetTests {

    /** Not UTC, so that "today" and "this month" are visibly local. */
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    private Home home;
    private JdbcClient db;
    private AgentRunRepository runs;

    @BeforeEach
    void database() {
        home = new Home(dir.resolve("home"));
        db = Database.open(home);
        runs = new AgentRunRepository(db, SecretMasker.none());
    }

    @Test
    void at89PercentOfTheDailyBudgetARunMayStartAndAt90PercentNoneMay() {
        spent("2026-03-10T08:00", "4.45");
        Budget.State at89 = budget("2026-03-10T14:00").now();
        assertThat(at89.dailyShare()).isEqualByComparingTo("0.89");
        assertThat(at89.allowsRun()).isTrue();
        assertThat(at89.leftUsd()).as("what one run may still spend").isEqualByComparingTo("0.05");

        spent("2026-03-10T09:00", "0.05");
        Budget.State at90 = budget("2026-03-10T14:00").now();
        assertThat(at90.dailyShare()).isEqualByComparingTo("0.90");
        assertThat(at90.allowsRun()).isFalse();
        assertThat(at90.describe()).isEqualTo("today $4.50 of $5.00 (90%), this month $4.50 of $100.00 (5%)");
    }

    @Test
    void at89PercentOfTheMonthlyBudgetARunMayStartAndAt90PercentNoneMay() {
        spent("2026-03-02T09:00", "44.50");
        spent("2026-03-20T09:00", "44.50");
        Budget.State at89 = budget("2026-03-31T12:00").now();
        assertThat(at89.spentToday()).isEqualByComparingTo("0");
        assertThat(at89.monthlyShare()).isEqualByComparingTo("0.89");
        assertThat(at89.allowsRun()).isTrue();

        spent("2026-03-31T10:00", "1.00");
        Budget.State at90 = budget("2026-03-31T12:00").now();
        assertThat(at90.monthlyShare()).isEqualByComparingTo("0.90");
        assertThat(at90.allowsRun()).isFalse();
    }

    @Test
    void aNewMonthStartsAtZeroAtLocalMidnight() {
        spent("2026-02-10T12:00", "95.00");
        Budget.State endOfFebruary = budget("2026-02-28T23:59").now();
        assertThat(endOfFebruary.spentMonth()).isEqualByComparingTo("95.00");
        assertThat(endOfFebruary.allowsRun()).isFalse();

        // 23:30 UTC on the last day of February is already March in Berlin: it counts for March.
        long id = runs.start("b0", "shop", "s", "t", "build", 1, "claude", Instant.parse("2026-02-28T23:30:00Z"), "log");
        runs.finish(id, Instant.parse("2026-02-28T23:40:00Z"), 0, false, true, new BigDecimal("0.70"), false,
                null, null, null, null, "ok");
        Budget.State march = budget("2026-03-01T00:45").now();
        assertThat(march.spentMonth()).isEqualByComparingTo("0.70");
        assertThat(march.spentToday()).isEqualByComparingTo("0.70");
        assertThat(march.allowsRun()).isTrue();
    }

    @Test
    void theRunnerBoundsARunByWhatIsLeftAndStartsNoneOnceTheStopShareIsReached() throws IOException {
        // In its worktree: the sandboxed agent writes nowhere else.
        Path args = dir.resolve("worktree/args.txt");
        // A Claude-shaped stand-in: records its arguments, then reports what the run cost.
        Path claude = script("claude.sh", """
                #!/usr/bin/env bash
                printf '%s\\n' "$*" >> args.txt
                echo '{"type":"result","subtype":"success","is_error":false,"result":"done","total_cost_usd":0.05}'
                """);
        Files.writeString(home.settingsFile(), "agent: {kind: claude, command: \"" + claude + " -p\"}\n");
        spent("2026-03-10T08:00", "4.45");
        AgentRunner runner = runner("2026-03-10T14:00");

        AgentRunner.Outcome first = runner.run(request("b1"));
        assertThat(first.status()).isEqualTo(AgentRunner.Status.SUCCEEDED);
        assertThat(Files.readAllLines(args)).hasSize(1).first().asString()
                .as("Claude is told what is left of the budget").contains("--max-budget-usd 0.05");

        AgentRunner.Outcome second = runner.run(request("b1"));
        assertThat(second.status()).isEqualTo(AgentRunner.Status.BUDGET_STOPPED);
        assertThat(second.result().summary()).isEqualTo("not started: budget reached, today $4.50 of $5.00 (90%),"
                + " this month $4.50 of $100.00 (5%)");
        assertThat(Files.readAllLines(args)).as("the agent was not started again").hasSize(1);
        assertThat(db.sql("SELECT COUNT(*) FROM agent_runs WHERE batch_id = 'b1'").query(Integer.class).single())
                .isEqualTo(1);
        assertThat(db.sql("SELECT note FROM batches WHERE id = 'b1'").query(String.class).single())
                .isEqualTo("Budget reached: no agent run was started (today $4.50 of $5.00 (90%), this month $4.50 of"
                        + " $100.00 (5%); stop-at 90%).");
    }

    private AgentRunner runner(String localNow) {
        NightshiftSettings settings = SettingsFiles.readGlobal(home);
        Clock clock = clock(localNow);
        new BatchRepository(db, SecretMasker.none()).start("b1", clock.instant(), "cli", false, null, 1);
        ProcessRunner processes = new ProcessRunner(new RunningProcesses(), new ProcessDeadline(), SecretMasker.none());
        return new AgentRunner(home, settings, List.of(new ClaudeAgent(), new GenericAgent()), processes,
                ProcessEnvironment.ofSystem(Set.of()), runs, new Budget(runs, settings, clock),
                new BatchRepository(db, SecretMasker.none()),
                SandboxChoice.of(home, settings, ProcessEnvironment.ofSystem(Set.of())), clock);
    }

    private AgentRunner.Request request(String batch) throws IOException {
        Path worktree = Files.createDirectories(dir.resolve("worktree"));
        return new AgentRunner.Request(batch, "shop", "0001-x", "the task", "build", 1, worktree, "the prompt",
                dir.resolve("logs/agent.log"), Duration.ofSeconds(30));
    }

    private Budget budget(String localNow) {
        return new Budget(runs, SettingsFiles.readGlobal(home), clock(localNow));
    }

    private void spent(String localStart, String usd) {
        Instant at = LocalDateTime.parse(localStart).atZone(ZONE).toInstant();
        long id = runs.start("earlier", "shop", "0001-x", "a task", "build", 1, "claude", at, "log");
        runs.finish(id, at.plusSeconds(60), 0, false, true, new BigDecimal(usd), false, null, null, null, null, "ok");
    }

    private static Clock clock(String localNow) {
        return Clock.fixed(LocalDateTime.parse(localNow).atZone(ZONE).toInstant(), ZONE);
    }

    private Path script(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
