package dev.nightshift.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testing.TestHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Agents that attack what the sandbox guards, one project each, in the real bubblewrap sandbox with
 * real git and a bare remote on a local path (outside /tmp, so it is visible, read-only): none of
 * them gets anything onto the remote or into nightshift's home, and the honest one still gets its
 * pull request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxIntegrationTests {

    private static final String AGENT = """
            cat > /dev/null
            ROOT='%1$s'
            feature() { printf '#!/usr/bin/env bash\\ntrue\\n' > "tests/test_$1.sh"; echo "$NIGHTSHIFT_TASK" >> FEATURES.md; }
            case "$NIGHTSHIFT_PROJECT" in
              push)
                printf '#!/usr/bin/env bash\\nfalse\\n' > tests/test_broken.sh
                git add -A && git -c user.name=agent -c user.email=agent@localhost commit -q -m "broken, pushed anyway"
                git push origin HEAD:main; git push origin HEAD:refs/heads/cheat ;;
              settings)
                sed -i 's/^test:.*/test: echo "9 passed"/' "$ROOT/wip-specs/settings/project.yml"
                printf 'build: {max-deleted-lines: 100000}\\n' >> "$ROOT/nightshift.yml"
                feature settings ;;
              state)
                rm -rf "$ROOT"/.nightshift/db* "$ROOT/reports"
                feature "state_$(printf '%%s' "$NIGHTSHIFT_TASK" | tr -c 'a-zA-Z' _)" ;;
              escape)
                ( env -u NIGHTSHIFT_RUN setsid bash -c 'sleep %2$s & disown' & )
                env -u NIGHTSHIFT_RUN setsid sleep %2$s < /dev/null > /dev/null 2>&1 &
                feature escape ;;
              testcmd)
                # Code the project's own test command runs: it fails if it can see or change anything.
                cat > tests/test_snoop.sh <<'SNOOP'
            #!/usr/bin/env bash
            [ -e '%1$s/nightshift.yml' ] && { echo "saw nightshift.yml"; exit 1; }
            echo 'test: echo "9 passed"' > '%1$s/wip-specs/testcmd/project.yml' && { echo "wrote project.yml"; exit 1; }
            echo planted > '%3$s/planted' && { echo "wrote outside its checkout"; exit 1; }
            [ -r '%4$s' ] && { echo "read the owner's file"; exit 1; }
            true
            SNOOP
                echo "$NIGHTSHIFT_TASK" >> FEATURES.md ;;
              honest)
                echo "$HOME" > home.txt
                cat '%4$s' > owner.txt 2>/dev/null || echo unreadable > owner.txt
                feature honest ;;
            esac
            exit 0
            """;

    private static final List<String> PROJECTS = List.of("push", "settings", "state", "escape", "testcmd", "honest");

    private Path base;
    private Path ownerFile;
    private String token;
    private TestHome home;
    private JdbcClient db;
    private String mainBefore;
    private Map<String, byte[]> settingsBefore;
    private Path firstReport;

    @BeforeAll
    void oneBatchOfAgentsThatAttackTheSandbox() throws IOException {
        // Outside /tmp (which the sandbox replaces): the remote is then visible, and read-only.
        base = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "sandbox-it-");
        Path outside = Files.createDirectories(base.resolve("outside"));
        ownerFile = Files.createTempFile(Path.of(System.getProperty("user.home")), "nightshift-sandbox-test-", ".txt");
        Files.writeString(ownerFile, "the owner's private file\n");
        token = "4" + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 100000) + ".5";
        home = TestHome.create(base);
        Path agent = home.agent("agent.sh", AGENT.formatted(home.root(), token, outside, ownerFile));
        home.settings("agent: {kind: generic, command: \"" + agent + "\"}\nbuild: {fix-attempts: 0, parallelism: 3}\n");
        for (String project : PROJECTS) {
            home.project(project, "");
            home.spec(project, "next", "0001-" + project, project.equals("state")
                    ? "# State\n\n## Tasks\n- [ ] One\n- [ ] Two\n" : "# " + project + "\n");
        }
        settingsBefore = Map.of("nightshift.yml", Files.readAllBytes(home.root().resolve("nightshift.yml")),
                "settings", Files.readAllBytes(home.root().resolve("wip-specs/settings/project.yml")),
                "testcmd", Files.readAllBytes(home.root().resolve("wip-specs/testcmd/project.yml")));
        mainBefore = TestHome.gitOut(home.origin(), "rev-parse", "main").strip();

        home.run("run");
        db = home.db();
        firstReport = home.latestReport();
    }

    @AfterAll
    void removeTheFiles() throws IOException {
        Files.deleteIfExists(ownerFile);
        try (Stream<Path> all = Files.walk(base)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private String outcome(String project) {
        return db.sql("SELECT outcome FROM build_results WHERE project = ? ORDER BY started_at DESC LIMIT 1")
                .param(project).query(String.class).single();
    }

    private int pullRequests(String project) {
        return db.sql("SELECT COUNT(*) FROM pull_requests WHERE project = ?").param(project).query(Integer.class).single();
    }

    @Test
    void anAgentThatPushesItselfGetsNothingOntoTheRemote() {
        assertThat(TestHome.gitOut(home.origin(), "rev-parse", "main").strip()).as("main untouched").isEqualTo(mainBefore);
        assertThat(home.originHasBranch("cheat")).isFalse();
        assertThat(home.originHasBranch("nightshift/0001-push")).isFalse();
        assertThat(outcome("push")).isEqualTo("TESTS_FAILED");
        assertThat(pullRequests("push")).isZero();
    }

    @Test
    void anAgentCannotChangeTheSettingsItIsJudgedBy() throws IOException {
        assertThat(Files.readAllBytes(home.root().resolve("nightshift.yml"))).isEqualTo(settingsBefore.get("nightshift.yml"));
        assertThat(Files.readAllBytes(home.root().resolve("wip-specs/settings/project.yml")))
                .isEqualTo(settingsBefore.get("settings"));
        assertThat(firstReport.resolve("logs/agent-settings-1.log")).content().contains("No such file or directory");
    }

    @Test
    void anAgentThatDeletesTheDatabaseLeavesItIntactAndGetsNoSecondPullRequest() {
        assertThat(outcome("state")).isEqualTo("PR_OPENED");
        assertThat(home.run("run", "--project", "state")).isZero();

        JdbcClient after = home.db();
        assertThat(after.sql("SELECT COUNT(*) FROM batches").query(Integer.class).single()).as("both batches").isEqualTo(2);
        assertThat(after.sql("SELECT COUNT(*) FROM pull_requests WHERE project = 'state'").query(Integer.class).single())
                .isEqualTo(1);
        assertThat(home.read("wip-specs/state/active/0001-state.md")).contains("- [x] One", "- [x] Two");
        assertThat(home.exists("reports/latest/report.txt")).isTrue();
    }

    @Test
    void aProcessThatEscapedItsGroupAndDroppedTheMarkerIsDeadWhenTheRunEnds() throws IOException {
        assertThat(outcome("escape")).isEqualTo("PR_OPENED");
        assertThat(processesWith("sleep " + token)).as("left running").isEmpty();
    }

    @Test
    void theProjectsTestCommandCannotSeeTheHomeNorWriteOutsideItsCheckout() throws IOException {
        assertThat(outcome("testcmd")).as(db.sql("SELECT detail, test_tail FROM build_results WHERE project = 'testcmd'")
                .query().listOfRows().toString()).isEqualTo("PR_OPENED");
        assertThat(Files.readAllBytes(home.root().resolve("wip-specs/testcmd/project.yml"))).isEqualTo(settingsBefore.get("testcmd"));
        assertThat(base.resolve("outside/planted")).doesNotExist();
        assertThat(OriginRepo.show(home, "nightshift/0001-testcmd", "tests/test_snoop.sh")).contains("saw nightshift.yml");
    }

    @Test
    void anHonestAgentOpensItsPullRequestAndSeesAScratchHomeNotTheOwners() {
        assertThat(outcome("honest")).isEqualTo("PR_OPENED");
        assertThat(pullRequests("honest")).isEqualTo(1);
        String scratch = OriginRepo.show(home, "nightshift/0001-honest", "home.txt").strip();
        assertThat(scratch).startsWith(home.root().resolve(".nightshift/sandbox/home-").toString())
                .isNotEqualTo(System.getProperty("user.home"));
        assertThat(Path.of(scratch)).as("deleted after the run").doesNotExist();
        assertThat(OriginRepo.show(home, "nightshift/0001-honest", "owner.txt").strip()).isEqualTo("unreadable");
    }

    private static List<Long> processesWith(String commandLine) throws IOException {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                Optional<String> cmdline = cmdline(proc);
                long pid = Long.parseLong(proc.getFileName().toString());
                if (cmdline.isPresent() && cmdline.get().contains(commandLine)
                        && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    found.add(pid);
                }
            }
        }
        return found;
    }

    private static Optional<String> cmdline(Path proc) {
        try {
            return Optional.of(new String(Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' '));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }
}
